import fs from 'node:fs';
import path from 'node:path';
import { streamsStatsHtml } from '../../../demo/sample-exports/distrokid-stats-pages';
import { linktreeCapture } from '../../../demo/sample-exports/linktree';
import { metaAdsSample } from '../../../demo/sample-exports/meta_ads';
import { insightsJson } from '../../../demo/sample-exports/meta_ads-graph-pages';
import { audienceCsv, audienceFileName } from '../../../demo/sample-exports/spotify';
import { overviewSample } from '../../../demo/sample-exports/tiktok';
import { spotifyAnalyticsSample } from '../../../demo/sample-exports/toolost';
import { describeEachDatabase } from '../../helpers/databases';
import { startTestServer, type TestServer } from '../../helpers/server';
import { IngestService } from '../../../src/ingest/ingest-service';
import { createLogger } from '../../../src/config/logger';

const END = '2025-03-31';

describeEachDatabase('six sources over the same days', (kind) => {
  let server: TestServer;
  let dk: Array<{ date: string; streams: number }>;
  let toolost: Array<{ date: string; streams: number }>;
  let audience: Array<{ date: string; streams: number | null }>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const dir = fs.mkdtempSync(path.join(server.lakeDir, '..', 'six-'));
    const write = (name: string, content: string | Uint8Array) => {
      fs.writeFileSync(path.join(dir, name), content);
      return path.join(dir, name);
    };
    const page = streamsStatsHtml({ seed: 1, endDate: END, days: 90 });
    dk = page.series;
    const tl = spotifyAnalyticsSample({ seed: 2, endDate: END });
    toolost = tl.days;
    const aud = audienceCsv({ seed: 3, endDate: END, days: 90 });
    audience = aud.days;
    const tiktok = overviewSample({
      seed: 4,
      startDate: '2025-01-01',
      days: 90,
      handle: 'zone.a0',
      exportedAt: Date.parse('2025-04-01T00:00:00Z') / 1000,
    });
    const link = linktreeCapture({ seed: 5, endDate: END, windowDays: 90 });
    const meta = metaAdsSample({ seed: 6, startDate: '2025-03-01', days: 31 });
    const files = [
      write('streams_stats_20250401_000000.html', page.html),
      write('toolost_spotify_20250401_000000.json', tl.json),
      write(audienceFileName('ZONE A0', '20250401_000000'), aud.csv),
      write(tiktok.fileName, tiktok.zip),
      write('linktree_graphql_20250401_000000.json', link.json),
      write('meta_insights_20250401_000000.json', insightsJson(meta, { seed: 6 })),
    ];
    const summaries = await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest(files);
    expect(summaries.map((s) => `${s.service}/${s.stream}: ${s.status}`)).toEqual([
      'distrokid/streams_stats: loaded',
      'toolost/spotify_analytics: loaded',
      'spotify/audience: loaded',
      'tiktok/overview: loaded',
      'linktree/analytics: loaded',
      'meta_ads/insights: loaded',
    ]);
  });
  afterAll(async () => server?.close());

  it('adds up the distributors’ streams and never adds the dashboard audience to them', async () => {
    const res = await server.gql<{ streamSeries: { points: Array<{ source: string; streams: number }>; totals: { streams: number } } }>(
      `{ streamSeries(range: {from: "2025-01-01", to: "${END}"}, grain: YEAR, groupBy: [SOURCE]) { points { source streams } totals { streams } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const sum = (days: Array<{ date: string; streams: number | null }>) =>
      days.filter((d) => d.date >= '2025-01-01').reduce((s, d) => s + (d.streams ?? 0), 0);
    const bySource = Object.fromEntries(res.body.data!.streamSeries.points.map((p) => [p.source, p.streams]));
    expect(bySource).toEqual({ distrokid: sum(dk), toolost: sum(toolost) });
    expect(res.body.data!.streamSeries.totals.streams).toBe(sum(dk) + sum(toolost));
    const aud = await server.gql<{ audienceSeries: { points: Array<{ streams: number }> } }>(
      `{ audienceSeries(range: {from: "2025-01-01", to: "${END}"}, grain: YEAR) { points { streams } } }`,
    );
    expect(aud.body.data!.audienceSeries.points[0].streams).toBe(sum(audience));
  });

  it('writes a curated dataset per source with one line per warehouse row', async () => {
    const lines = (f: string) =>
      fs
        .readFileSync(path.join(server.lakeDir, 'curated', f), 'utf8')
        .split('\n')
        .filter(Boolean).length - 1;
    const count = async (table: string) => Number((await server.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    expect(lines('social/tiktok_daily.csv')).toBe(await count('social_daily'));
    expect(lines('links/linktree_daily.csv')).toBe(await count('link_daily'));
    expect(lines('audience/spotify_audience_daily.csv')).toBe(await count('audience_daily'));
    expect(lines('marketing/campaign_daily.csv')).toBe(await count('campaign_daily'));
    expect(lines('streaming/daily_streams.csv')).toBe(await count('streams'));
    expect(await count('campaign_daily')).toBeGreaterThan(0);
  });
});
