/**
 * The data-quality history over real HTTP on both databases: the after-load hooks store one
 * snapshot per service and UTC day (a stepped clock puts two loads on two days), and each point
 * holds the scores the dataQuality query gave right after that day's load. A later load the same
 * day replaces the day's point. Real-shape DistroKid streams page captures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { realStreamsStatsHtml } from '../../demo/sample-exports/distrokid-streams-page';
import { seededRandom } from '../../demo/seeded-random';
import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { PostLoadHooks } from '../../src/jobs/post-load/post-load-hooks';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

interface Quality {
  from: string;
  to: string;
  computedAt: string;
  overall: number;
  scores: Array<{ name: string; score: number }>;
}
interface Point {
  computedAt: string;
  from: string;
  to: string;
  overall: number;
  completeness: number;
  accuracy: number;
  consistency: number;
  timeliness: number;
  validity: number;
}

const QUALITY = `query($range: DateRange) { dataQuality(service: DISTROKID, range: $range) { from to computedAt overall scores { name score } } }`;
const HISTORY = `query($range: DateRange) { dataQualityHistory(service: DISTROKID, range: $range) { computedAt from to overall completeness accuracy consistency timeliness validity } }`;

const HOUR = 3_600_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => day(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000);
const stamp = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);

/** 200 days up to `end`, some of them missing. */
function series(end: string, missing: readonly string[]): Array<{ date: string; streams: number }> {
  const rng = seededRandom(8);
  return Array.from({ length: 200 }, (_, i) => ({ date: addDays(end, i - 199), streams: 300 + Math.floor(rng() * 900) })).filter(
    (d) => !missing.includes(d.date),
  );
}

/** The snapshot point a report should have become. */
const pointOf = (q: Quality) => ({
  from: q.from,
  to: q.to,
  overall: expect.closeTo(q.overall, 4),
  ...Object.fromEntries(q.scores.map((s) => [s.name, expect.closeTo(s.score, 4)])),
});

describeEachDatabase('data-quality history after loads', (kind) => {
  let server: TestServer;
  let ingest: IngestService;
  let dir: string;
  let clock: number;
  // Yesterday's load, then today's: both captures an hour before their load, fresh for timeliness either way.
  const now = Date.now();
  const yesterday = now - 24 * HOUR;
  const day1 = day(yesterday);
  const day2 = day(now);
  const gaps = [addDays(day1, -20), addDays(day1, -19), addDays(day1, -5)];

  beforeAll(async () => {
    server = await startTestServer(kind, { STALE_AFTER_HOURS: 'distrokid=72' });
    const logger = createLogger('silent');
    ingest = new IngestService(server.ds, server.lakeDir, logger, {
      afterLoads: new PostLoadHooks(server.ds, server.config, logger, { now: () => new Date(clock) }).afterLoads,
    });
    dir = tempDir('quality-history');
  });
  afterAll(async () => server?.close());

  const load = async (capturedAt: number, days: Array<{ date: string; streams: number }>, seed: number) => {
    const file = path.join(dir, `streams_stats_${stamp(capturedAt)}.html`);
    fs.writeFileSync(file, realStreamsStatsHtml({ seed, series: days }));
    expect((await ingest.ingest([file]))[0].status).toBe('loaded');
  };
  const quality = async (range?: { from: string; to: string }): Promise<Quality> => {
    const res = await server.gql<{ dataQuality: Quality }>(QUALITY, { range });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.dataQuality;
  };
  const history = async (range?: { from: string; to: string }): Promise<Point[]> => {
    const res = await server.gql<{ dataQualityHistory: Point[] }>(HISTORY, { range });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.dataQualityHistory;
  };

  let first: Quality;
  let second: Quality;

  it('two loads on two days give two points, each with the scores dataQuality gave after its load', async () => {
    clock = yesterday;
    await load(yesterday - HOUR, series(day1, gaps), 1);
    // The snapshot judged the 365 days up to its own day: ask for the same days.
    first = await quality({ from: addDays(day1, -364), to: day1 });

    clock = now;
    await load(now - HOUR, series(day2, []), 2);
    second = await quality();
    expect(second.to).toBe(day2);

    const points = await history();
    expect(points).toEqual([
      { computedAt: new Date(now).toISOString(), ...pointOf(second) },
      { computedAt: new Date(yesterday).toISOString(), ...pointOf(first) },
    ]);
    // The filled gaps show in the history: the two points differ.
    expect(points[0].completeness).not.toBeCloseTo(points[1].completeness, 4);
    expect(await history({ from: day1, to: day1 })).toEqual([points[1]]);
  });

  it('a later load the same day replaces the day’s point', async () => {
    clock = now + 60_000;
    const restated = series(day2, []).map((d, i) => (i === 100 ? { ...d, streams: d.streams + 500 } : d));
    await load(now - HOUR / 2, restated, 3);
    const third = await quality();
    const points = await history();
    expect(points).toEqual([
      { computedAt: new Date(clock).toISOString(), ...pointOf(third) },
      { computedAt: new Date(yesterday).toISOString(), ...pointOf(first) },
    ]);
  });
});
