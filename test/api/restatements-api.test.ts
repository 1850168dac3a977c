/**
 * Restatements over real HTTP on both databases: two real-shape DistroKid streams page captures
 * two weeks apart, the later one restating four older days (and settling the earlier capture's
 * partial last day). Expectations are the differences between the generator's own series.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/config/logger';
import { realStreamsStatsHtml, streamsCaptures, type StreamsCapture } from '../../demo/sample-exports/distrokid-streams-page';
import { IngestService } from '../../src/ingest/ingest-service';
import { overviewSample, type OverviewDayValues } from '../../demo/sample-exports/tiktok';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

interface Node {
  date: string;
  metric: string;
  table: string;
  platform: { code: string } | null;
  track: { isrc: string } | null;
  artist: { name: string } | null;
  oldValue: string;
  newValue: string;
  change: string;
  oldCapturedAt: string;
  newCapturedAt: string;
  oldSourceFile: string;
  newSourceFile: string;
}
interface Page {
  restatements: {
    totalCount: number;
    edges: Array<{ cursor: string; node: Node }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const QUERY = `query($service: Service!, $range: DateRange, $first: Int, $after: String) {
  restatements(service: $service, range: $range, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { date metric table platform { code } track { isrc } artist { name } oldValue newValue change oldCapturedAt newCapturedAt oldSourceFile newSourceFile } } } }`;

const FILES = ['streams_stats_20250302_180000.html', 'streams_stats_20250316_180000.html'];
const AT = ['2025-03-02T18:00:00.000Z', '2025-03-16T18:00:00.000Z'];

/** Days both captures hold with different counts: old → new, from the generator's series. */
function expectedChanges(older: StreamsCapture, newer: StreamsCapture): Map<string, [number, number]> {
  const before = new Map(older.series.map((d) => [d.date, d.streams]));
  const out = new Map<string, [number, number]>();
  for (const d of newer.series) {
    const old = before.get(d.date);
    if (old !== undefined && old !== d.streams) out.set(d.date, [old, d.streams]);
  }
  return out;
}

