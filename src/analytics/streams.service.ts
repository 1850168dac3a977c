import type { DataSource } from 'typeorm';
import { dialectOf, SqlParams, sumAsText } from '../db/dialect';
import { type DateRange, type Grain, periodExpr, periodsBetween } from './periods';
import type { SeriesOrder } from './revenue.service';

export const STREAM_DIMENSIONS = ['PLATFORM', 'COUNTRY', 'ARTIST', 'TRACK', 'SOURCE'] as const;
export type StreamDimension = (typeof STREAM_DIMENSIONS)[number];

export interface StreamFilter {
  platforms?: string[] | null;
  countries?: string[] | null;
  artistIds?: number[] | null;
  trackIds?: number[] | null;
  sources?: string[] | null;
}

export interface StreamPointRow {
  period: string;
  platformId: number | null;
  country: string | null;
  artistId: number | null;
  trackId: number | null;
  source: string | null;
  streams: bigint;
}

const COLUMN: Record<StreamDimension, { expr: string; alias: keyof StreamPointRow }> = {
  PLATFORM: { expr: 's.platform_id', alias: 'platformId' },
  COUNTRY: { expr: 's.country', alias: 'country' },
  ARTIST: { expr: 's.artist_id', alias: 'artistId' },
  TRACK: { expr: 's.track_id', alias: 'trackId' },
  SOURCE: { expr: 's.source', alias: 'source' },
};

export function streamWhere(filter: StreamFilter | null | undefined, range: DateRange | null | undefined, params: SqlParams): string[] {
  const f = filter ?? {};
  const where: string[] = [];
  if (range) where.push(`s.date >= ${params.add(range.from)}`, `s.date <= ${params.add(range.to)}`);
  if (f.platforms?.length) where.push(`s.platform_id IN (SELECT id FROM platforms WHERE code IN (${params.list(f.platforms)}))`);
  if (f.countries?.length) where.push(`s.country IN (${params.list(f.countries.map((c) => c.toUpperCase()))})`);
  if (f.artistIds?.length) where.push(`s.artist_id IN (${params.list(f.artistIds)})`);
  if (f.trackIds?.length) where.push(`s.track_id IN (${params.list(f.trackIds)})`);
  if (f.sources?.length) where.push(`s.source IN (${params.list(f.sources)})`);
  return where;
}

/** Stream counts come from the `streams` facts only: statement quantities are never added to them. */
export class StreamsService {
  constructor(private readonly ds: DataSource) {}

  async series(
    range: DateRange,
    grain: Grain,
    groupBy: StreamDimension[],
    filter: StreamFilter | null | undefined,
    orderBy: SeriesOrder,
    first: number,
    fillGaps: boolean,
  ): Promise<{ points: StreamPointRow[]; total: bigint }> {
    const d = dialectOf(this.ds);
    const params = new SqlParams(d);
    const dims = [...new Set(groupBy)];
    const period = periodExpr(d, grain, 's.date');
    const where = streamWhere(filter, range, params);
    const order = {
      PERIOD_ASC: ['1 ASC', ...dims.map((_, i) => `${i + 2}`)].join(', '),
      PERIOD_DESC: ['1 DESC', ...dims.map((_, i) => `${i + 2}`)].join(', '),
      VALUE_DESC: 'SUM(s.streams) DESC, 1',
      VALUE_ASC: 'SUM(s.streams) ASC, 1',
    }[orderBy];
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT ${[`${period} AS period`, ...dims.map((g, i) => `${COLUMN[g].expr} AS d${i}`)].join(', ')}, ${sumAsText(d, 's.streams')} AS streams
       FROM streams s${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
       GROUP BY ${[period, ...dims.map((g) => COLUMN[g].expr)].join(', ')} ORDER BY ${order}`,
      params.values,
    );
    let points: StreamPointRow[] = rows.map((r) => {
      const point: StreamPointRow = {
        period: String(r.period),
        platformId: null,
        country: null,
        artistId: null,
        trackId: null,
        source: null,
        streams: BigInt(String(r.streams)),
      };
      dims.forEach((g, i) => {
        const v = r[`d${i}`];
        (point as unknown as Record<string, unknown>)[COLUMN[g].alias] =
          v == null ? null : ['PLATFORM', 'ARTIST', 'TRACK'].includes(g) ? Number(v) : String(v);
      });
      return point;
    });
    const total = points.reduce((sum, p) => sum + p.streams, 0n);
    if (fillGaps) points = fill(points, periodsBetween(range, grain), orderBy);
    return { points: points.slice(0, first), total };
  }
}

/** Adds a zero point for every period a series (or each group of it) has no data for. */
function fill(points: StreamPointRow[], periods: string[], orderBy: SeriesOrder): StreamPointRow[] {
  const groupKey = (p: StreamPointRow) => JSON.stringify([p.platformId, p.country, p.artistId, p.trackId, p.source]);
  const groups = new Map<string, StreamPointRow>();
  const have = new Set<string>();
  for (const p of points) {
    groups.set(groupKey(p), p);
    have.add(`${p.period}|${groupKey(p)}`);
  }
  if (!groups.size)
    groups.set('', { period: '', platformId: null, country: null, artistId: null, trackId: null, source: null, streams: 0n });
  const filled = [...points];
  for (const period of periods) {
    for (const [key, sample] of groups) {
      if (!have.has(`${period}|${key || groupKey(sample)}`)) filled.push({ ...sample, period, streams: 0n });
    }
  }
  const byPeriod = (a: StreamPointRow, b: StreamPointRow) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0);
  if (orderBy === 'PERIOD_DESC') return filled.sort((a, b) => byPeriod(b, a));
  if (orderBy === 'VALUE_DESC') return filled.sort((a, b) => (a.streams === b.streams ? byPeriod(a, b) : a.streams > b.streams ? -1 : 1));
  if (orderBy === 'VALUE_ASC') return filled.sort((a, b) => (a.streams === b.streams ? byPeriod(a, b) : a.streams < b.streams ? -1 : 1));
  return filled.sort(byPeriod);
}
