/**
 * Our additive-error ETS models against statsmodels' ETSModel (fixtures written by
 * scripts/forecast-reference.py; regenerate with `/usr/bin/python3 scripts/forecast-reference.py`).
 * Started from statsmodels' own fitted parameters and initial states, our log-likelihood, point
 * forecasts and 80/95 % intervals must agree to 1e-6 relative. Our own optimiser must do at least as
 * well as statsmodels' (AICc no more than 0.5 above) and choose the same model by AICc, or one within 0.5.
 */
import fs from 'node:fs';
import path from 'node:path';
import { evaluateEts, fitEts } from '../../src/analytics/insights/ets/ets-fit';
import { forecastEts } from '../../src/analytics/insights/ets/ets-forecast';
import { aicc } from '../../src/analytics/insights/ets/ets-filter';
import { ETS_MIN_PERIODS, selectEts } from '../../src/analytics/insights/ets/ets-select';
import { type EtsSpec, type EtsTrend, parameterCount } from '../../src/analytics/insights/ets/ets-spec';
import { forecastSeries, minimumForecastHistory } from '../../src/analytics/insights/ets/forecast-series';
import { normalQuantile } from '../../src/analytics/insights/ets/normal-quantile';

interface ReferenceFit {
  model: string;
  params: { alpha: number; beta: number; gamma: number; phi: number };
  initial: { level: number; trend: number; seasonal: number[] };
  llf: number;
  aicc: number;
  k: number;
  aiccWithK: number;
  mse: number;
  forecast: { mean: number[]; lower80: number[]; upper80: number[]; lower95: number[]; upper95: number[] };
}
interface Reference {
  statsmodels: string;
  series: string;
  season: number;
  horizon: number;
  y: number[];
  bestByAiccWithK: string;
  fits: ReferenceFit[];
}

const DIR = path.join(__dirname, '../fixtures/forecast');
const references: Reference[] = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Reference);

function specOf(model: string, season: number): EtsSpec {
  const match = /^ETS\(A,(N|A|Ad),(N|A)\)$/.exec(model);
  if (!match) throw new Error(`unexpected model ${model}`);
  return { trend: match[1] as EtsTrend, season: match[2] === 'A' ? season : 1 };
}

/** |actual − expected| within 1e-6 of the expected value's size (of the series' size for values near 0). */
function expectClose(actual: number, expected: number, size: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(expected), size));
}

const cases = references.flatMap((ref) => ref.fits.map((fit) => [ref.series, fit.model, ref, fit] as const));

describe('ETS against statsmodels', () => {
  it('has fixtures from statsmodels', () => {
    expect(references.length).toBeGreaterThanOrEqual(5);
    for (const ref of references) expect(ref.statsmodels).toMatch(/^\d+\.\d+/);
  });

  it.each(cases)("%s %s: likelihood, forecasts and intervals at statsmodels' parameters", (_series, model, ref, fit) => {
    const spec = specOf(model, ref.season);
    const size = Math.max(...ref.y.map(Math.abs));
    const ours = evaluateEts(ref.y, spec, fit.params, fit.initial);
    expect(ours.name).toBe(model);
    expect(ours.k).toBe(fit.k);
    expectClose(ours.llf, fit.llf, 1);
    expectClose(ours.sigma2, fit.mse, 1);
    expectClose(ours.aicc, fit.aiccWithK, 1);
    expect(ours.sigma2Unbiased).toBeCloseTo((fit.mse * ref.y.length) / (ref.y.length - fit.k), 6);
    // statsmodels' intervals use the maximum-likelihood variance SSE / n.
    const p80 = forecastEts(ours, ref.horizon, 0.8, 'mle');
    const p95 = forecastEts(ours, ref.horizon, 0.95, 'mle');
    p80.forEach((p, h) => {
      expectClose(p.value, fit.forecast.mean[h], size);
      expectClose(p.lower, fit.forecast.lower80[h], size);
      expectClose(p.upper, fit.forecast.upper80[h], size);
      expectClose(p95[h].lower, fit.forecast.lower95[h], size);
      expectClose(p95[h].upper, fit.forecast.upper95[h], size);
    });
  });

  it.each(cases)("%s %s: our maximum-likelihood fit is at least as good as statsmodels'", (_series, model, ref, fit) => {
    const ours = fitEts(ref.y, specOf(model, ref.season));
    expect(ours.aicc).toBeLessThanOrEqual(fit.aiccWithK + 0.5);
  });

  it.each(references.map((ref) => [ref.series, ref] as const))("%s: AICc chooses statsmodels' model, or one within 0.5", (_series, ref) => {
    const chosen = selectEts(ref.y, ref.season)!;
    const theirs = ref.fits.find((f) => f.model === ref.bestByAiccWithK)!;
    expect(chosen.aicc).toBeLessThanOrEqual(theirs.aiccWithK + 0.5);
    if (chosen.name !== theirs.model) {
      // Only a model statsmodels itself scores within 0.5 of its best may differ.
      const same = ref.fits.find((f) => f.model === chosen.name)!;
      expect(same.aiccWithK).toBeLessThanOrEqual(theirs.aiccWithK + 0.5);
    }
  });
});

describe('ETS building blocks', () => {
  it('normal quantiles', () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 13);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 13);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 12);
  });

  it('AICc counts smoothing parameters, initial states (m − 1 seasonals) and σ²', () => {
    expect(parameterCount({ trend: 'N', season: 1 })).toBe(3);
    expect(parameterCount({ trend: 'Ad', season: 7 })).toBe(4 + 2 + 6 + 1);
    expect(aicc(-100, 5, 4)).toBe(Infinity);
  });

  it('a too-short history gets no ETS model; the seasonal mean stands in where it can; below that, nothing', () => {
    const y = [5, 7, 6, 8, 7, 9, 8, 10, 9];
    expect(y.length).toBeLessThan(ETS_MIN_PERIODS);
    expect(selectEts(y, 1)).toBeNull();
    expect(forecastSeries(y, 1, 3, 0.8)?.method).toBe('SEASONAL_MEAN');
    expect(forecastSeries(y, 7, 3, 0.8)).toBeNull();
    expect(minimumForecastHistory(1)).toBe(3);
    expect(minimumForecastHistory(7)).toBe(ETS_MIN_PERIODS);
    const longer = [...y, 8, 11, 10];
    expect(forecastSeries(longer, 7, 3, 0.8)?.method).toMatch(/^ETS\(A,(N|A|Ad),N\)$/);
  });
});
