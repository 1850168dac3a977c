import { type EtsParams, type EtsSpec, type EtsState, hasTrend, isSeasonal } from './ets-spec';
import { solveSymmetric } from './symmetric-solve';

/**
 * The initial states that maximise the likelihood for given smoothing parameters. With additive
 * errors the one-step errors are affine in the initial state, e(x) = e(0) + U x, where column i of U
 * is the error response to a unit initial state i with data 0. The best state is the least-squares
 * solution of U x ≈ −e(0) — exact, and it leaves only the smoothing parameters to the optimiser.
 * The seasonal effect of the first period is fixed at 0 (a constant moves freely between level and
 * seasonals), as statsmodels does.
 *
 * All systems (the data with a zero state, and each unit state with zero data) run in one pass that
 * accumulates the normal equations, so the cost is a few filter passes and no n × k matrix.
 */
export function optimalInitialState(y: ArrayLike<number>, spec: EtsSpec, params: EtsParams): EtsState {
  const { alpha, beta, gamma, phi } = params;
  const m = isSeasonal(spec) ? spec.season : 0;
  const trendColumn = hasTrend(spec) ? 1 : 0;
  const k = 1 + trendColumn + Math.max(0, m - 1);
  const systems = k + 1; // system 0 carries the data; system j ≥ 1 the unit state of column j − 1
  const level = new Float64Array(systems);
  const trend = new Float64Array(systems);
  const seasonal = new Float64Array(systems * Math.max(1, m));
  level[1] = 1;
  if (trendColumn) trend[2] = 1;
  for (let i = 1; i < m; i++) seasonal[(1 + trendColumn + i) * m + i] = 1;
  const gram = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  const u = new Float64Array(systems);
  const seasonStride = Math.max(1, m);
  for (let t = 0, slot = 0; t < y.length; t++) {
    for (let j = 0; j < systems; j++) {
      const at = j * seasonStride + slot;
      const s = m ? seasonal[at] : 0;
      const damped = phi * trend[j];
      const e = (j === 0 ? y[t] : 0) - (level[j] + damped + s);
      u[j] = e;
      level[j] += damped + alpha * e;
      trend[j] = damped + beta * e;
      seasonal[at] = s + gamma * e;
    }
    if (m && ++slot === m) slot = 0;
    const e0 = u[0];
    for (let a = 0, row = 0; a < k; a++, row += k) {
      const ua = u[a + 1];
      rhs[a] -= ua * e0;
      for (let b = 0; b <= a; b++) gram[row + b] += ua * u[b + 1];
    }
  }
  const x = solveSymmetric(gram, rhs, k);
  const state: EtsState = { level: x[0], trend: trendColumn ? x[1] : 0, seasonal: new Array<number>(m).fill(0) };
  for (let i = 1; i < m; i++) state.seasonal[i] = x[trendColumn + i];
  return state;
}
