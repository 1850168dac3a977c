/**
 * TikTok Studio overview downloads into `social_daily`, on SQLite and PostgreSQL: a full year
 * across New Year with exact values, the artist alias, raw/staging files, and reloads (same file,
 * later overlapping extraction, older extraction loaded late).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  overviewCsvOfDays,
  overviewFileName,
  overviewSample,
  overviewZip,
  type OverviewDayValues,
} from '../../../demo/sample-exports/tiktok';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, OLD_HEADER, openHarness, q, statuses, tsv } from '../ingest/helpers';
import { addDays, asStored, count, rateMatches, socialDaily, valuesOf } from './helpers';

const T1 = 1736937600; // 2025-01-15 10:40:00 UTC
const T2 = T1 + 86_400 * 10;
const T0 = T1 - 86_400 * 10;

/** Explicit days (date → values) zipped as the portal would name them. */
function download(h: Harness, startDate: string, ts: number, handle: string, days: OverviewDayValues[]): string {
  return h.input(overviewFileName(startDate, ts, handle), Buffer.from(overviewZip(overviewCsvOfDays(days), ts)));
}

function series(startDate: string, n: number, f: (k: number) => number): OverviewDayValues[] {
  return Array.from({ length: n }, (_, k) => ({
    date: addDays(startDate, k),
    videoViews: f(k) * 10,
    profileViews: f(k),
    likes: f(k) * 2,
    comments: k % 3,
    shares: k % 5,
  }));
}

