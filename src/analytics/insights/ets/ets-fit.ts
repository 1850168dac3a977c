import { aicc, filterEts, logLikelihood } from './ets-filter';
import { optimalInitialState } from './ets-initial-states';
import { type EtsParams, type EtsSpec, type EtsState, etsName, hasTrend, isDamped, isSeasonal, parameterCount } from './ets-spec';
import { nelderMead } from './nelder-mead';

export interface FittedEts {
  spec: EtsSpec;
  name: string;
  params: EtsParams;
  initial: EtsState;
  /** States after the last observation. */
  final: EtsState;
  errors: Float64Array;
  n: number;
  /** Maximum-likelihood error variance, SSE / n (what statsmodels uses for its intervals). */
  sigma2: number;
  llf: number;
  /** Parameters counted by the criteria (see parameterCount). */
  k: number;
  aicc: number;
}

/**
 * The usual admissible region (Hyndman et al. 2008, §5.3 "usual" bounds, as in statsmodels and R):
 * 0 < α < 1, 0 < β < α, 0 < γ < 1 − α, 0.8 < φ < 0.98 — searched through β* = β/α and γ* = γ/(1 − α),
 * each kept in (1e-4, 1 − 1e-4).
 */
const UNIT: [number, number] = [1e-4, 1 - 1e-4];
const PHI: [number, number] = [0.8, 0.98];

const squash = (u: number, [lo, hi]: [number, number]) => lo + (hi - lo) / (1 + Math.exp(-u));
const unsquash = (p: number, [lo, hi]: [number, number]) => Math.log((p - lo) / (hi - p));

function paramsOf(u: readonly number[], spec: EtsSpec): EtsParams {
  let i = 0;
  const alpha = squash(u[i++], UNIT);
  const beta = hasTrend(spec) ? alpha * squash(u[i++], UNIT) : 0;
  const gamma = isSeasonal(spec) ? (1 - alpha) * squash(u[i++], UNIT) : 0;
  const phi = isDamped(spec) ? squash(u[i++], PHI) : 1;
  return { alpha, beta, gamma, phi };
}

function vectorOf(p: EtsParams, spec: EtsSpec): number[] {
  const u = [unsquash(p.alpha, UNIT)];
  if (hasTrend(spec)) u.push(unsquash(p.beta / p.alpha, UNIT));
  if (isSeasonal(spec)) u.push(unsquash(p.gamma / (1 - p.alpha), UNIT));
  if (isDamped(spec)) u.push(unsquash(p.phi, PHI));
  return u;
}

/** Evaluates a model at given parameters and initial states (also how fitted models are checked against statsmodels). */
export function evaluateEts(y: readonly number[], spec: EtsSpec, params: EtsParams, initial: EtsState): FittedEts {
  const { errors, sse, final } = filterEts(y, spec, params, initial);
  const n = y.length;
  const llf = logLikelihood(sse, n);
  const k = parameterCount(spec);
  return { spec, name: etsName(spec), params, initial, final, errors, n, sigma2: sse / n, llf, k, aicc: aicc(llf, n, k) };
}

/** Starting points: statsmodels' defaults (α 0.1, β 0.01, γ 0.01, φ 0.97) and a fast-adapting one. */
const STARTS: EtsParams[] = [
  { alpha: 0.1, beta: 0.01, gamma: 0.01, phi: 0.97 },
  { alpha: 0.5, beta: 0.05, gamma: 0.05, phi: 0.9 },
];

/**
 * Maximum-likelihood fit of one model: Nelder–Mead over the smoothing parameters, with the initial
 * states solved exactly by least squares at each step (see optimalInitialState).
 */
export function fitEts(y: readonly number[], spec: EtsSpec): FittedEts {
  const sse = (u: number[]) => {
    const p = paramsOf(u, spec);
    return filterEts(y, spec, p, optimalInitialState(y, spec, p)).sse;
  };
  let best: { x: number[]; value: number } | null = null;
  for (const start of STARTS) {
    let found = nelderMead(sse, vectorOf(start, spec), { step: 1 });
    // A restart from the end point guards against a collapsed simplex.
    found = nelderMead(sse, found.x, { step: 0.25 });
    if (!best || found.value < best.value) best = found;
  }
  const params = paramsOf(best!.x, spec);
  return evaluateEts(y, spec, params, optimalInitialState(y, spec, params));
}
