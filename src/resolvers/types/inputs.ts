import { Field, ID, InputType } from 'type-graphql';
import type { DateRangePreset } from '../../domain/date-range';
import { DateRangePresetEnum, PlatformKindEnum } from './enums';
import { DateScalar } from './scalars';

@InputType('DateRange', {
  description:
    "Days, both ends inclusive: either `from` and `to`, or a `preset` resolved on today's date in the label's time zone (LABEL_TIME_ZONE). Giving both, or neither, is BAD_USER_INPUT.",
})
export class DateRangeInput {
  // Nullable in the schema, always set once resolveDateRangeArguments has run (before any resolver sees it).
  @Field(() => DateScalar, { nullable: true, description: 'First day, inclusive. Goes with `to`; not with `preset`.' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day, inclusive. Goes with `from`; not with `preset`.' })
  to!: string;

  @Field(() => DateRangePresetEnum, {
    nullable: true,
    description: "A range relative to today in the label's time zone, instead of `from` and `to`.",
  })
  preset?: DateRangePreset;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True: the range just before the one described, as "versus the previous range" compares with: the month, quarter or year before for PREVIOUS_MONTH, PREVIOUS_QUARTER and PREVIOUS_YEAR; the same span one year earlier for LAST_12_MONTHS and YEAR_TO_DATE; otherwise the same number of days ending the day before `from`.',
  })
  previous?: boolean;
}

@InputType({ description: 'Every list narrows the result; an empty or missing list does not filter.' })
export class RevenueFilter {
  @Field(() => [String], { nullable: true, description: 'Platform codes, e.g. ["spotify", "youtube"].' })
  platforms?: string[];

  @Field(() => [String], { nullable: true, description: 'Store names as the distributor writes them, e.g. "YouTube (Red)".' })
  stores?: string[];

  @Field(() => [String], { nullable: true, description: 'ISO-3166 alpha-2 codes.' })
  countries?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Artist ids (Artist.id): only lines billed to one of these artists as primary artist.',
  })
  artistIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Track ids (Track.id): only lines of one of these tracks.' })
  trackIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Data sources, e.g. ["distrokid"].' })
  sources?: string[];
}

@InputType({
  description: 'Narrows daily stream facts. Every list narrows the result; an empty or missing list does not filter.',
})
export class StreamFilter {
  @Field(() => [String], { nullable: true, description: 'Platform codes (Platform.code), e.g. ["spotify", "apple_music"].' })
  platforms?: string[];

  @Field(() => [String], { nullable: true, description: 'ISO-3166 alpha-2 codes, any case. Facts without a country never match.' })
  countries?: string[];

  @Field(() => [ID], { nullable: true, description: 'Artist ids (Artist.id).' })
  artistIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Track ids (Track.id). Artist-level facts (no track) never match.' })
  trackIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Data sources, e.g. ["distrokid", "toolost"].' })
  sources?: string[];
}

@InputType({ description: 'Narrows the artists listed; the conditions given must all hold.' })
export class ArtistFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, any spelling or case.' })
  search?: string;

  @Field(() => [ID], { nullable: true, description: 'Only these artists (Artist.id); an empty or missing list does not filter.' })
  ids?: string[];
}

@InputType({ description: 'Narrows the tracks listed; the conditions given must all hold.' })
export class TrackFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the title, ignoring case, spacing, dots, underscores and hyphens.',
  })
  search?: string;

  @Field(() => ID, { nullable: true, description: 'Only tracks this artist (Artist.id) is credited on, as primary or featured.' })
  artistId?: string;

  @Field(() => String, { nullable: true, description: 'Exact ISRC, with or without hyphens.' })
  isrc?: string;
}

@InputType({ description: 'Narrows the platforms listed; the conditions given must all hold.' })
export class PlatformFilter {
  @Field(() => PlatformKindEnum, { nullable: true, description: 'Only platforms of this kind.' })
  kind?: string;

  @Field(() => [String], { nullable: true, description: 'Only these platform codes (Platform.code); an empty list does not filter.' })
  codes?: string[];
}

@InputType({ description: 'Narrows the campaigns listed; the conditions given must all hold.' })
export class CampaignFilter {
  @Field(() => String, { nullable: true, description: 'Platform code, e.g. meta_ads.' })
  platform?: string;

  @Field(() => ID, { nullable: true, description: 'Only campaigns linked to this artist (Artist.id; see Campaign.artist).' })
  artistId?: string;

  @Field(() => ID, { nullable: true, description: 'Only campaigns linked to this track (Track.id; see Campaign.track).' })
  trackId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Exact configured status as the ad platform writes it (Campaign.status, e.g. ACTIVE, PAUSED); not effectiveStatus.',
  })
  status?: string;
}
