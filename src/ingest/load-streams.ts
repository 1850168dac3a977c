import type { EntityManager } from 'typeorm';
import type { Dialect } from '../db/dialect';
import type { Stream } from '../entities/stream.entity';
import { timestampParam, upsertRows } from './upsert';

/** A daily stream count ready for the warehouse. */
export type StreamFact = Pick<Stream, 'source' | 'date' | 'platformId' | 'trackId' | 'artistId' | 'country' | 'streams'>;

/** A day's count for a whole account on one platform: no track, artist or country. */
export function accountStreamFact(source: string, platformId: number, date: string, streams: number): StreamFact {
  return { source, date, platformId, trackId: null, artistId: null, country: null, streams };
}

export function streamDimKey(f: Pick<StreamFact, 'trackId' | 'artistId' | 'country'>): string {
  return `t${f.trackId ?? '-'}|a${f.artistId ?? '-'}|c${f.country ?? '-'}`;
}

/**
 * Upserts daily counts by (source, date, platform, track, artist, country). A later extraction
 * replaces the value of a day it covers; an older extraction never overwrites a newer one; days
 * the file does not cover are left alone.
 */
export function upsertStreams(
  manager: EntityManager,
  dialect: Dialect,
  facts: StreamFact[],
  file: { sourceFileId: number; extractedAt: Date },
): Promise<{ written: number; unchanged: number }> {
  const extractedAt = timestampParam(dialect, file.extractedAt);
  return upsertRows(manager, dialect, {
    table: 'streams',
    columns: ['source', 'date', 'platform_id', 'dim_key', 'track_id', 'artist_id', 'country', 'streams', 'source_file_id', 'extracted_at'],
    key: ['source', 'date', 'platform_id', 'dim_key'],
    versionColumn: 'extracted_at',
    restatements: {
      metrics: [{ column: 'streams', metric: 'streams' }],
      source: 't.source',
      date: 't.date',
      platform: 't.platform_id',
      track: 't.track_id',
      artist: 't.artist_id',
      rowKey: 't.dim_key',
    },
    rows: facts.map((f) => [
      f.source,
      f.date,
      f.platformId,
      streamDimKey(f),
      f.trackId,
      f.artistId,
      f.country,
      f.streams,
      file.sourceFileId,
      extractedAt,
    ]),
  });
}
