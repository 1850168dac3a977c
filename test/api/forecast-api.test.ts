/**
 * Forecasts over real HTTP on both databases, from a real-shape DistroKid streams page (weekly
 * rhythm with noise) and a bank export. Forecasts are recomputed here from the generated values
 * (ETS through the model's own entry point, the seasonal-mean fallback by hand); the ETS model is
 * checked against statsmodels in test/unit/ets.test.ts, and the seasonal mean's interval honesty on
 * synthetic series in test/unit/insights/forecast-model.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { forecastSeries } from '../../src/analytics/insights/ets/forecast-series';
import { createLogger } from '../../src/config/logger';
import { seededRandom } from '../../demo/seeded-random';
import { realStreamsStatsHtml } from '../../demo/sample-exports/distrokid-streams-page';
import { IngestService } from '../../src/ingest/ingest-service';
import { type OracleRow, readBankExport } from '../helpers/bank-oracle';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { writeBankExport } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

interface Series {
  source: string;
  platform: { code: string } | null;
  method: string;
  season: number;
  lastActualPeriod: string;
  mape: number | null;
  mase: number | null;
  backtestOrigins: number;
  points: Array<{ period: string; value: string; lower: string; upper: string }>;
}
const QUERY = `query($metric: ForecastMetric!, $grain: ForecastGrain!, $horizon: Int!, $groupBy: [AnomalyDimension!], $level: Int) {
  forecast(metric: $metric, grain: $grain, horizon: $horizon, groupBy: $groupBy, level: $level) {
    source platform { code } method season lastActualPeriod mape mase backtestOrigins points { period value lower upper } } }`;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
/** How the API shows streams: one decimal. */
const streams = (v: number) => (Math.round(v * 10) / 10).toFixed(1);
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

  const ask = async (variables: Record<string, unknown>): Promise<Series[]> => {
    const res = await server.gql<{ forecast: Series[] }>(QUERY, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.forecast;
  };

  it('daily streams: an ETS model with weekday seasonality chosen by AICc, with intervals and fit', async () => {
    const [s] = await ask({ metric: 'STREAMS', grain: 'DAY', horizon: 14, groupBy: ['PLATFORM'] });
    expect(s).toMatchObject({ source: 'distrokid', platform: { code: 'spotify' }, season: 7, lastActualPeriod: LAST });
    expect(s.method).toMatch(/^ETS\(A,(N|A|Ad),A\)$/);
    const expected = forecastSeries(
      days.map((d) => d.streams),
      7,
      14,
      0.8,
    )!;
    expect(s.method).toBe(expected.method);
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
    expect(s.mape).toBeGreaterThan(0);
    expect(s.mape).toBeLessThan(15);
    expect(s.mase).toBeGreaterThan(0);
    expect(s.backtestOrigins).toBeGreaterThan(100);
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
    expect(s).toMatchObject({ method: expected.method, season: 1 });
    expect(s.method).toMatch(/^ETS\(A,(N|A|Ad),N\)$/);
    expect(s.points.map((p) => p.value)).toEqual(expected.points.map((p) => streams(p.value)));
  });

  it('monthly streams: too short for ETS (9 whole months), the seasonal mean of the last four months stands in', async () => {
    const [s] = await ask({ metric: 'STREAMS', grain: 'MONTH', horizon: 2 });
    const months = new Map<string, number>();
    for (const d of days) months.set(d.date.slice(0, 7), (months.get(d.date.slice(0, 7)) ?? 0) + d.streams);
    const whole = [...months.keys()].sort().slice(0, -1); // June 2025 ends after the data: partial
    expect(whole).toHaveLength(9);
    expect(s).toMatchObject({ method: 'SEASONAL_MEAN', season: 1, lastActualPeriod: whole[whole.length - 1] });
    const mean = whole.slice(-4).reduce((a, m) => a + months.get(m)!, 0) / 4;
    expect(Number(s.points[0].value)).toBeCloseTo(mean, 1);
  });

  it('net revenue by sale month: recomputed from the statement lines (under 25 months of history: no seasonality)', async () => {
    const [s] = await ask({ metric: 'NET_REVENUE', grain: 'MONTH', horizon: 2 });
    const byMonth = new Map<string, bigint>();
    for (const r of rows) byMonth.set(r.saleMonth.slice(0, 7), (byMonth.get(r.saleMonth.slice(0, 7)) ?? 0n) + r.net);
    const months = [...byMonth.keys()].sort();
    expect(s.lastActualPeriod).toBe(months[months.length - 1]);
    expect(s.season).toBe(1);
    const expected = forecastSeries(
      months.map((m) => Number(byMonth.get(m)!)),
      1,
      2,
      0.8,
    )!;
    expect(s.method).toBe(expected.method);
    expect(Number(s.points[0].value)).toBeCloseTo(expected.points[0].value / 1e9, 6);
  });

  it('bad input gets coded errors', async () => {
    const code = async (v: Record<string, unknown>) => (await server.gql(QUERY, v)).body.errors?.[0].extensions?.code;
    expect(await code({ metric: 'STREAMS', grain: 'DAY', horizon: 7, level: 90 })).toBe('BAD_USER_INPUT');
    expect(await code({ metric: 'STREAMS', grain: 'DAY', horizon: 0 })).toBe('BAD_USER_INPUT');
    expect(await code({ metric: 'STREAMS', grain: 'MONTH', horizon: 25 })).toBe('BAD_USER_INPUT');
    expect(await code({ metric: 'NET_REVENUE', grain: 'DAY', horizon: 7 })).toBe('BAD_USER_INPUT');
    expect((await server.gql(QUERY, { metric: 'STREAMS', grain: 'DAY', horizon: 7 }, null)).body.errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
