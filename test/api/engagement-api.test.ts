import { dialectOf, SqlParams } from '../../src/db/dialect';
import { describeEachDatabase } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

/** Rows are written with plain SQL here: these tests are about the API's folding of daily tables, not ingestion. */
describeEachDatabase('social, link and audience series', (kind) => {
  let server: TestServer;
  const days = Array.from({ length: 21 }, (_, i) => new Date(Date.UTC(2025, 0, 27 + i)).toISOString().slice(0, 10)); // Mon 27 Jan … Sun 16 Feb
  const social = (account: string, i: number) => ({
    views: account === 'zone.a0' ? 100 + i : 50,
    likes: 7 + (i % 3),
    comments: i % 2,
    shares: 1,
  });

  async function insert(table: string, columns: string[], rows: unknown[][]) {
    for (const row of rows) {
      const p = new SqlParams(dialectOf(server.ds));
      await server.ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${p.list(row)})`, p.values);
    }
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    const p = new SqlParams(dialectOf(server.ds));
    await server.ds.query(`INSERT INTO artists (name, name_key) VALUES (${p.add('ZONE A0')}, ${p.add('zone a0')})`, p.values);
    const [{ id: artistId }] = await server.ds.query(`SELECT id FROM artists WHERE name_key = 'zone a0'`);
    const [{ id: tiktok }] = await server.ds.query(`SELECT id FROM platforms WHERE code = 'tiktok'`);
    await server.ds.query(
      `INSERT INTO source_files (service, stream, path, original_name, sha256, size_bytes, status, extracted_at) VALUES ('test', 'test', 'x', 'x', 'x', 0, 'loaded', '2025-03-01')`,
    );
    const [{ id: fileId }] = await server.ds.query(`SELECT id FROM source_files WHERE path = 'x'`);
    const at = '2025-03-01 00:00:00';
    for (const account of ['zone.a0', 'pig1987']) {
      await insert(
        'social_daily',
        [
          'platform_id',
          'account',
          'artist_id',
          'date',
          'video_views',
          'profile_views',
          'likes',
          'comments',
          'shares',
          'source_file_id',
          'extracted_at',
        ],
        days.map((d, i) => {
          const s = social(account, i);
          return [tiktok, account, account === 'zone.a0' ? artistId : null, d, s.views, 2, s.likes, s.comments, s.shares, fileId, at];
        }),
      );
    }
    // Follower snapshots: zone.a0 on Feb 1 and Feb 12, pig1987 on Jan 28.
    await insert(
      'follower_snapshots',
      ['platform_id', 'account', 'artist_id', 'captured_at', 'followers', 'source_file_id', 'extracted_at'],
      [
        [tiktok, 'zone.a0', artistId, '2025-02-01 12:00:00', 5000, fileId, at],
        [tiktok, 'zone.a0', artistId, '2025-02-12 12:00:00', 5600, fileId, at],
        [tiktok, 'pig1987', null, '2025-01-28 09:00:00', 300, fileId, at],
      ],
    );
    await insert(
      'link_daily',
      ['account', 'date', 'total_views', 'unique_views', 'total_clicks', 'unique_clicks', 'source_file_id', 'extracted_at'],
      days.map((d, i) => ['default', d, 30 + i, 20, 3 + (i % 4), 2, fileId, at]),
    );
    await insert(
      'audience_daily',
      ['source', 'artist_id', 'date', 'listeners', 'streams', 'followers', 'source_file_id', 'extracted_at'],
      // Followers are missing on the last day of each week: the period takes the latest day that has one.
      days.map((d, i) => ['spotify', artistId, d, 100 + i, 300 + i, i % 7 === 6 ? null : 1000 + i, fileId, at]),
    );
    for (const [title, key] of [
      ['Night Drive', 'night drive'],
      ['Static Bloom', 'static bloom'],
    ]) {
      await insert('tracks', ['title', 'title_key', 'primary_artist_id'], [[title, key, artistId]]);
    }
    const tracks: Array<{ id: number; title: string }> = await server.ds.query(`SELECT id, title FROM tracks ORDER BY id`);
    await insert(
      'track_artists',
      ['track_id', 'artist_id', 'role'],
      tracks.map((t) => [t.id, artistId, 'primary']),
    );
    const songRows: unknown[][] = [];
    for (const [date, factor] of [
      ['2025-02-01', 1],
      ['2025-02-08', 2],
    ] as const) {
      for (const [i, t] of tracks.entries()) {
        for (const period of ['7day', '28day'])
          songRows.push([
            'spotify',
            t.id,
            period,
            date,
            (i + 1) * 100 * factor * (period === '28day' ? 4 : 1),
            10,
            5,
            0,
            false,
            fileId,
            `${date} 06:00:00`,
          ]);
      }
    }
    await insert(
      'song_metrics',
      [
        'source',
        'track_id',
        'period',
        'extraction_date',
        'streams',
        'listeners',
        'savers',
        'canvas_views',
        'is_disabled',
        'source_file_id',
        'extracted_at',
      ],
      songRows,
    );
  });
  afterAll(async () => server?.close());

  it('answers song metrics for one period from the latest extraction, never mixing periods', async () => {
    const latest = await server.gql<{ songMetrics: Array<{ track: { title: string }; extractionDate: string; streams: number }> }>(
      `{ songMetrics(period: WEEK) { track { title } extractionDate streams } }`,
    );
    expect(latest.body.errors).toBeUndefined();
    expect(latest.body.data!.songMetrics).toEqual([
      { track: { title: 'Static Bloom' }, extractionDate: '2025-02-08', streams: 400 },
      { track: { title: 'Night Drive' }, extractionDate: '2025-02-08', streams: 200 },
    ]);
    const earlier = await server.gql<{ songMetrics: Array<{ streams: number }> }>(
      `{ songMetrics(period: FOUR_WEEKS, asOf: "2025-02-05") { streams } }`,
    );
    expect(earlier.body.data!.songMetrics.map((m) => m.streams)).toEqual([800, 400]);
  });

  it('sums social figures per week and account, with the engagement rate from exact counts', async () => {
    const res = await server.gql<{
      socialSeries: {
        points: Array<{
          period: string;
          account: string;
          videoViews: number;
          likes: number;
          engagementRate: string;
          artist: { name: string } | null;
        }>;
      };
    }>(
      `{ socialSeries(range: {from: "2025-01-27", to: "2025-02-16"}, grain: WEEK, groupBy: [ACCOUNT]) { points { period account videoViews likes engagementRate artist { name } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const points = res.body.data!.socialSeries.points;
    expect(points.map((p) => `${p.period} ${p.account}`)).toEqual([
      '2025-01-27 pig1987',
      '2025-01-27 zone.a0',
      '2025-02-03 pig1987',
      '2025-02-03 zone.a0',
      '2025-02-10 pig1987',
      '2025-02-10 zone.a0',
    ]);
    const week = days.slice(7, 14).map((_, j) => social('zone.a0', 7 + j));
    const zone = points.find((p) => p.period === '2025-02-03' && p.account === 'zone.a0')!;
    const views = week.reduce((s, x) => s + x.views, 0);
    const interactions = week.reduce((s, x) => s + x.likes + x.comments + x.shares, 0);
    expect(zone.videoViews).toBe(views);
    expect(zone.engagementRate).toBe((Math.round((interactions / views) * 1e6) / 1e6).toFixed(6));
    expect(points.find((p) => p.account === 'pig1987')!.artist).toBeNull();
    const followers = await server.gql<{
      socialSeries: { points: Array<{ period: string; account: string | null; followers: number | null }> };
    }>(
      `{ socialSeries(range: {from: "2025-01-27", to: "2025-02-16"}, grain: WEEK, groupBy: [ACCOUNT]) { points { period account followers } } }`,
    );
    const f = (period: string, account: string) =>
      followers.body.data!.socialSeries.points.find((p) => p.period === period && p.account === account)!.followers;
    expect(f('2025-01-27', 'zone.a0')).toBe(5000); // the week ends on Feb 2: the Feb 1 snapshot counts
    expect(f('2025-02-03', 'zone.a0')).toBe(5000);
    expect(f('2025-02-10', 'zone.a0')).toBe(5600);
    expect(f('2025-02-10', 'pig1987')).toBe(300);
    const total = await server.gql<{ socialSeries: { points: Array<{ period: string; followers: number }> } }>(
      `{ socialSeries(range: {from: "2025-02-10", to: "2025-02-16"}, grain: WEEK) { points { period followers } } }`,
    );
    expect(total.body.data!.socialSeries.points).toEqual([{ period: '2025-02-10', followers: 5900 }]);
  });

  it('sums link views and clicks per month with the click-through rate', async () => {
    const res = await server.gql<{ linkSeries: { points: Array<{ period: string; views: number; clicks: number; ctr: string }> } }>(
      `{ linkSeries(range: {from: "2025-01-01", to: "2025-02-28"}, grain: MONTH) { points { period views clicks ctr } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const jan = days.map((d, i) => ({ d, views: 30 + i, clicks: 3 + (i % 4) })).filter((x) => x.d < '2025-02-01');
    const [first] = res.body.data!.linkSeries.points;
    expect(first.period).toBe('2025-01');
    expect(first.views).toBe(jan.reduce((s, x) => s + x.views, 0));
    expect(first.clicks).toBe(jan.reduce((s, x) => s + x.clicks, 0));
  });

  it('folds audience days: mean listeners, summed streams, latest followers', async () => {
    const res = await server.gql<{
      audienceSeries: {
        points: Array<{ period: string; listeners: string; streams: number; followers: number; artist: { name: string } }>;
      };
    }>(
      `{ audienceSeries(range: {from: "2025-01-27", to: "2025-02-16"}, grain: WEEK) { points { period listeners streams followers artist { name } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const [w1] = res.body.data!.audienceSeries.points;
    expect(w1.artist.name).toBe('ZONE A0');
    expect(Number(w1.listeners)).toBe((100 + 101 + 102 + 103 + 104 + 105 + 106) / 7);
    expect(w1.streams).toBe([0, 1, 2, 3, 4, 5, 6].reduce((s, i) => s + 300 + i, 0));
    expect(w1.followers).toBe(1005); // day 6 has no figure: day 5's is the latest
  });
});
