/**
 * Several captures of four sources — DistroKid streams pages that restate older days (one in a
 * `<YYYYMMDD_HHMMSS>/` folder, one with CRLF lines), TooLost Spotify JSON, Linktree
 * `graphql_<ts>_<microseconds>.json` (two in the same second), TikTok zips named by unix time —
 * loaded in shuffled orders on SQLite and PostgreSQL give the same warehouse, equal to an
 * expectation computed here: per day, the value and capture time of the newest capture.
 */
import fs from 'node:fs';
import path from 'node:path';
import { realStreamsStatsHtml, streamsCaptures } from '../../../demo/sample-exports/distrokid-streams-page';
import { seededRandom } from '../../../demo/seeded-random';
import { linktreeCapture } from '../../../demo/sample-exports/linktree';
import { overviewSample } from '../../../demo/sample-exports/tiktok';
import { spotifyAnalyticsSample } from '../../../demo/sample-exports/toolost';
import { describeEachDatabase, tempDir } from '../../helpers/databases';
import { type Harness, openHarness, q, statuses } from './helpers';

interface Capture {
  /** Path under the input folder. */
  rel: string;
  content: string | Buffer;
  at: Date;
  /** Where the capture time must be read from. */
  source: 'file_name' | 'folder_name';
  /** The fact rows this capture carries, by table: key → values (without the capture time). */
  facts: Record<string, Map<string, string>>;
}

const unix = (iso: string): number => Math.floor(new Date(iso).getTime() / 1000);
const facts = (table: string, rows: Array<[string, string]>): Record<string, Map<string, string>> => ({ [table]: new Map(rows) });

