import { type ForecastFit, fitForecast, minimumHistory as seasonalMeanMinimum } from '../forecast-model';
import { forecastEts } from './ets-forecast';
import { isSeasonal } from './ets-spec';
import { ETS_MIN_PERIODS, selectEtsWithin } from './ets-select';

/** One-step errors behind the fit figures: the most recent ones, like the seasonal mean's backtest origins. */
const FIT_WINDOW = 200;

/** The shortest history that gets a forecast at all, for a season length. */
export function minimumForecastHistory(season: number): number {
  return Math.min(ETS_MIN_PERIODS, seasonalMeanMinimum(season));
}

/**
 * The forecast of one series: the additive-error ETS model with the smallest AICc when the history
 * allows one (method named like ETS(A,Ad,A)); else the seasonal mean with backtest intervals
 * (SEASONAL_MEAN); null when even that is impossible.
 * Fit figures for ETS come from its one-step errors over the last 200 periods of the history
 * (parameters fitted on the whole history); MASE is scaled by the seasonal naive's in-sample error.
 * `evaluationBudget` caps the likelihood evaluations of the model search (see selectEtsWithin).
 */
export function forecastSeries(
  y: readonly number[],
  season: number,
  horizon: number,
  level: number,
  evaluationBudget = Infinity,
): ForecastFit | null {
  const selection = y.length >= ETS_MIN_PERIODS ? selectEtsWithin(y, season, evaluationBudget) : null;
  const fit = selection?.best;
  if (!selection || !fit) return fitForecast(y, season, horizon, level);
  const n = y.length;
  const from = Math.max(0, n - FIT_WINDOW);
  let abs = 0;
  let pct = 0;
  let pctCount = 0;
  for (let t = from; t < n; t++) {
    abs += Math.abs(fit.errors[t]);
    if (y[t] !== 0) {
      pct += Math.abs(fit.errors[t] / y[t]);
      pctCount++;
    }
  }
  let scale = 0;
  for (let t = season; t < n; t++) scale += Math.abs(y[t] - y[t - season]);
  scale = n > season ? scale / (n - season) : 0;
  const count = n - from;
  return {
    method: fit.name,
    season: isSeasonal(fit.spec) ? fit.spec.season : 1,
    seasonsAveraged: 0,
    points: forecastEts(fit, horizon, level).map(({ value, lower, upper }) => ({ value, lower, upper })),
    mape: pctCount ? (pct / pctCount) * 100 : null,
    mase: scale > 0 ? abs / count / scale : null,
    backtestOrigins: count,
    aic: fit.aic,
    aicc: fit.aicc,
    modelsFitted: selection.fitted,
    evaluations: selection.evaluations,
  };
}
