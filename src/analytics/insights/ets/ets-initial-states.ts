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
 * The systems run in one pass that accumulates the normal equations (no n × k matrix): the data with
 * a zero state, a unit level, a unit trend, and one unit seasonal effect — the response to the unit
 * seasonal of slot i is that of slot 0 delayed by i periods (the recursions do not depend on t), so
 * the m − 1 seasonal columns are shifts of one.
 */
export function optimalInitialState(y: ArrayLike<number>, spec: EtsSpec, params: EtsParams): EtsState {
  const { alpha, beta, gamma, phi } = params;
  const n = y.length;
  const m = isSeasonal(spec) ? spec.season : 0;
  const trendColumn = hasTrend(spec) ? 1 : 0;
  const k = 1 + trendColumn + Math.max(0, m - 1);
  // Systems: 0 data, 1 level, 2 trend (if any), then the slot-0 seasonal impulse (if seasonal).
  const seasonalSystem = m ? 2 + trendColumn : -1;
  const systems = m ? seasonalSystem + 1 : 2 + trendColumn;
  const stride = Math.max(1, m);
  const level = new Float64Array(systems);
  const trend = new Float64Array(systems);
  const seasonal = new Float64Array(systems * stride);
  level[1] = 1;
  if (trendColumn) trend[2] = 1;
  if (m) seasonal[seasonalSystem * m] = 1;
  const impulse = new Float64Array(m ? n : 0);
  const gram = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  const u = new Float64Array(systems);
  const columns = new Float64Array(k);
  const direct = 1 + trendColumn; // columns filled straight from systems 1..direct
  for (let t = 0, slot = 0; t < n; t++) {
    for (let j = 0; j < systems; j++) {
      const at = j * stride + slot;
      const s = m ? seasonal[at] : 0;
      const damped = phi * trend[j];
      const e = (j === 0 ? y[t] : 0) - (level[j] + damped + s);
      u[j] = e;
      level[j] += damped + alpha * e;
      trend[j] = damped + beta * e;
      seasonal[at] = s + gamma * e;
    }
    if (m && ++slot === m) slot = 0;
    for (let c = 0; c < direct; c++) columns[c] = u[c + 1];
    if (m) {
      impulse[t] = u[seasonalSystem];
      for (let i = 1; i < m; i++) columns[direct + i - 1] = t >= i ? impulse[t - i] : 0;
    }
    const e0 = u[0];
    for (let a = 0, row = 0; a < k; a++, row += k) {
      const ua = columns[a];
      rhs[a] -= ua * e0;
      for (let b = 0; b <= a; b++) gram[row + b] += ua * columns[b];
    }
  }
  const x = solveSymmetric(gram, rhs, k);
  const state: EtsState = { level: x[0], trend: trendColumn ? x[1] : 0, seasonal: new Array<number>(m).fill(0) };
  for (let i = 1; i < m; i++) state.seasonal[i] = x[trendColumn + i];
  return state;
}
