import { Arg, Ctx, FieldResolver, Float, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Parent } from './parent';
import {
  type DataQualityReport,
  DataQualityService,
  MAX_QUALITY_HISTORY,
  type QualitySnapshotRecord,
} from '../analytics/insights/data-quality.service';
import type { Service } from '../config/config';
import { checkedRange } from './args';
import { countedListCost } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { DataQualitySnapshotType, DataQualityType } from './types/data-quality.types';
import { ServiceEnum, ServiceHealthType } from './types/ingestion.types';
import { DateRangeInput } from './types/inputs';

/** The report as the API shows it: the judged range as from/to. */
function toType(r: DataQualityReport): DataQualityType {
  return {
    service: r.service,
    from: r.range.from,
    to: r.range.to,
    computedAt: r.computedAt,
    overall: r.overall,
    scores: r.scores,
    failedChecks: r.failedChecks,
  };
}

const quality = (ctx: RequestContext) => new DataQualityService(ctx.ds, ctx.config.health);

@Resolver()
export class DataQualityResolver {
  @Role('VIEWER')
  @Query(() => DataQualityType, {
    complexity: 50,
    description:
      "Completeness, accuracy, consistency, timeliness and validity of a service's data, each in [0, 1] with its rule, and the weighted overall score. Computed on request, not stored.",
  })
  async dataQuality(
    @Arg('service', () => ServiceEnum, { description: 'The data source to judge.' }) service: Service,
    @Arg('range', () => DateRangeInput, {
      nullable: true,
      description:
        'Days judged, both ends inclusive (default: the 365 days up to today, UTC). Timeliness and validity look at all captures.',
    })
    range: DateRangeInput | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<DataQualityType> {
    return toType(await quality(ctx).compute(service, range && checkedRange(range, 'DAY', ctx)));
  }

  @Role('ADMIN')
  @Mutation(() => DataQualityType, {
    description:
      'Computes the scores like dataQuality and stores them in the history beside the snapshots taken after each load (appended; a later load the same UTC day replaces it).',
  })
  async recordDataQuality(
    @Arg('service', () => ServiceEnum, { description: 'The data source to judge.' }) service: Service,
    @Arg('range', () => DateRangeInput, { nullable: true, description: 'As for dataQuality.' }) range: DateRangeInput | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<DataQualityType> {
    return toType(await quality(ctx).record(service, range && checkedRange(range, 'DAY', ctx)));
  }

  @Role('VIEWER')
  @Query(() => [DataQualitySnapshotType], {
    complexity: countedListCost('first', 30, MAX_QUALITY_HISTORY),
    description:
      "The history of a service's scores, newest first: one snapshot per UTC day, stored after each run that loaded a file of the service (the latest of the day replaces earlier ones) or by recordDataQuality.",
  })
  dataQualityHistory(
    @Arg('service', () => ServiceEnum, { description: 'The data source.' }) service: Service,
    @Arg('first', () => Int, { defaultValue: 30, description: `How many snapshots (at most ${MAX_QUALITY_HISTORY}).` }) first: number,
    @Arg('range', () => DateRangeInput, {
      nullable: true,
      description: 'Only snapshots computed on these UTC days, both ends inclusive (default: all).',
    })
    range: DateRangeInput | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<QualitySnapshotRecord[]> {
    return quality(ctx).snapshots(service, first, range && checkedRange(range, 'DAY', ctx));
  }
}

/** The overall score on pipelineHealth, beside the freshness and run status. */
@Resolver(() => ServiceHealthType)
export class ServiceHealthQuality {
  @FieldResolver(() => Float, {
    description: 'Overall data-quality score in [0, 1] over the last 365 days (see dataQuality for the scores and rules).',
  })
  async dataQuality(@Parent() health: ServiceHealthType, @Ctx() ctx: RequestContext): Promise<number> {
    return (await quality(ctx).compute(health.service, null)).overall;
  }
}
