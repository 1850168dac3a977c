/**
 * Seasonal-mean forecasts with honest intervals. The point forecast of a period is the mean of
 * the same season (weekday, month of year…) over the last K seasons before the forecast origin.
 * Intervals come from the model's own errors in a rolling-origin backtest over the history: for
 * each step ahead, the empirical quantiles of (actual − forecast) are added to the point.
 */

export const FORECAST_METHOD = 'SEASONAL_MEAN';
/** Seasons averaged for a point forecast. */
const MAX_SEASONS = 4;
/** At most this many backtest origins (the most recent). */
const MAX_ORIGINS = 200;
/** Below this many backtest errors for a step, the step pools the errors of every step. */
const MIN_ERRORS_PER_STEP = 20;

export interface ForecastPoint {
  value: number;
  lower: number;
  upper: number;
}

export interface ForecastFit {
  method: string;
  season: number;
  seasonsAveraged: number;
  points: ForecastPoint[];
  /** Mean absolute percentage error of one-step backtest forecasts (actuals of 0 left out), in %; null without any. */
  mape: number | null;
  /** Mean absolute one-step backtest error ÷ mean absolute seasonal difference of the history; null when undefined. */
  mase: number | null;
  backtestOrigins: number;
  /** Information criteria of the chosen ETS model; null for SEASONAL_MEAN. */
  aic: number | null;
  aicc: number | null;
  /** ETS models fitted and compared by AICc (0 for SEASONAL_MEAN). */
  modelsFitted: number;
  /** Likelihood evaluations the ETS model search made (0 for SEASONAL_MEAN). */
  evaluations: number;
}

/** The latest index before `origin` in the same season as `target`. */
const sameSeasonBefore = (target: number, origin: number, m: number) => target - m * Math.ceil((target - origin + 1) / m);

function pointAt(y: readonly number[], target: number, origin: number, m: number, k: number): number {
  const base = sameSeasonBefore(target, origin, m);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += y[base - m * j];
  return sum / k;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Minimum history: two seasons plus one period, so at least one backtest origin exists. */
export function minimumHistory(season: number): number {
  return 2 * season + 1;
}

export function fitForecast(y: readonly number[], season: number, horizon: number, level: number): ForecastFit | null {
  const n = y.length;
  const m = season;
  if (n < minimumHistory(m)) return null;
  const k = Math.max(1, Math.min(MAX_SEASONS, Math.floor((n - 1) / m) - 1));
  const firstOrigin = Math.max(m * k, n - MAX_ORIGINS);
  const errors: number[][] = Array.from({ length: horizon }, () => []);
  const oneStepAbs: number[] = [];
  const oneStepPct: number[] = [];
  for (let o = firstOrigin; o < n; o++) {
    for (let h = 0; h < horizon && o + h < n; h++) {
      const e = y[o + h] - pointAt(y, o + h, o, m, k);
      errors[h].push(e);
      if (h === 0) {
        oneStepAbs.push(Math.abs(e));
        if (y[o] !== 0) oneStepPct.push(Math.abs(e / y[o]));
      }
    }
  }
  const pooled = errors.flat().sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  const points = Array.from({ length: horizon }, (_, h) => {
    const value = pointAt(y, n + h, n, m, k);
    const own = errors[h].length >= MIN_ERRORS_PER_STEP ? [...errors[h]].sort((a, b) => a - b) : pooled;
    return { value, lower: value + quantile(own, alpha), upper: value + quantile(own, 1 - alpha) };
  });
  const seasonalDiffs: number[] = [];
  for (let t = m; t < n; t++) seasonalDiffs.push(Math.abs(y[t] - y[t - m]));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const scale = seasonalDiffs.length ? mean(seasonalDiffs) : 0;
  return {
    method: FORECAST_METHOD,
    season: m,
    seasonsAveraged: k,
    points,
    mape: oneStepPct.length ? mean(oneStepPct) * 100 : null,
    mase: oneStepAbs.length && scale > 0 ? mean(oneStepAbs) / scale : null,
    backtestOrigins: n - firstOrigin,
    aic: null,
    aicc: null,
    modelsFitted: 0,
    evaluations: 0,
  };
}
