/**
 * Parser for the TikTok profile follower snapshot the extractor saves from the profile API:
 * `{"count", "source_url", "timestamp", "artist"}`, one object or an array of them. Each is a
 * single point in time. The key set is checked exactly, so a changed payload is reported as
 * drift instead of being half-read.
 */
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { isCalendarDate } from '../../domain/calendar';
import { unixToDate } from '../common/dates';
import { normaliseHandle } from './file-name';

export const FOLLOWER_KEYS = ['count', 'source_url', 'timestamp', 'artist'] as const;

export interface FollowerSnapshotRecord {
  /** 0-based position in the file (0 for a single object). */
  index: number;
  account: string;
  artist: string;
  capturedAt: Date;
  followers: number;
  sourceUrl: string | null;
  /** The object as it was in the file. */
  raw: Record<string, unknown>;
}

export interface ParsedFollowers {
  snapshots: FollowerSnapshotRecord[];
  /** Records without a figure (`null`, empty or NaN count): normal input, nothing to store. */
  withoutCount: number;
}

const KEY_SET = new Set<string>(FOLLOWER_KEYS);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Content sniffing: an object (or array of objects) with exactly the snapshot's four keys. */
export function looksLikeFollowerSnapshot(head: string): boolean {
  const text = head.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return false;
  let first: unknown;
  try {
    const whole: unknown = JSON.parse(text);
    first = Array.isArray(whole) ? whole[0] : whole;
  } catch {
    // The head may stop mid-file (or the file is truncated): the first object is flat, judge by it.
    const m = /^\[?\s*(\{[^{}]*\})/.exec(text);
    if (!m) return false;
    try {
      first = JSON.parse(m[1]);
    } catch {
      return false;
    }
  }
  return isPlainObject(first) && hasExactKeys(first);
}

function hasExactKeys(o: Record<string, unknown>): boolean {
  const keys = Object.keys(o);
  return keys.length === KEY_SET.size && keys.every((k) => KEY_SET.has(k));
}

export function parseFollowersJson(text: string, opts: { file: string; nameHandle: string | null }): ParsedFollowers {
  const { file } = opts;
  const body = text.replace(/^\ufeff/, '');
  if (body.trim() === '')
    throw new LakeValidationError({
      code: 'EMPTY_FILE',
      message: 'the snapshot file is empty',
      file,
      expected: 'a JSON object or array',
      found: 'no content',
    });
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    throw jsonSyntaxError(body, err, file);
  }
  const records: unknown[] = Array.isArray(doc) ? doc : [doc];
  if (records.length === 0)
    throw new LakeValidationError({
      code: 'EMPTY_FILE',
      message: 'the snapshot array is empty',
      file,
      expected: 'at least one snapshot',
      found: '[]',
    });
  const snapshots: FollowerSnapshotRecord[] = [];
  let withoutCount = 0;
  records.forEach((record, index) => {
    const at = Array.isArray(doc) ? `[${index}]` : '';
    if (!isPlainObject(record)) {
      throw new LakeValidationError({
        code: 'SCHEMA_DRIFT',
        message: `${at ? `record ${at}` : 'the document'} is not a snapshot object`,
        file,
        field: at || '(root)',
        expected: `an object with ${FOLLOWER_KEYS.join(', ')}`,
        found: excerpt(JSON.stringify(record) ?? String(record)),
      });
    }
    checkKeys(record, at, file);
    const snapshot = toSnapshot(record, index, at, opts);
    if (snapshot === null) withoutCount++;
    else snapshots.push(snapshot);
  });
  return { snapshots, withoutCount };
}

function checkKeys(record: Record<string, unknown>, at: string, file: string): void {
  const keys = Object.keys(record);
  const missing = FOLLOWER_KEYS.filter((k) => !(k in record));
  const unexpected = keys.filter((k) => !KEY_SET.has(k));
  if (missing.length === 0 && unexpected.length === 0) return;
  const parts = [
    missing.length ? `missing key(s): ${missing.join(', ')}` : '',
    unexpected.length ? `unexpected key(s): ${unexpected.join(', ')}` : '',
  ];
  throw new LakeValidationError({
    code: 'SCHEMA_DRIFT',
    message: `${at ? `record ${at}: ` : ''}snapshot shape changed: ${parts.filter(Boolean).join('; ')}`,
    file,
    field: [...missing, ...unexpected].map((k) => `${at}${at ? '.' : ''}${k}`).join(', '),
    expected: `keys ${FOLLOWER_KEYS.join(', ')}`,
    found: `keys ${keys.join(', ')}`,
  });
}

