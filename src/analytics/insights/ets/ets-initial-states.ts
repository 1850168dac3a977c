import { filterEts } from './ets-filter';
import { type EtsParams, type EtsSpec, type EtsState, hasTrend, isSeasonal } from './ets-spec';
import { leastSquares } from './least-squares';

/**
 * The initial states that maximise the likelihood for given smoothing parameters. With additive
 * errors the one-step errors are affine in the initial state, so the best state is a linear
 * least-squares fit — exact, and it leaves only the smoothing parameters to the optimiser.
 * The seasonal effect of the first period is fixed at 0 (a constant moves freely between level and
 * seasonals), as statsmodels does.
 */
export function optimalInitialState(y: ArrayLike<number>, spec: EtsSpec, params: EtsParams): EtsState {
  const m = isSeasonal(spec) ? spec.season : 0;
  const zeroState = (): EtsState => ({ level: 0, trend: 0, seasonal: new Array<number>(m).fill(0) });
  const zeros = new Float64Array(y.length);
  const units: EtsState[] = [];
  units.push({ ...zeroState(), level: 1 });
  if (hasTrend(spec)) units.push({ ...zeroState(), trend: 1 });
  for (let i = 1; i < m; i++) {
    const s = zeroState();
    s.seasonal[i] = 1;
    units.push(s);
  }
  // errors(x) = errors(0) + Σ x_i · errorsOfUnit_i (with y = 0): solve U x ≈ −errors(0).
  const base = filterEts(y, spec, params, zeroState()).errors;
  const columns = units.map((u) => filterEts(zeros, spec, params, u).errors);
  const x = leastSquares(columns, base.map((e) => -e));
  const state = zeroState();
  let i = 0;
  state.level = x[i++];
  if (hasTrend(spec)) state.trend = x[i++];
  for (let j = 1; j < m; j++) state.seasonal[j] = x[i++];
  return state;
}
