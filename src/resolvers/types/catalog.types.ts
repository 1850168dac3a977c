/** The API's catalogue and fact types: each implements the analytics record it is served from, so the two shapes cannot drift. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { PlatformKind } from '../../entities/platform.entity';
import type { ArtistRecord, CampaignRecord, PlatformRecord, StreamRecord, TrackRecord, TransactionRecord } from '../../analytics/records';
import { DateScalar, DateTimeScalar } from './scalars';
import { PlatformKindEnum } from './enums';

@ObjectType('Platform', {
  simpleResolvers: true,
  description: 'Where listening, selling or advertising happens (Spotify, YouTube, Meta Ads…).',
})
export class PlatformNode implements PlatformRecord {
  @Field(() => ID, { description: 'Warehouse key of the platform. Filters take the code (e.g. StreamFilter.platforms), not this id.' })
  id!: number;

  @Field({ description: 'Stable code to filter on, e.g. spotify, apple_music, youtube, amazon_music, itunes, meta_ads.' })
  code!: string;

  @Field({ description: 'Display name, e.g. "Apple Music".' })
  name!: string;

  @Field(() => PlatformKindEnum, { description: 'What the platform is used for.' })
  kind!: PlatformKind;
}

@ObjectType('Artist', { simpleResolvers: true, description: 'One act. Every spelling seen in a source resolves to one artist.' })
export class ArtistNode implements ArtistRecord {
  @Field(() => ID, {
    description:
      'Stable opaque id of the artist, usable in filters (ArtistFilter.ids, StreamFilter.artistIds, RevenueFilter.artistIds) and in artist(id).',
  })
  id!: number;

  @Field({ description: 'Display name of the artist; every spelling seen in the sources is in aliases.' })
  name!: string;
}

@ObjectType('Track', { simpleResolvers: true, description: 'A recording, identified by its ISRC when known.' })
export class TrackNode implements TrackRecord {
  @Field(() => ID, {
    description: 'Stable opaque id of the track, usable in filters (StreamFilter.trackIds, RevenueFilter.trackIds) and in track(id).',
  })
  id!: number;

  @Field({ description: 'Title of the recording as the sources write it.' })
  title!: string;

  @Field(() => String, { nullable: true, description: '12 characters, no hyphens.' })
  isrc!: string | null;

  primaryArtistId!: number | null;
  releaseId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'An artist on a track, with their role.' })
export class TrackCredit {
  @Field(() => ArtistNode, { description: 'The credited artist.' })
  artist!: ArtistNode;

  @Field({ description: 'primary or featured' })
  role!: string;
}

@ObjectType('Campaign', { simpleResolvers: true, description: 'An advertising campaign.' })
export class CampaignNode implements CampaignRecord {
  @Field(() => ID, {
    description:
      'Stable opaque id of the campaign in this warehouse (CampaignPerformanceFilter.campaignIds); the ad platform id is externalId.',
  })
  id!: number;

  @Field({ description: 'The id on the ad platform.' })
  externalId!: string;

  @Field({ description: 'Campaign name as set on the ad platform.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Campaign objective as the ad platform names it (e.g. OUTCOME_TRAFFIC); null when no capture stated it.',
  })
  objective!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Status the advertiser set (e.g. ACTIVE, PAUSED), as the ad platform writes it; null when no capture stated it.',
  })
  status!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Status the ad platform actually applies (e.g. ACTIVE, CAMPAIGN_PAUSED, ARCHIVED), as it writes it; null when no capture stated it.',
  })
  effectiveStatus!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Daily budget in minor units of the account currency (cents for USD), as the platform states it.',
  })
  dailyBudgetMinor!: string | null;

  @Field(() => String, { nullable: true, description: 'Lifetime budget in minor units of the account currency.' })
  lifetimeBudgetMinor!: string | null;

  @Field(() => String, { nullable: true, description: 'Account currency (ISO 4217).' })
  currency!: string | null;

  @Field(() => DateTimeScalar, {
    description: 'When the warehouse first stored the campaign (UTC); not its creation time on the ad platform.',
  })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When a capture last changed the warehouse row (UTC).' })
  updatedAt!: Date;

  platformId!: number;
  artistId!: number | null;
  trackId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A daily stream count from one source.' })
export class StreamFact implements StreamRecord {
  @Field(() => ID, { description: 'Warehouse key of the daily fact (opaque).' })
  id!: number;

  @Field({ description: 'Data source that reported the count, e.g. distrokid, toolost.' })
  source!: string;

  @Field(() => DateScalar, { description: 'Calendar day of the streams as the source reports it (no time zone conversion).' })
  date!: string;

  @Field(() => String, { nullable: true, description: 'ISO-3166 alpha-2 country; null when the source does not split by country.' })
  country!: string | null;

  @Field(() => Int, {
    description: 'Streams counted that day (a count, not money). Never add Spotify for Artists audience or statement units to it.',
  })
  streams!: number;

  platformId!: number;
  trackId!: number | null;
  artistId!: number | null;
}

@ObjectType('Transaction', {
  simpleResolvers: true,
  description: 'One statement line. Negative amounts are adjustments (reversals, corrections) of the sale month.',
})
export class TransactionNode implements TransactionRecord {
  @Field(() => ID, { description: 'Warehouse key of the statement line; opaque.' })
  id!: number;

  @Field({ description: 'Data source of the statement, e.g. distrokid, toolost.' })
  source!: string;

  @Field(() => DateScalar, { description: 'Calendar day the distributor reported the line, as the statement gives it.' })
  reportingDate!: string;

  @Field({ description: 'YYYY-MM' })
  saleMonth!: string;

  @Field(() => String, { nullable: true, description: 'ISO-3166 alpha-2; null when the source does not know.' })
  country!: string | null;

  @Field(() => Int, {
    description: 'Units on the statement line (streams or downloads as the store reports them); never added to stream facts.',
  })
  quantity!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Product type as the statement writes it (e.g. stream, download); null when the source has no such column.',
  })
  productType!: string | null;

  @Field({ description: 'ISO 4217 currency of the amounts on this line (USD for DistroKid and TooLost statements).' })
  currency!: string;

  storeId!: number;
  platformId!: number;
  trackId!: number | null;
  artistId!: number | null;
  teamPercentage!: string;
  grossNano!: string;
  withheldNano!: string;
  netNano!: string;
}
