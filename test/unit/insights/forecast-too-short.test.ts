/**
 * A series too short to forecast: left out when others can be forecast; when none can, the query
 * fails with a message saying how much history is needed. The warehouse is stubbed: the service's
 * only call is one aggregate query.
 */
import type { DataSource } from 'typeorm';
import { ForecastService } from '../../../src/analytics/insights/forecast.service';

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Rows as the DAY query answers them. */
function daily(source: string, days: number, from = '2025-06-01') {
  return Array.from({ length: days }, (_, i) => {
    const period = addDays(from, i);
    return { source, period, platform_id: null, track_id: null, artist_id: null, value: String(100 + (i % 7) * 10), newest: period };
  });
}

function service(rows: Array<Record<string, unknown>>): ForecastService {
  const ds = { options: { type: 'better-sqlite3' }, query: async () => rows } as unknown as DataSource;
  return new ForecastService(ds);
}

describe('forecast of too-short series', () => {
  it('answers BAD_USER_INPUT with the periods needed when no series has enough history', async () => {
    const failure = service(daily('distrokid', 8)).forecast('STREAMS', 'DAY', 7, [], 0.8);
    await expect(failure).rejects.toMatchObject({
      message: 'Not enough history to forecast STREAMS by DAY: a series needs at least 10 whole periods, the longest has 8',
      extensions: { code: 'BAD_USER_INPUT', minimumPeriods: 10, longestHistory: 8 },
    });
  });

  it('counts a lone partial week as no history', async () => {
    // Monday 2 June to Friday 6 June 2025: one week, not over yet.
    const week = { source: 'distrokid', period: '2025-06-02', platform_id: null, track_id: null, artist_id: null, value: '500', newest: '2025-06-06' };
    const failure = service([week]).forecast('STREAMS', 'WEEK', 2, [], 0.8);
    await expect(failure).rejects.toMatchObject({
      message: 'Not enough history to forecast STREAMS by WEEK: a series needs at least 3 whole periods, the longest has 0',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('leaves a too-short series out when another can be forecast', async () => {
    const out = await service([...daily('distrokid', 8), ...daily('spotify', 60)]).forecast('STREAMS', 'DAY', 7, [], 0.8);
    expect(out.map((s) => s.source)).toEqual(['spotify']);
    expect(out[0].method).toMatch(/^ETS\(A,(N|A|Ad),(N|A)\)$/);
  });

  it('answers an empty list when there is no data at all', async () => {
    await expect(service([]).forecast('STREAMS', 'DAY', 7, [], 0.8)).resolves.toEqual([]);
  });
});
