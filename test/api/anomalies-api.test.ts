/**
 * Anomalies over real HTTP on both databases. STREAMS: a real-shape DistroKid streams page whose
 * series has a weekly rhythm, ±3 % noise and three injected days (a spike, a drop, a zero), then a
 * later capture restating one day. VIEWS: a real TikTok Overview download judged against this
 * file's own implementation of the documented rule. Expected days come from the injected values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/config/logger';
import { seededRandom } from '../../demo/seeded-random';
import { realStreamsStatsHtml } from '../../demo/sample-exports/distrokid-streams-page';
import { IngestService } from '../../src/ingest/ingest-service';
import { overviewSample } from '../../demo/sample-exports/tiktok';
import { readBankExport } from '../helpers/bank-oracle';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { writeBankExport } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

interface Anomaly {
  period: string;
  source: string;
  platform: { code: string } | null;
  metric: string;
  value: string;
  expected: string | null;
  robustZ: number | null;
  direction: string;
  kind: string;
  reason: string;
}

const QUERY = `query($range: DateRange!, $metric: AnomalyMetric!, $groupBy: [AnomalyDimension!], $first: Int) {
  anomalies(range: $range, metric: $metric, groupBy: $groupBy, first: $first) { period source platform { code } metric value expected robustZ direction kind reason } }`;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const START = '2025-01-06';
const DAYS = 175;
const END = addDays(START, DAYS - 1);
const SPIKE = addDays(START, 120);
const DROP = addDays(START, 131);
const ZERO = addDays(START, 150);
const RESTATED = addDays(START, 160);
const RANGE = { from: addDays(START, 100), to: END };

/** A weekly rhythm with ±3 % noise, and the three injected days. */
function series(): Array<{ date: string; streams: number }> {
  const rng = seededRandom(97);
  const rhythm = [1500, 1000, 1100, 1050, 1000, 1200, 1400];
  return Array.from({ length: DAYS }, (_, i) => {
    const date = addDays(START, i);
    let streams = Math.round(rhythm[new Date(`${date}T00:00:00Z`).getUTCDay()] * (0.97 + rng() * 0.06));
    if (date === SPIKE) streams *= 4;
    if (date === DROP) streams = Math.round(streams * 0.3);
    if (date === ZERO) streams = 0;
    return { date, streams };
  });
}

