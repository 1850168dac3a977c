import { MIN_MODEL_EVALUATIONS } from './ets-select';

/**
 * What one forecast request may spend fitting ETS models, in point-evaluations: likelihood
 * evaluations × periods of history they run over (each evaluation is one pass over the history, so
 * this is what the CPU time follows). A whole request never spends more, however many series.
 */
export const REQUEST_FIT_BUDGET = 12_000_000;

export interface SeriesFitPlan {
  /** Most recent periods of history to fit on (fewer than available when the budget is short). */
  periods: number;
  /** Likelihood evaluations the model search of the series may make. */
  evaluations: number;
}

/**
 * A series' even share of the request's budget: the whole history while that leaves at least
 * MIN_MODEL_EVALUATIONS evaluations, else the most recent periods that do. periods × evaluations
 * never exceeds budget ÷ seriesCount, and selectEtsWithin spends at most `evaluations` once it is at
 * least MIN_MODEL_EVALUATIONS — so seriesCount fits spend at most `budget`.
 */
export function planSeriesFit(seriesCount: number, available: number, budget = REQUEST_FIT_BUDGET): SeriesFitPlan {
  const allowance = Math.floor(budget / Math.max(1, seriesCount));
  const periods = Math.max(1, Math.min(available, Math.floor(allowance / MIN_MODEL_EVALUATIONS)));
  return { periods, evaluations: Math.floor(allowance / periods) };
}
