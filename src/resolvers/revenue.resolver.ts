import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import { type Growth, periodOverPeriod, withPreviousPeriod } from '../analytics/growth';
import { periodOf, periodsBetween, validateRange } from '../analytics/periods';
import { type RevenuePointRow, RevenueService, type RevenueScope, type RevenueTotals } from '../analytics/revenue.service';
import { divideToDecimal, formatNano } from '../domain/money';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { selectsPointField, toIds } from './args';
import { DEFAULT_SERIES_POINTS, MAX_SERIES_POINTS, seriesCost } from './complexity';
import { Role } from './role';
import { DateBasis, Grain, RevenueDimension, SeriesOrder } from './types/enums';
import { DateRangeInput, RevenueFilter } from './types/inputs';
import { RevenuePoint, RevenueSeries, RevenueSummary } from './types/series.types';

const NANO = 10n ** 9n;

/** net / quantity to 8 decimals, from the exact sums. */
export function payoutPerStream(t: Pick<RevenueTotals, 'netNano' | 'quantity'>): string | null {
  return t.quantity === 0n ? null : divideToDecimal(t.netNano, t.quantity * NANO, 8);
}

function scopeOf(range: DateRangeInput | undefined, filter: RevenueFilter | undefined, dateBasis: DateBasis): RevenueScope {
  return { range, dateBasis, filter: filter && { ...filter, artistIds: toIds(filter.artistIds), trackIds: toIds(filter.trackIds) } };
}

@Resolver()
export class RevenueResolver {
  /** The series over one more leading period, with each point's previous net; the extra period is dropped. */
  private async withGrowth(service: RevenueService, scope: RevenueScope & { range: DateRangeInput }, grain: Grain, groupBy: RevenueDimension[], orderBy: SeriesOrder, limit: number) {
    const wide = withPreviousPeriod(scope.range, grain);
    const rows = await service.series({ ...scope, range: wide }, grain, groupBy, 'PERIOD_ASC', MAX_SERIES_POINTS);
    const group = (r: RevenuePointRow) => JSON.stringify([r.platformId, r.storeName, r.country, r.artistId, r.trackId, r.source]);
    const first = periodOf(scope.range.from, grain);
    const grown = periodOverPeriod(rows, periodsBetween(wide, grain), group, (r) => r.netNano).filter((r) => r.period >= first);
    const sorted = orderBy === 'PERIOD_DESC' ? grown.reverse() : orderBy === 'VALUE_DESC' ? grown.sort((a, b) => (b.netNano > a.netNano ? 1 : -1)) : orderBy === 'VALUE_ASC' ? grown.sort((a, b) => (a.netNano > b.netNano ? 1 : -1)) : grown;
    return sorted.slice(0, limit);
  }

  @Role('VIEWER')
  @Query(() => RevenueSummary, { description: 'Revenue totals over a range (all time when omitted), with adjustments netted in.' })
  async revenueSummary(
    @Arg('range', () => DateRangeInput, { nullable: true }) range: DateRangeInput | undefined,
    @Arg('filter', () => RevenueFilter, { nullable: true }) filter: RevenueFilter | undefined,
    @Arg('dateBasis', () => DateBasis, { defaultValue: DateBasis.SALE_MONTH }) dateBasis: DateBasis,
    @Ctx() ctx: RequestContext,
  ): Promise<RevenueSummary> {
    if (range) validateRange(range, null, ctx.config.limits);
    const service = new RevenueService(ctx.ds);
    const scope = scopeOf(range, filter, dateBasis);
    const [totals, topCountry] = await Promise.all([service.totals(scope), service.topCountry(scope)]);
    return {
      gross: formatNano(totals.grossNano),
      net: formatNano(totals.netNano),
      quantity: Number(totals.quantity),
      payoutPerStream: payoutPerStream(totals),
      topCountry,
      transactionCount: totals.transactionCount,
    };
  }

  @Role('VIEWER')
  @Query(() => RevenueSeries, { complexity: seriesCost, description: 'Revenue per period, optionally split by dimensions. Amounts are exact decimals.' })
  async revenueSeries(
    @Arg('range', () => DateRangeInput) range: DateRangeInput,
    @Arg('grain', () => Grain) grain: Grain,
    @Arg('groupBy', () => [RevenueDimension], { nullable: true }) groupBy: RevenueDimension[] | undefined,
    @Arg('filter', () => RevenueFilter, { nullable: true }) filter: RevenueFilter | undefined,
    @Arg('dateBasis', () => DateBasis, { defaultValue: DateBasis.SALE_MONTH }) dateBasis: DateBasis,
    @Arg('orderBy', () => SeriesOrder, { defaultValue: SeriesOrder.PERIOD_ASC }) orderBy: SeriesOrder,
    @Arg('first', () => Int, { nullable: true, description: `Most points to return (default ${DEFAULT_SERIES_POINTS}, at most ${MAX_SERIES_POINTS}).` }) first: number | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RevenueSeries> {
    validateRange(range, grain, ctx.config.limits);
    const limit = first ?? DEFAULT_SERIES_POINTS;
    if (limit < 0 || limit > MAX_SERIES_POINTS) throw new AppError('PAGE_TOO_LARGE', `\`first\` must be between 0 and ${MAX_SERIES_POINTS}`);
    const service = new RevenueService(ctx.ds);
    const scope = { ...scopeOf(range, filter, dateBasis), range };
    const growthAsked = ['previous', 'change', 'changePct'].some((f) => selectsPointField(info, f));
    const rows: Array<RevenuePointRow & Partial<Growth>> = growthAsked ? await this.withGrowth(service, scope, grain, groupBy ?? [], orderBy, limit) : await service.series(scope, grain, groupBy ?? [], orderBy, limit);
    // Points that were not cut by `first` hold every line in scope: their sum is the total, no second scan needed.
    const totals =
      rows.length < limit
        ? rows.reduce((t, r) => ({ grossNano: t.grossNano + r.grossNano, netNano: t.netNano + r.netNano, quantity: t.quantity + r.quantity }), { grossNano: 0n, netNano: 0n, quantity: 0n })
        : await service.totals(scope);
    const points: RevenuePoint[] = rows.map((r) => ({
      period: r.period,
      platformId: r.platformId,
      artistId: r.artistId,
      trackId: r.trackId,
      platform: null,
      artist: null,
      track: null,
      store: r.storeName,
      country: r.country,
      source: r.source,
      gross: formatNano(r.grossNano),
      net: formatNano(r.netNano),
      quantity: Number(r.quantity),
      payoutPerStream: payoutPerStream(r),
      previous: r.previous == null ? null : formatNano(r.previous),
      change: r.change == null ? null : formatNano(r.change),
      changePct: r.previous && r.change != null ? divideToDecimal(r.change * 100n, r.previous, 2) : null,
    }));
    return { points, totals: { gross: formatNano(totals.grossNano), net: formatNano(totals.netNano), quantity: Number(totals.quantity) } };
  }
}
