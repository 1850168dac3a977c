import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver } from 'type-graphql';
import { Parent } from './parent';
import { RestatementsService, type RestatementView } from '../analytics/insights/restatements.service';
import type { Connection as Page } from '../analytics/pagination';
import type { Service } from '../config/config';
import { checkedRange, ConnectionArgs, pageFor } from './args';
import { connectionCost } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { ArtistNode, PlatformNode, TrackNode } from './types/catalog.types';
import { Connection } from './types/connection';
import { ServiceEnum } from './types/ingestion.types';
import { DateRangeInput } from './types/inputs';
import { RestatementType } from './types/restatement.types';

export const RestatementConnection = Connection(RestatementType, 'Restatement');

@Resolver(() => RestatementType)
export class RestatementResolver {
  @Role('VIEWER')
  @Query(() => RestatementConnection, {
    complexity: connectionCost,
    description: 'Stored daily values that later captures of a service changed, ordered by day then by when they were recorded.',
  })
  restatements(
    @Arg('service', () => ServiceEnum, { description: 'The data source whose restatements to list.' }) service: Service,
    @Arg('range', () => DateRangeInput, {
      nullable: true,
      description: 'Days (of the restated values, not of the captures), both ends inclusive.',
    })
    range: DateRangeInput | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<RestatementView>> {
    return new RestatementsService(ctx.ds).listViews(service, range && checkedRange(range, null, ctx), pageFor(page, info, ctx));
  }

  @FieldResolver(() => PlatformNode, { nullable: true, description: 'The platform of the restated value, when the row has one.' })
  platform(@Parent() r: RestatementType, @Ctx() ctx: RequestContext) {
    return r.platformId === null ? null : ctx.loaders.platform.load(r.platformId);
  }

  @FieldResolver(() => TrackNode, {
    nullable: true,
    description: 'The track, when the value is per track (DistroKid page values are account-wide: null).',
  })
  track(@Parent() r: RestatementType, @Ctx() ctx: RequestContext) {
    return r.trackId === null ? null : ctx.loaders.track.load(r.trackId);
  }

  @FieldResolver(() => ArtistNode, { nullable: true, description: 'The artist, when the value is per artist.' })
  artist(@Parent() r: RestatementType, @Ctx() ctx: RequestContext) {
    return r.artistId === null ? null : ctx.loaders.artist.load(r.artistId);
  }
}
