/**
 * Forecasts over real HTTP on both databases, from a real-shape DistroKid streams page (weekly
 * rhythm with noise) and a bank export. Forecasts are recomputed here from the generated values
 * (ETS through the model's own entry point, the seasonal-mean fallback by hand); the ETS model is
 * checked against statsmodels in test/unit/ets.test.ts, and the seasonal mean's interval honesty on
 * synthetic series in test/unit/insights/forecast-model.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { planSeriesFit } from '../../src/analytics/insights/ets/fit-budget';
import { forecastSeries } from '../../src/analytics/insights/ets/forecast-series';
import { createLogger } from '../../src/config/logger';
import { seededRandom } from '../../demo/seeded-random';
import { realStreamsStatsHtml } from '../../demo/sample-exports/distrokid-streams-page';
import { IngestService } from '../../src/ingest/ingest-service';
import { type OracleRow, readBankExport } from '../helpers/bank-oracle';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { writeBankExport } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

interface Method {
  name: string;
  season: number;
  aic: number | null;
  aicc: number | null;
  modelsFitted: number;
  evaluations: number;
  mape: number | null;
  mase: number | null;
  backtestOrigins: number;
}
interface Series {
  source: string;
  platform: { code: string } | null;
  track: { isrc: string | null } | null;
  artist: { name: string } | null;
  method: Method;
  historyFrom: string;
  historyPeriods: number;
  lastActualPeriod: string;
  points: Array<{ period: string; value: string; lower: string; upper: string }>;
}
interface Forecast {
  metric: string;
  grain: string;
  horizon: number;
  levelPercent: number;
  historyLimit: number;
  fitBudget: number;
  seriesFound: number;
  series: Series[];
}
const QUERY = `query($metric: ForecastMetric!, $grain: ForecastGrain!, $horizon: Int!, $groupBy: [AnomalyDimension!], $level: Int) {
  forecast(metric: $metric, grain: $grain, horizon: $horizon, groupBy: $groupBy, level: $level) {
    metric grain horizon levelPercent historyLimit fitBudget seriesFound
    series { source platform { code } track { isrc } artist { name } historyFrom historyPeriods lastActualPeriod
      method { name season aic aicc modelsFitted evaluations mape mase backtestOrigins } points { period value lower upper } } } }`;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
/** How the API shows streams: one decimal. */
const streams = (v: number) => (Math.round(v * 10) / 10).toFixed(1);
/** How the API shows money from nano units: the nearest nano unit, then cents, halves away from zero. */
function cents(nano: number): string {
  const n = BigInt(Math.round(nano));
  const abs = n < 0n ? -n : n;
  const c = (abs + 5_000_000n) / 10_000_000n;
  const text = `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`;
  return n < 0n && c > 0n ? `-${text}` : text;
}
const LAST = '2025-06-29'; // a Sunday: the last week is whole

function series(): Array<{ date: string; streams: number }> {
  const rng = seededRandom(41);
  const rhythm = [1500, 1000, 1100, 1050, 1000, 1200, 1400];
  return Array.from({ length: 300 }, (_, i) => {
    const date = addDays(LAST, i - 299);
    return { date, streams: Math.round(rhythm[new Date(`${date}T00:00:00Z`).getUTCDay()] * (0.9 + rng() * 0.2)) };
  });
}

