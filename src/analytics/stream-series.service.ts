import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { divideToDecimal } from '../domain/money';
import { type Growth, periodOverPeriod, withPreviousPeriod } from './growth';
import { type DateRange, type Grain, periodOf, periodsBetween, validateRange } from './periods';
import type { SeriesOrder } from './revenue.service';
import { MAX_SERIES_POINTS, seriesLimit } from './series-limits';
import { type StreamDimension, type StreamFilter, type StreamPointRow, StreamsService } from './streams.service';

/** One bucket of a stream series; ids are set when grouped by them (their objects are loaded by the API). */
export interface StreamPointRecord extends Omit<StreamPointRow, 'streams'> {
  platform: null;
  artist: null;
  track: null;
  streams: number;
  previous: number | null;
  change: number | null;
  changePct: string | null;
}

export interface StreamSeriesRecord {
  points: StreamPointRecord[];
  totals: { streams: number };
}

export interface StreamSeriesQuery {
  range: DateRange;
  grain: Grain;
  groupBy: readonly StreamDimension[];
  filter: StreamFilter | null | undefined;
  orderBy: SeriesOrder;
  first: number | null | undefined;
  fillGaps: boolean;
  /** Compute each point's previous period (costs a wider scan): only when the caller reads it. */
  withGrowth: boolean;
}

/** Stream series as the API gives them: validated ranges, growth over the previous period, and the total. */
export class StreamSeriesService {
  private readonly streams: StreamsService;

  constructor(
    ds: DataSource,
    private readonly limits: AppConfig['limits'],
  ) {
    this.streams = new StreamsService(ds);
  }

  async series(q: StreamSeriesQuery): Promise<StreamSeriesRecord> {
    validateRange(q.range, q.grain, this.limits);
    const limit = seriesLimit(q.first);
    const groupBy = [...q.groupBy];
    let points: Array<StreamPointRow & Partial<Growth>>;
    let total: bigint;
    if (q.withGrowth) {
      // One more leading period gives the first point its previous value; it is dropped afterwards.
      const wide = withPreviousPeriod(q.range, q.grain);
      const all = await this.streams.series(wide, q.grain, groupBy, q.filter, q.orderBy, MAX_SERIES_POINTS, q.fillGaps);
      const group = (p: StreamPointRow) => JSON.stringify([p.platformId, p.country, p.artistId, p.trackId, p.source]);
      const start = periodOf(q.range.from, q.grain);
      const inRange = periodOverPeriod(all.points, periodsBetween(wide, q.grain), group, (p) => p.streams).filter((p) => p.period >= start);
      total = inRange.reduce((sum, p) => sum + p.streams, 0n);
      points = inRange.slice(0, limit);
    } else {
      ({ points, total } = await this.streams.series(q.range, q.grain, groupBy, q.filter, q.orderBy, limit, q.fillGaps));
    }
    return {
      points: points.map((p) => ({
        ...p,
        streams: Number(p.streams),
        previous: p.previous == null ? null : Number(p.previous),
        change: p.change == null ? null : Number(p.change),
        changePct: p.previous && p.change != null ? divideToDecimal(p.change * 100n, p.previous, 2) : null,
        platform: null,
        artist: null,
        track: null,
      })),
      totals: { streams: Number(total) },
    };
  }
}
