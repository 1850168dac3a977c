/**
 * The song list Spotify for Artists' catalog view API returns for one time filter:
 * `{"songs": [{"id", "trackName", "trackUri", "releaseDate", "numStreams", "numListeners",
 * "numSavers", "numCanvasViews", "isDisabled"}, …]}`. Counts may be numbers or strings with
 * thousands separators; a missing figure is NULL. A renamed or missing metric is schema drift.
 */
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { INVALID_COUNT, parseCount } from './counts';
import { parseJsonText } from '../json-text';

export interface SongRow {
  index: number;
  spotifyTrackId: string | null;
  trackUri: string | null;
  title: string;
  releaseDate: string | null;
  streams: bigint | null;
  listeners: bigint | null;
  savers: bigint | null;
  canvasViews: bigint | null;
  isDisabled: boolean;
}

/** Keys every song carries; losing one means the API changed. */
const REQUIRED = ['trackName', 'numStreams', 'numListeners', 'numSavers'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'id', 'trackUri', 'releaseDate', 'numCanvasViews', 'isDisabled']);

/** Recognises a captured catalog response from its first bytes. */
export function looksLikeSongsJson(head: string): boolean {
  return /^\s*\{\s*"songs"\s*:\s*\[/.test(head) && /"(?:trackName|numStreams)"\s*:/.test(head);
}

export function parseSongsJson(text: string, file: string): SongRow[] {
  const doc = parseJsonText(text, file, 'object {"songs": […]}');
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !Array.isArray((doc as Record<string, unknown>).songs)) {
    const found =
      typeof doc === 'object' && doc !== null && !Array.isArray(doc)
        ? `keys ${Object.keys(doc).join(', ') || '(none)'}`
        : Array.isArray(doc)
          ? 'an array'
          : typeof doc;
    throw new LakeValidationError({
      code: 'SCHEMA_DRIFT',
      message: 'no "songs" array at the top level',
      file,
      field: 'songs',
      expected: '{"songs": […]}',
      found: excerpt(found),
    });
  }
  const songs = (doc as { songs: unknown[] }).songs;
  return songs.map((s, i) => parseSong(s, i, file));
}

function parseSong(value: unknown, index: number, file: string): SongRow {
  const path = `songs[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LakeValidationError({
      code: 'SCHEMA_DRIFT',
      message: `song ${index + 1} is not an object`,
      file,
      field: path,
      expected: 'an object',
      found: excerpt(JSON.stringify(value) ?? String(value)),
    });
  }
  const song = value as Record<string, unknown>;
  const missing = REQUIRED.filter((k) => !(k in song));
  if (missing.length) {
    const unexpected = Object.keys(song).filter((k) => !KNOWN.has(k));
    throw new LakeValidationError({
      code: 'SCHEMA_DRIFT',
      message: `song ${index + 1} has no ${missing.join(', ')}${unexpected.length ? `; unexpected ${unexpected.join(', ')}` : ''}`,
      file,
      field: missing.map((k) => `${path}.${k}`).join(', '),
      expected: REQUIRED.join(', '),
      found: excerpt(Object.keys(song).join(', ')),
    });
  }
  const bad = (key: string, expected: string): LakeValidationError =>
    new LakeValidationError({
      code: 'BAD_VALUE',
      message: `invalid ${key} of song ${index + 1}`,
      file,
      field: `${path}.${key}`,
      expected,
      found: song[key] === undefined ? '(missing)' : excerpt(JSON.stringify(song[key]) ?? String(song[key])),
    });
  const text = (key: string): string | null => {
    const v = song[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw bad(key, 'a string');
    return v.trim() || null;
  };
  const count = (key: string): bigint | null => {
    const v = parseCount(song[key]);
    if (v === INVALID_COUNT) throw bad(key, 'a non-negative integer (or a string with thousands separators)');
    return v;
  };
  const title = text('trackName');
  if (title === null) throw bad('trackName', 'a track name');
  const disabled = song.isDisabled;
  if (disabled !== undefined && disabled !== null && typeof disabled !== 'boolean' && disabled !== 'true' && disabled !== 'false')
    throw bad('isDisabled', 'true or false');
  return {
    index,
    spotifyTrackId: text('id'),
    trackUri: text('trackUri'),
    title,
    releaseDate: text('releaseDate'),
    streams: count('numStreams'),
    listeners: count('numListeners'),
    savers: count('numSavers'),
    canvasViews: count('numCanvasViews'),
    isDisabled: disabled === true || disabled === 'true',
  };
}
