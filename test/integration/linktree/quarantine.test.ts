/**
 * Malformed Linktree captures in one batch with a valid one: each is quarantined with the right
 * reason naming the response, day and field, the valid capture loads, and nothing of a bad
 * capture reaches link_daily, raw or staging.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileSummary } from '../../../src/ingest/ingest-service';
import { linktreeCapture } from '../../../demo/sample-exports/linktree';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, q, statuses } from '../ingest/helpers';
import { linkRows, withAccount } from './helpers';

const GOOD = 'linktree_zone.a0_20250601_120000.json';
const OVERVIEW = '[3].data.getAccountAnalytics.overview';

interface BadCase {
  name: string;
  content: () => string | Buffer;
  code: string;
  line?: number;
  field?: string;
  found?: string;
}

type Obj = Record<string, unknown>;

/** A realistic capture (overview at index 3) with one edit applied to its overview object. */
function edited(edit: (overview: Obj, days: Obj[]) => void): string {
  const responses = JSON.parse(linktreeCapture({ seed: 20, endDate: '2025-05-31', windowDays: 7 }).json) as Array<{
    data: { getAccountAnalytics?: { overview: Obj } };
  }>;
  const overview = responses[3].data.getAccountAnalytics!.overview;
  edit(overview, overview.timeseries as Obj[]);
  return JSON.stringify(responses, null, 2);
}

const BAD: BadCase[] = [
  {
    name: 'linktree_bad1_20250601_120001.json',
    content: () => linktreeCapture({ seed: 21, endDate: '2025-05-31', windowDays: 30, pretty: true }).json.slice(0, 2500),
    code: 'BAD_VALUE',
  },
  { name: 'linktree_bad2_20250601_120002.json', content: () => '', code: 'EMPTY_FILE' },
  {
    name: 'linktree_bad3_20250601_120003.json',
    content: () =>
      edited((_o, days) => {
        const day = days[2];
        day.uniqueVisitors = day.uniqueViews;
        delete day.uniqueViews;
      }),
    code: 'SCHEMA_DRIFT',
    field: `${OVERVIEW}.timeseries[2].uniqueViews`,
  },
  {
    name: 'linktree_bad4_20250601_120004.json',
    content: () =>
      edited((_o, days) => {
        days[4].totalClicks = 'abc';
      }),
    code: 'BAD_VALUE',
    field: `${OVERVIEW}.timeseries[4].totalClicks`,
    found: '"abc"',
  },
  {
    name: 'linktree_bad5_20250601_120005.json',
    content: () =>
      edited((o) => {
        o.timeSeries = o.timeseries;
        delete o.timeseries;
      }),
    code: 'SCHEMA_DRIFT',
    field: `${OVERVIEW}.timeseries`,
  },
  {
    name: 'linktree_bad6_20250601_120006.json',
    content: () =>
      edited((o) => {
        o.timeseries = { edges: o.timeseries };
      }),
    code: 'SCHEMA_DRIFT',
    field: `${OVERVIEW}.timeseries`,
  },
  {
    name: 'linktree_bad7_20250601_120007.json',
    content: () => JSON.stringify({ views: [{ date: '2025-05-01', count: 3 }] }),
    code: 'SCHEMA_DRIFT',
    field: 'data',
  },
  {
    name: 'linktree_bad8_20250601_120008.json',
    content: () =>
      edited((_o, days) => {
        days[0].date = '15/01/2025';
      }),
    code: 'BAD_VALUE',
    field: `${OVERVIEW}.timeseries[0].date`,
  },
  {
    name: 'linktree_bad9_20250601_120009.json',
    content: () => Buffer.concat([Buffer.from('[{"data":{"getAccountAnalytics":'), Buffer.from([0, 0, 159, 146, 150, 0])]),
    code: 'BINARY_CONTENT',
  },
];

describeEachDatabase('quarantine of bad Linktree captures', (kind) => {
  let h: Harness;
  let summaries: FileSummary[];
  const good = linktreeCapture({ seed: 22, endDate: '2025-05-31', windowDays: 365 });

  beforeAll(async () => {
    h = await openHarness(kind);
    summaries = await h.ingest([h.input(GOOD, good.json), ...BAD.map((b) => h.input(b.name, b.content()))]);
  });
  afterAll(async () => {
    await h?.close();
  });

  const summaryOf = (name: string): FileSummary => summaries.find((s) => path.basename(s.input) === name)!;

  it('loads the valid capture and quarantines every bad one', async () => {
    expect(statuses(summaries).map((s) => s.replace(/ \(.*$/, ''))).toEqual([
      `${GOOD}: loaded`,
      ...BAD.map((b) => `${b.name}: quarantined`),
    ]);
    expect(await linkRows(h)).toEqual(withAccount('zone.a0', good.days));
  });

  it.each(BAD.map((b) => [b.code, b.name, b] as const))('%s: %s has the right reason', (_code, name, bad) => {
    const s = summaryOf(name);
    expect(s).toMatchObject({ status: 'quarantined', service: 'linktree', stream: 'analytics' });
    const r = s.reason!;
    expect(r.code).toBe(bad.code);
    expect(r.file).toBe(s.landingFile);
    if (bad.field !== undefined) {
      expect(r.field).toBe(bad.field);
      expect(s.message).toContain(`field "${bad.field}"`);
    }
    if (bad.found !== undefined) expect(r.found).toBe(bad.found);
    expect(fs.existsSync(path.join(h.lakeDir, 'quarantine', 'linktree', path.basename(s.landingFile!)))).toBe(true);
  });

  it('names the line where a truncated capture stops', () => {
    const r = summaryOf(BAD[0].name).reason!;
    expect(r.line).toBeGreaterThan(1);
    expect(r.message).toContain('not valid JSON');
  });

  it('holds nothing of the bad captures in link_daily, raw or staging', async () => {
    const rows = await q<{ path: string }>(h.ds, 'SELECT DISTINCT f.path FROM link_daily d JOIN source_files f ON f.id = d.source_file_id');
    expect(rows.map((r) => r.path)).toEqual([summaryOf(GOOD).landingFile]);
    expect(listFiles(path.join(h.lakeDir, 'raw'))).toEqual(['linktree/analytics/linktree_zone.a0_20250601_120000.ndjson']);
    expect(listFiles(path.join(h.lakeDir, 'staging'))).toEqual(['linktree/analytics/linktree_zone.a0_20250601_120000.csv']);
  });
});
