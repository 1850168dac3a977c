import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { validateRange } from '../analytics/periods';
import { StreamsService } from '../analytics/streams.service';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { toIds } from './args';
import { DEFAULT_SERIES_POINTS, MAX_SERIES_POINTS, seriesCost } from './complexity';
import { Role } from './role';
import { Grain, SeriesOrder, StreamDimension } from './types/enums';
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
  async streamSeries(
    @Arg('range', () => DateRangeInput) range: DateRangeInput,
    @Arg('grain', () => Grain) grain: Grain,
    @Arg('groupBy', () => [StreamDimension], { nullable: true }) groupBy: StreamDimension[] | undefined,
    @Arg('filter', () => StreamFilter, { nullable: true }) filter: StreamFilter | undefined,
    @Arg('orderBy', () => SeriesOrder, { defaultValue: SeriesOrder.PERIOD_ASC }) orderBy: SeriesOrder,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('fillGaps', () => Boolean, { defaultValue: false, description: 'Add zero points for periods without data.' }) fillGaps: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<StreamSeries> {
    validateRange(range, grain, ctx.config.limits);
    const limit = first ?? DEFAULT_SERIES_POINTS;
    if (limit < 0 || limit > MAX_SERIES_POINTS) throw new AppError('PAGE_TOO_LARGE', `\`first\` must be between 0 and ${MAX_SERIES_POINTS}`);
    const { points, total } = await new StreamsService(ctx.ds).series(
      range, grain, groupBy ?? [], { ...filter, artistIds: toIds(filter?.artistIds), trackIds: toIds(filter?.trackIds) }, orderBy, limit, fillGaps,
    );
    return {
      points: points.map((p) => ({ ...p, streams: Number(p.streams), platform: null, artist: null, track: null })),
      totals: { streams: Number(total) },
    };
  }
}
