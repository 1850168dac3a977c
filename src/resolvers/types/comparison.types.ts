import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TRACK_METRICS, type TrackMetric } from '../../analytics/comparison.service';
import { describedValues, enumOf } from './enum-of';
import { PlatformNode, TrackNode } from './catalog.types';
import { DecimalScalar, LongScalar } from './scalars';

export const TrackMetricEnum = enumOf(TRACK_METRICS);
registerEnumType(TrackMetricEnum, {
  name: 'TrackMetric',
  description: 'STREAMS ranks by units on statement lines (per-track streams as the stores paid them); NET_REVENUE by net revenue.',
  valuesConfig: describedValues<TrackMetric>({
    STREAMS: 'Units on statement lines in the sale months of the range (streams as the stores paid them), not daily stream facts.',
    NET_REVENUE: 'Net revenue of statement lines in the sale months of the range, in USD.',
  }),
});

@ObjectType({
  simpleResolvers: true,
  description:
    'One platform over a range, beside the previous range: for explicit days the same number of days just before; for a preset its own previous period (see DateRangePreset).',
})
export class PlatformComparison {
  @Field(() => PlatformNode, { description: 'The platform compared.' })
  platform!: PlatformNode;

  @Field(() => LongScalar, { description: 'Daily stream facts of every distributor source in the range (dashboard audiences excluded).' })
  streams!: number;

  @Field(() => LongScalar, { description: 'Units on statement lines (sale months in the range).' })
  units!: number;

  @Field(() => DecimalScalar, {
    description: 'Net revenue of statement lines (sale months in the range), in USD, the currency of the DistroKid and TooLost statements.',
  })
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

@ObjectType({ simpleResolvers: true, description: 'A track in a ranking over a range, from statement lines (sale months in the range).' })
export class TrackRank {
  @Field(() => Int, { description: 'Position, 1 for the best.' })
  rank!: number;

  @Field(() => TrackNode, { description: 'The track ranked.' })
  track!: TrackNode;

  @Field(() => LongScalar, { description: 'Units on its statement lines (streams as the stores paid them); never added to stream facts.' })
  units!: number;

  @Field(() => DecimalScalar, {
    description: 'Net revenue of its statement lines, in USD, the currency of the DistroKid and TooLost statements.',
  })
  net!: string;
}
