import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { SONG_PERIODS, type SongMetricRecord, type SongPeriod } from '../../analytics/song-metrics.service';
import { TrackNode } from './catalog.types';
import { describedValues, enumOf, named } from './enum-of';
import { DateScalar, LongScalar } from './scalars';

const songPeriodName = named<SongPeriod>({ '1day': 'DAY', '7day': 'WEEK', '28day': 'FOUR_WEEKS', '1year': 'YEAR', all: 'ALL' });
export const SongPeriodEnum = enumOf(SONG_PERIODS, songPeriodName);
registerEnumType(SongPeriodEnum, {
  name: 'SongPeriod',
  description: "Spotify for Artists' time filters. They overlap: never add figures of different periods.",
  valuesConfig: describedValues<SongPeriod>(
    {
      '1day': 'The last day before the extraction (Spotify for Artists "1 day").',
      '7day': 'The last 7 days before the extraction.',
      '28day': 'The last 28 days before the extraction.',
      '1year': 'The last 12 months before the extraction.',
      all: 'Since the song was released.',
    },
    songPeriodName,
  ),
});

@ObjectType('SongMetric', {
  simpleResolvers: true,
  description: 'One song over one Spotify for Artists time filter, as extracted on a day.',
})
export class SongMetricNode implements SongMetricRecord {
  @Field(() => TrackNode, {
    description: 'The song, matched by title within the artist (the list has no ISRC; same-titled versions are one track).',
  })
  track!: TrackNode;

  @Field(() => SongPeriodEnum, { description: 'The time filter the figures cover.' })
  period!: SongPeriod;

  @Field(() => DateScalar, { description: 'UTC day the list was captured; the period ends around then.' })
  extractionDate!: string;

  @Field(() => LongScalar, {
    nullable: true,
    description:
      'Spotify streams over the period as the artist dashboard counts them; never added to distributor streams. Null when not given.',
  })
  streams!: number | null;

  @Field(() => LongScalar, {
    nullable: true,
    description: 'Unique listeners over the period (an upper bound when same-titled versions were merged); null when not given.',
  })
  listeners!: number | null;

  @Field(() => LongScalar, { nullable: true, description: 'Listeners who saved the song in the period; null when not given.' })
  savers!: number | null;

  @Field(() => LongScalar, { nullable: true, description: 'Views of the Canvas (looping visual) in the period; null when not given.' })
  canvasViews!: number | null;

  @Field({ description: 'Spotify for Artists marks the song as disabled (no longer available).' })
  isDisabled!: boolean;
}
