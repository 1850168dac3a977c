import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EXTERNAL_ID_KINDS, type ExternalIdKind } from '../../entities/artist-external-id.entity';
import { LINK_CHANGES, type LinkChange } from '../../ingest/identity/artist-links';
import { enumOf, upperCase } from './enum-of';
import { ArtistNode } from './catalog.types';

export const ExternalIdKindEnum = enumOf(EXTERNAL_ID_KINDS, upperCase);
registerEnumType(ExternalIdKindEnum, {
  name: 'ExternalIdKind',
  description: 'A platform whose account ids identify an artist in exports and payloads.',
  valuesConfig: {
    SPOTIFY: { description: 'Spotify artist id: 22 base62 characters (case-sensitive), as in spotify_audience_<id>_<ts>.csv.' },
    TIKTOK: { description: 'TikTok handle, without @, lower-cased.' },
    META_PAGE: { description: 'Numeric Meta (Facebook) page id.' },
  },
});

export const LinkChangeEnum = enumOf(LINK_CHANGES, upperCase);
registerEnumType(LinkChangeEnum, {
  name: 'LinkChange',
  description: 'What linking an external id did.',
  valuesConfig: {
    LINKED: { description: 'The id was unknown; it now belongs to the artist.' },
    UNCHANGED: { description: 'The id already belonged to the artist: nothing changed.' },
    MERGED: { description: 'The id belonged to a placeholder artist: the placeholder and all its facts were merged into the artist.' },
    RENAMED: {
      description:
        'The placeholder became the named artist, which the warehouse did not know yet (CLI and configuration only: the API links to existing artists).',
    },
  },
});

@ObjectType({ description: "An artist's id on a platform." })
export class ExternalIdType {
  @Field(() => ExternalIdKindEnum, { description: 'The platform.' })
  kind!: ExternalIdKind;

  @Field({ description: 'The id as stored (TikTok handles lower-cased, without @).' })
  externalId!: string;
}

@ObjectType({ description: 'The result of linkArtistExternalId.' })
export class ExternalIdLinkResult {
  @Field(() => ExternalIdKindEnum, { description: 'The platform.' })
  kind!: ExternalIdKind;

  @Field({ description: 'The id as stored.' })
  externalId!: string;

  @Field(() => ArtistNode, { description: 'The artist the id now belongs to.' })
  artist!: ArtistNode;

  @Field(() => LinkChangeEnum, { description: 'What the call changed.' })
  change!: LinkChange;

  @Field(() => String, { nullable: true, description: 'Name of the placeholder artist merged into the artist (change MERGED), else null.' })
  mergedPlaceholder!: string | null;
}

@ObjectType({
  description:
    'Rows a merge re-pointed at the surviving artist, per table. Versioned facts that met a row of the same key keep the newest capture and count here once.',
})
export class ArtistMergeCountsType {
  @Field(() => Int, { description: 'Spellings (aliases) moved.' })
  aliases!: number;
  @Field(() => Int, { description: 'External ids (Spotify ids, TikTok handles…) moved.' })
  externalIds!: number;
  @Field(() => Int, { description: 'Track credits moved (a track both artists were credited on keeps one credit).' })
  trackCredits!: number;
  @Field(() => Int, { description: 'Tracks whose primary artist changed.' })
  tracks!: number;
  @Field(() => Int, { description: 'Duplicate tracks (same folded title, at most one ISRC) folded into one after the merge.' })
  tracksFolded!: number;
  @Field(() => Int, { description: 'Statement lines (transactions) moved.' })
  transactions!: number;
  @Field(() => Int, {
    description: 'Monthly revenue rollup rows added to the surviving artist (sums of distinct lines: added, never versioned).',
  })
  revenueRollupRows!: number;
  @Field(() => Int, { description: 'Daily stream rows moved (dim_key recomputed).' })
  streams!: number;
  @Field(() => Int, { description: 'Audience days (Spotify for Artists) moved.' })
  audienceDays!: number;
  @Field(() => Int, { description: 'Social account days (TikTok) moved.' })
  socialDays!: number;
  @Field(() => Int, { description: 'Follower snapshots moved.' })
  followerSnapshots!: number;
  @Field(() => Int, { description: 'Ad campaigns moved.' })
  campaigns!: number;
}

@ObjectType({ description: 'The result of mergeArtists.' })
export class ArtistMergeResult {
  @Field(() => ID, { description: 'Id of the merged artist (it no longer exists).' })
  fromId!: number;

  @Field({ description: 'Name of the merged artist; its spellings now resolve to `into`.' })
  fromName!: string;

  @Field(() => ArtistNode, { description: 'The surviving artist.' })
  into!: ArtistNode;

  @Field({ description: 'True when `from` had already been merged into `into`: nothing changed (the call is idempotent).' })
  alreadyMerged!: boolean;

  @Field(() => ArtistMergeCountsType, { nullable: true, description: 'What moved; null when alreadyMerged.' })
  counts!: ArtistMergeCountsType | null;
}