function toSnapshot(
  record: Record<string, unknown>,
  index: number,
  at: string,
  opts: { file: string; nameHandle: string | null },
): FollowerSnapshotRecord | null {
  const bad = (key: string, expected: string): LakeValidationError =>
    new LakeValidationError({
      code: 'BAD_VALUE',
      message: `${at ? `record ${at}: ` : ''}invalid ${key}`,
      file: opts.file,
      field: `${at}${at ? '.' : ''}${key}`,
      expected,
      found: excerpt(JSON.stringify(record[key]) ?? 'undefined'),
    });

  const followers = parseFollowerCount(record.count);
  if (followers === undefined) throw bad('count', 'a whole number ≥ 0 (or null/empty/NaN for no figure)');

  const capturedAt = parseTimestamp(record.timestamp);
  if (capturedAt === null) throw bad('timestamp', 'unix seconds (or milliseconds) or an ISO 8601 date-time');

  const url = record.source_url;
  if (url !== null && (typeof url !== 'string' || url.length > 500)) throw bad('source_url', 'a URL of at most 500 characters, or null');
  const sourceUrl = typeof url === 'string' && url.trim() !== '' ? url.trim() : null;

  const artistValue = record.artist;
  if (artistValue !== null && typeof artistValue !== 'string') throw bad('artist', 'the artist name or handle as a string');
  const artist = (artistValue ?? '').trim();

  // The profile URL says whose count it is; the file name and a handle-shaped artist are fallbacks.
  const account = handleFromUrl(sourceUrl) ?? opts.nameHandle ?? (artist ? normaliseHandle(artist) : null);
  if (account === null)
    throw bad('source_url', 'a profile URL such as https://www.tiktok.com/@<handle> (no handle in the file name or artist either)');

  if (followers === null) return null;
  return { index, account, artist: artist || account, capturedAt, followers, sourceUrl, raw: record };
}

/** undefined: not a count; null: no figure. */
export function parseFollowerCount(value: unknown): number | null | undefined {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : Number.isNaN(value) ? null : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || /^nan$/i.test(text)) return null;
  if (!/^\d{1,3}(?:,\d{3})*$|^\d+$/.test(text)) return undefined;
  const n = Number(text.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

const ISO_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Unix seconds or milliseconds (number or digits), or ISO 8601; a date-time without a zone is UTC. */
export function parseTimestamp(value: unknown): Date | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? fromUnixNumber(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d{10}$|^\d{13}$/.test(text)) return unixToDate(text);
  const m = ISO_RE.exec(text);
  if (!m || !isCalendarDate(m[1])) return null;
  if ((m[2] && Number(m[2]) > 23) || (m[3] && Number(m[3]) > 59) || (m[4] && Number(m[4]) > 59)) return null;
  const iso = m[2] ? text.replace(' ', 'T') : `${m[1]}T00:00:00`;
  const d = new Date(m[5] ? iso : `${iso}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Seconds (possibly fractional) below 10^11, milliseconds above: 10^11 s is the year 5138. */
function fromUnixNumber(value: number): Date | null {
  const ms = value < 1e11 ? Math.round(value * 1000) : Math.round(value);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d;
}

function handleFromUrl(url: string | null): string | null {
  if (url === null) return null;
  const m = /tiktok\.com\/@([A-Za-z0-9._]+)/i.exec(url);
  return m ? normaliseHandle(m[1]) : null;
}

/** A JSON syntax error with the line and column where parsing stopped (the end, for a truncated file). */
function jsonSyntaxError(text: string, err: unknown, file: string): LakeValidationError {
  const message = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  const truncated = offset >= text.trimEnd().length;
  return new LakeValidationError({
    code: 'BAD_VALUE',
    message: truncated ? 'the JSON ends early (truncated download?)' : 'the file is not valid JSON',
    file,
    line,
    column,
    field: '(JSON syntax)',
    expected: 'a complete JSON document',
    found: excerpt(message, 120),
  });
}
