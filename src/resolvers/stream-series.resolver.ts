import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { Grain } from '../analytics/periods';
import type { SeriesOrder } from '../analytics/revenue.service';
import { DEFAULT_SERIES_POINTS, MAX_SERIES_POINTS } from '../analytics/series-limits';
import { type StreamSeriesRecord, StreamSeriesService } from '../analytics/stream-series.service';
import type { StreamDimension } from '../analytics/streams.service';
import { selectsGrowth, streamFilter } from './args';
import { seriesCost } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { GrainEnum, SeriesOrderEnum, StreamDimensionEnum } from './types/enums';
import { DateRangeInput, StreamFilter } from './types/inputs';
import { StreamSeries } from './types/series.types';

@Resolver()
export class StreamSeriesResolver {
  @Role('VIEWER')
  @Query(() => StreamSeries, {
    complexity: seriesCost,
    description:
      'Streams per period from daily stream facts only (distributor statistics pages and analytics APIs); units on revenue statements are never added in.',
  })
  streamSeries(
    @Arg('range', () => DateRangeInput, {
      description:
        'Days of the stream facts, both ends inclusive (calendar days as the sources report them). Its longest length depends on the grain.',
    })
    range: DateRangeInput,
    @Arg('grain', () => GrainEnum, { description: 'Bucket size of the points.' }) grain: Grain,
    @Arg('groupBy', () => [StreamDimensionEnum], {
      nullable: true,
      description: 'Split each period by these dimensions; omitted or empty: one point per period.',
    })
    groupBy: StreamDimension[] | undefined,
    @Arg('filter', () => StreamFilter, { nullable: true, description: 'Which stream facts count; omitted: all.' })
    filter: StreamFilter | undefined,
    @Arg('orderBy', () => SeriesOrderEnum, { defaultValue: 'PERIOD_ASC', description: 'Order of the points (VALUE_*: by streams).' })
    orderBy: SeriesOrder,
    @Arg('first', () => Int, {
      nullable: true,
      description: `Most points to return (default ${DEFAULT_SERIES_POINTS}, at most ${MAX_SERIES_POINTS}).`,
    })
    first: number | undefined,
    @Arg('fillGaps', () => Boolean, { defaultValue: false, description: 'Add zero points for periods without data.' }) fillGaps: boolean,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StreamSeriesRecord> {
    const series = new StreamSeriesService(ctx.ds, ctx.config.limits);
    return series.series({
      range,
      grain,
      groupBy: groupBy ?? [],
      filter: streamFilter(filter),
      orderBy,
      first,
      fillGaps,
      withGrowth: selectsGrowth(info),
    });
  }
}
