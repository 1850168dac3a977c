import { Arg, Ctx, FieldResolver, Float, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { countedListCost } from './complexity';
import type { Service } from '../config/config';
import { type DataQualityReport, DataQualityService } from '../analytics/insights/data-quality.service';
import { validateRange } from '../analytics/periods';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { Role } from './role';
import { DataQualitySnapshotType, DataQualityType } from './types/data-quality.types';
import { ServiceEnum, ServiceHealthType } from './types/ingestion.types';
import { DateRangeInput } from './types/inputs';

const MAX_HISTORY = 1_000;

function toType(r: DataQualityReport): DataQualityType {
  return { service: r.service as ServiceEnum, from: r.range.from, to: r.range.to, computedAt: r.computedAt, overall: r.overall, scores: r.scores, failedChecks: r.failedChecks };
}

const service = (ctx: RequestContext) => new DataQualityService(ctx.ds, ctx.config.health);

@Resolver()
export class DataQualityResolver {
  @Role('VIEWER')
  @Query(() => DataQualityType, { complexity: 50, description: 'Completeness, accuracy, consistency, timeliness and validity of a service\'s data, each in [0, 1] with its rule, and the weighted overall score. Computed on request, not stored.' })
  async dataQuality(
    @Arg('service', () => ServiceEnum, { description: 'The data source to judge.' }) svc: ServiceEnum,
    @Arg('range', () => DateRangeInput, { nullable: true, description: 'Days judged, both ends inclusive (default: the 365 days up to today, UTC). Timeliness and validity look at all captures.' }) range: DateRangeInput | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<DataQualityType> {
    if (range) validateRange(range, 'DAY', ctx.config.limits);
    return toType(await service(ctx).compute(svc as Service, range));
  }

  @Role('ADMIN')
  @Mutation(() => DataQualityType, { description: 'Computes the scores like dataQuality and stores them in the history (call it on a schedule or after loads to chart the trend).' })
  async recordDataQuality(
    @Arg('service', () => ServiceEnum, { description: 'The data source to judge.' }) svc: ServiceEnum,
    @Arg('range', () => DateRangeInput, { nullable: true, description: 'As for dataQuality.' }) range: DateRangeInput | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<DataQualityType> {
    if (range) validateRange(range, 'DAY', ctx.config.limits);
    return toType(await service(ctx).record(svc as Service, range));
  }

  @Role('VIEWER')
  @Query(() => [DataQualitySnapshotType], {
    complexity: countedListCost('first', 30, MAX_HISTORY),
    description: 'Stored data-quality snapshots of a service (recordDataQuality), newest first.',
  })
  async dataQualityHistory(
    @Arg('service', () => ServiceEnum, { description: 'The data source.' }) svc: ServiceEnum,
    @Arg('first', () => Int, { defaultValue: 30, description: `How many snapshots (at most ${MAX_HISTORY}).` }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<DataQualitySnapshotType[]> {
    if (!Number.isInteger(first) || first < 0) throw new AppError('BAD_USER_INPUT', '`first` must be a whole number ≥ 0');
    if (first > MAX_HISTORY) throw new AppError('PAGE_TOO_LARGE', `\`first\` may be at most ${MAX_HISTORY} (asked for ${first})`, { maxPageSize: MAX_HISTORY });
    const rows = await service(ctx).history(svc as Service, first);
    return rows.map((r) => ({ computedAt: r.computedAt, from: r.rangeFrom, to: r.rangeTo, overall: r.overall, completeness: r.completeness, accuracy: r.accuracy, consistency: r.consistency, timeliness: r.timeliness, validity: r.validity }));
  }
}

/** The overall score on pipelineHealth, beside the freshness and run status. */
@Resolver(() => ServiceHealthType)
export class ServiceHealthQuality {
  @FieldResolver(() => Float, { description: 'Overall data-quality score in [0, 1] over the last 365 days (see dataQuality for the scores and rules).' })
  async dataQuality(@Root() health: ServiceHealthType, @Ctx() ctx: RequestContext): Promise<number> {
    return (await service(ctx).compute(health.service as Service, null)).overall;
  }
}
