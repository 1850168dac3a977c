import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { Grain } from '../analytics/periods';
import { type RevenueSeriesRecord, type RevenueSummaryRecord, RevenueReportService } from '../analytics/revenue-report.service';
import type { DateBasis, RevenueDimension, SeriesOrder } from '../analytics/revenue.service';
import { DEFAULT_SERIES_POINTS, MAX_SERIES_POINTS } from '../analytics/series-limits';
import { revenueFilter, selectsGrowth } from './args';
import { seriesCost } from './complexity';
import type { RequestContext } from './context';
import { attachPointRelations } from './point-relations';
import { Role } from './role';
import { DateBasisEnum, GrainEnum, RevenueDimensionEnum, SeriesOrderEnum } from './types/enums';
import { DateRangeInput, RevenueFilter } from './types/inputs';
import { RevenueSeries, RevenueSummary } from './types/series.types';

const revenue = (ctx: RequestContext) => new RevenueReportService(ctx.ds, ctx.config.limits);

@Resolver()
export class RevenueResolver {
  @Role('VIEWER')
  @Query(() => RevenueSummary, { description: 'Revenue totals over a range (all time when omitted), with adjustments netted in.' })
  revenueSummary(
    @Arg('range', () => DateRangeInput, {
      nullable: true,
      description:
        'Days, both ends inclusive, on the chosen dateBasis (with SALE_MONTH, every sale month the range touches counts whole); omitted: all time.',
    })
    range: DateRangeInput | undefined,
    @Arg('filter', () => RevenueFilter, { nullable: true, description: 'Which statement lines count; omitted: all.' })
    filter: RevenueFilter | undefined,
    @Arg('dateBasis', () => DateBasisEnum, { defaultValue: 'SALE_MONTH', description: 'Which date of a line places it in the range.' })
    dateBasis: DateBasis,
    @Ctx() ctx: RequestContext,
  ): Promise<RevenueSummaryRecord> {
    return revenue(ctx).summary(range, revenueFilter(filter), dateBasis);
  }

  @Role('VIEWER')
  @Query(() => RevenueSeries, {
    complexity: seriesCost,
    description: 'Revenue per period, optionally split by dimensions. Amounts are exact decimals.',
  })
  async revenueSeries(
    @Arg('range', () => DateRangeInput, {
      description:
        'Days, both ends inclusive, on the chosen dateBasis (with SALE_MONTH, every sale month the range touches counts whole). Its longest length depends on the grain.',
    })
    range: DateRangeInput,
    @Arg('grain', () => GrainEnum, { description: 'Bucket size of the points.' }) grain: Grain,
    @Arg('groupBy', () => [RevenueDimensionEnum], {
      nullable: true,
      description: 'Split each period by these dimensions; omitted or empty: one point per period.',
    })
    groupBy: RevenueDimension[] | undefined,
    @Arg('filter', () => RevenueFilter, { nullable: true, description: 'Which statement lines count; omitted: all.' })
    filter: RevenueFilter | undefined,
    @Arg('dateBasis', () => DateBasisEnum, { defaultValue: 'SALE_MONTH', description: 'Which date of a line places it in a period.' })
    dateBasis: DateBasis,
    @Arg('orderBy', () => SeriesOrderEnum, { defaultValue: 'PERIOD_ASC', description: 'Order of the points (VALUE_*: by net).' })
    orderBy: SeriesOrder,
    @Arg('first', () => Int, {
      nullable: true,
      description: `Most points to return (default ${DEFAULT_SERIES_POINTS}, at most ${MAX_SERIES_POINTS}).`,
    })
    first: number | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RevenueSeriesRecord> {
    const series = await revenue(ctx).series({
      range,
      grain,
      groupBy: groupBy ?? [],
      filter: revenueFilter(filter),
      dateBasis,
      orderBy,
      first,
      withGrowth: selectsGrowth(info),
    });
    await attachPointRelations(series.points, ctx.loaders, info);
    return series;
  }
}
