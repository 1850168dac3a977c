/**
 * TikTok profile follower snapshots into `follower_snapshots`, on SQLite and PostgreSQL: single
 * objects and arrays, the artist alias, points in time (never a daily series), the same snapshot
 * twice unchanged, and recognition by content.
 */
import fs from 'node:fs';
import path from 'node:path';
import { followerSnapshotSample } from '../../../demo/sample-exports/tiktok';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, OLD_HEADER, openHarness, q, tsv } from '../ingest/helpers';
import { asStored, count, followerSnapshots } from './helpers';

const T = 1736937600; // 2025-01-15 10:40:00 UTC
const HOUR = 3600;

describeEachDatabase('TikTok follower snapshots → follower_snapshots', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads a single snapshot object at its own instant, attributed to the existing artist ZONE A0', async () => {
    await h.ingest([h.input('dk_bank_details_20250101_000000.tsv', tsv(OLD_HEADER, [{ Artist: 'ZONE A0' }]))]);
    const artists = await count(h, 'artists');
    const sample = followerSnapshotSample({ seed: 1, handle: 'zone.a0', artist: 'zone.a0', timestamps: [T] });
    const [s] = await h.ingest([h.input(sample.fileName, sample.json)]);
    expect(s).toMatchObject({ status: 'loaded', service: 'tiktok', stream: 'followers', rowsRead: 1, rowsLoaded: 1, rowsSkipped: 0 });
    expect(await followerSnapshots(h)).toEqual([
      {
        account: 'zone.a0',
        artist: 'ZONE A0',
        capturedAt: '2025-01-15 10:40:00',
        followers: sample.snapshots[0].followers,
        sourceUrl: 'https://www.tiktok.com/@zone.a0',
      },
    ]);
    expect(await count(h, 'artists')).toBe(artists);
    // A point in time: nothing is spread over days.
    expect(await count(h, 'social_daily')).toBe(0);
  });

  it('loads an array of snapshots (ISO timestamps, counts with separators) and writes raw and staging', async () => {
    const sample = followerSnapshotSample({
      seed: 4,
      handle: 'pig1987',
      artist: 'PIG1987',
      timestamps: [T, T + 6 * HOUR, T + 30 * HOUR, T + 54 * HOUR],
      isoTimestamps: true,
    });
    expect(sample.json).toMatch(/"count": "\d{1,3},\d{3}"/);
    const [s] = await h.ingest([h.input(sample.fileName, sample.json)]);
    expect(s).toMatchObject({ status: 'loaded', rowsRead: 4, rowsLoaded: 4 });
    expect(await followerSnapshots(h)).toEqual(
      sample.snapshots.map((x) => ({
        account: 'pig1987',
        artist: 'PIG1987',
        capturedAt: asStored(x.capturedAt),
        followers: x.followers,
        sourceUrl: x.sourceUrl,
      })),
    );
    const base = path.basename(s.landingFile!, '.json');
    expect(listFiles(path.join(h.lakeDir, 'raw'))).toEqual([`tiktok/followers/${base}.ndjson`]);
    const staging = fs
      .readFileSync(path.join(h.lakeDir, 'staging/tiktok/followers', `${base}.csv`), 'utf8')
      .trimEnd()
      .split('\n');
    expect(staging[0]).toBe('account,artist,captured_at,followers,source_url');
    expect(staging.slice(1)).toEqual(sample.snapshots.map((x) => `pig1987,PIG1987,${x.capturedAt},${x.followers},${x.sourceUrl}`));
  });

  it('leaves the same snapshot unchanged when it comes again, adds new instants, and corrects a changed count', async () => {
    const first = followerSnapshotSample({ seed: 7, handle: 'zone.a0', artist: 'ZONE A0', timestamps: [T] });
    await h.ingest([h.input(first.fileName, first.json)]);
    // A later capture repeats the earlier object next to a new one.
    const later = followerSnapshotSample({ seed: 7, handle: 'zone.a0', artist: 'ZONE A0', timestamps: [T, T + 24 * HOUR] });
    expect(later.snapshots[0]).toEqual(first.snapshots[0]);
    const [s2] = await h.ingest([h.input(later.fileName, later.json)]);
    expect(s2).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 1, rowsSkipped: 1 });
    expect((await followerSnapshots(h)).map((x) => x.followers)).toEqual(later.snapshots.map((x) => x.followers));

    const fixed = JSON.stringify({
      count: later.snapshots[1].followers + 3,
      source_url: later.snapshots[1].sourceUrl,
      timestamp: T + 24 * HOUR,
      artist: 'ZONE A0',
    });
    const [s3] = await h.ingest([h.input(`tiktok_followers_zone.a0_${T + 24 * HOUR + 1}.json`, fixed)]);
    expect(s3).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    expect((await followerSnapshots(h)).map((x) => x.followers)).toEqual([later.snapshots[0].followers, later.snapshots[1].followers + 3]);
    expect(await count(h, 'follower_snapshots')).toBe(2);
  });

  it('counts a repeated object inside one file once, and skips records without a figure', async () => {
    const one = { count: 1500, source_url: 'https://www.tiktok.com/@zone.a0', timestamp: T, artist: 'ZONE A0' };
    const json = JSON.stringify([
      one,
      one,
      { ...one, timestamp: T + HOUR, count: 'NaN' },
      { ...one, timestamp: T + 2 * HOUR, count: null },
    ]);
    const [s] = await h.ingest([h.input(`tiktok_followers_zone.a0_${T}.json`, json)]);
    expect(s).toMatchObject({ status: 'loaded', rowsRead: 4, rowsLoaded: 1, rowsSkipped: 3 });
    expect(await followerSnapshots(h)).toEqual([
      { account: 'zone.a0', artist: 'ZONE A0', capturedAt: '2025-01-15 10:40:00', followers: 1500, sourceUrl: one.source_url },
    ]);
    const [{ n }] = await q<{ n: number | string }>(h.ds, 'SELECT COUNT(*) AS n FROM artists');
    expect(Number(n)).toBe(1);
  });
});
