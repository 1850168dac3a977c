import { Field, Int, ObjectType } from 'type-graphql';
import { ArtistNode, PlatformNode, TrackNode } from './catalog.types';
import { DecimalScalar, LongScalar } from './scalars';

@ObjectType({ simpleResolvers: true, description: 'Revenue totals in scope.' })
export class RevenueSummary {
  @Field(() => DecimalScalar, { description: 'Earnings before the team split and withholding.' })
  gross!: string;

  @Field(() => DecimalScalar, { description: 'Earnings × team percentage / 100 − songwriter royalties withheld; adjustments included.' })
  net!: string;

  @Field(() => LongScalar, { description: 'Units on the statement lines.' })
  quantity!: number;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'net / quantity, rounded half away from zero to 8 decimals; null when quantity is 0.',
  })
  payoutPerStream!: string | null;

  @Field(() => String, { nullable: true, description: 'Country with the highest net revenue (unknown countries left out).' })
  topCountry!: string | null;

  @Field(() => Int, { description: 'Number of statement lines in scope, adjustments included.' })
  transactionCount!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Revenue totals over the whole range and filter of a series, whatever the points returned (first, orderBy).',
})
export class RevenueTotalsType {
  @Field(() => DecimalScalar, {
    description: 'Earnings before the team split and withholding, in USD, the currency of the DistroKid and TooLost statements.',
  })
  gross!: string;

  @Field(() => DecimalScalar, {
    description:
      'Earnings × team percentage / 100 − songwriter royalties withheld, adjustments included, in USD, the currency of the DistroKid and TooLost statements.',
  })
  net!: string;

  @Field(() => LongScalar, {
    description: 'Units on the statement lines (streams or downloads as the stores paid them); never added to stream facts.',
  })
  quantity!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One bucket of a revenue series; dimension fields are set when grouped by them.' })
export class RevenuePoint {
  @Field({ description: 'Period label, see Grain.' })
  period!: string;

  @Field(() => PlatformNode, { nullable: true, description: 'The platform of the group; null unless grouped by PLATFORM.' })
  platform!: PlatformNode | null;

  @Field(() => String, {
    nullable: true,
    description: 'Store name as the distributor writes it; null unless grouped by STORE.',
  })
  store!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO-3166 alpha-2 country; null unless grouped by COUNTRY, or for lines without a country.',
  })
  country!: string | null;

  @Field(() => ArtistNode, {
    nullable: true,
    description: 'Primary artist billed on the lines; null unless grouped by ARTIST, or for lines without an artist.',
  })
  artist!: ArtistNode | null;

  @Field(() => TrackNode, { nullable: true, description: 'The track; null unless grouped by TRACK, or for lines without a track.' })
  track!: TrackNode | null;

  @Field(() => String, { nullable: true, description: 'Data source (distrokid, toolost); null unless grouped by SOURCE.' })
  source!: string | null;

  @Field(() => DecimalScalar, {
    description: 'Earnings before the team split and withholding, in USD, the currency of the DistroKid and TooLost statements.',
  })
  gross!: string;

  @Field(() => DecimalScalar, {
    description:
      'Earnings × team percentage / 100 − songwriter royalties withheld, adjustments included, in USD, the currency of the DistroKid and TooLost statements.',
  })
  net!: string;

  @Field(() => LongScalar, {
    description: 'Units on the statement lines of the bucket (as the stores paid them); never added to stream facts.',
  })
  quantity!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'net / quantity to 8 decimals.' })
  payoutPerStream!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Net of the period before, same group (0 when it had none).' })
  previous!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'net − previous.' })
  change!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'change / previous in percent, 2 decimals; null when previous is 0.' })
  changePct!: string | null;

  platformId!: number | null;
  artistId!: number | null;
  trackId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'Revenue per period (and group), with totals over the whole scope.' })
export class RevenueSeries {
  @Field(() => [RevenuePoint], {
    description: 'One point per period and group that has statement lines, in the order asked (orderBy), at most `first`.',
  })
  points!: RevenuePoint[];

  @Field(() => RevenueTotalsType, { description: 'Totals over the whole range and filter (not only the points returned).' })
  totals!: RevenueTotalsType;
}

@ObjectType({ simpleResolvers: true, description: 'One bucket of a stream series.' })
export class StreamPoint {
  @Field({ description: 'Period label, see Grain.' })
  period!: string;

  @Field(() => PlatformNode, { nullable: true, description: 'The platform of the group; null unless grouped by PLATFORM.' })
  platform!: PlatformNode | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO-3166 alpha-2 country; null unless grouped by COUNTRY, or for facts without a country.',
  })
  country!: string | null;

  @Field(() => ArtistNode, { nullable: true, description: 'The artist; null unless grouped by ARTIST, or for facts without an artist.' })
  artist!: ArtistNode | null;

  @Field(() => TrackNode, { nullable: true, description: 'The track; null unless grouped by TRACK, or for artist-level facts.' })
  track!: TrackNode | null;

  @Field(() => String, { nullable: true, description: 'Data source (e.g. distrokid, toolost); null unless grouped by SOURCE.' })
  source!: string | null;

  @Field(() => LongScalar, {
    description:
      'Sum of the daily stream facts in the bucket (a count). Statement units and Spotify for Artists audience are never added in.',
  })
  streams!: number;

  @Field(() => LongScalar, { nullable: true, description: 'Streams of the period before, same group (0 when it had none).' })
  previous!: number | null;

  @Field(() => LongScalar, { nullable: true, description: 'streams − previous.' })
  change!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'change / previous in percent, 2 decimals; null when previous is 0.' })
  changePct!: string | null;

  platformId!: number | null;
  artistId!: number | null;
  trackId!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Stream totals over the whole range and filter of a series, whatever the points returned (first, orderBy).',
})
export class StreamTotals {
  @Field(() => LongScalar, { description: 'Sum of the daily stream facts in scope (a count).' })
  streams!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Streams per period (and group), with totals over the whole scope.' })
export class StreamSeries {
  @Field(() => [StreamPoint], {
    description:
      'One point per period and group, in the order asked (orderBy), at most `first`; with fillGaps, zero points for periods without data.',
  })
  points!: StreamPoint[];

  @Field(() => StreamTotals, { description: 'Totals over the whole range and filter (not only the points returned).' })
  totals!: StreamTotals;
}
