import { type FittedEts, fitEts } from './ets-fit';
import { candidateSpecs, type EtsSpec, isSeasonal, parameterCount } from './ets-spec';

/** Below this many periods no ETS model is fitted (statsmodels' heuristic initialisation needs 10 too). */
export const ETS_MIN_PERIODS = 10;
/** A model needs this many periods beyond its parameter count, so the AICc correction stays finite and moderate. */
const PERIODS_BEYOND_PARAMETERS = 4;
/**
 * Fewest likelihood evaluations a budgeted model fit gets: below it the optimiser stops too far from
 * the optimum for AICc to compare models fairly, so fewer models are fitted instead.
 */
export const MIN_MODEL_EVALUATIONS = 150;

/** Whether a history is long enough to fit a model at all. */
export function canFit(n: number, spec: EtsSpec): boolean {
  if (n < ETS_MIN_PERIODS || n < parameterCount(spec) + PERIODS_BEYOND_PARAMETERS) return false;
  return !isSeasonal(spec) || n >= 2 * spec.season;
}

/**
 * The models worth fitting first when the budget cannot pay for all: the season the data has (when
 * any), the damped trend before the linear one (it forecasts better over long horizons), and the
 * plain level last of each.
 */
function byPriority(specs: EtsSpec[]): EtsSpec[] {
  const rank = (s: EtsSpec) => (isSeasonal(s) ? 0 : 3) + { N: 0, Ad: 1, A: 2 }[s.trend];
  return [...specs].sort((a, b) => rank(a) - rank(b));
}

export interface EtsSelection {
  /** The model with the smallest AICc; null when the history is too short for any. */
  best: FittedEts | null;
  /** Models fitted (fewer than admissible when the budget is short). */
  fitted: number;
  /** Likelihood evaluations made over all the models fitted. */
  evaluations: number;
}

/**
 * Fits the admissible additive-error models (ANN, AAN, AAdN, and ANA, AAA, AAdA when season > 1)
 * and keeps the one with the smallest AICc. With a budget of likelihood evaluations, each model
 * fitted gets an even share of at least MIN_MODEL_EVALUATIONS, and only as many models as that
 * pays for are fitted (at least one, in byPriority order); the evaluations made never exceed
 * max(budget, MIN_MODEL_EVALUATIONS).
 */
export function selectEtsWithin(y: readonly number[], season: number, budget = Infinity): EtsSelection {
  const admissible = byPriority(candidateSpecs(season).filter((spec) => canFit(y.length, spec)));
  const affordable = Math.max(1, Math.floor(budget / MIN_MODEL_EVALUATIONS));
  const specs = admissible.slice(0, affordable);
  let best: FittedEts | null = null;
  let evaluations = 0;
  specs.forEach((spec, i) => {
    const share = Number.isFinite(budget)
      ? Math.max(MIN_MODEL_EVALUATIONS, Math.floor((budget - evaluations) / (specs.length - i)))
      : Infinity;
    const fit = fitEts(y, spec, share);
    evaluations += fit.evaluations;
    if (Number.isFinite(fit.aicc) && (!best || fit.aicc < best.aicc)) best = fit;
  });
  return { best, fitted: specs.length, evaluations };
}

/** Every admissible model fitted without a budget; the one with the smallest AICc, or null when the history is too short. */
export function selectEts(y: readonly number[], season: number): FittedEts | null {
  return selectEtsWithin(y, season).best;
}
