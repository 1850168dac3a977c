import { SqlParams } from '../../db/dialect';
import { csvLine } from '../lake/atomic-file';
import { LakeValidationError } from '../lake/validation-error';
import type { LoadContext, SourceStream } from '../source-stream';
import { timestampParam, upsertRows } from '../upsert';
import { attributeArtist } from './artist';
import { landedBaseName } from '../lake/landed-name';
import { parseSongsFileName, SONG_PERIODS, SONGS_NAME_PATTERN, type SongPeriod } from './file-names';
import { looksLikeSongsJson, parseSongsJson, type SongRow } from './songs.parser';
import { readLandedText } from '../lake/landed-text';

/** A catalogue of a few hundred songs is well under 1 MB. */
const MAX_SONGS_BYTES = 32 * 1024 * 1024;

interface SongFact {
  trackId: number;
  streams: bigint | null;
  listeners: bigint | null;
  savers: bigint | null;
  canvasViews: bigint | null;
  isDisabled: boolean;
}

const addNullable = (a: bigint | null, b: bigint | null): bigint | null => (a === null ? b : b === null ? a : a + b);

/**
 * One fact per track. Two songs of one artist with the same title (a single and its album
 * version) resolve to one track, since the song list has no ISRC: their figures are added,
 * which is exact for streams, savers and canvas views and an upper bound for listeners.
 */
async function factsByTrack(ctx: LoadContext, artistId: number, songs: SongRow[]): Promise<SongFact[]> {
  const byTrack = new Map<number, SongFact>();
  for (const s of songs) {
    const trackId = await ctx.dims.trackId({ title: s.title, isrc: null, artistIds: [artistId], releaseId: null });
    const prev = byTrack.get(trackId);
    byTrack.set(
      trackId,
      prev
        ? {
            trackId,
            streams: addNullable(prev.streams, s.streams),
            listeners: addNullable(prev.listeners, s.listeners),
            savers: addNullable(prev.savers, s.savers),
            canvasViews: addNullable(prev.canvasViews, s.canvasViews),
            isDisabled: prev.isDisabled && s.isDisabled,
          }
        : { trackId, streams: s.streams, listeners: s.listeners, savers: s.savers, canvasViews: s.canvasViews, isDisabled: s.isDisabled },
    );
  }
  return [...byTrack.values()];
}

/**
 * A reload of the same period on the same day replaces the artist's list: songs the new list no
 * longer has are removed from that (period, day), other artists' and other days' rows stay.
 */
async function deleteDropped(ctx: LoadContext, artistId: number, period: SongPeriod, day: string, keep: number[]): Promise<void> {
  const p = new SqlParams(ctx.dialect);
  const keepClause = keep.length ? ` AND track_id NOT IN (${p.list(keep)})` : '';
  // Only rows of this or an older extraction: a list extracted later the same day stays as it is.
  const sql = `DELETE FROM song_metrics WHERE source = 'spotify'${keepClause}
     AND extracted_at <= ${p.add(timestampParam(ctx.dialect, ctx.extractedAt))}
     AND period = ${p.add(period)} AND extraction_date = ${p.add(day)}
     AND track_id IN (SELECT id FROM tracks WHERE primary_artist_id = ${p.add(artistId)})`;
  await ctx.manager.query(sql, p.values);
}

/**
 * Spotify for Artists song list for one time filter → `song_metrics`, keyed by (track, period,
 * UTC day of extraction). Periods overlap (7day lies inside 28day): they are stored side by side
 * and never added together.
 */
export const spotifySongs: SourceStream = {
  service: 'spotify',
  stream: 'songs',
  recognise: (name, head) => /^spotify_songs_/i.test(name) || looksLikeSongsJson(head),
  async load(ctx) {
    const named = parseSongsFileName(ctx.landed.originalName);
    if (named.period === null) {
      throw new LakeValidationError({
        code: 'BAD_HEADER',
        message: named.periodText ? `unknown time filter "${named.periodText}" in the file name` : 'the file name names no time filter',
        file: ctx.landed.file,
        field: 'period',
        expected: `${SONG_PERIODS.join(' | ')} (${SONGS_NAME_PATTERN})`,
        found: ctx.landed.originalName,
      });
    }
    const artistId = await attributeArtist(ctx, named, SONGS_NAME_PATTERN);
    const songs = parseSongsJson(readLandedText(ctx, 'Spotify song list', MAX_SONGS_BYTES), ctx.landed.file);
    const day = ctx.extractedAt.toISOString().slice(0, 10);

    const base = landedBaseName(ctx);
    const raw = ctx.openZoneFile('raw', `${base}.ndjson`);
    const staging = ctx.openZoneFile('staging', `${base}.csv`);
    const str = (v: bigint | null) => (v === null ? null : v.toString());
    await raw.write(
      songs
        .map(
          (s) =>
            `${JSON.stringify({ ...s, streams: str(s.streams), listeners: str(s.listeners), savers: str(s.savers), canvasViews: str(s.canvasViews) })}\n`,
        )
        .join(''),
    );
    await staging.write(
      csvLine([
        'record',
        'spotify_artist_id',
        'artist',
        'period',
        'extraction_date',
        'spotify_track_id',
        'title',
        'release_date',
        'streams',
        'listeners',
        'savers',
        'canvas_views',
        'is_disabled',
      ]) +
        songs
          .map((s) =>
            csvLine([
              s.index,
              named.spotifyId,
              named.artistName,
              named.period,
              day,
              s.spotifyTrackId,
              s.title,
              s.releaseDate,
              s.streams,
              s.listeners,
              s.savers,
              s.canvasViews,
              s.isDisabled ? 'true' : 'false',
            ]),
          )
          .join(''),
    );

    const facts = await factsByTrack(ctx, artistId, songs);
    await deleteDropped(
      ctx,
      artistId,
      named.period,
      day,
      facts.map((f) => f.trackId),
    );
    const flag = (b: boolean) => (ctx.dialect === 'postgres' ? b : b ? 1 : 0);
    const { written, unchanged } = await upsertRows(ctx.manager, ctx.dialect, {
      table: 'song_metrics',
      columns: [
        'source',
        'track_id',
        'period',
        'extraction_date',
        'streams',
        'listeners',
        'savers',
        'canvas_views',
        'is_disabled',
        'source_file_id',
        'extracted_at',
      ],
      key: ['track_id', 'period', 'extraction_date'],
      versionColumn: 'extracted_at',
      rows: facts.map((f) => [
        'spotify',
        f.trackId,
        named.period,
        day,
        f.streams,
        f.listeners,
        f.savers,
        f.canvasViews,
        flag(f.isDisabled),
        ctx.sourceFileId,
        timestampParam(ctx.dialect, ctx.extractedAt),
      ]),
    });
    return { rowsRead: songs.length, rowsLoaded: written, rowsSkipped: unchanged + (songs.length - facts.length) };
  },
};
