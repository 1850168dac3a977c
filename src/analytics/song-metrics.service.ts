import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams } from '../db/dialect';
import { mapTrack, SELECT, type TrackRecord } from './records';

/** Spotify for Artists' time filters, as stored. They overlap: figures of different periods never add up. */
export const SONG_PERIODS = ['1day', '7day', '28day', '1year', 'all'] as const;
export type SongPeriod = (typeof SONG_PERIODS)[number];

/** One song over one time filter, from one extraction day. */
export interface SongMetricRecord {
  track: TrackRecord;
  period: SongPeriod;
  extractionDate: string;
  streams: number | null;
  listeners: number | null;
  savers: number | null;
  canvasViews: number | null;
  isDisabled: boolean;
}

const MAX_SONGS = 1000;
const num = (v: unknown) => (v == null ? null : Number(v));

/** Song figures of Spotify for Artists: the latest extraction per track, most streamed first. */
export class SongMetricsService {
  constructor(private readonly ds: DataSource) {}

  /** Per track, the latest extraction on or before `asOf` (default: the latest), optionally only tracks an artist performs on. */
  async latest(period: SongPeriod, filter: { artistId?: number | null; asOf?: string | null }): Promise<SongMetricRecord[]> {
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const where = [`m.period = ${p.add(period)}`];
    if (filter.asOf) where.push(`m.extraction_date <= ${p.add(filter.asOf)}`);
    if (filter.artistId) where.push(`m.track_id IN (SELECT track_id FROM track_artists WHERE artist_id = ${p.add(filter.artistId)})`);
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT latest.*, ${SELECT.track('t')} FROM (
         SELECT m.track_id, ${dateText(d, 'm.extraction_date')} AS extraction_date, m.streams, m.listeners, m.savers, m.canvas_views, m.is_disabled,
           ROW_NUMBER() OVER (PARTITION BY m.track_id ORDER BY m.extraction_date DESC) AS rn
         FROM song_metrics m WHERE ${where.join(' AND ')}) latest
       JOIN tracks t ON t.id = latest.track_id
       WHERE latest.rn = 1 ORDER BY latest.streams DESC, latest.track_id LIMIT ${MAX_SONGS}`,
      p.values,
    );
    return rows.map((r) => ({
      track: mapTrack(r),
      period,
      extractionDate: String(r.extraction_date),
      streams: num(r.streams),
      listeners: num(r.listeners),
      savers: num(r.savers),
      canvasViews: num(r.canvas_views),
      isDisabled: r.is_disabled === true || r.is_disabled === 1,
    }));
  }
}
