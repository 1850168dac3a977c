import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { SONG_PERIODS, type SongMetricRecord, type SongPeriod } from '../../analytics/song-metrics.service';
import { TrackNode } from './catalog.types';
import { enumOf, named } from './enum-of';
import { DateScalar, LongScalar } from './scalars';

export const SongPeriodEnum = enumOf(
  SONG_PERIODS,
  named({ '1day': 'DAY', '7day': 'WEEK', '28day': 'FOUR_WEEKS', '1year': 'YEAR', all: 'ALL' }),
);
registerEnumType(SongPeriodEnum, {
  name: 'SongPeriod',
  description: "Spotify for Artists' time filters. They overlap: never add figures of different periods.",
});

@ObjectType('SongMetric', {
  simpleResolvers: true,
  description: 'One song over one Spotify for Artists time filter, as extracted on a day.',
})
export class SongMetricNode implements SongMetricRecord {
  @Field(() => TrackNode)
  track!: TrackNode;

  @Field(() => SongPeriodEnum)
  period!: SongPeriod;

  @Field(() => DateScalar)
  extractionDate!: string;

  @Field(() => LongScalar, { nullable: true })
  streams!: number | null;

  @Field(() => LongScalar, { nullable: true })
  listeners!: number | null;

  @Field(() => LongScalar, { nullable: true })
  savers!: number | null;

  @Field(() => LongScalar, { nullable: true })
  canvasViews!: number | null;

  @Field()
  isDisabled!: boolean;
}
