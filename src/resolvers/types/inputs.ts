import { Field, ID, InputType } from 'type-graphql';
import { PlatformKindEnum } from './enums';
import { DateScalar } from './scalars';

@InputType('DateRange', { description: 'Both ends inclusive.' })
export class DateRangeInput {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;
}

@InputType({ description: 'Every list narrows the result; an empty or missing list does not filter.' })
export class RevenueFilter {
  @Field(() => [String], { nullable: true, description: 'Platform codes, e.g. ["spotify", "youtube"].' })
  platforms?: string[];

  @Field(() => [String], { nullable: true, description: 'Store names as the distributor writes them, e.g. "YouTube (Red)".' })
  stores?: string[];

  @Field(() => [String], { nullable: true, description: 'ISO-3166 alpha-2 codes.' })
  countries?: string[];

  @Field(() => [ID], { nullable: true })
  artistIds?: string[];

  @Field(() => [ID], { nullable: true })
  trackIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Data sources, e.g. ["distrokid"].' })
  sources?: string[];
}

@InputType()
export class StreamFilter {
  @Field(() => [String], { nullable: true })
  platforms?: string[];

  @Field(() => [String], { nullable: true })
  countries?: string[];

  @Field(() => [ID], { nullable: true })
  artistIds?: string[];

  @Field(() => [ID], { nullable: true })
  trackIds?: string[];

  @Field(() => [String], { nullable: true })
  sources?: string[];
}

@InputType()
export class ArtistFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, any spelling or case.' })
  search?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];
}

@InputType()
export class TrackFilter {
  @Field(() => String, { nullable: true })
  search?: string;

  @Field(() => ID, { nullable: true })
  artistId?: string;

  @Field(() => String, { nullable: true })
  isrc?: string;
}

@InputType()
export class PlatformFilter {
  @Field(() => PlatformKindEnum, { nullable: true })
  kind?: string;

  @Field(() => [String], { nullable: true })
  codes?: string[];
}

@InputType()
export class CampaignFilter {
  @Field(() => String, { nullable: true, description: 'Platform code, e.g. meta_ads.' })
  platform?: string;

  @Field(() => ID, { nullable: true })
  artistId?: string;

  @Field(() => ID, { nullable: true })
  trackId?: string;

  @Field(() => String, { nullable: true })
  status?: string;
}
