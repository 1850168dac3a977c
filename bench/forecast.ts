/**
 * Forecast accuracy benchmark (`npm run bench -- --forecast [--forecast-series 12] [--forecast-origins 4]`).
 *
 * On each family of bench/forecast-series.ts, every series is cut at several rolling origins (the
 * last `origins` × horizon periods, one horizon apart); each method forecasts `horizon` periods
 * from the history before the origin:
 *   - the forecast the API answers (src/analytics/insights/ets/forecast-series.ts: ETS by AICc);
 *   - the seasonal naive (the value one season back), with its usual Gaussian intervals
 *     σ·√(⌊(h−1)/m⌋ + 1), σ from its in-sample one-season errors;
 *   - the seasonal mean with backtest intervals (the method the API used before ETS).
 * Reported: MASE (mean absolute error over the horizon ÷ in-sample mean absolute seasonal difference
 * before the origin; averaged over series × origins), coverage of the 80 % and 95 % intervals, and
 * the mean time per fit. Results go to bench/results/forecast-latest.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { forecastSeries } from '../src/analytics/insights/ets/forecast-series';
import { normalQuantile } from '../src/analytics/insights/ets/normal-quantile';
import { fitForecast, type ForecastPoint } from '../src/analytics/insights/forecast-model';
import { table } from './common';
import { FAMILIES, type SeriesFamily } from './forecast-series';

export interface ForecastBenchOptions {
  seriesPerFamily: number;
  origins: number;
}

type Method = 'api' | 'seasonalNaive' | 'seasonalMean';
const METHODS: Method[] = ['api', 'seasonalNaive', 'seasonalMean'];
const LEVELS = [0.8, 0.95] as const;

interface Tally {
  mase: number[];
  inside: Record<(typeof LEVELS)[number], number>;
  points: number;
  ms: number;
}

interface FamilyResult {
  family: string;
  length: number;
  season: number;
  horizon: number;
  forecasts: number;
  methods: Record<Method, { mase: number; coverage80: number; coverage95: number; msPerFit: number }>;
  /** How often each ETS model (or the fallback) was chosen. */
  chosen: Record<string, number>;
}

/** The seasonal naive forecast with its analytic intervals (Hyndman & Athanasopoulos, fpp3 §5.5). */
function seasonalNaive(y: readonly number[], m: number, horizon: number, level: number): ForecastPoint[] {
  const n = y.length;
  let sse = 0;
  for (let t = m; t < n; t++) sse += (y[t] - y[t - m]) ** 2;
  const sigma = Math.sqrt(sse / (n - m));
  const z = normalQuantile(0.5 + level / 2);
  return Array.from({ length: horizon }, (_, i) => {
    const h = i + 1;
    const k = Math.floor((h - 1) / m);
    const value = y[n - m + ((h - 1) % m)];
    const half = z * sigma * Math.sqrt(k + 1);
    return { value, lower: value - half, upper: value + half };
  });
}

type Forecasts = { method: string; byLevel: Record<(typeof LEVELS)[number], ForecastPoint[]> };

function forecastWith(method: Method, y: readonly number[], m: number, horizon: number): Forecasts | null {
  if (method === 'seasonalNaive')
    return { method: 'SNAIVE', byLevel: { 0.8: seasonalNaive(y, m, horizon, 0.8), 0.95: seasonalNaive(y, m, horizon, 0.95) } };
  if (method === 'seasonalMean') {
    const [at80, at95] = LEVELS.map((level) => fitForecast(y, m, horizon, level));
    return at80 && at95 && { method: at80.method, byLevel: { 0.8: at80.points, 0.95: at95.points } };
  }
  const fit = forecastSeries(y, m, horizon, 0.8);
  if (!fit) return null;
  if (!fit.method.startsWith('ETS'))
    return { method: fit.method, byLevel: { 0.8: fit.points, 0.95: forecastSeries(y, m, horizon, 0.95)!.points } };
  // ETS intervals are point ± z·sd: the 95 % ones are the 80 % ones widened by z(0.975)/z(0.9), with no second fit.
  const widen = normalQuantile(0.975) / normalQuantile(0.9);
  const at95 = fit.points.map((p) => ({
    value: p.value,
    lower: p.value - (p.value - p.lower) * widen,
    upper: p.value + (p.upper - p.value) * widen,
  }));
  return { method: fit.method, byLevel: { 0.8: fit.points, 0.95: at95 } };
}

/** In-sample mean absolute seasonal difference: the MASE scale (Hyndman & Koehler 2006). */
function maseScale(y: readonly number[], m: number): number {
  let sum = 0;
  for (let t = m; t < y.length; t++) sum += Math.abs(y[t] - y[t - m]);
  return sum / (y.length - m);
}

