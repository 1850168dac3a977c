import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TRACK_METRICS } from '../../analytics/comparison.service';
import { enumOf } from './enum-of';
import { PlatformNode, TrackNode } from './catalog.types';
import { DecimalScalar, LongScalar } from './scalars';

export const TrackMetricEnum = enumOf(TRACK_METRICS);
registerEnumType(TrackMetricEnum, {
  name: 'TrackMetric',
  description: 'STREAMS ranks by units on statement lines (per-track streams as the stores paid them); NET_REVENUE by net revenue.',
});

@ObjectType({
  simpleResolvers: true,
  description:
    'One platform over a range, beside the previous range: for explicit days the same number of days just before; for a preset its own previous period (see DateRangePreset).',
})
export class PlatformComparison {
  @Field(() => PlatformNode)
  platform!: PlatformNode;

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

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Streams change versus the previous range, in percent (2 decimals); null when it had none.',
  })
  streamsGrowthPct!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Net revenue change versus the previous range, in percent (2 decimals); null when it had none.',
  })
  revenueGrowthPct!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class TrackRank {
  @Field(() => Int)
  rank!: number;

  @Field(() => TrackNode)
  track!: TrackNode;

  @Field(() => LongScalar)
  units!: number;

  @Field(() => DecimalScalar)
  net!: string;
}