describeEachDatabase('forecast API over HTTP', (kind) => {
  let server: TestServer;
  let rows: OracleRow[];
  const days = series();

  beforeAll(async () => {
    server = await startTestServer(kind);
    const dir = tempDir('forecast');
    const page = path.join(dir, 'streams_stats_20250630_090000.html');
    fs.writeFileSync(page, realStreamsStatsHtml({ seed: 8, series: days }));
    const bank = writeBankExport(dir, 'dk_bank_details_20250701_090000.tsv', { rows: 1500 });
    rows = readBankExport(bank.file);
    const summaries = await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([page, bank.file]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded']);
  });
  afterAll(async () => server?.close());

  const answer = async (variables: Record<string, unknown>): Promise<Forecast> => {
    const res = await server.gql<{ forecast: Forecast }>(QUERY, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.forecast;
  };
  const ask = async (variables: Record<string, unknown>): Promise<Series[]> => (await answer(variables)).series;

  it('daily streams: an ETS model with weekday seasonality chosen by AICc, with intervals and fit', async () => {
    const f = await answer({ metric: 'STREAMS', grain: 'DAY', horizon: 14, groupBy: ['PLATFORM'] });
    expect(f).toMatchObject({ metric: 'STREAMS', grain: 'DAY', horizon: 14, levelPercent: 80, historyLimit: 730, seriesFound: 1 });
    const [s] = f.series;
    expect(s).toMatchObject({
      source: 'distrokid',
      platform: { code: 'spotify' },
      track: null,
      artist: null,
      historyFrom: days[0].date,
      historyPeriods: days.length,
      lastActualPeriod: LAST,
    });
    expect(s.method.name).toMatch(/^ETS\(A,(N|A|Ad),A\)$/);
    expect(s.method.season).toBe(7);
    // One series gets the whole fit budget: every admissible model, each within its share.
    const plan = planSeriesFit(1, days.length);
    const expected = forecastSeries(
      days.map((d) => d.streams),
      7,
      14,
      0.8,
      plan.evaluations,
    )!;
    expect(s.method).toMatchObject({ name: expected.method, modelsFitted: 6, evaluations: expected.evaluations });
    expect(s.method.evaluations * s.historyPeriods).toBeLessThanOrEqual(f.fitBudget);
    expect(s.method.aicc).toBeCloseTo(expected.aicc!, 2);
    // AICc = AIC + 2k(k + 1)/(n − k − 1), k counted for the model named (ETS(A,·,A) with m = 7).
    const k = { N: 0, A: 2, Ad: 3 }[/^ETS\(A,(N|A|Ad),A\)$/.exec(s.method.name)![1] as 'N' | 'A' | 'Ad'] + 1 + 1 + 6 + 1 + 1;
    expect(s.method.aicc! - s.method.aic!).toBeCloseTo((2 * k * (k + 1)) / (days.length - k - 1), 2);
    s.points.forEach((p, h) => {
      expect(p.period).toBe(addDays(LAST, h + 1));
      expect(p).toMatchObject({
        value: streams(expected.points[h].value),
        lower: streams(expected.points[h].lower),
        upper: streams(expected.points[h].upper),
      });
      expect(Number(p.lower)).toBeLessThan(Number(p.value));
      expect(Number(p.upper)).toBeGreaterThan(Number(p.value));
    });
    expect(s.method.mape).toBeGreaterThan(0);
    expect(s.method.mape).toBeLessThan(15);
    expect(s.method.mase).toBeGreaterThan(0);
    expect(s.method.backtestOrigins).toBe(200);
    // 95 % intervals are wider than 80 % ones.
    const [wide] = await ask({ metric: 'STREAMS', grain: 'DAY', horizon: 14, groupBy: ['PLATFORM'], level: 95 });
    expect(Number(wide.points[0].upper) - Number(wide.points[0].lower)).toBeGreaterThan(
      Number(s.points[0].upper) - Number(s.points[0].lower),
    );
  });

  it('weekly streams: whole weeks only, next weeks labelled by their Monday, ETS without seasonality', async () => {
    const [s] = await ask({ metric: 'STREAMS', grain: 'WEEK', horizon: 3 });
    expect(s.lastActualPeriod).toBe(addDays(LAST, -6));
    expect(s.points.map((p) => p.period)).toEqual([addDays(LAST, 1), addDays(LAST, 8), addDays(LAST, 15)]);
    const weeks = new Map<string, number>();
    for (const d of days) weeks.set(mondayOf(d.date), (weeks.get(mondayOf(d.date)) ?? 0) + d.streams);
    const expected = forecastSeries(
      [...weeks.keys()].sort().map((w) => weeks.get(w)!),
      1,
      3,
      0.8,
    )!;
    expect(s.method).toMatchObject({ name: expected.method, season: 1 });
    expect(s.method.name).toMatch(/^ETS\(A,(N|A|Ad),N\)$/);
    expect(s.points.map((p) => p.value)).toEqual(expected.points.map((p) => streams(p.value)));
  });

  it('monthly streams: too short for ETS (9 whole months), the seasonal mean of the last four months stands in', async () => {
    const [s] = await ask({ metric: 'STREAMS', grain: 'MONTH', horizon: 2 });
    const months = new Map<string, number>();
    for (const d of days) months.set(d.date.slice(0, 7), (months.get(d.date.slice(0, 7)) ?? 0) + d.streams);
    const whole = [...months.keys()].sort().slice(0, -1); // June 2025 ends after the data: partial
    expect(whole).toHaveLength(9);
    expect(s).toMatchObject({
      method: { name: 'SEASONAL_MEAN', season: 1, aic: null, aicc: null, modelsFitted: 0, evaluations: 0 },
      lastActualPeriod: whole[whole.length - 1],
    });
    const mean = whole.slice(-4).reduce((a, m) => a + months.get(m)!, 0) / 4;
    expect(Number(s.points[0].value)).toBeCloseTo(mean, 1);
  });

  it('net revenue by sale month: recomputed from the statement lines (under 25 months of history: no seasonality)', async () => {
    const [s] = await ask({ metric: 'NET_REVENUE', grain: 'MONTH', horizon: 2 });
    const byMonth = new Map<string, bigint>();
    for (const r of rows) byMonth.set(r.saleMonth.slice(0, 7), (byMonth.get(r.saleMonth.slice(0, 7)) ?? 0n) + r.net);
    const months = [...byMonth.keys()].sort();
    expect(s.lastActualPeriod).toBe(months[months.length - 1]);
    expect(s.method.season).toBe(1);
    const expected = forecastSeries(
      months.map((m) => Number(byMonth.get(m)!)),
      1,
      2,
      0.8,
    )!;
    expect(s.method.name).toBe(expected.method);
    // Decimal strings with two decimals, rounded as the schema says.
    expect(s.points.map((p) => [p.value, p.lower, p.upper])).toEqual(
      expected.points.map((p) => [cents(p.value), cents(p.lower), cents(p.upper)]),
    );
    for (const p of s.points) expect(p.value).toMatch(/^-?\d+\.\d{2}$/);
  });

  it('net revenue by track: object relations per series, each fit within its share of the request budget', async () => {
    const f = await answer({ metric: 'NET_REVENUE', grain: 'MONTH', horizon: 2, groupBy: ['TRACK'] });
    const isrcs = new Set(rows.map((r) => r.isrc));
    expect(f.seriesFound).toBeGreaterThanOrEqual(f.series.length);
    const tracked = f.series.filter((s) => s.track !== null).map((s) => s.track!.isrc);
    // One series per track, each a track of the export; statement lines without a track make at most one more series.
    expect(tracked.length).toBeGreaterThan(10);
    expect(new Set(tracked).size).toBe(tracked.length);
    for (const isrc of tracked) expect(isrcs.has(isrc)).toBe(true);
    expect(f.series.length - tracked.length).toBeLessThanOrEqual(1);
    const share = f.fitBudget / Math.min(f.seriesFound, 500);
    for (const s of f.series) {
      expect(s).toMatchObject({ platform: null, artist: null });
      expect(s.method.evaluations * s.historyPeriods).toBeLessThanOrEqual(share);
    }
    expect(f.series.reduce((a, s) => a + s.method.evaluations * s.historyPeriods, 0)).toBeLessThanOrEqual(f.fitBudget);
  });

  it('bad input gets coded errors', async () => {
    const code = async (v: Record<string, unknown>) => (await server.gql(QUERY, v)).body.errors?.[0].extensions?.code;
    for (const level of [90, 0, -80, 100, 800])
      expect(await code({ metric: 'STREAMS', grain: 'DAY', horizon: 7, level })).toBe('BAD_USER_INPUT');
    const levelError = (await server.gql(QUERY, { metric: 'STREAMS', grain: 'DAY', horizon: 7, level: 90 })).body.errors?.[0];
    expect(levelError?.message).toBe('level must be 80 or 95 (got 90)');
    expect(await code({ metric: 'STREAMS', grain: 'DAY', horizon: 0 })).toBe('BAD_USER_INPUT');
    expect(await code({ metric: 'STREAMS', grain: 'MONTH', horizon: 25 })).toBe('BAD_USER_INPUT');
    expect(await code({ metric: 'NET_REVENUE', grain: 'DAY', horizon: 7 })).toBe('BAD_USER_INPUT');
    expect((await server.gql(QUERY, { metric: 'STREAMS', grain: 'DAY', horizon: 7 }, null)).body.errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
