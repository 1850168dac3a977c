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
      '1day': 'The "1 day" filter (1day): the latest day Spotify for Artists reported at extraction.',
      '7day': 'The "7 days" filter (7day): the 7 days up to the extraction.',
      '28day': 'The "28 days" filter (28day): the 28 days up to the extraction.',
      '1year': 'The "12 months" filter (1year): the year up to the extraction.',
      all: 'The "all time" filter (all): since the song was released.',
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

  @Field({ description: "The song list's isDisabled flag as Spotify for Artists gives it (true: shown as disabled)." })
  isDisabled!: boolean;
}
