import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ArtistIdentityService } from '../ingest/identity/identity-service';
import { IdentityError } from '../ingest/identity/identity-error';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { EXPECTED_FANOUT, fanOutCost } from './complexity';
import { Role } from './role';
import { Artist } from './types/catalog.types';
import { ArtistMergeResult, ExternalIdKindEnum, ExternalIdLinkResult, ExternalIdType, LinkChangeEnum } from './types/identity.types';

/** Maps the identity service's coded refusals to the API's, naming the argument. */
async function identity<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof IdentityError) throw new AppError(err.code, err.message, { field: err.field });
    throw err;
  }
}

function artistId(value: string, field: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new AppError('BAD_USER_INPUT', `${field}: "${value.slice(0, 40)}" is not an artist id`, { field });
  return Number(value);
}

/** Artist identities for admins: external ids and merges. Thin: the work is ArtistIdentityService's. */
@Resolver()
export class ArtistIdentityResolver {
  @Role('ADMIN')
  @Mutation(() => ExternalIdLinkResult, {
    description:
      "Links a platform id to an existing artist. An id that loaded under a placeholder artist merges the placeholder into the artist (all its facts move, in one transaction). An id already linked to another real artist is refused (BAD_USER_INPUT): unlink it first, or merge the artists. Idempotent.",
  })
  async linkArtistExternalId(
    @Arg('kind', () => ExternalIdKindEnum, { description: 'The platform.' }) kind: ExternalIdKindEnum,
    @Arg('externalId', { description: 'The id on that platform (Spotify artist id, TikTok handle with or without @, Meta page id).' }) externalId: string,
    @Arg('artist', () => ID, { description: 'Id of the artist the platform id belongs to.' }) artist: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExternalIdLinkResult> {
    const target = artistId(artist, 'artist');
    const out = await identity(() => new ArtistIdentityService(ctx.ds, ctx.config.dataLakeDir).link(kind, externalId, { artistId: target }, ctx.principal.name));
    return {
      kind: out.kind as ExternalIdKindEnum,
      externalId: out.externalId,
      artist: { id: out.artist.id, name: out.artist.name },
      change: out.change as LinkChangeEnum,
      mergedPlaceholder: out.mergedPlaceholder?.name ?? null,
    };
  }

  @Role('ADMIN')
  @Mutation(() => Artist, { description: 'Removes the link of a platform id; returns the artist that held it, which keeps the facts already loaded. NOT_FOUND when the id is not linked.' })
  async unlinkArtistExternalId(
    @Arg('kind', () => ExternalIdKindEnum, { description: 'The platform.' }) kind: ExternalIdKindEnum,
    @Arg('externalId', { description: 'The id on that platform.' }) externalId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Artist> {
    const held = await identity(() => new ArtistIdentityService(ctx.ds).unlink(kind, externalId));
    return { id: held.id, name: held.name };
  }

  @Role('ADMIN')
  @Mutation(() => ArtistMergeResult, {
    description:
      "Merges artist `from` into artist `into`, for spellings folding cannot see as one: every alias, external id, credit, track, statement line, revenue rollup, daily stream, audience day, social day, follower snapshot and campaign moves, in one transaction; `from` is deleted and its spellings resolve to `into` on later loads. Where both had a versioned fact with the same key (a day's streams of one track), the newest capture's row is kept, never the sum. Refuses from = into; repeating a merge answers alreadyMerged.",
  })
  async mergeArtists(
    @Arg('from', () => ID, { description: 'Id of the artist to merge away.' }) from: string,
    @Arg('into', () => ID, { description: 'Id of the artist that absorbs it.' }) into: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ArtistMergeResult> {
    const fromId = artistId(from, 'from');
    const intoId = artistId(into, 'into');
    const out = await identity(() => new ArtistIdentityService(ctx.ds, ctx.config.dataLakeDir).merge({ id: fromId }, { id: intoId }, ctx.principal.name));
    return { fromId: out.from.id, fromName: out.from.name, into: { id: out.into.id, name: out.into.name }, alreadyMerged: out.alreadyMerged, counts: out.counts };
  }
}

@Resolver(() => Artist)
export class ArtistExternalIdsRelation {
  @FieldResolver(() => [ExternalIdType], { complexity: fanOutCost(EXPECTED_FANOUT.externalIdsOfArtist), description: "The artist's ids on platforms (Spotify artist ids, TikTok handles, Meta page ids), by platform then id." })
  externalIds(@Root() artist: Artist, @Ctx() ctx: RequestContext): Promise<ExternalIdType[]> {
    return ctx.loaders.externalIdsOfArtist.load(artist.id) as Promise<ExternalIdType[]>;
  }

  @FieldResolver(() => Boolean, {
    description: 'True for a stand-in created for a platform id nobody has linked yet (named `<platform>:<id>`); linking the id moves its facts to the real artist.',
  })
  isPlaceholder(@Root() artist: Artist, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.loaders.placeholderArtist.load(artist.id);
  }
}
