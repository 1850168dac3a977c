import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { CatalogService } from '../analytics/catalog.service';
import { ArgumentError } from '../errors/argument-error';
import type { RequestContext } from './context';
import { ConnectionArgs, pageFor, toId, toIds } from './args';
import { connectionCost } from './complexity';
import { Role } from './role';
import { ArtistNode, CampaignNode, PlatformNode, TrackNode } from './types/catalog.types';
import { Connection } from './types/connection';
import { ArtistFilter, CampaignFilter, PlatformFilter, TrackFilter } from './types/inputs';

export const ArtistConnection = Connection(ArtistNode, 'Artist');
export const TrackConnection = Connection(TrackNode, 'Track');
export const PlatformConnection = Connection(PlatformNode, 'Platform');
export const CampaignConnection = Connection(CampaignNode, 'Campaign');

/** A track is looked up by exactly one of its id and its ISRC. */
function trackKey(id: string | undefined, isrc: string | undefined): { id: number | null; isrc: string | undefined } {
  if (!id === !isrc) throw new ArgumentError('give exactly one of id or isrc');
  return { id: id ? toId(id) : null, isrc };
}

/** Catalogue lookups; each delegates to the catalogue service in one line. */
@Resolver()
export class CatalogResolver {
  @Role('VIEWER')
  @Query(() => ArtistConnection, { complexity: connectionCost, description: 'Artists ordered by name.' })
  artists(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ArtistFilter, { nullable: true, description: 'Which artists to list; omitted: all.' })
    filter: ArtistFilter | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new CatalogService(ctx.ds).artists({ search: filter?.search, ids: toIds(filter?.ids) }, pageFor(page, info, ctx));
  }

  @Role('VIEWER')
  @Query(() => ArtistNode, { nullable: true, description: 'An artist by id; null when no artist has that id.' })
  artist(@Arg('id', () => ID, { description: 'The artist id (Artist.id).' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.loaders.artist.load(toId(id));
  }

  @Role('VIEWER')
  @Query(() => TrackConnection, { complexity: connectionCost, description: 'Tracks ordered by title.' })
  tracks(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => TrackFilter, { nullable: true, description: 'Which tracks to list; omitted: all.' })
    filter: TrackFilter | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new CatalogService(ctx.ds).tracks(
      { search: filter?.search, isrc: filter?.isrc, artistId: filter?.artistId ? toId(filter.artistId) : null },
      pageFor(page, info, ctx),
    );
  }

  @Role('VIEWER')
  @Query(() => TrackNode, { nullable: true, description: 'A track by id or by ISRC (hyphens allowed).' })
  track(
    @Arg('id', () => ID, { nullable: true, description: 'The track id (Track.id). Give exactly one of id and isrc.' })
    id: string | undefined,
    @Arg('isrc', () => String, { nullable: true, description: 'The ISRC, hyphens allowed. Give exactly one of id and isrc.' })
    isrc: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return new CatalogService(ctx.ds).trackBy(trackKey(id, isrc));
  }

  @Role('VIEWER')
  @Query(() => PlatformConnection, { complexity: connectionCost, description: 'Platforms ordered by code.' })
  platforms(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => PlatformFilter, { nullable: true, description: 'Which platforms to list; omitted: all.' })
    filter: PlatformFilter | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new CatalogService(ctx.ds).platforms({ kind: filter?.kind, codes: filter?.codes }, pageFor(page, info, ctx));
  }

  @Role('VIEWER')
  @Query(() => CampaignConnection, { complexity: connectionCost, description: 'Advertising campaigns, oldest first.' })
  campaigns(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => CampaignFilter, { nullable: true, description: 'Which campaigns to list; omitted: all.' })
    filter: CampaignFilter | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return new CatalogService(ctx.ds).campaigns(
      {
        platform: filter?.platform,
        status: filter?.status,
        artistId: filter?.artistId ? toId(filter.artistId) : null,
        trackId: filter?.trackId ? toId(filter.trackId) : null,
      },
      pageFor(page, info, ctx),
    );
  }
}
