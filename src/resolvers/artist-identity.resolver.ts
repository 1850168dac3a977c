import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver } from 'type-graphql';
import { Parent } from './parent';
import { ArtistIdentityService } from '../ingest/identity/identity-service';
import type { ExternalIdKind } from '../entities/artist-external-id.entity';
import { IdentityError } from '../errors/identity-error';
import type { RequestContext } from './context';
import { EXPECTED_FANOUT, fanOutCost } from './complexity';
import { Role } from './role';
import { ArtistNode } from './types/catalog.types';
import { ArtistMergeResult, ExternalIdKindEnum, ExternalIdLinkResult, ExternalIdType } from './types/identity.types';

function artistId(value: string, field: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new IdentityError('BAD_USER_INPUT', field, `${field}: "${value.slice(0, 40)}" is not an artist id`);
  return Number(value);
}

/** Artist identities for admins: external ids and merges. Thin: the work is ArtistIdentityService's. */
@Resolver()
export class ArtistIdentityResolver {
  @Role('ADMIN')
  @Mutation(() => ExternalIdLinkResult, {
    description:
      'Links a platform id to an existing artist. An id that loaded under a placeholder artist merges the placeholder into the artist (all its facts move, in one transaction). An id already linked to another real artist is refused (BAD_USER_INPUT): unlink it first, or merge the artists. Idempotent.',
  })
  async linkArtistExternalId(
    @Arg('kind', () => ExternalIdKindEnum, { description: 'The platform.' }) kind: ExternalIdKind,
    @Arg('externalId', { description: 'The id on that platform (Spotify artist id, TikTok handle with or without @, Meta page id).' })
    externalId: string,
    @Arg('artist', () => ID, { description: 'Id of the artist the platform id belongs to.' }) artist: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ExternalIdLinkResult> {
    const out = await new ArtistIdentityService(ctx.ds, ctx.config.dataLakeDir).link(
      kind,
      externalId,
      { artistId: artistId(artist, 'artist') },
      ctx.principal.name,
    );
    return {
      kind: out.kind,
      externalId: out.externalId,
      artist: { id: out.artist.id, name: out.artist.name },
      change: out.change,
      mergedPlaceholder: out.mergedPlaceholder?.name ?? null,
    };
  }

  @Role('ADMIN')
  @Mutation(() => ArtistNode, {
    description:
      'Removes the link of a platform id; returns the artist that held it, which keeps the facts already loaded. NOT_FOUND when the id is not linked.',
  })
  async unlinkArtistExternalId(
    @Arg('kind', () => ExternalIdKindEnum, { description: 'The platform.' }) kind: ExternalIdKind,
    @Arg('externalId', { description: 'The id on that platform.' }) externalId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ArtistNode> {
    const held = await new ArtistIdentityService(ctx.ds).unlink(kind, externalId);
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
    const out = await new ArtistIdentityService(ctx.ds, ctx.config.dataLakeDir).merge(
      { id: fromId },
      { id: artistId(into, 'into') },
      ctx.principal.name,
    );
    return {
      fromId: out.from.id,
      fromName: out.from.name,
      into: { id: out.into.id, name: out.into.name },
      alreadyMerged: out.alreadyMerged,
      counts: out.counts,
    };
  }
}

@Resolver(() => ArtistNode)
export class ArtistExternalIdsRelation {
  @FieldResolver(() => [ExternalIdType], {
    complexity: fanOutCost(EXPECTED_FANOUT.externalIdsOfArtist),
    description: "The artist's ids on platforms (Spotify artist ids, TikTok handles, Meta page ids), by platform then id.",
  })
  externalIds(@Parent() artist: ArtistNode, @Ctx() ctx: RequestContext): Promise<ExternalIdType[]> {
    return ctx.loaders.externalIdsOfArtist.load(artist.id);
  }

  @FieldResolver(() => Boolean, {
    description:
      'True for a stand-in created for a platform id nobody has linked yet (named `<platform>:<id>`); linking the id moves its facts to the real artist.',
  })
  isPlaceholder(@Parent() artist: ArtistNode, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.loaders.placeholderArtist.load(artist.id);
  }
}
