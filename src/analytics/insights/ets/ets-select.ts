import { type FittedEts, fitEts } from './ets-fit';
import { candidateSpecs, type EtsSpec, isSeasonal, parameterCount } from './ets-spec';

/** Below this many periods no ETS model is fitted (statsmodels' heuristic initialisation needs 10 too). */
export const ETS_MIN_PERIODS = 10;
/** A model needs this many periods beyond its parameter count, so the AICc correction stays finite and moderate. */
const PERIODS_BEYOND_PARAMETERS = 4;

/** Whether a history is long enough to fit a model at all. */
export function canFit(n: number, spec: EtsSpec): boolean {
  if (n < ETS_MIN_PERIODS || n < parameterCount(spec) + PERIODS_BEYOND_PARAMETERS) return false;
  return !isSeasonal(spec) || n >= 2 * spec.season;
}

/**
 * Fits every admissible additive-error model (ANN, AAN, AAdN, and ANA, AAA, AAdA when season > 1)
 * and keeps the one with the smallest AICc; null when the history is too short for any of them.
 */
export function selectEts(y: readonly number[], season: number): FittedEts | null {
  let best: FittedEts | null = null;
  for (const spec of candidateSpecs(season)) {
    if (!canFit(y.length, spec)) continue;
    const fit = fitEts(y, spec);
    if (Number.isFinite(fit.aicc) && (!best || fit.aicc < best.aicc)) best = fit;
  }
  return best;
}
