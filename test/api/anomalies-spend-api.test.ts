/**
 * SPEND anomalies over real HTTP on both databases: a real-shape Meta Ads daily insights capture
 * (Graph API pages, time_increment=1) of 120 days with one planted day at eight times its spend.
 * The answer is compared with this file's own reading of the documented rule over the generated
 * daily totals (same weekday over the previous 8 weeks, robust z ≥ 3.5, change ≥ 1.00), and the
 * planted day must be among them as a SPIKE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { addDays } from '../../demo/calendar-days';
import { metaAdsSample } from '../../demo/sample-exports/meta_ads';
import { insightsJson } from '../../demo/sample-exports/meta_ads-graph-pages';
import { createLogger } from '../../src/config/logger';
import { formatNano } from '../../src/domain/money';
import { IngestService } from '../../src/ingest/ingest-service';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

interface Anomaly {
  period: string;
  source: string;
  metric: string;
  value: string;
  expected: string | null;
  kind: string;
  direction: string;
}

const QUERY = `query($range: DateRange!) {
  anomalies(range: $range, metric: SPEND, first: 1000) { period source metric value expected kind direction } }`;

const START = '2025-01-01';
const DAYS = 120;
const SPIKE = addDays(START, 100);
const RANGE = { from: addDays(START, 60), to: addDays(START, DAYS - 1) };
const NANO_PER_CENT = 10_000_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

describeEachDatabase('SPEND anomalies over HTTP', (kind) => {
  let server: TestServer;
  const sample = metaAdsSample({ seed: 29, startDate: START, days: DAYS, campaigns: 6 });
  const days = sample.days.map((d) => (d.date === SPIKE ? { ...d, spendCents: d.spendCents * 8 } : d));

  beforeAll(async () => {
    server = await startTestServer(kind);
    const file = path.join(tempDir('spend'), `meta_insights_${addDays(START, DAYS).replace(/-/g, '')}_120000.json`);
    fs.writeFileSync(file, insightsJson(sample, { seed: 3, days }));
    const [summary] = await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([file]);
    expect(summary).toMatchObject({ status: 'loaded', service: 'meta_ads', rowsLoaded: days.length });
  });
  afterAll(async () => server?.close());

  it('finds the planted spend spike, and exactly the days the rule flags on the generated totals', async () => {
    const totals = new Map<string, number>();
    for (const d of days) totals.set(d.date, (totals.get(d.date) ?? 0) + d.spendCents * NANO_PER_CENT);
    const expected: string[] = [];
    for (const [date, v] of totals) {
      if (date < RANGE.from || date > RANGE.to) continue;
      const history = Array.from({ length: 8 }, (_, k) => totals.get(addDays(date, -7 * (k + 1)))).filter(
        (x): x is number => x !== undefined,
      );
      if (history.length < 4) continue;
      const m = median(history);
      const scale = Math.max(1.4826 * median(history.map((x) => Math.abs(x - m))), 0.05 * Math.abs(m), 1);
      const z = (v - m) / scale;
      if (Math.abs(z) >= 3.5 && Math.abs(v - m) >= 1e9) expected.push(`${date}|${v === 0 ? 'ZERO' : z > 0 ? 'SPIKE' : 'DROP'}`);
    }
    expect(expected).toContain(`${SPIKE}|SPIKE`);

    const res = await server.gql<{ anomalies: Anomaly[] }>(QUERY, { range: RANGE });
    expect(res.body.errors).toBeUndefined();
    const found = res.body.data!.anomalies;
    expect(found.map((a) => `${a.period}|${a.kind}`).sort()).toEqual(expected.sort());
    const spike = found.find((a) => a.period === SPIKE)!;
    expect(spike).toMatchObject({ source: 'meta_ads', metric: 'SPEND', direction: 'UP', value: formatNano(BigInt(totals.get(SPIKE)!)) });
  });
});
