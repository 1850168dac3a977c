/**
 * TooLost Spotify analytics → `streams` (platform spotify) and `promotion_costs`, on SQLite and
 * PostgreSQL: exact series from unsorted string counts, upsert per day so history survives the
 * "this year only" window, and DistroKid rows for the same days kept beside TooLost's.
 */
import { streamsStatsHtml } from '../../../demo/sample-exports/distrokid-stats-pages';
import { spotifyAnalyticsSample } from '../../../demo/sample-exports/toolost';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, q, statuses } from '../ingest/helpers';
import { dailyStreams, type Day, promotionCosts } from './helpers';

describeEachDatabase('TooLost Spotify analytics → streams + promotion_costs', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads the daily series and the monthly discovery costs exactly, leaving NaN/blank days out', async () => {
    const sample = spotifyAnalyticsSample({ seed: 1, endDate: '2025-05-17', gapDates: ['2025-02-03', '2025-04-20'] });
    const served = (JSON.parse(sample.json) as { streams: Array<{ date: string; streams: string }> }).streams;
    expect(served.map((r) => r.date)).not.toEqual(served.map((r) => r.date).sort()); // unsorted, as served
    expect(served.every((r) => typeof r.streams === 'string')).toBe(true);
    expect(served.some((r) => r.streams.includes(','))).toBe(true);
    const [s] = await h.ingest([h.input('toolost_spotify_20250517_180000.json', sample.json)]);
    const daysInWindow = 137; // Jan 1 … May 17
    expect(s).toMatchObject({ status: 'loaded', service: 'toolost', stream: 'spotify_analytics' });
    expect(s).toMatchObject({ rowsRead: daysInWindow + 5, rowsLoaded: daysInWindow - 2 + 5, rowsSkipped: 2 });
    expect(await dailyStreams(h, 'toolost', 'spotify')).toEqual(sample.days);
    expect(sample.days).toHaveLength(daysInWindow - 2);
    expect(await promotionCosts(h)).toEqual(
      sample.discovery.map((m) => ({
        month: m.month,
        platform: 'spotify',
        streams: m.streams,
        feesNano: m.feesNano.toString(),
        currency: 'USD',
      })),
    );
    // Raw keeps the validated records, staging the typed rows.
    expect(listFiles(`${h.lakeDir}/raw/toolost/spotify_analytics`)).toEqual(['toolost_spotify_20250517_180000.ndjson']);
    expect(listFiles(`${h.lakeDir}/staging/toolost/spotify_analytics`)).toEqual([
      'toolost_spotify_20250517_180000.discovery.csv',
      'toolost_spotify_20250517_180000.streams.csv',
    ]);
  });

  it('skips the same capture loaded again', async () => {
    const sample = spotifyAnalyticsSample({ seed: 2, endDate: '2025-03-01' });
    await h.ingest([h.input('toolost_spotify_20250301_120000.json', sample.json)]);
    const [again] = await h.ingest([h.input('copy/toolost_spotify_20250301_120000.json', sample.json)]);
    expect(again.status).toBe('skipped');
    expect(await dailyStreams(h, 'toolost', 'spotify')).toEqual(sample.days);
  });

  it('corrects the days a later capture covers and keeps the days it no longer returns', async () => {
    // Last capture of 2024, then a January 2025 capture: the API now returns 2025 only.
    const y2024 = spotifyAnalyticsSample({ seed: 3, endDate: '2024-12-31', startDate: '2024-11-01' });
    const march = spotifyAnalyticsSample({ seed: 4, endDate: '2025-03-10' });
    const later = spotifyAnalyticsSample({ seed: 5, endDate: '2025-03-20' });
    const summaries = await h.ingest([
      h.input('toolost_spotify_20241231_230000.json', y2024.json),
      h.input('toolost_spotify_20250310_120000.json', march.json),
    ]);
    expect(statuses(summaries)).toEqual(['toolost_spotify_20241231_230000.json: loaded', 'toolost_spotify_20250310_120000.json: loaded']);
    const [s] = await h.ingest([h.input('toolost_spotify_20250320_120000.json', later.json)]);
    expect(s.status).toBe('loaded');

    const changed = later.days.filter((d) => march.days.find((m) => m.date === d.date)?.streams !== d.streams).length;
    const monthsChanged = later.discovery.filter((d) => {
      const m = march.discovery.find((x) => x.month === d.month);
      return m?.streams !== d.streams || m?.feesNano !== d.feesNano;
    }).length;
    expect(s.rowsLoaded).toBe(changed + monthsChanged);

    const expected: Day[] = [...y2024.days, ...later.days];
    expect(await dailyStreams(h, 'toolost', 'spotify')).toEqual(expected);
    const costs = await promotionCosts(h);
    expect(costs.map((c) => c.month)).toEqual([...y2024.discovery, ...later.discovery].map((m) => m.month));
    expect(costs.filter((c) => c.month >= '2025-01-01').map((c) => c.feesNano)).toEqual(later.discovery.map((m) => m.feesNano.toString()));
  });

  it('never lets an older capture, loaded late, overwrite a newer one', async () => {
    const newer = spotifyAnalyticsSample({ seed: 6, endDate: '2025-02-20' });
    const older = spotifyAnalyticsSample({ seed: 7, endDate: '2025-02-10' });
    await h.ingest([h.input('toolost_spotify_20250220_120000.json', newer.json)]);
    const [late] = await h.ingest([h.input('toolost_spotify_20250210_120000.json', older.json)]);
    expect(late).toMatchObject({ status: 'loaded', rowsLoaded: 0 });
    expect(await dailyStreams(h, 'toolost', 'spotify')).toEqual(newer.days);
    expect((await promotionCosts(h)).map((c) => c.feesNano)).toEqual(newer.discovery.map((m) => m.feesNano.toString()));
  });

  it('keeps DistroKid and TooLost rows for the same days apart: both are there, their sum is the total', async () => {
    const dk = streamsStatsHtml({ seed: 21, endDate: '2025-03-31', days: 90 });
    const tl = spotifyAnalyticsSample({ seed: 22, endDate: '2025-03-31' });
    expect(dk.series.map((d) => d.date)).toEqual(tl.days.map((d) => d.date)); // Jan 1 … Mar 31 on both
    const summaries = await h.ingest([
      h.input('streams_stats_20250331_180000.html', dk.html),
      h.input('toolost_spotify_20250331_180000.json', tl.json),
    ]);
    expect(statuses(summaries)).toEqual(['streams_stats_20250331_180000.html: loaded', 'toolost_spotify_20250331_180000.json: loaded']);
    expect(await dailyStreams(h, 'distrokid', 'spotify')).toEqual(dk.series);
    expect(await dailyStreams(h, 'toolost', 'spotify')).toEqual(tl.days);
    const totals = await q<{ date: string; total: number | string; n: number | string }>(
      h.ds,
      `SELECT CAST(s.date AS TEXT) AS date, SUM(s.streams) AS total, COUNT(*) AS n FROM streams s JOIN platforms p ON p.id = s.platform_id
       WHERE p.code = 'spotify' GROUP BY s.date ORDER BY s.date`,
    );
    expect(totals.map((r) => ({ date: r.date, total: Number(r.total), n: Number(r.n) }))).toEqual(
      dk.series.map((d, i) => ({ date: d.date, total: d.streams + tl.days[i].streams, n: 2 })),
    );
    // Loading the DistroKid page again after TooLost changes nothing of TooLost's rows.
    const dk2 = streamsStatsHtml({ seed: 23, endDate: '2025-03-31', days: 90 });
    await h.ingest([h.input('streams_stats_20250401_090000.html', dk2.html)]);
    expect(await dailyStreams(h, 'toolost', 'spotify')).toEqual(tl.days);
    expect(await dailyStreams(h, 'distrokid', 'spotify')).toEqual(dk2.series);
  });
});
