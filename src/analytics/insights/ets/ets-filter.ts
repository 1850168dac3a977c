import { type EtsParams, type EtsSpec, type EtsState, isSeasonal } from './ets-spec';

export interface FilterResult {
  /** One-step errors y[t] − ŷ[t|t−1]. */
  errors: Float64Array;
  sse: number;
  /** The states after the last observation: the forecast origin. */
  final: EtsState;
}

/**
 * Runs the state-space recursions of an additive-error model (Hyndman et al. 2008, table 2.2):
 *   ŷ = l + φb + s[t−m],  e = y − ŷ,
 *   l ← l + φb + αe,  b ← φb + βe,  s[t] = s[t−m] + γe.
 */
export function filterEts(y: ArrayLike<number>, spec: EtsSpec, params: EtsParams, initial: EtsState): FilterResult {
  const { alpha, beta, gamma, phi } = params;
  const m = isSeasonal(spec) ? spec.season : 0;
  const seasonal = Float64Array.from(initial.seasonal);
  let level = initial.level;
  let trend = initial.trend;
  const errors = new Float64Array(y.length);
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const slot = m ? t % m : 0;
    const s = m ? seasonal[slot] : 0;
    const damped = phi * trend;
    const e = y[t] - (level + damped + s);
    errors[t] = e;
    sse += e * e;
    level = level + damped + alpha * e;
    trend = damped + beta * e;
    if (m) seasonal[slot] = s + gamma * e;
  }
  const next = m ? y.length % m : 0;
  const final: EtsState = { level, trend, seasonal: m ? [...seasonal.subarray(next), ...seasonal.subarray(0, next)] : [] };
  return { errors, sse, final };
}

/** Gaussian log-likelihood with the variance concentrated out (σ² = SSE / n), as statsmodels and R define it. */
export function logLikelihood(sse: number, n: number): number {
  return (-n / 2) * (Math.log((2 * Math.PI * sse) / n) + 1);
}

/** Akaike's criterion corrected for small samples; Infinity when n ≤ k + 1. */
export function aicc(llf: number, n: number, k: number): number {
  if (n <= k + 1) return Infinity;
  return -2 * llf + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
}
