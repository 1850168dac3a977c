import { Arg, Ctx, FieldResolver, Int, Resolver } from 'type-graphql';
import { Parent } from './parent';
import { EXPECTED_FANOUT, countedListCost, fanOutCost } from './complexity';
import { MAX_NESTED_TRANSACTIONS } from '../analytics/dataloaders';
import { formatNano } from '../domain/money';
import type { RequestContext } from './context';
import { ArtistNode, CampaignNode, PlatformNode, StreamFact, TrackNode, TrackCredit, TransactionNode } from './types/catalog.types';
import { DecimalScalar } from './types/scalars';
import { StreamPoint } from './types/series.types';

/** The related row: at once when the request has already loaded it (no promise for graphql-js to wait on), else through the loader. */
const load = <T>(loader: { load(id: number): Promise<T | null>; peek?(id: number): T | null | undefined }, id: number | null) => {
  if (id === null) return null;
  const known = loader.peek?.(id);
  return known !== undefined ? known : loader.load(id);
};

/** Relations between catalogue and fact types. Each goes through a per-request DataLoader: one statement per level. */
@Resolver(() => ArtistNode)
export class ArtistRelations {
  @FieldResolver(() => [String], {
    complexity: fanOutCost(EXPECTED_FANOUT.aliasesOfArtist),
    description: 'Every spelling of this artist seen in the sources.',
  })
  aliases(@Parent() artist: ArtistNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.aliasesOfArtist.load(artist.id);
  }

  @FieldResolver(() => [TrackNode], {
    complexity: fanOutCost(EXPECTED_FANOUT.tracksOfArtist),
    description: 'Tracks the artist performs on, by title.',
  })
  tracks(@Parent() artist: ArtistNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.tracksOfArtist.load(artist.id);
  }
}

@Resolver(() => TrackNode)
export class TrackRelations {
  @FieldResolver(() => [TrackCredit], { complexity: fanOutCost(EXPECTED_FANOUT.artistsOfTrack), description: 'Performers, primary first.' })
  async artists(@Parent() track: TrackNode, @Ctx() ctx: RequestContext): Promise<TrackCredit[]> {
    const credits = await ctx.loaders.artistsOfTrack.load(track.id);
    return credits.map((a) => ({ artist: { id: a.id, name: a.name }, role: a.role }));
  }

  @FieldResolver(() => [TransactionNode], {
    complexity: countedListCost('first', 10, MAX_NESTED_TRANSACTIONS),
    description: 'Latest statement lines of the track.',
  })
  transactions(
    @Parent() track: TrackNode,
    @Arg('first', () => Int, {
      defaultValue: 10,
      description: `How many lines, latest reporting date first (at most ${MAX_NESTED_TRANSACTIONS}).`,
    })
    first: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.loaders.transactionsOfTrack(first).load(track.id);
  }
}

@Resolver(() => TransactionNode)
export class TransactionRelations {
  @FieldResolver(() => PlatformNode, { description: 'The platform the store maps to (every YouTube store to youtube, …).' })
  platform(@Parent() t: TransactionNode, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.platform, t.platformId);
  }

  @FieldResolver(() => String, { description: 'Store name as the distributor writes it.' })
  store(@Parent() t: TransactionNode, @Ctx() ctx: RequestContext) {
    const known = ctx.loaders.store.peek(t.storeId);
    if (known !== undefined) return known?.name ?? '';
    return ctx.loaders.store.load(t.storeId).then((s) => s?.name ?? '');
  }

  @FieldResolver(() => TrackNode, { nullable: true, description: 'The track sold; null for lines not tied to a track.' })
  track(@Parent() t: TransactionNode, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.track, t.trackId);
  }

  @FieldResolver(() => ArtistNode, { nullable: true, description: 'The primary artist of the billing.' })
  artist(@Parent() t: TransactionNode, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.artist, t.artistId);
  }

  @FieldResolver(() => DecimalScalar, {
    description: 'Earnings on the line before the team split and withholding, in the line currency (USD); negative for adjustments.',
  })
  gross(@Parent() t: TransactionNode) {
    return formatNano(t.grossNano);
  }

  @FieldResolver(() => DecimalScalar, { description: 'Songwriter royalties withheld.' })
  withheld(@Parent() t: TransactionNode) {
    return formatNano(t.withheldNano);
  }

  @FieldResolver(() => DecimalScalar, { description: 'gross × teamPercentage / 100 − withheld.' })
  net(@Parent() t: TransactionNode) {
    return formatNano(t.netNano);
  }

  @FieldResolver(() => DecimalScalar, {
    description: 'Share of gross due to this account under the distributor team split, in percent (100 for TooLost lines).',
  })
  teamPercentage(@Parent() t: TransactionNode) {
    return t.teamPercentage;
  }
}

@Resolver(() => StreamFact)
export class StreamFactRelations {
  @FieldResolver(() => PlatformNode, { description: 'The platform the streams were counted on.' })
  platform(@Parent() s: StreamFact, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.platform, s.platformId);
  }

  @FieldResolver(() => TrackNode, { nullable: true, description: 'The track streamed; null for artist-level counts.' })
  track(@Parent() s: StreamFact, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.track, s.trackId);
  }

  @FieldResolver(() => ArtistNode, { nullable: true, description: 'The artist; null when the source names none.' })
  artist(@Parent() s: StreamFact, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.artist, s.artistId);
  }
}

@Resolver(() => CampaignNode)
export class CampaignRelations {
  @FieldResolver(() => PlatformNode, { description: 'The ad platform (meta_ads).' })
  platform(@Parent() c: CampaignNode, @Ctx() ctx: RequestContext) {
    return ctx.loaders.platform.load(c.platformId);
  }

  @FieldResolver(() => ArtistNode, {
    nullable: true,
    description: 'The artist promoted, when a part of the campaign name names a known artist; else null.',
  })
  artist(@Parent() c: CampaignNode, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.artist, c.artistId);
  }

  @FieldResolver(() => TrackNode, {
    nullable: true,
    description: 'The track promoted, when a part of the campaign name names a known track; else null.',
  })
  track(@Parent() c: CampaignNode, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.track, c.trackId);
  }
}

@Resolver(() => StreamPoint)
export class StreamPointRelations {
  @FieldResolver(() => PlatformNode, { nullable: true })
  platform(@Parent() p: StreamPoint, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.platform, p.platformId);
  }

  @FieldResolver(() => ArtistNode, { nullable: true })
  artist(@Parent() p: StreamPoint, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.artist, p.artistId);
  }

  @FieldResolver(() => TrackNode, { nullable: true })
  track(@Parent() p: StreamPoint, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.track, p.trackId);
  }
}
