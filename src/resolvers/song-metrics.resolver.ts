import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { EXPECTED_FANOUT, fanOutCost } from './complexity';
import { dateText, dialectOf, SqlParams } from '../db/dialect';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { toId } from './args';
import { Role } from './role';
import { Track } from './types/catalog.types';
import { DateScalar, LongScalar } from './types/scalars';

export enum SongPeriod {
  DAY = '1day',
  WEEK = '7day',
  FOUR_WEEKS = '28day',
  YEAR = '1year',
  ALL = 'all',
}
registerEnumType(SongPeriod, { name: 'SongPeriod', description: "Spotify for Artists' time filters. They overlap: never add figures of different periods." });

@ObjectType({ simpleResolvers: true, description: 'One song over one Spotify for Artists time filter, as extracted on a day.' })
export class SongMetric {
  @Field(() => Track)
  track!: Track;

  @Field(() => SongPeriod)
  period!: string;

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

const num = (v: unknown) => (v == null ? null : Number(v));

@Resolver()
export class SongMetricsResolver {
  @Role('VIEWER')
  @Query(() => [SongMetric], { complexity: fanOutCost(EXPECTED_FANOUT.songs), description: 'Songs for one time filter, from the latest extraction on or before `asOf` (default: the latest), most streamed first.' })
  async songMetrics(
    @Arg('period', () => SongPeriod) period: SongPeriod,
    @Arg('artist', () => ID, { nullable: true, description: 'Only tracks this artist performs on.' }) artist: string | undefined,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<SongMetric[]> {
    const d = dialectOf(ctx.ds);
    const p = new SqlParams(d);
    const where = [`m.period = ${p.add(period)}`];
    if (asOf) where.push(`m.extraction_date <= ${p.add(asOf)}`);
    if (artist) where.push(`m.track_id IN (SELECT track_id FROM track_artists WHERE artist_id = ${p.add(toId(artist))})`);
    const rows: Array<Record<string, unknown>> = await ctx.ds.query(
      `SELECT * FROM (
         SELECT m.track_id, ${dateText(d, 'm.extraction_date')} AS extraction_date, m.streams, m.listeners, m.savers, m.canvas_views, m.is_disabled,
           ROW_NUMBER() OVER (PARTITION BY m.track_id ORDER BY m.extraction_date DESC) AS rn
         FROM song_metrics m WHERE ${where.join(' AND ')}) latest
       WHERE rn = 1 ORDER BY streams DESC, track_id LIMIT 1000`,
      p.values,
    );
    const tracks = await ctx.loaders.track.loadMany(rows.map((r) => Number(r.track_id)));
    return rows.map((r, i) => {
      const track = tracks[i];
      if (!track || track instanceof Error) throw new AppError('INTERNAL_SERVER_ERROR', 'track missing');
      return {
        track,
        period,
        extractionDate: String(r.extraction_date),
        streams: num(r.streams),
        listeners: num(r.listeners),
        savers: num(r.savers),
        canvasViews: num(r.canvas_views),
        isDisabled: r.is_disabled === true || r.is_disabled === 1,
      };
    });
  }
}
