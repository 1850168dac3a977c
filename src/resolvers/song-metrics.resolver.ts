import { Arg, Ctx, Field, ID, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { SONG_PERIODS, type SongMetricRecord, SongMetricsService, type SongPeriod } from '../analytics/song-metrics.service';
import { toId } from './args';
import { EXPECTED_FANOUT, fanOutCost } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { TrackNode } from './types/catalog.types';
import { enumOf, named } from './types/enum-of';
import { DateScalar, LongScalar } from './types/scalars';

export const SongPeriodEnum = enumOf(SONG_PERIODS, named({ '1day': 'DAY', '7day': 'WEEK', '28day': 'FOUR_WEEKS', '1year': 'YEAR', all: 'ALL' }));
registerEnumType(SongPeriodEnum, { name: 'SongPeriod', description: "Spotify for Artists' time filters. They overlap: never add figures of different periods." });

@ObjectType('SongMetric', { simpleResolvers: true, description: 'One song over one Spotify for Artists time filter, as extracted on a day.' })
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

@Resolver()
export class SongMetricsResolver {
  @Role('VIEWER')
  @Query(() => [SongMetricNode], { complexity: fanOutCost(EXPECTED_FANOUT.songs), description: 'Songs for one time filter, from the latest extraction on or before `asOf` (default: the latest), most streamed first.' })
  songMetrics(
    @Arg('period', () => SongPeriodEnum) period: SongPeriod,
    @Arg('artist', () => ID, { nullable: true, description: 'Only tracks this artist performs on.' }) artist: string | undefined,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<SongMetricRecord[]> {
    return new SongMetricsService(ctx.ds).latest(period, { artistId: artist ? toId(artist) : null, asOf });
  }
}
