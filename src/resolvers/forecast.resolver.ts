import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver } from 'type-graphql';
import { Parent } from './parent';
import type { AnomalyDimension } from '../analytics/insights/anomaly-sources';
import {
  type ForecastGrain,
  type ForecastMetric,
  type ForecastRecord,
  ForecastService,
  MAX_FORECAST_SERIES,
} from '../analytics/insights/forecast.service';
import { countArg } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { AnomalyDimensionEnum } from './types/anomaly.types';
import { ArtistNode, PlatformNode, TrackNode } from './types/catalog.types';
import { ForecastGrainEnum, ForecastMetricEnum, ForecastSeriesType, ForecastType } from './types/forecast.types';

/** Costs the points it may return: horizon × (series a split may make, capped) × what the answer asks of each (Forecast.series counts once). */
function forecastCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const horizon = countArg(args.horizon, 1, 90);
  const splits = Array.isArray(args.groupBy) ? Math.min(args.groupBy.length, 2) : 0;
  return 10 + horizon * 10 ** splits * countArg(childComplexity, 1, Number.MAX_SAFE_INTEGER);
}

@Resolver(() => ForecastSeriesType)
export class ForecastResolver {
  @Role('VIEWER')
  @Query(() => ForecastType, {
    complexity: forecastCost,
    description: `Forecast per series from the warehouse's own history, with intervals and the fit of the method (at most ${MAX_FORECAST_SERIES} series; the model search of one request is capped by Forecast.fitBudget).`,
  })
  forecast(
    @Arg('metric', () => ForecastMetricEnum, { description: 'What to forecast.' }) metric: ForecastMetric,
    @Arg('grain', () => ForecastGrainEnum, { description: 'Period of the forecast.' }) grain: ForecastGrain,
    @Arg('horizon', () => Int, { description: 'Periods ahead: 1 to 90 days, 52 weeks or 24 months.' }) horizon: number,
    @Arg('groupBy', () => [AnomalyDimensionEnum], { defaultValue: [], description: 'Split series by these; empty: one series per source.' })
    groupBy: AnomalyDimension[],
    @Arg('level', () => Int, { defaultValue: 80, description: 'Interval level in percent: 80 or 95 (anything else: BAD_USER_INPUT).' })
    level: number,
    @Ctx() ctx: RequestContext,
  ): Promise<ForecastRecord> {
    return new ForecastService(ctx.ds).forecastSeries(metric, grain, horizon, groupBy, level);
  }

  @FieldResolver(() => PlatformNode, { nullable: true, description: 'The platform, when split by PLATFORM.' })
  platform(@Parent() s: ForecastSeriesType, @Ctx() ctx: RequestContext) {
    return s.platformId === null ? null : ctx.loaders.platform.load(s.platformId);
  }

  @FieldResolver(() => TrackNode, { nullable: true, description: 'The track, when split by TRACK.' })
  track(@Parent() s: ForecastSeriesType, @Ctx() ctx: RequestContext) {
    return s.trackId === null ? null : ctx.loaders.track.load(s.trackId);
  }

  @FieldResolver(() => ArtistNode, { nullable: true, description: 'The artist, when split by ARTIST.' })
  artist(@Parent() s: ForecastSeriesType, @Ctx() ctx: RequestContext) {
    return s.artistId === null ? null : ctx.loaders.artist.load(s.artistId);
  }
}
