import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import { type Growth, periodOverPeriod, withPreviousPeriod } from '../analytics/growth';
import { divideToDecimal } from '../domain/money';
import { selectsPointField } from './args';
import { periodOf, periodsBetween, validateRange } from '../analytics/periods';
import { type StreamPointRow, StreamsService } from '../analytics/streams.service';
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<StreamSeries> {
    validateRange(range, grain, ctx.config.limits);
    const limit = first ?? DEFAULT_SERIES_POINTS;
    if (limit < 0 || limit > MAX_SERIES_POINTS) throw new AppError('PAGE_TOO_LARGE', `\`first\` must be between 0 and ${MAX_SERIES_POINTS}`);
    const service = new StreamsService(ctx.ds);
    const streamFilter = { ...filter, artistIds: toIds(filter?.artistIds), trackIds: toIds(filter?.trackIds) };
    let points: Array<StreamPointRow & Partial<Growth>>;
    let total: bigint;
    if (['previous', 'change', 'changePct'].some((f) => selectsPointField(info, f))) {
      // One more leading period gives the first point its previous value; it is dropped afterwards.
      const wide = withPreviousPeriod(range, grain);
      const all = await service.series(wide, grain, groupBy ?? [], streamFilter, orderBy, MAX_SERIES_POINTS, fillGaps);
      const group = (p: StreamPointRow) => JSON.stringify([p.platformId, p.country, p.artistId, p.trackId, p.source]);
      const start = periodOf(range.from, grain);
      const inRange = periodOverPeriod(all.points, periodsBetween(wide, grain), group, (p) => p.streams).filter((p) => p.period >= start);
      total = inRange.reduce((sum, p) => sum + p.streams, 0n);
      points = inRange.slice(0, limit);
    } else {
      ({ points, total } = await service.series(range, grain, groupBy ?? [], streamFilter, orderBy, limit, fillGaps));
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
