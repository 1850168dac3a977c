import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Platform, Track } from './catalog.types';
import { DecimalScalar, LongScalar } from './scalars';

export enum TrackMetric {
  STREAMS = 'STREAMS',
  NET_REVENUE = 'NET_REVENUE',
}
registerEnumType(TrackMetric, {
  name: 'TrackMetric',
  description: 'STREAMS ranks by units on statement lines (per-track streams as the stores paid them); NET_REVENUE by net revenue.',
});

@ObjectType({ simpleResolvers: true, description: 'One platform over a range, beside the previous range of the same length.' })
export class PlatformComparison {
  @Field(() => Platform)
  platform!: Platform;

  @Field(() => LongScalar, { description: 'Daily stream facts of every distributor source in the range (dashboard audiences excluded).' })
  streams!: number;

  @Field(() => LongScalar, { description: 'Units on statement lines (sale months in the range).' })
  units!: number;

  @Field(() => DecimalScalar)
  net!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'net / units to 8 decimals.' })
  revenuePerStream!: string | null;

  @Field(() => DecimalScalar, { description: "This platform's share of all streams in the range, 0…1 to 6 decimals." })
  streamShare!: string;

  @Field(() => DecimalScalar, { description: "This platform's share of all net revenue in the range, 0…1 to 6 decimals." })
  revenueShare!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Streams change versus the previous range of the same length, in percent (2 decimals); null when it had none.' })
  streamsGrowthPct!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Net revenue change versus the previous range of the same length, in percent (2 decimals).' })
  revenueGrowthPct!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class TrackRank {
  @Field(() => Int)
  rank!: number;

  @Field(() => Track)
  track!: Track;

  @Field(() => LongScalar)
  units!: number;

  @Field(() => DecimalScalar)
  net!: string;
}
