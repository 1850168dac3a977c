import { Arg, Ctx, FieldResolver, ID, Query, Resolver } from 'type-graphql';
import { Parent } from './parent';
import { EngagementService, type SocialDimension } from '../analytics/engagement.service';
import type { Grain } from '../analytics/periods';
import { toId } from './args';
import { seriesCost } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { ArtistNode } from './types/catalog.types';
import { AudiencePoint, AudienceSeries, LinkSeries, SocialDimensionEnum, SocialPoint, SocialSeries } from './types/engagement.types';
import { GrainEnum } from './types/enums';
import { DateRangeInput } from './types/inputs';

const engagement = (ctx: RequestContext) => new EngagementService(ctx.ds, ctx.config.limits);

/** Social, link and audience series: the engagement side of the warehouse. */
@Resolver()
export class EngagementResolver {
  @Role('VIEWER')
  @Query(() => SocialSeries, {
    complexity: seriesCost,
    description: 'TikTok account figures per period, optionally split by account or artist.',
  })
  socialSeries(
    @Arg('range', () => DateRangeInput, { description: 'Days, both ends inclusive (calendar days as TikTok Studio reports them).' })
    range: DateRangeInput,
    @Arg('grain', () => GrainEnum, { description: 'Bucket size of the points.' }) grain: Grain,
    @Arg('groupBy', () => [SocialDimensionEnum], {
      nullable: true,
      description: 'Split each period by account and/or artist; omitted or empty: all accounts summed per period.',
    })
    groupBy: SocialDimension[] | undefined,
    @Arg('platform', () => String, { defaultValue: 'tiktok', description: 'Platform code.' }) platform: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SocialSeries> {
    return engagement(ctx).socialSeries(range, grain, groupBy ?? [], platform);
  }

  @Role('VIEWER')
  @Query(() => LinkSeries, { complexity: seriesCost, description: 'Link-in-bio views and clicks per period.' })
  linkSeries(
    @Arg('range', () => DateRangeInput, { description: 'Days, both ends inclusive (calendar days as Linktree reports them).' })
    range: DateRangeInput,
    @Arg('grain', () => GrainEnum, { description: 'Bucket size of the points.' }) grain: Grain,
    @Arg('account', () => String, {
      nullable: true,
      description: 'Linktree username (captures that name no account load as "default"); omitted: all accounts summed.',
    })
    account: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<LinkSeries> {
    return engagement(ctx).linkSeries(range, grain, account);
  }

  @Role('VIEWER')
  @Query(() => AudienceSeries, {
    complexity: seriesCost,
    description: 'Spotify for Artists audience per period and artist. Never added to distributor streams.',
  })
  audienceSeries(
    @Arg('range', () => DateRangeInput, { description: 'Days, both ends inclusive (calendar days as Spotify for Artists reports them).' })
    range: DateRangeInput,
    @Arg('grain', () => GrainEnum, { description: 'Bucket size of the points.' }) grain: Grain,
    @Arg('artist', () => ID, { nullable: true, description: 'Limit to one artist (id).' }) artist: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<AudienceSeries> {
    return engagement(ctx).audienceSeries(range, grain, artist ? toId(artist) : null);
  }
}

@Resolver(() => SocialPoint)
export class SocialPointRelations {
  @FieldResolver(() => ArtistNode, { nullable: true })
  artist(@Parent() p: SocialPoint, @Ctx() ctx: RequestContext) {
    return p.artistId === null ? null : ctx.loaders.artist.load(p.artistId);
  }
}

@Resolver(() => AudiencePoint)
export class AudiencePointRelations {
  @FieldResolver(() => ArtistNode, { nullable: true })
  artist(@Parent() p: AudiencePoint, @Ctx() ctx: RequestContext) {
    return p.artistId === null ? null : ctx.loaders.artist.load(p.artistId);
  }
}
