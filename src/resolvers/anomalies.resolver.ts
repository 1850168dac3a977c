import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver } from 'type-graphql';
import { Parent } from './parent';
import { AnomaliesService, type AnomalyRecord, MAX_ANOMALIES } from '../analytics/insights/anomalies.service';
import type { AnomalyDimension, AnomalyMetric } from '../analytics/insights/anomaly-sources';
import { countArg } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { AnomalyDimensionEnum, AnomalyMetricEnum, AnomalyType } from './types/anomaly.types';
import { ArtistNode, PlatformNode, TrackNode } from './types/catalog.types';
import { DateRangeInput } from './types/inputs';

const DEFAULT_ANOMALIES = 200;

/** Costs the anomalies it may return. */
function anomaliesCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  return 10 + countArg(args.first, DEFAULT_ANOMALIES, MAX_ANOMALIES) * countArg(childComplexity, 1, Number.MAX_SAFE_INTEGER);
}

@Resolver(() => AnomalyType)
export class AnomalyResolver {
  @Role('VIEWER')
  @Query(() => [AnomalyType], {
    complexity: anomaliesCost,
    description:
      'Days (or sale months for NET_REVENUE) departing from their robust, weekday-aware expected level, and days restated by a later capture; by period, strongest first.',
  })
  anomalies(
    @Arg('range', () => DateRangeInput, {
      description:
        'Days judged, both ends inclusive (for NET_REVENUE: the sale months they touch). History before `from` is read as baseline.',
    })
    range: DateRangeInput,
    @Arg('metric', () => AnomalyMetricEnum, { description: 'The measure to watch.' }) metric: AnomalyMetric,
    @Arg('groupBy', () => [AnomalyDimensionEnum], {
      defaultValue: [],
      description: 'Split series by these before judging; empty: one series per source.',
    })
    groupBy: AnomalyDimension[],
    @Arg('first', () => Int, {
      defaultValue: DEFAULT_ANOMALIES,
      description: `At most this many anomalies (default ${DEFAULT_ANOMALIES}, at most ${MAX_ANOMALIES}), earliest periods first.`,
    })
    first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<AnomalyRecord[]> {
    return new AnomaliesService(ctx.ds, ctx.config.limits).list(range, metric, groupBy, first);
  }

  @FieldResolver(() => PlatformNode, { nullable: true, description: 'The platform of the series, when split by PLATFORM.' })
  platform(@Parent() a: AnomalyType, @Ctx() ctx: RequestContext) {
    return a.platformId === null ? null : ctx.loaders.platform.load(a.platformId);
  }

  @FieldResolver(() => TrackNode, { nullable: true, description: 'The track of the series, when split by TRACK.' })
  track(@Parent() a: AnomalyType, @Ctx() ctx: RequestContext) {
    return a.trackId === null ? null : ctx.loaders.track.load(a.trackId);
  }

  @FieldResolver(() => ArtistNode, { nullable: true, description: 'The artist of the series, when split by ARTIST.' })
  artist(@Parent() a: AnomalyType, @Ctx() ctx: RequestContext) {
    return a.artistId === null ? null : ctx.loaders.artist.load(a.artistId);
  }
}
