import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { countArg } from './complexity';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { AnomaliesService } from '../analytics/insights/anomalies.service';
import { validateRange } from '../analytics/periods';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { Role } from './role';
import { AnomalyDimensionEnum, AnomalyMetricEnum, AnomalyType } from './types/anomaly.types';
import { Artist, Platform, Track } from './types/catalog.types';
import { DateRangeInput } from './types/inputs';

const DEFAULT_ANOMALIES = 200;
export const MAX_ANOMALIES = 1_000;

/** Costs the anomalies it may return. */
function anomaliesCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  return 10 + countArg(args.first, DEFAULT_ANOMALIES, MAX_ANOMALIES) * countArg(childComplexity, 1, Number.MAX_SAFE_INTEGER);
}

@Resolver(() => AnomalyType)
export class AnomalyResolver {
  @Role('VIEWER')
  @Query(() => [AnomalyType], {
    complexity: anomaliesCost,
    description: 'Days (or sale months for NET_REVENUE) departing from their robust, weekday-aware expected level, and days restated by a later capture; by period, strongest first.',
  })
  async anomalies(
    @Arg('range', () => DateRangeInput, { description: 'Days judged, both ends inclusive (for NET_REVENUE: the sale months they touch). History before `from` is read as baseline.' }) range: DateRangeInput,
    @Arg('metric', () => AnomalyMetricEnum, { description: 'The measure to watch.' }) metric: AnomalyMetricEnum,
    @Arg('groupBy', () => [AnomalyDimensionEnum], { defaultValue: [], description: 'Split series by these before judging; empty: one series per source.' }) groupBy: AnomalyDimensionEnum[],
    @Arg('first', () => Int, { defaultValue: DEFAULT_ANOMALIES, description: `At most this many anomalies (default ${DEFAULT_ANOMALIES}, at most ${MAX_ANOMALIES}), earliest periods first.` }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<AnomalyType[]> {
    if (!Number.isInteger(first) || first < 0) throw new AppError('BAD_USER_INPUT', '`first` must be a whole number ≥ 0');
    if (first > MAX_ANOMALIES) throw new AppError('PAGE_TOO_LARGE', `\`first\` may be at most ${MAX_ANOMALIES} (asked for ${first})`, { maxPageSize: MAX_ANOMALIES });
    validateRange(range, metric === AnomalyMetricEnum.NET_REVENUE ? 'MONTH' : 'DAY', ctx.config.limits);
    const found = await new AnomaliesService(ctx.ds).find(range, metric, [...new Set(groupBy)]);
    return found.slice(0, first) as AnomalyType[];
  }

  @FieldResolver(() => Platform, { nullable: true, description: 'The platform of the series, when split by PLATFORM.' })
  platform(@Root() a: AnomalyType, @Ctx() ctx: RequestContext) {
    return a.platformId === null ? null : ctx.loaders.platform.load(a.platformId);
  }

  @FieldResolver(() => Track, { nullable: true, description: 'The track of the series, when split by TRACK.' })
  track(@Root() a: AnomalyType, @Ctx() ctx: RequestContext) {
    return a.trackId === null ? null : ctx.loaders.track.load(a.trackId);
  }

  @FieldResolver(() => Artist, { nullable: true, description: 'The artist of the series, when split by ARTIST.' })
  artist(@Root() a: AnomalyType, @Ctx() ctx: RequestContext) {
    return a.artistId === null ? null : ctx.loaders.artist.load(a.artistId);
  }
}
