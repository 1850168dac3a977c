/**
 * Which files the pipeline takes as TikTok, on SQLite and PostgreSQL: by name without --service
 * (the ZIP is binary), the follower snapshot also by content, and with --service tiktok.
 */
import { zipSync } from 'fflate';
import { followerSnapshotSample, overviewSample } from '../../../demo/sample-exports/tiktok';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, OLD_HEADER, openHarness, tsv } from '../ingest/helpers';
import { count, followerSnapshots, socialDaily, valuesOf } from './helpers';

const T = 1736937600;

describeEachDatabase('TikTok recognition', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('recognises both streams without --service: the ZIP by name, the snapshot by name and by content', async () => {
    const overview = overviewSample({ seed: 31, startDate: '2025-01-01', days: 20, handle: 'zone.a0', exportedAt: T });
    const named = followerSnapshotSample({ seed: 32, handle: 'zone.a0', artist: 'ZONE A0', timestamps: [T] });
    const unnamed = followerSnapshotSample({ seed: 33, handle: 'pig1987', artist: 'PIG1987', timestamps: [T, T + 60] });
    const summaries = await h.ingest([
      h.input(overview.fileName, Buffer.from(overview.zip)),
      h.input(named.fileName, named.json),
      h.input('profile_capture_20250115_104000.json', unnamed.json),
    ]);
    expect(summaries.map((s) => [s.status, s.service, s.stream])).toEqual([
      ['loaded', 'tiktok', 'overview'],
      ['loaded', 'tiktok', 'followers'],
      ['loaded', 'tiktok', 'followers'],
    ]);
    // The unix time in the name is its capture time: the landing copy keeps the name as it is.
    expect(summaries[0].landingFile).toBe('landing/tiktok/overview/Overview_2025-01-01_1736937600_zone.a0.zip');
    expect(valuesOf(await socialDaily(h))).toEqual(overview.days);
    expect((await followerSnapshots(h)).map((s) => s.account)).toEqual(['pig1987', 'pig1987', 'zone.a0']);
  });

  it('does not take a JSON with other keys, or a ZIP without Overview.csv under another name, for TikTok', async () => {
    const summaries = await h.ingest([
      h.input('capture_20250115_104000.json', JSON.stringify({ count: 1, source_url: null, timestamp: T, artist: 'x', extra: true })),
      h.input('archive_20250115_104000.zip', Buffer.from(zipSync({ 'notes.txt': new TextEncoder().encode('hello') }))),
    ]);
    expect(summaries.map((s) => [s.status, s.service, s.reason?.code])).toEqual([
      ['quarantined', 'unknown', 'UNKNOWN_SOURCE'],
      ['quarantined', 'unknown', 'UNKNOWN_SOURCE'],
    ]);
    expect(await count(h, 'social_daily')).toBe(0);
    expect(await count(h, 'follower_snapshots')).toBe(0);
  });

  it('with --service tiktok takes any .zip holding an Overview.csv, and needs the start date in its name', async () => {
    const overview = overviewSample({ seed: 35, startDate: '2024-11-15', days: 70, handle: 'zone.a0', exportedAt: T });
    const summaries = await h.ingest(
      [
        h.input('Overview_2024-11-15_1736937600_zone.a0 (1).zip', Buffer.from(overview.zip)),
        h.input('tiktok_download.zip', Buffer.from(overview.zip)),
        h.input('dk_bank_details_20250101_000000.tsv', tsv(OLD_HEADER, [{}])),
      ],
      'tiktok',
    );
    expect(summaries.map((s) => [s.status, s.service, s.stream])).toEqual([
      ['loaded', 'tiktok', 'overview'],
      // Same bytes as the first: already loaded.
      ['skipped', 'tiktok', 'overview'],
      ['quarantined', 'unknown', 'unrecognised'],
    ]);
    expect(summaries[2].reason?.code).toBe('UNKNOWN_SOURCE');
    expect(valuesOf(await socialDaily(h, 'zone.a0'))).toEqual(overview.days);

    // A different download without the start date in its name is recognised but cannot be dated.
    const other = overviewSample({ seed: 36, startDate: '2024-11-15', days: 10, handle: 'zone.a0', exportedAt: T + 1 });
    const [undated] = await h.ingest([h.input('tiktok_download_2.zip', Buffer.from(other.zip))], 'tiktok');
    expect(undated).toMatchObject({ status: 'quarantined', service: 'tiktok', stream: 'overview' });
    expect(undated.reason).toMatchObject({ code: 'BAD_VALUE', field: 'file name (start date)' });
    expect(await count(h, 'social_daily')).toBe(70);
  });
});
