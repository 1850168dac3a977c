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
  @Field(() => ID)
  id!: number;

  @Field({ description: 'Stable code to filter on, e.g. spotify, apple_music, youtube, amazon_music, itunes, meta_ads.' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => PlatformKindEnum)
  kind!: PlatformKind;
}

@ObjectType('Artist', { simpleResolvers: true, description: 'One act. Every spelling seen in a source resolves to one artist.' })
export class ArtistNode implements ArtistRecord {
  @Field(() => ID)
  id!: number;

  @Field()
  name!: string;
}

@ObjectType('Track', { simpleResolvers: true, description: 'A recording, identified by its ISRC when known.' })
export class TrackNode implements TrackRecord {
  @Field(() => ID)
  id!: number;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: '12 characters, no hyphens.' })
  isrc!: string | null;

  primaryArtistId!: number | null;
  releaseId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'An artist on a track, with their role.' })
export class TrackCredit {
  @Field(() => ArtistNode)
  artist!: ArtistNode;

  @Field({ description: 'primary or featured' })
  role!: string;
}

@ObjectType('Campaign', { simpleResolvers: true, description: 'An advertising campaign.' })
export class CampaignNode implements CampaignRecord {
  @Field(() => ID)
  id!: number;

  @Field({ description: 'The id on the ad platform.' })
  externalId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  objective!: string | null;

  @Field(() => String, { nullable: true })
  status!: string | null;

  @Field(() => String, { nullable: true })
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

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  platformId!: number;
  artistId!: number | null;
  trackId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A daily stream count from one source.' })
export class StreamFact implements StreamRecord {
  @Field(() => ID)
  id!: number;

  @Field()
  source!: string;

  @Field(() => DateScalar)
  date!: string;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => Int)
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
  @Field(() => ID)
  id!: number;

  @Field()
  source!: string;

  @Field(() => DateScalar)
  reportingDate!: string;

  @Field({ description: 'YYYY-MM' })
  saleMonth!: string;

  @Field(() => String, { nullable: true, description: 'ISO-3166 alpha-2; null when the source does not know.' })
  country!: string | null;

  @Field(() => Int, {
    description: 'Units on the statement line (streams or downloads as the store reports them); never added to stream facts.',
  })
  quantity!: number;

  @Field(() => String, { nullable: true })
  productType!: string | null;

  @Field()
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