describeEachDatabase('anomalies API over HTTP', (kind) => {
  let server: TestServer;
  let ingest: IngestService;
  let dir: string;
  const days = series();
  const restatedDays = days.map((d) => (d.date === RESTATED ? { ...d, streams: d.streams + 30 } : d));

  beforeAll(async () => {
    server = await startTestServer(kind);
    ingest = new IngestService(server.ds, server.lakeDir, createLogger('silent'));
    dir = tempDir('anomalies');
    const first = path.join(dir, `streams_stats_${END.replace(/-/g, '')}_180000.html`);
    fs.writeFileSync(first, realStreamsStatsHtml({ seed: 5, series: days }));
    expect((await ingest.ingest([first]))[0].status).toBe('loaded');
  });
  afterAll(async () => server?.close());

  const ask = async (variables: Record<string, unknown>): Promise<Anomaly[]> => {
    const res = await server.gql<{ anomalies: Anomaly[] }>(QUERY, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.anomalies;
  };

  it('finds exactly the injected spike, drop and zero, with the weekday median as expected level', async () => {
    const found = await ask({ range: RANGE, metric: 'STREAMS', groupBy: ['PLATFORM'] });
    expect(found.map((a) => `${a.period}|${a.kind}|${a.direction}`)).toEqual([
      `${SPIKE}|SPIKE|UP`,
      `${DROP}|DROP|DOWN`,
      `${ZERO}|ZERO|DOWN`,
    ]);
    const byDate = new Map(days.map((d) => [d.date, d.streams]));
    for (const a of found) {
      const history = Array.from({ length: 8 }, (_, k) => byDate.get(addDays(a.period, -7 * (k + 1)))!);
      expect(Number(a.expected)).toBeCloseTo(median(history), 1);
      expect(a.value).toBe(String(byDate.get(a.period)));
      expect(a.platform).toEqual({ code: 'spotify' });
      expect(a.source).toBe('distrokid');
      expect(Math.abs(a.robustZ!)).toBeGreaterThanOrEqual(3.5);
    }
    expect(found[2].reason).toMatch(/extraction gap/);
  });

  it('a day restated by a later capture is a RESTATED anomaly with the old value as expected', async () => {
    const later = path.join(dir, `streams_stats_${addDays(END, 1).replace(/-/g, '')}_180000.html`);
    fs.writeFileSync(later, realStreamsStatsHtml({ seed: 6, series: restatedDays }));
    expect((await ingest.ingest([later]))[0].status).toBe('loaded');
    const found = await ask({ range: RANGE, metric: 'STREAMS', groupBy: ['PLATFORM'] });
    const restated = found.filter((a) => a.kind === 'RESTATED');
    const old = days.find((d) => d.date === RESTATED)!.streams;
    expect(restated).toEqual([
      expect.objectContaining({
        period: RESTATED,
        value: String(old + 30),
        expected: String(old),
        direction: 'UP',
        platform: { code: 'spotify' },
        robustZ: null,
      }),
    ]);
    expect(restated[0].reason).toContain(path.basename(later));
    // Without a split the platform is not named; the departures stay the same days.
    const whole = await ask({ range: RANGE, metric: 'STREAMS' });
    expect(whole.map((a) => `${a.period}|${a.kind}`)).toEqual([`${SPIKE}|SPIKE`, `${DROP}|DROP`, `${ZERO}|ZERO`, `${RESTATED}|RESTATED`]);
    expect(whole.every((a) => a.platform === null)).toBe(true);
  });

  it('VIEWS on a real TikTok download agree with an independent reading of the rule', async () => {
    const o = overviewSample({
      seed: 19,
      startDate: '2024-06-01',
      days: 365,
      handle: 'zone.a0',
      exportedAt: Math.floor(Date.parse('2025-06-01T12:00:00Z') / 1000),
    });
    const file = path.join(dir, o.fileName);
    fs.writeFileSync(file, Buffer.from(o.zip));
    expect((await ingest.ingest([file]))[0].status).toBe('loaded');
    const range = { from: '2024-09-01', to: '2025-05-31' };
    const views = new Map(o.days.map((d) => [d.date, d.videoViews]));
    const expected: string[] = [];
    for (const [date, v] of views) {
      if (date < range.from || date > range.to) continue;
      const history = Array.from({ length: 8 }, (_, k) => views.get(addDays(date, -7 * (k + 1)))).filter(
        (x): x is number => x !== undefined,
      );
      if (history.length < 4) continue;
      const m = median(history);
      const scale = Math.max(1.4826 * median(history.map((x) => Math.abs(x - m))), 0.05 * m, 1);
      const z = (v - m) / scale;
      if (Math.abs(z) >= 3.5 && Math.abs(v - m) >= 50) expected.push(`${date}|${v === 0 ? 'ZERO' : z > 0 ? 'SPIKE' : 'DROP'}`);
    }
    expect(expected.length).toBeGreaterThan(0);
    const found = await ask({ range, metric: 'VIEWS', first: 1000 });
    expect(found.map((a) => `${a.period}|${a.kind}`).sort()).toEqual(expected.sort());
    expect(found.every((a) => a.source === 'tiktok')).toBe(true);
  });

  it('NET_REVENUE by sale month and platform agrees with an independent reading of the rule on a bank export', async () => {
    const bank = writeBankExport(dir, 'dk_bank_details_20250701_090000.tsv', { rows: 3000 });
    expect((await ingest.ingest([bank.file]))[0].status).toBe('loaded');
    const net = new Map<string, Map<string, number>>();
    for (const r of readBankExport(bank.file)) {
      const byMonth = net.get(r.platform) ?? new Map<string, number>();
      net.set(r.platform, byMonth);
      byMonth.set(r.saleMonth.slice(0, 7), (byMonth.get(r.saleMonth.slice(0, 7)) ?? 0) + Number(r.net));
    }
    const prevMonth = (m: string, k: number) =>
      new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 - k, 1)).toISOString().slice(0, 7);
    const expected: string[] = [];
    for (const [platform, byMonth] of net) {
      for (const [month, v] of byMonth) {
        if (month < '2024-06') continue;
        const history = Array.from({ length: 12 }, (_, k) => byMonth.get(prevMonth(month, k + 1))).filter(
          (x): x is number => x !== undefined,
        );
        if (history.length < 4) continue;
        const m = median(history);
        const scale = Math.max(1.4826 * median(history.map((x) => Math.abs(x - m))), 0.05 * Math.abs(m), 1);
        const z = (v - m) / scale;
        if (Math.abs(z) >= 3.5 && Math.abs(v - m) >= 1e9)
          expected.push(`${month}|${platform}|${v === 0 ? 'ZERO' : z > 0 ? 'SPIKE' : 'DROP'}`);
      }
    }
    expect(expected.length).toBeGreaterThan(0);
    const found = await ask({ range: { from: '2024-06-01', to: '2025-12-31' }, metric: 'NET_REVENUE', groupBy: ['PLATFORM'], first: 1000 });
    expect(found.map((a) => `${a.period}|${a.platform!.code}|${a.kind}`).sort()).toEqual(expected.sort());
    expect(found.every((a) => a.source === 'distrokid' && /^-?\d+\.\d{2,}$/.test(a.value))).toBe(true);
  });

  it('SPEND and NET_REVENUE statements run on every split', async () => {
    for (const metric of ['SPEND', 'NET_REVENUE']) {
      for (const groupBy of [[], ['PLATFORM'], ['TRACK'], ['PLATFORM', 'TRACK', 'ARTIST']]) {
        expect(Array.isArray(await ask({ range: RANGE, metric, groupBy }))).toBe(true);
      }
    }
  });

  it('bad input gets coded errors', async () => {
    const reversed = await server.gql(QUERY, { range: { from: END, to: START }, metric: 'STREAMS' });
    expect(reversed.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooLong = await server.gql(QUERY, { range: { from: '2000-01-01', to: '2025-01-01' }, metric: 'STREAMS' });
    expect(tooLong.body.errors?.[0].extensions?.code).toBe('RANGE_TOO_LONG');
    const tooMany = await server.gql(
      `{ anomalies(range: {from: "2025-01-01", to: "2025-02-01"}, metric: STREAMS, first: 1001) { period } }`,
    );
    expect(tooMany.body.errors?.[0].extensions?.code).toBe('PAGE_TOO_LARGE');
    const negative = await server.gql(
      `{ anomalies(range: {from: "2025-01-01", to: "2025-02-01"}, metric: STREAMS, first: -1) { period } }`,
    );
    expect(negative.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const metric = await server.gql(`{ anomalies(range: {from: "2025-01-01", to: "2025-02-01"}, metric: LIKES) { period } }`);
    expect(metric.status).toBe(400);
    const anonymous = await server.gql(QUERY, { range: RANGE, metric: 'STREAMS' }, null);
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
