/**
 * TooLost files are recognised from their names, from their content when the name says nothing
 * (API captures, e-mailed attachments), and with `--service toolost`.
 */
import { appleAnalyticsSample, salesReportSample, spotifyAnalyticsSample } from '../../../demo/sample-exports/toolost';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, openHarness, q } from '../ingest/helpers';
import { dailyStreams } from './helpers';

describeEachDatabase('TooLost recognition', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('recognises API captures and a report attachment by content when the name says nothing', async () => {
    const spotify = spotifyAnalyticsSample({ seed: 61, endDate: '2025-02-01' });
    const apple = appleAnalyticsSample({
      seed: 62,
      endDate: '2025-02-01',
      tracks: [{ isrc: 'QZTAW2496365', title: 'Night Drive', release: 'Night Drive' }],
    });
    const sales = salesReportSample({ seed: 63, month: '12-2024', rows: 30 });
    const summaries = await h.ingest([
      h.input('spotify_20250201_120000.json', spotify.json),
      h.input('capture_20250201_120001.json', apple.json),
      h.input('Sales_Report_12-2024.csv', sales.csv),
    ]);
    expect(summaries.map((s) => [s.service, s.stream, s.status])).toEqual([
      ['toolost', 'spotify_analytics', 'loaded'],
      ['toolost', 'apple_analytics', 'loaded'],
      ['toolost', 'sales_report', 'loaded'],
    ]);
    expect(await dailyStreams(h, 'toolost', 'spotify')).toEqual(spotify.days);
    expect(await dailyStreams(h, 'toolost', 'apple_music')).toEqual(apple.days);
    // The unstamped attachment name still gives the month.
    const months = await q<{ m: string }>(h.ds, `SELECT DISTINCT CAST(sale_month AS TEXT) AS m FROM transactions`);
    expect(months.map((r) => r.m)).toEqual(['2024-12-01']);
  });

  it('recognises by name and by content under --service toolost', async () => {
    const spotify = spotifyAnalyticsSample({ seed: 64, endDate: '2025-02-01' });
    const sales = salesReportSample({ seed: 65, month: '01-2025', rows: 10, variant: 'gross_net' });
    const summaries = await h.ingest(
      [h.input('toolost_spotify_20250201_120000.json', spotify.json), h.input('download (3)_01-2025.csv', sales.csv)],
      'toolost',
    );
    expect(summaries.map((s) => [s.service, s.stream, s.status])).toEqual([
      ['toolost', 'spotify_analytics', 'loaded'],
      ['toolost', 'sales_report', 'loaded'],
    ]);
  });

  it('does not take Linktree, Meta or Spotify for Artists payloads for TooLost ones under --service toolost', async () => {
    const linktree = JSON.stringify({
      data: {
        getAccountAnalytics: {
          overview: {
            totalViews: 15,
            totalClicks: 7,
            clickThroughRate: 0.46,
            timeseries: [
              {
                date: '2025-01-15',
                totalViews: 15,
                uniqueViews: 9,
                totalClicks: 7,
                uniqueClicks: 6,
                clickThroughRate: 0.4667,
                __typename: 'AccountActivity',
              },
            ],
          },
        },
      },
    });
    const meta = JSON.stringify({
      data: [
        {
          campaign_id: '1',
          spend: '3.41',
          impressions: '1000',
          actions: [{ action_type: 'link_click', value: '4' }],
          date_start: '2025-01-01',
          date_stop: '2025-01-01',
        },
      ],
      paging: {},
    });
    const songs = JSON.stringify({ songs: [{ id: 'x', trackName: 'Night Drive', numStreams: '12,345', numListeners: '1,000' }] });
    const audience = 'date,listeners,streams,followers\n2025-01-01,10,20,30\n';
    const summaries = await h.ingest(
      [
        h.input('linktree_20250201_120000.json', linktree),
        h.input('insights_20250201_120000.json', meta),
        h.input('spotify_songs_20250201_120000.json', songs),
        h.input('spotify_audience_62owJQCD2XzVB2o19CVsFM_20250201_120000.csv', audience),
      ],
      'toolost',
    );
    expect(summaries.map((s) => [s.status, s.reason?.code])).toEqual(Array(4).fill(['quarantined', 'UNKNOWN_SOURCE']));
  });
});
