import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { countArg } from './complexity';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { ForecastService } from '../analytics/insights/forecast.service';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { Role } from './role';
import { AnomalyDimensionEnum } from './types/anomaly.types';
import { Artist, Platform, Track } from './types/catalog.types';
import { ForecastGrainEnum, ForecastMetricEnum, ForecastSeriesType } from './types/forecast.types';

export const MAX_HORIZON: Record<ForecastGrainEnum, number> = { DAY: 90, WEEK: 52, MONTH: 24 };
const MAX_SERIES = 500;

/** Costs the points it may return: horizon × (series a split may make, capped). */
function forecastCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const horizon = countArg(args.horizon, 1, 90);
  const splits = Array.isArray(args.groupBy) ? Math.min(args.groupBy.length, 2) : 0;
  return 10 + horizon * 10 ** splits * countArg(childComplexity, 1, Number.MAX_SAFE_INTEGER);
}

@Resolver(() => ForecastSeriesType)
export class ForecastResolver {
  @Role('VIEWER')
  @Query(() => [ForecastSeriesType], { complexity: forecastCost, description: `Forecast per series from the warehouse's own history, with intervals and backtest fit (at most ${MAX_SERIES} series).` })
  async forecast(
    @Arg('metric', () => ForecastMetricEnum, { description: 'What to forecast.' }) metric: ForecastMetricEnum,
    @Arg('grain', () => ForecastGrainEnum, { description: 'Period of the forecast.' }) grain: ForecastGrainEnum,
    @Arg('horizon', () => Int, { description: 'Periods ahead: 1 to 90 days, 52 weeks or 24 months.' }) horizon: number,
    @Arg('groupBy', () => [AnomalyDimensionEnum], { defaultValue: [], description: 'Split series by these; empty: one series per source.' }) groupBy: AnomalyDimensionEnum[],
    @Arg('level', () => Int, { defaultValue: 80, description: 'Interval level in percent: 80 or 95.' }) level: number,
    @Ctx() ctx: RequestContext,
  ): Promise<ForecastSeriesType[]> {
    if (level !== 80 && level !== 95) throw new AppError('BAD_USER_INPUT', `level must be 80 or 95 (got ${level})`);
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON[grain]) {
      throw new AppError('BAD_USER_INPUT', `horizon must be between 1 and ${MAX_HORIZON[grain]} for ${grain} (got ${horizon})`);
    }
    const series = await new ForecastService(ctx.ds).forecast(metric, grain, horizon, [...new Set(groupBy)], level / 100);
    return series.slice(0, MAX_SERIES);
  }

  @FieldResolver(() => Platform, { nullable: true, description: 'The platform, when split by PLATFORM.' })
  platform(@Root() s: ForecastSeriesType, @Ctx() ctx: RequestContext) {
    return s.platformId === null ? null : ctx.loaders.platform.load(s.platformId);
  }

  @FieldResolver(() => Track, { nullable: true, description: 'The track, when split by TRACK.' })
  track(@Root() s: ForecastSeriesType, @Ctx() ctx: RequestContext) {
    return s.trackId === null ? null : ctx.loaders.track.load(s.trackId);
  }

  @FieldResolver(() => Artist, { nullable: true, description: 'The artist, when split by ARTIST.' })
  artist(@Root() s: ForecastSeriesType, @Ctx() ctx: RequestContext) {
    return s.artistId === null ? null : ctx.loaders.artist.load(s.artistId);
  }
}
