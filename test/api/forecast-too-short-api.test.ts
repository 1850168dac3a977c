/**
 * A series too short to forecast, over real HTTP on a real warehouse: left out when another series
 * can be forecast; when none can, the query fails with a message saying how much history is needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { realStreamsStatsHtml } from '../../demo/sample-exports/distrokid-streams-page';
import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

const QUERY = `query($grain: ForecastGrain!, $horizon: Int!) {
  forecast(metric: STREAMS, grain: $grain, horizon: $horizon) { seriesFound series { source method { name } points { period } } } }`;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const days = (last: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ date: addDays(last, i - n + 1), streams: 100 + ((i * 37) % 50) }));

describeEachDatabase('forecast of too-short series over HTTP', (kind) => {
  let server: TestServer;
  const dir = tempDir('forecast-short');

  async function load(name: string, series: Array<{ date: string; streams: number }>): Promise<void> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, realStreamsStatsHtml({ seed: 3, series }));
    const [summary] = await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([file]);
    expect(summary.status).toBe('loaded');
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers an empty list when there is no data at all', async () => {
    const res = await server.gql<{ forecast: unknown }>(QUERY, { grain: 'DAY', horizon: 7 });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.forecast).toEqual({ seriesFound: 0, series: [] });
  });

  it('answers BAD_USER_INPUT naming the periods needed when no series has enough history', async () => {
    // Eight days, the last of them partial (the page's last day is the capture's own): seven whole days.
    await load('streams_stats_20250609_090000.html', days('2025-06-08', 8));
    const res = await server.gql(QUERY, { grain: 'DAY', horizon: 7 });
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^Not enough history to forecast STREAMS by DAY: a series needs at least 10 whole periods, the longest has \d+$/,
        ),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', minimumPeriods: 10 }),
      }),
    ]);
    const { longestHistory } = res.body.errors![0].extensions as { longestHistory: number };
    expect(longestHistory).toBeLessThan(10);
    expect(res.body.errors![0].message).toMatch(new RegExp(`the longest has ${longestHistory}$`));
  });

  it('a lone partial week is no history: WEEK answers BAD_USER_INPUT too', async () => {
    const res = await server.gql(QUERY, { grain: 'WEEK', horizon: 2 });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Not enough history to forecast STREAMS by WEEK'),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });

  it('once a series has enough history it is forecast, with its method named', async () => {
    await load('streams_stats_20250701_090000.html', days('2025-06-30', 60));
    const res = await server.gql<{ forecast: { series: Array<{ source: string; method: { name: string }; points: unknown[] }> } }>(QUERY, {
      grain: 'DAY',
      horizon: 7,
    });
    expect(res.body.errors).toBeUndefined();
    const { series } = res.body.data!.forecast;
    expect(series.map((s) => s.source)).toEqual(['distrokid']);
    expect(series[0].method.name).toMatch(/^ETS\(A,(N|A|Ad),(N|A)\)$/);
    expect(series[0].points).toHaveLength(7);
  });
});
