import type { EntityManager } from 'typeorm';
import { type Dialect, SqlParams } from '../db/dialect';

/** A daily stream count ready for the warehouse. */
export interface StreamFact {
  source: string;
  date: string;
  platformId: number;
  trackId: number | null;
  artistId: number | null;
  country: string | null;
  streams: number;
}

export function streamDimKey(f: Pick<StreamFact, 'trackId' | 'artistId' | 'country'>): string {
  return `t${f.trackId ?? '-'}|a${f.artistId ?? '-'}|c${f.country ?? '-'}`;
}

const ROWS_PER_STATEMENT = 500;

/**
 * Upserts daily counts by (source, date, platform, track, artist, country). A later extraction
 * replaces the value of a day it covers; an older extraction never overwrites a newer one; days
 * the file does not cover are left alone.
 */
export async function upsertStreams(
  manager: EntityManager,
  dialect: Dialect,
  facts: StreamFact[],
  file: { sourceFileId: number; extractedAt: Date },
): Promise<{ written: number; unchanged: number }> {
  let written = 0;
  for (let i = 0; i < facts.length; i += ROWS_PER_STATEMENT) {
    const chunk = facts.slice(i, i + ROWS_PER_STATEMENT);
    const p = new SqlParams(dialect);
    const extractedAt = dialect === 'postgres' ? file.extractedAt.toISOString() : file.extractedAt.toISOString().replace('T', ' ').replace('Z', '');
    const tuples = chunk
      .map((f) => `(${p.list([f.source, f.date, f.platformId, f.trackId, f.artistId, f.country, streamDimKey(f), f.streams, file.sourceFileId, extractedAt])})`)
      .join(', ');
    const rows: unknown[] = await manager.query(
      `INSERT INTO streams (source, date, platform_id, track_id, artist_id, country, dim_key, streams, source_file_id, extracted_at)
       VALUES ${tuples}
       ON CONFLICT (source, date, platform_id, dim_key) DO UPDATE SET
         streams = excluded.streams, source_file_id = excluded.source_file_id, extracted_at = excluded.extracted_at
       WHERE streams.extracted_at <= excluded.extracted_at AND streams.streams <> excluded.streams
       RETURNING id`,
      p.values,
    );
    written += rows.length;
  }
  return { written, unchanged: facts.length - written };
}
