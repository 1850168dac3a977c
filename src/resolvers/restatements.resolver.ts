import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { metricValueText } from '../analytics/insights/metric-units';
import { type RestatementRecord, RestatementsService } from '../analytics/insights/restatements.service';
import { validateRange } from '../analytics/periods';
import type { Connection as Page } from '../analytics/pagination';
import type { RequestContext } from '../server/context';
import { ConnectionArgs, pageFor } from './args';
import { connectionCost } from './complexity';
import { Role } from './role';
import { Artist, Platform, Track } from './types/catalog.types';
import { Connection } from './types/connection';
import { ServiceEnum } from './types/ingestion.types';
import { DateRangeInput } from './types/inputs';
import { RestatementType } from './types/restatement.types';

export const RestatementConnection = Connection(RestatementType, 'Restatement');


function toType(r: RestatementRecord): RestatementType {
  const text = (v: bigint | null): string | null => (v === null ? null : metricValueText(r.metric, v));
  return {
    id: r.id,
    platformId: r.platformId,
    trackId: r.trackId,
    artistId: r.artistId,
    date: r.date,
    metric: r.metric,
    table: r.tableName,
    oldValue: text(r.oldValue),
    newValue: text(r.newValue),
    change: r.oldValue === null || r.newValue === null ? null : text(r.newValue - r.oldValue),
    oldCapturedAt: r.oldCapturedAt,
    newCapturedAt: r.newCapturedAt,
    oldSourceFile: r.oldSourceFile,
    newSourceFile: r.newSourceFile,
  };
}

@Resolver(() => RestatementType)
export class RestatementResolver {
  @Role('VIEWER')
  @Query(() => RestatementConnection, {
    complexity: connectionCost,
    description: 'Stored daily values that later captures of a service changed, ordered by day then by when they were recorded.',
  })
  async restatements(
    @Arg('service', () => ServiceEnum, { description: 'The data source whose restatements to list.' }) service: ServiceEnum,
    @Arg('range', () => DateRangeInput, { nullable: true, description: 'Days (of the restated values, not of the captures), both ends inclusive.' }) range: DateRangeInput | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (range) validateRange(range, null, ctx.config.limits);
    const result: Page<RestatementRecord> = await new RestatementsService(ctx.ds).list(service, range, pageFor(page, info, ctx));
    return { ...result, edges: result.edges.map((e) => ({ cursor: e.cursor, node: toType(e.node) })) };
  }

  @FieldResolver(() => Platform, { nullable: true, description: 'The platform of the restated value, when the row has one.' })
  platform(@Root() r: RestatementType, @Ctx() ctx: RequestContext) {
    return r.platformId === null ? null : ctx.loaders.platform.load(r.platformId);
  }

  @FieldResolver(() => Track, { nullable: true, description: 'The track, when the value is per track (DistroKid page values are account-wide: null).' })
  track(@Root() r: RestatementType, @Ctx() ctx: RequestContext) {
    return r.trackId === null ? null : ctx.loaders.track.load(r.trackId);
  }

  @FieldResolver(() => Artist, { nullable: true, description: 'The artist, when the value is per artist.' })
  artist(@Root() r: RestatementType, @Ctx() ctx: RequestContext) {
    return r.artistId === null ? null : ctx.loaders.artist.load(r.artistId);
  }
}