function buildCaptures(): Capture[] {
  const out: Capture[] = [];
  // DistroKid: three captures two weeks apart, each restating four older days (the generator says which).
  const dk = streamsCaptures({ seed: 41, endDates: ['2025-04-20', '2025-05-04', '2025-05-18'] });
  const dkFiles: Array<[string, string, 'file_name' | 'folder_name', boolean]> = [
    ['streams_stats_20250420_180000.html', '2025-04-20T18:00:00Z', 'file_name', false],
    ['20250504_180000/streams_stats.html', '2025-05-04T18:00:00Z', 'folder_name', true],
    ['streams_stats_20250518_180000.html', '2025-05-18T18:00:00Z', 'file_name', false],
  ];
  dkFiles.forEach(([rel, at, source, crlf], k) => {
    out.push({
      rel,
      content: realStreamsStatsHtml({ seed: 100 + k, series: dk[k].series, crlf }),
      at: new Date(at),
      source,
      facts: facts(
        'streams',
        dk[k].series.map((d) => [`distrokid|spotify|${d.date}`, String(d.streams)]),
      ),
    });
  });
  // TooLost: the year so far, twice; the later capture gives other counts for the same days.
  for (const [seed, endDate, stamp] of [
    [51, '2025-05-04', '20250504_190000'],
    [52, '2025-05-18', '20250518_190000'],
  ] as const) {
    const s = spotifyAnalyticsSample({ seed, endDate });
    out.push({
      rel: `toolost_spotify_${stamp}.json`,
      content: s.json,
      at: new Date(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T19:00:00Z`),
      source: 'file_name',
      facts: {
        streams: new Map(s.days.map((d) => [`toolost|spotify|${d.date}`, String(d.streams)])),
        promotion_costs: new Map(s.discovery.map((d) => [`toolost|spotify|${d.month}`, `${d.streams}|${d.feesNano}`])),
      },
    });
  }
  // Linktree: a year, a later year from other figures, and a 7-day capture in the same second, 899.9 ms later.
  const linktree: Array<[number, string, number, string, string]> = [
    [61, '2025-05-04', 365, 'graphql_20250504_113845_123456.json', '2025-05-04T11:38:45.123Z'],
    [62, '2025-05-18', 365, 'graphql_20250518_113845_000100.json', '2025-05-18T11:38:45.000Z'],
    [63, '2025-05-18', 7, 'graphql_20250518_113845_900000.json', '2025-05-18T11:38:45.900Z'],
  ];
  for (const [seed, endDate, windowDays, rel, at] of linktree) {
    const c = linktreeCapture({ seed, endDate, windowDays });
    out.push({
      rel,
      content: c.json,
      at: new Date(at),
      source: 'file_name',
      facts: facts(
        'link_daily',
        c.days.map((d) => [`default|${d.date}`, `${d.totalViews}|${d.uniqueViews}|${d.totalClicks}|${d.uniqueClicks}`]),
      ),
    });
  }
  // TikTok: two downloads of one account, named by their unix export time.
  for (const [seed, startDate, at] of [
    [71, '2024-05-05', '2025-05-04T12:00:00Z'],
    [72, '2024-05-19', '2025-05-18T12:00:00Z'],
  ] as const) {
    const o = overviewSample({ seed, startDate, days: 365, handle: 'zone.a0', exportedAt: unix(at) });
    out.push({
      rel: o.fileName,
      content: Buffer.from(o.zip),
      at: new Date(at),
      source: 'file_name',
      facts: facts(
        'social_daily',
        o.days.map((d) => [`tiktok|zone.a0|${d.date}`, `${d.videoViews}|${d.profileViews}|${d.likes}|${d.comments}|${d.shares}`]),
      ),
    });
  }
  return out;
}

/** Per table and key: the values and the capture time of the newest capture holding the key. */
function expectedWarehouse(captures: Capture[]): Record<string, string[]> {
  const newest = new Map<string, Map<string, { values: string; at: Date }>>();
  for (const c of captures) {
    for (const [table, rows] of Object.entries(c.facts)) {
      const byKey = newest.get(table) ?? new Map<string, { values: string; at: Date }>();
      newest.set(table, byKey);
      for (const [key, values] of rows) {
        const held = byKey.get(key);
        if (!held || held.at < c.at) byKey.set(key, { values, at: c.at });
      }
    }
  }
  const out: Record<string, string[]> = {};
  for (const [table, byKey] of newest) out[table] = [...byKey].map(([key, v]) => `${key}|${v.values}|${v.at.toISOString()}`).sort();
  return out;
}

/** A timestamp as either database renders it as text → ISO 8601 with milliseconds. */
function isoOf(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?/.exec(text);
  if (!m) throw new Error(`not a timestamp: ${text}`);
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
}

/** Full dumps of the fact tables, in the expectation's shape (ids replaced by codes, load-order columns left out). */
async function dumpFacts(h: Harness): Promise<Record<string, string[]>> {
  const rows = async (sql: string): Promise<string[]> =>
    (await q<Record<string, unknown>>(h.ds, sql))
      .map((r) =>
        Object.entries(r)
          .map(([k, v]) => (k === 'at' ? isoOf(String(v)) : String(v)))
          .join('|'),
      )
      .sort();
  return {
    streams: await rows(
      `SELECT s.source, p.code, CAST(s.date AS TEXT) AS date, s.streams, CAST(s.extracted_at AS TEXT) AS at
       FROM streams s JOIN platforms p ON p.id = s.platform_id`,
    ),
    promotion_costs: await rows(
      `SELECT c.source, p.code, CAST(c.month AS TEXT) AS month, c.streams, CAST(c.fees_nano AS TEXT) AS fees, CAST(c.extracted_at AS TEXT) AS at
       FROM promotion_costs c JOIN platforms p ON p.id = c.platform_id`,
    ),
    link_daily: await rows(
      `SELECT account, CAST(date AS TEXT) AS date, total_views, unique_views, total_clicks, unique_clicks, CAST(extracted_at AS TEXT) AS at FROM link_daily`,
    ),
    social_daily: await rows(
      `SELECT p.code, s.account, CAST(s.date AS TEXT) AS date, s.video_views, s.profile_views, s.likes, s.comments, s.shares, CAST(s.extracted_at AS TEXT) AS at
       FROM social_daily s JOIN platforms p ON p.id = s.platform_id`,
    ),
  };
}

function shuffled<T>(list: T[], seed: number): T[] {
  const rng = seededRandom(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const CAPTURES = buildCaptures();
const EXPECTED = expectedWarehouse(CAPTURES);
const ORDERS: Array<[string, Capture[]]> = [
  ['oldest first', [...CAPTURES].sort((a, b) => a.at.getTime() - b.at.getTime())],
  ['newest first', [...CAPTURES].sort((a, b) => b.at.getTime() - a.at.getTime())],
  ['shuffled (seed 1)', shuffled(CAPTURES, 1)],
  ['shuffled (seed 2)', shuffled(CAPTURES, 2)],
];

describe('the fixture of this test', () => {
  it('really restates older days, so the order of loading would matter without capture times', () => {
    const dk = streamsCaptures({ seed: 41, endDates: ['2025-04-20', '2025-05-04', '2025-05-18'] });
    expect(dk[1].restated.every((d) => d < '2025-03-01')).toBe(true);
    expect(dk.every((c) => c.series.length >= 271 && c.series.length <= 360)).toBe(true);
    // Every table has keys that two captures disagree on.
    for (const table of Object.keys(EXPECTED)) {
      const holders = CAPTURES.filter((c) => c.facts[table]);
      const disagreements = [...holders[0].facts[table]].filter(([k, v]) =>
        holders.slice(1).some((o) => o.facts[table].has(k) && o.facts[table].get(k) !== v),
      );
      expect(disagreements.length).toBeGreaterThan(3);
    }
    expect(new Set(ORDERS.map(([, o]) => o.map((c) => c.rel).join(','))).size).toBe(ORDERS.length);
  });
});

describeEachDatabase('newest capture wins, whatever the order of loading', (kind) => {
  const dumps: Array<Record<string, string[]>> = [];

  it.each(ORDERS)('loaded %s: the warehouse is the newest capture of every day', async (_name, order) => {
    const h = await openHarness(kind);
    const inputs = tempDir('captures');
    try {
      const files = order.map((c) => {
        const file = path.join(inputs, c.rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, c.content);
        return file;
      });
      const summaries = await h.ingest(files);
      expect(statuses(summaries)).toEqual(order.map((c) => `${path.basename(c.rel)}: loaded`));
      // Each file's capture time, and where it was read from, are on its source_files row.
      const recorded = await q<{ original_name: string; at: string; captured_at_source: string }>(
        h.ds,
        'SELECT original_name, CAST(extracted_at AS TEXT) AS at, captured_at_source FROM source_files',
      );
      expect(recorded.map((r) => `${r.original_name} ${isoOf(r.at)} ${r.captured_at_source}`).sort()).toEqual(
        order.map((c) => `${path.basename(c.rel)} ${c.at.toISOString()} ${c.source}`).sort(),
      );
      const dump = await dumpFacts(h);
      expect(dump).toEqual(EXPECTED);
      dumps.push(dump);
    } finally {
      fs.rmSync(inputs, { recursive: true, force: true });
      await h.close();
    }
  });

  it('gave identical full dumps for every order', () => {
    expect(dumps).toHaveLength(ORDERS.length);
    for (const d of dumps.slice(1)) expect(d).toEqual(dumps[0]);
  });
});
