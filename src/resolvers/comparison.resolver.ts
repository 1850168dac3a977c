import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { ComparisonService, type PlatformComparisonRecord, type TrackMetric, type TrackRankRecord } from '../analytics/comparison.service';
import { checkedRange } from './args';
import { EXPECTED_FANOUT, countedListCost, fanOutCost } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { PlatformComparison, TrackMetricEnum, TrackRank } from './types/comparison.types';
import { DateRangeInput } from './types/inputs';

@Resolver()
export class ComparisonResolver {
  @Role('VIEWER')
  @Query(() => [PlatformComparison], {
    complexity: fanOutCost(EXPECTED_FANOUT.platforms),
    description:
      'Streams and revenue per platform over a range, shares of the whole, and growth versus the previous range (for a preset: its own previous period, see DateRangePreset).',
  })
  platformComparison(
    @Arg('range', () => DateRangeInput, {
      description: 'Days, both ends inclusive: stream facts by day, statement lines by the sale months the range touches.',
    })
    range: DateRangeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PlatformComparisonRecord[]> {
    return new ComparisonService(ctx.ds).platformComparison(checkedRange(range, 'MONTH', ctx));
  }

  @Role('VIEWER')
  @Query(() => [TrackRank], {
    complexity: countedListCost('first', 10, 1000),
    description: 'Tracks ranked by a metric over a range, best first.',
  })
  topTracks(
    @Arg('range', () => DateRangeInput, { description: 'Days, both ends inclusive; statement lines count by the sale months it touches.' })
    range: DateRangeInput,
    @Arg('metric', () => TrackMetricEnum, { defaultValue: 'NET_REVENUE', description: 'What tracks are ranked by.' })
    metric: TrackMetric,
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many tracks (at most the configured maximum page size).' })
    first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<TrackRankRecord[]> {
    return new ComparisonService(ctx.ds).trackRanking(checkedRange(range, 'MONTH', ctx), metric, first, ctx.config.limits.maxPageSize);
  }
}
