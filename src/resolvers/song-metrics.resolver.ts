import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { type SongMetricRecord, SongMetricsService, type SongPeriod } from '../analytics/song-metrics.service';
import { toId } from './args';
import { EXPECTED_FANOUT, fanOutCost } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { SongMetricNode, SongPeriodEnum } from './types/song-metrics.types';
import { DateScalar } from './types/scalars';

@Resolver()
export class SongMetricsResolver {
  @Role('VIEWER')
  @Query(() => [SongMetricNode], {
    complexity: fanOutCost(EXPECTED_FANOUT.songs),
    description: 'Songs for one time filter, from the latest extraction on or before `asOf` (default: the latest), most streamed first.',
  })
  songMetrics(
    @Arg('period', () => SongPeriodEnum, { description: 'The Spotify for Artists time filter to read.' }) period: SongPeriod,
    @Arg('artist', () => ID, { nullable: true, description: 'Only tracks this artist performs on.' }) artist: string | undefined,
    @Arg('asOf', () => DateScalar, {
      nullable: true,
      description: 'Use the latest extraction on or before this UTC day; omitted: the latest extraction.',
    })
    asOf: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<SongMetricRecord[]> {
    return new SongMetricsService(ctx.ds).latest(period, { artistId: artist ? toId(artist) : null, asOf });
  }
}
