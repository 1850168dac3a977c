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

  @Field(() => Int)
  transactionCount!: number;
}

@ObjectType({ simpleResolvers: true })
export class RevenueTotalsType {
  @Field(() => DecimalScalar)
  gross!: string;

  @Field(() => DecimalScalar)
  net!: string;

  @Field(() => LongScalar)
  quantity!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One bucket of a revenue series; dimension fields are set when grouped by them.' })
export class RevenuePoint {
  @Field({ description: 'Period label, see Grain.' })
  period!: string;

  @Field(() => PlatformNode, { nullable: true })
  platform!: PlatformNode | null;

  @Field(() => String, { nullable: true })
  store!: string | null;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => ArtistNode, { nullable: true })
  artist!: ArtistNode | null;

  @Field(() => TrackNode, { nullable: true })
  track!: TrackNode | null;

  @Field(() => String, { nullable: true })
  source!: string | null;

  @Field(() => DecimalScalar)
  gross!: string;

  @Field(() => DecimalScalar)
  net!: string;

  @Field(() => LongScalar)
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

@ObjectType({ simpleResolvers: true })
export class RevenueSeries {
  @Field(() => [RevenuePoint])
  points!: RevenuePoint[];

  @Field(() => RevenueTotalsType, { description: 'Totals over the whole range and filter (not only the points returned).' })
  totals!: RevenueTotalsType;
}

@ObjectType({ simpleResolvers: true, description: 'One bucket of a stream series.' })
export class StreamPoint {
  @Field()
  period!: string;

  @Field(() => PlatformNode, { nullable: true })
  platform!: PlatformNode | null;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => ArtistNode, { nullable: true })
  artist!: ArtistNode | null;

  @Field(() => TrackNode, { nullable: true })
  track!: TrackNode | null;

  @Field(() => String, { nullable: true })
  source!: string | null;

  @Field(() => LongScalar)
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

@ObjectType({ simpleResolvers: true })
export class StreamTotals {
  @Field(() => LongScalar)
  streams!: number;
}

@ObjectType({ simpleResolvers: true })
export class StreamSeries {
  @Field(() => [StreamPoint])
  points!: StreamPoint[];

  @Field(() => StreamTotals)
  totals!: StreamTotals;
}
