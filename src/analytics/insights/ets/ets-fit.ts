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
  /** Error variance corrected for the parameters fitted, SSE / (n − k) (what R's ets() uses); Infinity when n ≤ k. */
  sigma2Unbiased: number;
  llf: number;
  /** Parameters counted by the criteria (see parameterCount). */
  k: number;
  aicc: number;
  /** Akaike's criterion, −2·llf + 2k. */
  aic: number;
  /** Evaluations of the likelihood the optimiser made (0 for evaluateEts). */
  evaluations: number;
}

/**
 * The usual admissible region (Hyndman et al. 2008, §5.3 "usual" bounds, as in statsmodels and R):
 * 0 < α < 1, 0 < β < α, 0 < γ < 1 − α, 0.8 < φ < 0.98 — searched through β* = β/α and γ* = γ/(1 − α),
 * each kept in [1e-4, 1 − 1e-4] like α (statsmodels' box).
 */
const UNIT = [1e-4, 1 - 1e-4] as const;
const PHI = [0.8, 0.98] as const;

/** The search vector: α, then β*, γ*, φ for the components the model has. */
function boxOf(spec: EtsSpec): Array<readonly [number, number]> {
  return [UNIT, ...(hasTrend(spec) ? [UNIT] : []), ...(isSeasonal(spec) ? [UNIT] : []), ...(isDamped(spec) ? [PHI] : [])];
}

function paramsOf(v: readonly number[], spec: EtsSpec): EtsParams {
  let i = 0;
  const alpha = v[i++];
  const beta = hasTrend(spec) ? alpha * v[i++] : 0;
  const gamma = isSeasonal(spec) ? (1 - alpha) * v[i++] : 0;
  const phi = isDamped(spec) ? v[i] : 1;
  return { alpha, beta, gamma, phi };
}

function vectorOf(p: EtsParams, spec: EtsSpec): number[] {
  const v = [p.alpha];
  if (hasTrend(spec)) v.push(p.beta / p.alpha);
  if (isSeasonal(spec)) v.push(p.gamma / (1 - p.alpha));
  if (isDamped(spec)) v.push(p.phi);
  return v;
}

/** An SSE this small is rounding noise: σ below 1e-10 of the series' size. */
function negligibleSse(y: readonly number[]): number {
  let sumSquares = 0;
  for (const v of y) sumSquares += v * v;
  return 1e-20 * Math.max(sumSquares, y.length);
}

/** Evaluates a model at given parameters and initial states (also how fitted models are checked against statsmodels). */
export function evaluateEts(y: readonly number[], spec: EtsSpec, params: EtsParams, initial: EtsState): FittedEts {
  const { errors, sse: raw, final } = filterEts(y, spec, params, initial);
  const n = y.length;
  // A series the model fits exactly (a constant, a perfect rhythm) would have an infinite likelihood.
  const sse = Math.max(raw, negligibleSse(y));
  const llf = logLikelihood(sse, n);
  const k = parameterCount(spec);
  return {
    spec,
    name: etsName(spec),
    params,
    initial,
    final,
    errors,
    n,
    sigma2: sse / n,
    sigma2Unbiased: n > k ? sse / (n - k) : Infinity,
    llf,
    k,
    aicc: aicc(llf, n, k),
    aic: -2 * llf + 2 * k,
    evaluations: 0,
  };
}

/**
 * Starting points: statsmodels' defaults (α 0.1, β 0.01, γ 0.01, φ 0.98) and a fast-adapting,
 * strongly damped one (the likelihood can have separate optima near both ends of φ's range).
 */
const STARTS: EtsParams[] = [
  { alpha: 0.1, beta: 0.01, gamma: 0.01, phi: 0.98 },
  { alpha: 0.5, beta: 0.05, gamma: 0.05, phi: 0.82 },
];

/** Evaluations one Nelder–Mead run may make when the fit is not budgeted (each run stops earlier once converged). */
export const RUN_EVALUATIONS = 1000;

/**
 * Maximum-likelihood fit of one model: Nelder–Mead over the smoothing parameters, with the initial
 * states solved exactly by least squares at each step (see optimalInitialState). `maxEvaluations`
 * caps the likelihood evaluations of the whole fit (split evenly between the starting points, each
 * start's restart getting what its first run left): the fit then stops at the best point found.
 */
export function fitEts(y: readonly number[], spec: EtsSpec, maxEvaluations = Infinity): FittedEts {
  const sse = (u: number[]) => {
    const p = paramsOf(u, spec);
    return filterEts(y, spec, p, optimalInitialState(y, spec, p)).sse;
  };
  const options = { absoluteTolerance: negligibleSse(y) };
  let best: { x: number[]; value: number } | null = null;
  let used = 0;
  STARTS.forEach((start, i) => {
    const share = Math.floor((maxEvaluations - used) / (STARTS.length - i));
    if (share < 1 && best) return;
    let found = nelderMead(sse, vectorOf(start, spec), boxOf(spec), {
      ...options,
      step: 0.1,
      maxEvaluations: Math.min(RUN_EVALUATIONS, share),
    });
    let spent = found.evaluations;
    // A restart from the end point guards against a collapsed simplex.
    if (share - spent >= 1) {
      const restart = nelderMead(sse, found.x, boxOf(spec), {
        ...options,
        step: 0.02,
        maxEvaluations: Math.min(RUN_EVALUATIONS, share - spent),
      });
      spent += restart.evaluations;
      found = restart.value <= found.value ? restart : found;
    }
    used += spent;
    if (!best || found.value < best.value) best = found;
  });
  const params = paramsOf(best!.x, spec);
  return { ...evaluateEts(y, spec, params, optimalInitialState(y, spec, params)), evaluations: used };
}