describeEachDatabase('TikTok overview → social_daily', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads a full year starting 2024-11-15 exactly, dates running into 2025', async () => {
    const sample = overviewSample({ seed: 11, startDate: '2024-11-15', handle: 'zone.a0', exportedAt: T1, missingRate: 0.02 });
    const [s] = await h.ingest([h.input(sample.fileName, Buffer.from(sample.zip))]);
    expect(s).toMatchObject({ status: 'loaded', service: 'tiktok', stream: 'overview', rowsRead: 365, rowsLoaded: 365, rowsSkipped: 0 });

    const stored = await socialDaily(h);
    expect(valuesOf(stored)).toEqual(sample.days);
    expect(stored[0].date).toBe('2024-11-15');
    expect(stored.find((d) => d.date === '2024-12-31')).toBeDefined();
    expect(stored.find((d) => d.date === '2025-01-01')).toBeDefined();
    expect(stored[364].date).toBe('2025-11-14');
    expect(new Set(stored.map((d) => d.account))).toEqual(new Set(['zone.a0']));
    expect(new Set(stored.map((d) => d.extractedAt))).toEqual(new Set(['2025-01-15 10:40:00']));

    const sum = (k: keyof Omit<OverviewDayValues, 'date'>) => sample.days.reduce((t, d) => t + d[k], 0);
    const [totals] = await q<Record<string, string | number>>(
      h.ds,
      `SELECT CAST(SUM(video_views) AS TEXT) AS v, CAST(SUM(profile_views) AS TEXT) AS p, CAST(SUM(likes) AS TEXT) AS l,
         CAST(SUM(comments) AS TEXT) AS c, CAST(SUM(shares) AS TEXT) AS s FROM social_daily`,
    );
    expect(Object.values(totals).map(Number)).toEqual([
      sum('videoViews'),
      sum('profileViews'),
      sum('likes'),
      sum('comments'),
      sum('shares'),
    ]);
  });

  it('attributes zone.a0 to the existing artist ZONE A0, and creates the artist when there is none', async () => {
    await h.ingest([h.input('dk_bank_details_20250101_000000.tsv', tsv(OLD_HEADER, [{ Artist: 'ZONE A0' }]))]);
    const [{ id }] = await q<{ id: number | string }>(h.ds, "SELECT id FROM artists WHERE name = 'ZONE A0'");
    const artistsBefore = await count(h, 'artists');

    const a = overviewSample({ seed: 2, startDate: '2025-01-01', days: 30, handle: 'zone.a0', exportedAt: T1 });
    const b = overviewSample({ seed: 3, startDate: '2025-01-01', days: 30, handle: 'pig1987', exportedAt: T1 });
    const summaries = await h.ingest([h.input(a.fileName, Buffer.from(a.zip)), h.input(b.fileName, Buffer.from(b.zip))]);
    expect(statuses(summaries)).toEqual([`${a.fileName}: loaded`, `${b.fileName}: loaded`]);

    expect(await count(h, 'artists')).toBe(artistsBefore + 1);
    expect(await count(h, 'social_daily', 'account = ? AND artist_id = ?', ['zone.a0', Number(id)])).toBe(30);
    const pig = await socialDaily(h, 'pig1987');
    expect(new Set(pig.map((d) => d.artist))).toEqual(new Set(['pig1987']));
    expect(valuesOf(pig)).toEqual(b.days);
  });

  it('writes raw NDJSON with full dates and a typed staging CSV with the engagement rate', async () => {
    const sample = overviewSample({ seed: 5, startDate: '2024-12-20', days: 40, handle: 'zone.a0', exportedAt: T1, missingRate: 0.05 });
    const [s] = await h.ingest([h.input(sample.fileName, Buffer.from(sample.zip))]);
    expect(s.status).toBe('loaded');
    const base = path.basename(s.landingFile!, '.zip');
    expect(listFiles(path.join(h.lakeDir, 'raw'))).toEqual([`tiktok/overview/${base}.ndjson`]);
    expect(listFiles(path.join(h.lakeDir, 'staging'))).toEqual([`tiktok/overview/${base}.csv`]);

    const raw = fs
      .readFileSync(path.join(h.lakeDir, 'raw/tiktok/overview', `${base}.ndjson`), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(raw.map((r) => r.date)).toEqual(sample.days.map((d) => d.date));
    expect(raw[12]).toMatchObject({ line: 14, date: '2025-01-01', account: 'zone.a0', Date: 'Jan 1' });

    const staging = fs
      .readFileSync(path.join(h.lakeDir, 'staging/tiktok/overview', `${base}.csv`), 'utf8')
      .trimEnd()
      .split('\n');
    expect(staging[0]).toBe('date,account,video_views,profile_views,likes,comments,shares,engagement_rate');
    expect(staging).toHaveLength(41);
    staging.slice(1).forEach((line, k) => {
      const [date, account, v, p, l, c, sh, rate] = line.split(',');
      const d = sample.days[k];
      expect([date, account, Number(v), Number(p), Number(l), Number(c), Number(sh)]).toEqual([
        d.date,
        'zone.a0',
        d.videoViews,
        d.profileViews,
        d.likes,
        d.comments,
        d.shares,
      ]);
      expect(rateMatches(rate, d)).toBe(true);
    });
  });

  it('skips the same download loaded again, also under a browser-copy name', async () => {
    const sample = overviewSample({ seed: 9, startDate: '2024-11-15', days: 90, handle: 'zone.a0', exportedAt: T1 });
    const [first] = await h.ingest([h.input(sample.fileName, Buffer.from(sample.zip))]);
    expect(first.status).toBe('loaded');
    const [again] = await h.ingest([h.input(sample.fileName, Buffer.from(sample.zip))]);
    expect(again.status).toBe('skipped');
    const copy = sample.fileName.replace('.zip', ' (1).zip');
    const [copied] = await h.ingest([h.input(copy, Buffer.from(sample.zip))]);
    expect(copied.status).toBe('skipped');
    expect(valuesOf(await socialDaily(h))).toEqual(sample.days);
    expect(await count(h, 'social_daily')).toBe(90);
  });

  it('corrects overlapping days from a later extraction and keeps the older days it no longer covers', async () => {
    const first = series('2024-11-15', 60, (k) => 100 + k); // Nov 15 → Jan 13
    await h.ingest([download(h, '2024-11-15', T1, 'zone.a0', first)]);

    // Ten days later the window starts on Dec 15: 30 overlapping days (5 corrected) and 30 new ones.
    const overlap = first.slice(30).map((d, i) => (i % 6 === 0 ? { ...d, videoViews: d.videoViews + 1000 + i, likes: d.likes + 7 } : d));
    const corrected = overlap.filter((_, i) => i % 6 === 0).length;
    const second = [...overlap, ...series('2025-01-14', 30, (k) => 500 + k)];
    const [s2] = await h.ingest([download(h, '2024-12-15', T2, 'zone.a0', second)]);
    expect(s2).toMatchObject({ status: 'loaded', rowsRead: 60, rowsLoaded: 30 + corrected, rowsSkipped: 30 - corrected });

    const stored = await socialDaily(h);
    expect(valuesOf(stored)).toEqual([...first.slice(0, 30), ...second]);
    expect(stored).toHaveLength(90);
    expect(stored.find((d) => d.date === '2024-12-15')!.videoViews).toBe(first[30].videoViews + 1000);
    // Every day the later file covers now carries its extraction time (unchanged days are confirmed by it); the older days keep theirs.
    expect(stored.filter((d) => d.extractedAt === asStored(new Date(T2 * 1000).toISOString())).length).toBe(second.length);
    expect(stored.filter((d) => d.date < '2024-12-15').every((d) => d.extractedAt === '2025-01-15 10:40:00')).toBe(true);
  });

  it('never lets an older extraction, loaded late, overwrite days a newer one gave', async () => {
    const newer = series('2024-12-01', 40, (k) => 1000 + k);
    const older = series('2024-11-21', 40, (k) => 5 + k); // Nov 21 → Dec 30, overlapping Dec 1 → Dec 30
    await h.ingest([download(h, '2024-12-01', T1, 'zone.a0', newer)]);
    const [late] = await h.ingest([download(h, '2024-11-21', T0, 'zone.a0', older)]);
    expect(late).toMatchObject({ status: 'loaded', rowsRead: 40, rowsLoaded: 10, rowsSkipped: 30 });
    expect(valuesOf(await socialDaily(h))).toEqual([...older.slice(0, 10), ...newer]);
  });
});
