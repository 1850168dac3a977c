import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { divideToDecimal, formatNano } from '../domain/money';
import type { ArtistRecord, PlatformRecord, TrackRecord } from './records';
import { type Growth, periodOverPeriod, withPreviousPeriod } from './growth';
import { type DateRange, type Grain, periodOf, periodsBetween, validateRange } from './periods';
import {
  type DateBasis,
  type RevenueDimension,
  type RevenueFilter,
  type RevenuePointRow,
  RevenueService,
  type RevenueScope,
  type RevenueTotals,
  type SeriesOrder,
} from './revenue.service';
import { MAX_SERIES_POINTS, seriesLimit } from './series-limits';

const NANO = 10n ** 9n;

/** Revenue totals in scope, amounts as exact decimals. */
export interface RevenueSummaryRecord {
  gross: string;
  net: string;
  quantity: number;
  payoutPerStream: string | null;
  topCountry: string | null;
  transactionCount: number;
}

/**
 * One bucket of a revenue series; ids are set when grouped by them. Their rows are set by the API
 * when a query asks for them (an Error: that row failed to load), null until then.
 */
export interface RevenuePointRecord {
  period: string;
  platformId: number | null;
  artistId: number | null;
  trackId: number | null;
  platform: PlatformRecord | Error | null;
  artist: ArtistRecord | Error | null;
  track: TrackRecord | Error | null;
  store: string | null;
  country: string | null;
  source: string | null;
  gross: string;
  net: string;
  quantity: number;
  payoutPerStream: string | null;
  previous: string | null;
  change: string | null;
  changePct: string | null;
}

export interface RevenueSeriesRecord {
  points: RevenuePointRecord[];
  totals: { gross: string; net: string; quantity: number };
}

export interface RevenueSeriesQuery {
  range: DateRange;
  grain: Grain;
  groupBy: readonly RevenueDimension[];
  filter: RevenueFilter | null | undefined;
  dateBasis: DateBasis;
  orderBy: SeriesOrder;
  first: number | null | undefined;
  /** Compute each point's previous period (costs a wider scan): only when the caller reads it. */
  withGrowth: boolean;
}

/** net / quantity to 8 decimals, from the exact sums. */
export function payoutPerStream(t: Pick<RevenueTotals, 'netNano' | 'quantity'>): string | null {
  return t.quantity === 0n ? null : divideToDecimal(t.netNano, t.quantity * NANO, 8);
}

/**
 * A point whose amounts are written out when read: a dashboard's series asks for one or two of
 * them, and the exact decimal of each (bigint division, formatting) costs more than the rest of the
 * point. Getters on the prototype: an object literal with its own getters is far slower to build.
 */
class RevenuePoint implements RevenuePointRecord {
  readonly period: string;
  readonly platformId: number | null;
  readonly artistId: number | null;
  readonly trackId: number | null;
  platform: PlatformRecord | Error | null = null;
  artist: ArtistRecord | Error | null = null;
  track: TrackRecord | Error | null = null;
  readonly store: string | null;
  readonly country: string | null;
  readonly source: string | null;
  readonly quantity: number;

  constructor(private readonly row: RevenuePointRow & Partial<Growth>) {
    this.period = row.period;
    this.platformId = row.platformId;
    this.artistId = row.artistId;
    this.trackId = row.trackId;
    this.store = row.storeName;
    this.country = row.country;
    this.source = row.source;
    this.quantity = Number(row.quantity);
  }

  get gross(): string {
    return formatNano(this.row.grossNano);
  }
  get net(): string {
    return formatNano(this.row.netNano);
  }
  get payoutPerStream(): string | null {
    return payoutPerStream(this.row);
  }
  get previous(): string | null {
    return this.row.previous == null ? null : formatNano(this.row.previous);
  }
  get change(): string | null {
    return this.row.change == null ? null : formatNano(this.row.change);
  }
  get changePct(): string | null {
    const { previous, change } = this.row;
    return previous && change != null ? divideToDecimal(change * 100n, previous, 2) : null;
  }
}

/** Revenue answers as the API gives them: validated ranges, growth over the previous period, ordering and totals. */
export class RevenueReportService {
  private readonly revenue: RevenueService;

  constructor(
    ds: DataSource,
    private readonly limits: AppConfig['limits'],
  ) {
    this.revenue = new RevenueService(ds);
  }

  async summary(
    range: DateRange | null | undefined,
    filter: RevenueFilter | null | undefined,
    dateBasis: DateBasis,
  ): Promise<RevenueSummaryRecord> {
    if (range) validateRange(range, null, this.limits);
    const scope: RevenueScope = { range, filter, dateBasis };
    const [totals, topCountry] = await Promise.all([this.revenue.totals(scope), this.revenue.topCountry(scope)]);
    return {
      gross: formatNano(totals.grossNano),
      net: formatNano(totals.netNano),
      quantity: Number(totals.quantity),
      payoutPerStream: payoutPerStream(totals),
      topCountry,
      transactionCount: totals.transactionCount,
    };
  }

  async series(q: RevenueSeriesQuery): Promise<RevenueSeriesRecord> {
    validateRange(q.range, q.grain, this.limits);
    const limit = seriesLimit(q.first);
    const scope = { range: q.range, filter: q.filter, dateBasis: q.dateBasis };
    const rows: Array<RevenuePointRow & Partial<Growth>> = q.withGrowth
      ? await this.withGrowth(scope, q.grain, [...q.groupBy], q.orderBy, limit)
      : await this.revenue.series(scope, q.grain, [...q.groupBy], q.orderBy, limit);
    // Points that were not cut by `first` hold every line in scope: their sum is the total, no second scan needed.
    const totals =
      rows.length < limit
        ? rows.reduce(
            (t, r) => ({ grossNano: t.grossNano + r.grossNano, netNano: t.netNano + r.netNano, quantity: t.quantity + r.quantity }),
            { grossNano: 0n, netNano: 0n, quantity: 0n },
          )
        : await this.revenue.totals(scope);
    return {
      points: rows.map((r) => new RevenuePoint(r)),
      totals: { gross: formatNano(totals.grossNano), net: formatNano(totals.netNano), quantity: Number(totals.quantity) },
    };
  }

  /** The series over one more leading period, with each point's previous net; the extra period is dropped. */
  private async withGrowth(
    scope: RevenueScope & { range: DateRange },
    grain: Grain,
    groupBy: RevenueDimension[],
    orderBy: SeriesOrder,
    limit: number,
  ) {
    const wide = withPreviousPeriod(scope.range, grain);
    const rows = await this.revenue.series({ ...scope, range: wide }, grain, groupBy, 'PERIOD_ASC', MAX_SERIES_POINTS);
    const group = (r: RevenuePointRow) => JSON.stringify([r.platformId, r.storeName, r.country, r.artistId, r.trackId, r.source]);
    const first = periodOf(scope.range.from, grain);
    const grown = periodOverPeriod(rows, periodsBetween(wide, grain), group, (r) => r.netNano).filter((r) => r.period >= first);
    const sorted =
      orderBy === 'PERIOD_DESC'
        ? grown.reverse()
        : orderBy === 'VALUE_DESC'
          ? grown.sort((a, b) => (b.netNano > a.netNano ? 1 : -1))
          : orderBy === 'VALUE_ASC'
            ? grown.sort((a, b) => (a.netNano > b.netNano ? 1 : -1))
            : grown;
    return sorted.slice(0, limit);
  }
}
