/**
 * Bad TikTok files are quarantined with a precise reason while the valid files of the same batch
 * load; nothing of a bad file reaches raw, staging or the warehouse (facts or new artists).
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { FileSummary } from '../../../src/ingest/ingest-service';
import { followerSnapshotSample, overviewCsvText, overviewSample, overviewZip } from '../../../demo/sample-exports/tiktok';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, q, sha256, statuses } from '../ingest/helpers';
import { count, followerSnapshots, socialDaily, valuesOf } from './helpers';

const T = 1736937600;
const zipOf = (csv: string): Buffer => Buffer.from(overviewZip(csv, T));
const row = (date: string, views = '10'): string[] => [date, views, '1', '2', '0', '0'];

interface BadCase {
  name: string;
  content: () => string | Buffer;
  code: string;
  line?: number;
  field?: string;
  found?: string;
  message?: string;
}

const BAD: BadCase[] = [
  {
    name: 'Overview_2024-11-15_1736937601_bad.renamed.zip',
    content: () => zipOf(overviewCsvText([row('Nov 15')], ['Date', 'Views', 'Profile Views', 'Likes', 'Comments', 'Shares'])),
    code: 'SCHEMA_DRIFT',
    line: 1,
    field: 'Video Views, Views',
  },
  {
    name: 'Overview_2024-11-15_1736937602_bad.views.zip',
    content: () => zipOf(overviewCsvText([row('Nov 15'), row('Nov 16'), row('Nov 17', 'twelve')])),
    code: 'BAD_VALUE',
    line: 4,
    field: 'Video Views',
    found: 'twelve',
  },
  {
    name: 'Overview_2025-02-27_1736937603_bad.date.zip',
    content: () => zipOf(overviewCsvText([row('Feb 27'), row('Feb 28'), row('Feb 30')])),
    code: 'BAD_VALUE',
    line: 4,
    field: 'Date',
    found: 'Feb 30',
  },
  {
    name: 'Overview_1736937604_bad.nodate.zip',
    content: () => zipOf(overviewCsvText([row('Nov 15')])),
    code: 'BAD_VALUE',
    field: 'file name (start date)',
    message: 'cannot be given a year',
  },
  {
    name: 'Overview_2024-11-15_1736937605_bad.corrupt.zip',
    content: () => {
      const good = overviewSample({ seed: 1, startDate: '2024-11-15', days: 60, handle: 'x', exportedAt: T }).zip;
      return Buffer.from(good.subarray(0, Math.floor(good.length * 0.6)));
    },
    code: 'BINARY_CONTENT',
    field: 'ZIP archive',
  },
  { name: 'Overview_2024-11-15_1736937606_bad.empty.zip', content: () => Buffer.from(zipSync({})), code: 'EMPTY_FILE' },
  {
    name: 'Overview_2024-11-15_1736937607_bad.nocsv.zip',
    content: () => Buffer.from(zipSync({ 'Content.csv': new TextEncoder().encode('"Date"\r\n') })),
    code: 'MISSING_SECTION',
    field: 'Overview.csv',
  },
  {
    name: 'Overview_2024-11-15_1736937608_bad.bomb.zip',
    content: () => Buffer.from(zipSync({ 'Overview.csv': new Uint8Array(64 * 1024 * 1024) })),
    code: 'BAD_VALUE',
    field: 'Overview.csv',
    message: 'zip bomb',
  },
  {
    name: 'tiktok_followers_bad.truncated_1736937609.json',
    content: () =>
      followerSnapshotSample({ seed: 2, handle: 'bad.truncated', artist: 'BAD TRUNCATED', timestamps: [T, T + 60] }).json.slice(0, 140),
    code: 'BAD_VALUE',
    field: '(JSON syntax)',
    message: 'truncated',
  },
  {
    name: 'tiktok_followers_bad.shape_1736937610.json',
    content: () => JSON.stringify({ followers: 10, source_url: 'https://www.tiktok.com/@bad.shape', timestamp: T, artist: 'BAD SHAPE' }),
    code: 'SCHEMA_DRIFT',
    field: 'count, followers',
  },
  {
    name: 'tiktok_followers_bad.count_1736937611.json',
    content: () =>
      JSON.stringify([
        { count: 10, source_url: 'https://www.tiktok.com/@bad.count', timestamp: T, artist: 'BAD COUNT' },
        { count: 'ten', source_url: null, timestamp: T + 1, artist: 'BAD COUNT' },
      ]),
    code: 'BAD_VALUE',
    field: '[1].count',
    found: '"ten"',
  },
  { name: 'tiktok_followers_bad.empty_1736937612.json', content: () => '', code: 'EMPTY_FILE' },
];

describeEachDatabase('TikTok: quarantine of bad files', (kind) => {
  let h: Harness;
  let summaries: FileSummary[];
  const overview = overviewSample({ seed: 21, startDate: '2024-11-15', days: 120, handle: 'zone.a0', exportedAt: T });
  const followers = followerSnapshotSample({ seed: 22, handle: 'zone.a0', artist: 'ZONE A0', timestamps: [T, T + 86_400] });

  beforeAll(async () => {
    h = await openHarness(kind);
    const files = [
      h.input(overview.fileName, Buffer.from(overview.zip)),
      h.input(followers.fileName, followers.json),
      ...BAD.map((b) => h.input(b.name, b.content())),
    ];
    summaries = await h.ingest(files);
  });
  afterAll(async () => {
    await h?.close();
  });

  const summaryOf = (name: string): FileSummary => summaries.find((s) => path.basename(s.input) === name)!;

  it('loads the valid files exactly and quarantines every bad one', async () => {
    expect(statuses(summaries).map((s) => s.replace(/ \(.*$/s, ''))).toEqual([
      `${overview.fileName}: loaded`,
      `${followers.fileName}: loaded`,
      ...BAD.map((b) => `${b.name}: quarantined`),
    ]);
    expect(valuesOf(await socialDaily(h))).toEqual(overview.days);
    expect((await followerSnapshots(h)).map((s) => s.followers)).toEqual(followers.snapshots.map((s) => s.followers));
  });

  it.each(BAD.map((b) => [b.code, b.name, b] as const))('%s: %s has the right reason', (_code, name, bad) => {
    const s = summaryOf(name);
    expect(s).toMatchObject({ status: 'quarantined', service: 'tiktok' });
    const r = s.reason!;
    expect(r.code).toBe(bad.code);
    expect(r.file).toBe(s.landingFile);
    if (bad.line !== undefined) {
      expect(r.line).toBe(bad.line);
      expect(s.message).toContain(`line ${bad.line}`);
    }
    if (bad.field !== undefined) {
      expect(r.field).toBe(bad.field);
      expect(s.message).toContain(`field "${bad.field}"`);
    }
    if (bad.found !== undefined) expect(r.found).toBe(bad.found);
    if (bad.message !== undefined) expect(s.message).toContain(bad.message);
  });

  it('holds nothing of the bad files in the warehouse: no facts, no artists', async () => {
    const perFile = await q<{ path: string; n: number | string }>(
      h.ds,
      'SELECT f.path, COUNT(*) AS n FROM social_daily s JOIN source_files f ON f.id = s.source_file_id GROUP BY f.path',
    );
    expect(perFile.map((r) => [r.path, Number(r.n)])).toEqual([[summaryOf(overview.fileName).landingFile, 120]]);
    expect(new Set((await followerSnapshots(h)).map((s) => s.account))).toEqual(new Set(['zone.a0']));
    // Only the valid files' artist exists (the bad follower files name other artists).
    expect((await q<{ name: string }>(h.ds, 'SELECT name FROM artists ORDER BY name')).map((a) => a.name)).toEqual(['zone.a0']);
    expect(await count(h, 'source_files', "status = 'quarantined'")).toBe(BAD.length);
  });

  it('leaves nothing of the bad files in raw/ or staging/, and keeps byte-identical copies with reasons in quarantine/tiktok/', () => {
    const loaded = [overview.fileName, followers.fileName].map((n) =>
      summaryOf(n)
        .landingFile!.split('/')
        .slice(1)
        .join('/')
        .replace(/\.[^.]+$/, ''),
    );
    expect(listFiles(path.join(h.lakeDir, 'raw'))).toEqual(loaded.map((b) => `${b}.ndjson`).sort());
    expect(listFiles(path.join(h.lakeDir, 'staging'))).toEqual(loaded.map((b) => `${b}.csv`).sort());
    const quarantined = listFiles(path.join(h.lakeDir, 'quarantine', 'tiktok'));
    for (const bad of BAD) {
      const landed = path.basename(summaryOf(bad.name).landingFile!);
      const copy = quarantined.find((f) => path.basename(f) === landed);
      expect(copy).toBeDefined();
      expect(sha256(path.join(h.lakeDir, 'quarantine', 'tiktok', copy!))).toBe(sha256(path.join(h.inputDir, bad.name)));
      expect(quarantined.some((f) => path.basename(f).startsWith(landed) && f.endsWith('.reason.json'))).toBe(true);
    }
    expect(fs.existsSync(path.join(h.lakeDir, 'quarantine', 'unknown'))).toBe(false);
  });
});
