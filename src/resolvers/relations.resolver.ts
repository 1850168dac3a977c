import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { EXPECTED_FANOUT, countedListCost, fanOutCost } from './complexity';
import { formatNano } from '../domain/money';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { Artist, Campaign, Platform, StreamFact, Track, TrackCredit, Transaction } from './types/catalog.types';
import { DecimalScalar } from './types/scalars';
import { RevenuePoint, StreamPoint } from './types/series.types';

const load = <T>(loader: { load(id: number): Promise<T | null> }, id: number | null) => (id === null ? null : loader.load(id));
const MAX_NESTED = 100;

/** Relations between catalogue and fact types. Each goes through a per-request DataLoader: one statement per level. */
@Resolver(() => Artist)
export class ArtistRelations {
  @FieldResolver(() => [String], { complexity: fanOutCost(EXPECTED_FANOUT.aliasesOfArtist), description: 'Every spelling of this artist seen in the sources.' })
  aliases(@Root() artist: Artist, @Ctx() ctx: RequestContext) {
    return ctx.loaders.aliasesOfArtist.load(artist.id);
  }

  @FieldResolver(() => [Track], { complexity: fanOutCost(EXPECTED_FANOUT.tracksOfArtist), description: 'Tracks the artist performs on, by title.' })
  tracks(@Root() artist: Artist, @Ctx() ctx: RequestContext) {
    return ctx.loaders.tracksOfArtist.load(artist.id);
  }
}

@Resolver(() => Track)
export class TrackRelations {
  @FieldResolver(() => [TrackCredit], { complexity: fanOutCost(EXPECTED_FANOUT.artistsOfTrack), description: 'Performers, primary first.' })
  async artists(@Root() track: Track, @Ctx() ctx: RequestContext): Promise<TrackCredit[]> {
    const credits = await ctx.loaders.artistsOfTrack.load(track.id);
    return credits.map((a) => ({ artist: { id: a.id, name: a.name }, role: a.role }));
  }

  @FieldResolver(() => [Transaction], { complexity: countedListCost('first', 10, MAX_NESTED), description: 'Latest statement lines of the track.' })
  transactions(@Root() track: Track, @Arg('first', () => Int, { defaultValue: 10 }) first: number, @Ctx() ctx: RequestContext) {
    if (first < 0 || first > MAX_NESTED) throw new AppError('PAGE_TOO_LARGE', `nested \`first\` must be between 0 and ${MAX_NESTED}`);
    return ctx.loaders.transactionsOfTrack(first).load(track.id);
  }
}

@Resolver(() => Transaction)
export class TransactionRelations {
  @FieldResolver(() => Platform)
  platform(@Root() t: Transaction, @Ctx() ctx: RequestContext) {
    return ctx.loaders.platform.load(t.platformId);
  }

  @FieldResolver(() => String, { description: 'Store name as the distributor writes it.' })
  async store(@Root() t: Transaction, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.store.load(t.storeId))?.name ?? '';
  }

  @FieldResolver(() => Track, { nullable: true })
  track(@Root() t: Transaction, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.track, t.trackId);
  }

  @FieldResolver(() => Artist, { nullable: true, description: 'The primary artist of the billing.' })
  artist(@Root() t: Transaction, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.artist, t.artistId);
  }

  @FieldResolver(() => DecimalScalar)
  gross(@Root() t: Transaction) {
    return formatNano(t.grossNano);
  }

  @FieldResolver(() => DecimalScalar, { description: 'Songwriter royalties withheld.' })
  withheld(@Root() t: Transaction) {
    return formatNano(t.withheldNano);
  }

  @FieldResolver(() => DecimalScalar, { description: 'gross × teamPercentage / 100 − withheld.' })
  net(@Root() t: Transaction) {
    return formatNano(t.netNano);
  }

  @FieldResolver(() => DecimalScalar)
  teamPercentage(@Root() t: Transaction) {
    return t.teamPercentage;
  }
}

@Resolver(() => StreamFact)
export class StreamFactRelations {
  @FieldResolver(() => Platform)
  platform(@Root() s: StreamFact, @Ctx() ctx: RequestContext) {
    return ctx.loaders.platform.load(s.platformId);
  }

  @FieldResolver(() => Track, { nullable: true })
  track(@Root() s: StreamFact, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.track, s.trackId);
  }

  @FieldResolver(() => Artist, { nullable: true })
  artist(@Root() s: StreamFact, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.artist, s.artistId);
  }
}

@Resolver(() => Campaign)
export class CampaignRelations {
  @FieldResolver(() => Platform)
  platform(@Root() c: Campaign, @Ctx() ctx: RequestContext) {
    return ctx.loaders.platform.load(c.platformId);
  }

  @FieldResolver(() => Artist, { nullable: true })
  artist(@Root() c: Campaign, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.artist, c.artistId);
  }

  @FieldResolver(() => Track, { nullable: true })
  track(@Root() c: Campaign, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.track, c.trackId);
  }
}

@Resolver(() => RevenuePoint)
export class RevenuePointRelations {
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() p: RevenuePoint, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.platform, p.platformId);
  }

  @FieldResolver(() => Artist, { nullable: true })
  artist(@Root() p: RevenuePoint, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.artist, p.artistId);
  }

  @FieldResolver(() => Track, { nullable: true })
  track(@Root() p: RevenuePoint, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.track, p.trackId);
  }
}

@Resolver(() => StreamPoint)
export class StreamPointRelations {
  @FieldResolver(() => Platform, { nullable: true })
  platform(@Root() p: StreamPoint, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.platform, p.platformId);
  }

  @FieldResolver(() => Artist, { nullable: true })
  artist(@Root() p: StreamPoint, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.artist, p.artistId);
  }

  @FieldResolver(() => Track, { nullable: true })
  track(@Root() p: StreamPoint, @Ctx() ctx: RequestContext) {
    return load(ctx.loaders.track, p.trackId);
  }
}
