/**
 * The worst forecast request the API accepts, timed (part of `npm run bench -- --forecast`):
 * MAX_FORECAST_SERIES series at DAY grain with the longest history it reads (730 days) and the
 * longest horizon (90), fitted as the service fits them (src/analytics/insights/ets/fit-budget.ts:
 * each series an even share of REQUEST_FIT_BUDGET). The same fits without a budget take minutes,
 * so they are timed on a sample of the series and scaled to the whole request. The floor, measured
 * in the same run, is one likelihood evaluation of ETS(A,N,A) over each full history: the unit the
 * budget counts in. The database read and GraphQL are left out: they are the same with or without
 * the cap. Accuracy of both on the sample: MASE over the 90 days after the history.
 */
import { performance } from 'node:perf_hooks';
import { filterEts } from '../src/analytics/insights/ets/ets-filter';
import { optimalInitialState } from '../src/analytics/insights/ets/ets-initial-states';
import { planSeriesFit, REQUEST_FIT_BUDGET } from '../src/analytics/insights/ets/fit-budget';
import { forecastSeries } from '../src/analytics/insights/ets/forecast-series';
import { HISTORY_PERIODS, MAX_FORECAST_SERIES, MAX_HORIZON } from '../src/analytics/insights/forecast.service';
import { seededRandom } from '../demo/seeded-random';

const WEEKLY = [1.25, 0.85, 0.9, 0.9, 0.95, 1.05, 1.1];
const HISTORY = HISTORY_PERIODS.DAY;
const HORIZON = MAX_HORIZON.DAY;

/** Daily streams with a weekly rhythm and a drifting level: history plus the days a forecast is scored on. */
function dailySeries(seed: number): number[] {
  const rng = seededRandom(seed);
  const z = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  let level = 300 + 1500 * rng();
  return Array.from({ length: HISTORY + HORIZON }, (_, t) => {
    level = Math.max(20, level + 0.01 * level * z());
    return Math.max(0, Math.round(level * WEEKLY[t % 7] + 0.05 * level * z()));
  });
}

export interface WorstRequestResult {
  series: number;
  historyDays: number;
  horizon: number;
  fitBudget: number;
  /** Periods and evaluations each series got under the budget. */
  plan: { periods: number; evaluations: number };
  floorMs: number;
  cappedMs: number;
  /** CPU time of this process during the capped fits (the machine may be shared: wall time can be more). */
  cappedCpuMs: number;
  /** Point-evaluations the capped request spent (never above fitBudget). */
  cappedPointEvaluations: number;
  sample: number;
  uncappedMsPerSeries: number;
  cappedMsPerSeries: number;
  /** Uncapped time per series × series: the request before the cap. */
  uncappedMsEstimate: number;
  maseCapped: number;
  maseUncapped: number;
  modelsCapped: Record<string, number>;
}

function mase(history: readonly number[], actual: readonly number[], values: readonly number[]): number {
  let scale = 0;
  for (let t = 7; t < history.length; t++) scale += Math.abs(history[t] - history[t - 7]);
  scale /= history.length - 7;
  return actual.reduce((a, v, h) => a + Math.abs(v - values[h]), 0) / actual.length / scale;
}

export function runWorstForecastRequest(sample: number, log: (msg: string) => void): WorstRequestResult {
  const all = Array.from({ length: MAX_FORECAST_SERIES }, (_, i) => dailySeries(5000 + i));
  const histories = all.map((y) => y.slice(0, HISTORY));
  const ana = { trend: 'N' as const, season: 7 };
  const params = { alpha: 0.2, beta: 0, gamma: 0.05, phi: 1 };
  let started = performance.now();
  for (const y of histories) filterEts(y, ana, params, optimalInitialState(y, ana, params));
  const floorMs = performance.now() - started;

  const plan = planSeriesFit(histories.length, HISTORY);
  const modelsCapped: Record<string, number> = {};
  let spent = 0;
  const cappedFits = [];
  started = performance.now();
  const cpu = process.cpuUsage();
  for (const y of histories) {
    const fit = forecastSeries(y.slice(-plan.periods), 7, HORIZON, 0.8, plan.evaluations)!;
    spent += fit.evaluations * plan.periods;
    modelsCapped[fit.method] = (modelsCapped[fit.method] ?? 0) + 1;
    cappedFits.push(fit);
  }
  const cappedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cappedCpuMs = (used.user + used.system) / 1000;
  log(`forecast worst request: ${histories.length} series capped in ${(cappedMs / 1000).toFixed(1)} s`);

  let uncappedMs = 0;
  let maseUncapped = 0;
  let maseCapped = 0;
  const n = Math.min(sample, histories.length);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const fit = forecastSeries(histories[i], 7, HORIZON, 0.8)!;
    uncappedMs += performance.now() - t0;
    const actual = all[i].slice(HISTORY);
    maseUncapped +=
      mase(
        histories[i],
        actual,
        fit.points.map((p) => p.value),
      ) / n;
    maseCapped +=
      mase(
        histories[i],
        actual,
        cappedFits[i].points.map((p) => p.value),
      ) / n;
  }
  log(`forecast worst request: ${n} series uncapped in ${(uncappedMs / 1000).toFixed(1)} s`);
  return {
    series: histories.length,
    historyDays: HISTORY,
    horizon: HORIZON,
    fitBudget: REQUEST_FIT_BUDGET,
    plan,
    floorMs,
    cappedMs,
    cappedCpuMs,
    cappedPointEvaluations: spent,
    sample: n,
    uncappedMsPerSeries: uncappedMs / n,
    cappedMsPerSeries: cappedMs / histories.length,
    uncappedMsEstimate: (uncappedMs / n) * histories.length,
    maseCapped,
    maseUncapped,
    modelsCapped,
  };
}

export function formatWorstRequest(r: WorstRequestResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `Worst accepted forecast request: ${r.series} series × ${r.historyDays} days, DAY, horizon ${r.horizon} (model fitting only)`,
    `  floor (one likelihood evaluation per full history): ${r.floorMs.toFixed(0)} ms`,
    `  capped (budget ${r.fitBudget.toLocaleString('en')} point-evaluations: ${r.plan.periods} days × ≤ ${r.plan.evaluations} evaluations per series): ` +
      `${s(r.cappedMs)} (CPU ${s(r.cappedCpuMs)}) = ${(r.cappedMs / r.floorMs).toFixed(0)}× the floor, ${r.cappedPointEvaluations.toLocaleString('en')} point-evaluations spent`,
    `  uncapped (every model, whole history), ${r.sample} series timed and scaled to ${r.series}: ≈ ${s(r.uncappedMsEstimate)} = ` +
      `${(r.uncappedMsEstimate / r.floorMs).toFixed(0)}× the floor (${r.uncappedMsPerSeries.toFixed(0)} ms against ${r.cappedMsPerSeries.toFixed(0)} ms per series)`,
    `  MASE over the next ${r.horizon} days on those ${r.sample} series: capped ${r.maseCapped.toFixed(3)}, uncapped ${r.maseUncapped.toFixed(3)}`,
    `  models the capped fits chose: ${Object.entries(r.modelsCapped)
      .map(([k, v]) => `${k} ×${v}`)
      .join(', ')}`,
  ].join('\n');
}