function benchFamily(family: SeriesFamily, options: ForecastBenchOptions): FamilyResult {
  const { season: m, horizon } = family;
  const tallies = Object.fromEntries(
    METHODS.map((k): [Method, Tally] => [k, { mase: [], inside: { 0.8: 0, 0.95: 0 }, points: 0, ms: 0 }]),
  ) as Record<Method, Tally>;
  const chosen: Record<string, number> = {};
  let length = 0;
  let forecasts = 0;
  for (let s = 0; s < options.seriesPerFamily; s++) {
    const y = family.make(1000 + 17 * s);
    length = y.length;
    for (let o = 0; o < options.origins; o++) {
      const origin = y.length - horizon * (options.origins - o);
      const history = y.slice(0, origin);
      const actual = y.slice(origin, origin + horizon);
      const scale = maseScale(history, m);
      if (!(scale > 0)) continue;
      forecasts++;
      for (const method of METHODS) {
        const tally = tallies[method];
        const started = performance.now();
        const result = forecastWith(method, history, m, horizon);
        tally.ms += performance.now() - started;
        if (!result) throw new Error(`${method} gave no forecast for ${family.name} (history ${history.length})`);
        const points = result.byLevel[0.8];
        tally.mase.push(actual.reduce((a, v, h) => a + Math.abs(v - points[h].value), 0) / horizon / scale);
        tally.points += horizon;
        if (method === 'api') chosen[result.method] = (chosen[result.method] ?? 0) + 1;
        for (const level of LEVELS) {
          actual.forEach((v, h) => {
            if (v >= result.byLevel[level][h].lower && v <= result.byLevel[level][h].upper) tally.inside[level]++;
          });
        }
      }
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const methods = Object.fromEntries(
    METHODS.map((k) => {
      const t = tallies[k];
      return [
        k,
        { mase: mean(t.mase), coverage80: t.inside[0.8] / t.points, coverage95: t.inside[0.95] / t.points, msPerFit: t.ms / forecasts },
      ];
    }),
  ) as FamilyResult['methods'];
  return { family: family.name, length, season: m, horizon, forecasts, methods, chosen };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatForecastBench(results: FamilyResult[]): string {
  const rows = [
    [
      'Family',
      'n',
      'm',
      'h',
      'fcsts',
      'MASE api',
      'snaive',
      'smean',
      'cov80 api',
      'snaive',
      'smean',
      'cov95 api',
      'snaive',
      'smean',
      'ms/fcst',
    ],
    ...results.map((r) => [
      r.family,
      String(r.length),
      String(r.season),
      String(r.horizon),
      String(r.forecasts),
      r.methods.api.mase.toFixed(3),
      r.methods.seasonalNaive.mase.toFixed(3),
      r.methods.seasonalMean.mase.toFixed(3),
      pct(r.methods.api.coverage80),
      pct(r.methods.seasonalNaive.coverage80),
      pct(r.methods.seasonalMean.coverage80),
      pct(r.methods.api.coverage95),
      pct(r.methods.seasonalNaive.coverage95),
      pct(r.methods.seasonalMean.coverage95),
      r.methods.api.msPerFit.toFixed(0),
    ]),
  ];
  const models = results.map(
    (r) =>
      `  ${r.family}: ${Object.entries(r.chosen)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ')}`,
  );
  return [
    "Forecast backtest (api = the forecast query's method: ETS chosen by AICc; snaive = seasonal naive; smean = the former seasonal mean)",
    table(rows),
    '',
    'Models the api chose:',
    ...models,
    '',
    ...forecastTargets(results),
  ].join('\n');
}

/**
 * The issue's two goals, pooled over the families: on the seasonal ones (m > 1) the forecast's mean
 * MASE beats seasonal-naive's, and its 80 % intervals cover 70–90 % of every held-out point.
 */
export function forecastTargets(results: FamilyResult[]): string[] {
  const seasonal = results.filter((r) => r.season > 1);
  const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const apiMase = meanOf(seasonal.map((r) => r.methods.api.mase));
  const naiveMase = meanOf(seasonal.map((r) => r.methods.seasonalNaive.mase));
  const points = results.reduce((a, r) => a + r.forecasts * r.horizon, 0);
  const covered = results.reduce((a, r) => a + r.methods.api.coverage80 * r.forecasts * r.horizon, 0) / points;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  return [
    'Targets',
    `  mean MASE on the seasonal families: api ${apiMase.toFixed(3)} vs seasonal-naive ${naiveMase.toFixed(3)} (must be lower): ${verdict(apiMase < naiveMase)}`,
    `  80 % intervals, all ${points} held-out points: ${pct(covered)} covered (must be 70–90 %): ${verdict(covered >= 0.7 && covered <= 0.9)}`,
  ];
}

export function runForecastBench(options: ForecastBenchOptions, resultsDir: string, log: (msg: string) => void): FamilyResult[] {
  const results: FamilyResult[] = [];
  for (const family of FAMILIES) {
    const started = performance.now();
    results.push(benchFamily(family, options));
    log(`forecast bench: ${family.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'forecast-latest.json'), `${JSON.stringify({ options, results }, null, 1)}\n`);
  return results;
}