describeEachDatabase('restatements API over HTTP', (kind) => {
  let server: TestServer;
  let ingest: IngestService;
  let files: string[];
  let captures: StreamsCapture[];

  beforeAll(async () => {
    server = await startTestServer(kind);
    ingest = new IngestService(server.ds, server.lakeDir, createLogger('silent'));
    captures = streamsCaptures({ seed: 23, endDates: ['2025-03-02', '2025-03-16'] });
    const dir = tempDir('restatements');
    files = FILES.map((name, k) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, realStreamsStatsHtml({ seed: 300 + k, series: captures[k].series }));
      return file;
    });
  });
  afterAll(async () => server?.close());

  const all = async (range?: { from: string; to: string }, pageSize = 3): Promise<Node[]> => {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await server.gql<Page>(QUERY, { service: 'DISTROKID', range, first: pageSize, after });
      expect(res.body.errors).toBeUndefined();
      const page: Page['restatements'] = res.body.data!.restatements;
      nodes.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  };

  it('a first capture records nothing', async () => {
    const [summary] = await ingest.ingest([files[0]]);
    expect(summary.status).toBe('loaded');
    const res = await server.gql<Page>(QUERY, { service: 'DISTROKID' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.restatements.totalCount).toBe(0);
  });

  it('a later capture records each changed day with both values, capture times and files', async () => {
    const [summary] = await ingest.ingest([files[1]]);
    expect(summary.status).toBe('loaded');
    const expected = expectedChanges(captures[0], captures[1]);
    // The generator's four restated days are among them, and so is the first capture's partial last day.
    for (const day of captures[1].restated) expect(expected.has(day)).toBe(true);
    expect(expected.has(captures[0].endDate)).toBe(true);

    const nodes = await all();
    expect(nodes.map((n) => n.date)).toEqual([...expected.keys()].sort());
    for (const n of nodes) {
      const [oldValue, newValue] = expected.get(n.date)!;
      expect(n).toEqual({
        date: n.date,
        metric: 'streams',
        table: 'streams',
        platform: { code: 'spotify' },
        track: null,
        artist: null,
        oldValue: String(oldValue),
        newValue: String(newValue),
        change: String(newValue - oldValue),
        oldCapturedAt: AT[0],
        newCapturedAt: AT[1],
        oldSourceFile: FILES[0],
        newSourceFile: FILES[1],
      });
    }
  });

  it('filters by day range and by service', async () => {
    const restated = [...captures[1].restated].sort();
    const inRange = await all({ from: restated[1], to: restated[2] }, 10);
    expect(inRange.map((n) => n.date)).toEqual([restated[1], restated[2]]);
    const other = await server.gql<Page>(QUERY, { service: 'TOOLOST' });
    expect(other.body.data!.restatements.totalCount).toBe(0);
  });

  it('reloading either file records nothing more', async () => {
    const before = (await all()).length;
    await ingest.ingest([files[1]]);
    await ingest.ingest([files[0]]);
    expect((await all()).length).toBe(before);
  });

  it('an older capture loaded late records nothing (fresh warehouse, newest first)', async () => {
    const late = await startTestServer(kind);
    try {
      const service = new IngestService(late.ds, late.lakeDir, createLogger('silent'));
      expect((await service.ingest([files[1]]))[0].status).toBe('loaded');
      await service.ingest([files[0]]);
      const res = await late.gql<Page>(QUERY, { service: 'DISTROKID' });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.restatements.totalCount).toBe(0);
      // …and the warehouse kept the newer values.
      const rows: Array<{ n: number | string }> = await late.ds.query(`SELECT COUNT(*) AS n FROM streams`);
      expect(Number(rows[0].n)).toBe(new Set([...captures[0].series, ...captures[1].series].map((d) => d.date)).size);
    } finally {
      await late.close();
    }
  });

  it('TikTok: a later Overview download that changes counts of shared days records each changed metric', async () => {
    const unix = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
    const older = overviewSample({
      seed: 81,
      startDate: '2024-03-01',
      days: 365,
      handle: 'zone.a0',
      exportedAt: unix('2025-03-01T12:00:00Z'),
    });
    const newer = overviewSample({
      seed: 82,
      startDate: '2024-03-15',
      days: 365,
      handle: 'zone.a0',
      exportedAt: unix('2025-03-15T12:00:00Z'),
    });
    const dir = tempDir('restatements-tiktok');
    const paths = [older, newer].map((o) => {
      const file = path.join(dir, o.fileName);
      fs.writeFileSync(file, Buffer.from(o.zip));
      return file;
    });
    expect((await ingest.ingest(paths)).map((s) => s.status)).toEqual(['loaded', 'loaded']);
    const fields: Array<[keyof OverviewDayValues, string]> = [
      ['videoViews', 'video_views'],
      ['profileViews', 'profile_views'],
      ['likes', 'likes'],
      ['comments', 'comments'],
      ['shares', 'shares'],
    ];
    const before = new Map(older.days.map((d) => [d.date, d]));
    const expected: string[] = [];
    for (const d of newer.days) {
      const o = before.get(d.date);
      if (!o) continue;
      for (const [field, metric] of fields) if (o[field] !== d[field]) expected.push(`${d.date}|${metric}|${o[field]}|${d[field]}`);
    }
    expect(expected.length).toBeGreaterThan(100);
    const got: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: {
        body: {
          data?: {
            restatements: {
              edges: Array<{ node: { date: string; metric: string; oldValue: string; newValue: string; platform: { code: string } } }>;
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          };
          errors?: unknown;
        };
      } = await server.gql(
        `query($after: String) { restatements(service: TIKTOK, first: 500, after: $after) { edges { node { date metric oldValue newValue platform { code } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data!.restatements;
      for (const e of page.edges) {
        expect(e.node.platform.code).toBe('tiktok');
        got.push(`${e.node.date}|${e.node.metric}|${e.node.oldValue}|${e.node.newValue}`);
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(got.sort()).toEqual(expected.sort());
  });

  it('bad input gets coded errors', async () => {
    const reversed = await server.gql(QUERY, { service: 'DISTROKID', range: { from: '2025-03-10', to: '2025-03-01' } });
    expect(reversed.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await server.gql(`query($first: Int) { restatements(service: DISTROKID, first: $first) { edges { node { date } } } }`, {
      first: server.config.limits.maxPageSize + 1,
    });
    expect(tooMany.body.errors?.[0].extensions?.code).toBe('PAGE_TOO_LARGE');
    const cursor = await server.gql(QUERY, { service: 'DISTROKID', after: 'not-a-cursor' });
    expect(cursor.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const service = await server.gql(QUERY, { service: 'MYSPACE' });
    expect(service.status).toBe(400);
    const anonymous = await server.gql(QUERY, { service: 'DISTROKID' }, null);
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
