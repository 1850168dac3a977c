/**
 * When a file was captured at its source: the time that decides which version of a day wins.
 * It is never the time of loading. One rule for every way a file reaches the pipeline:
 * an explicit override, else the manifest beside the file, else a stamp in the file name, else a
 * stamp in the folder name, else the file's modification time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CapturedAtSource } from '../../entities/source-file.entity';
import { LakeValidationError } from './validation-error';

export type { CapturedAtSource };

export interface CaptureTime {
  at: Date;
  source: CapturedAtSource;
}

/**
 * `_YYYYMMDD_HHMMSS` optionally followed by `_<6-digit microseconds>` (Linktree), bounded by the
 * start of the name or `_`/`-`/`.`/space on the left and the end, `.`, `_`, `-`, space or `(` on
 * the right. The last stamp of a name wins (a prefix may hold other numbers).
 */
const DATE_TIME_RE = /(?:^|[_.\- ])(\d{8})_(\d{6})(?:_(\d{6}))?(?=$|[._\- (])/g;
/** A unix time as TikTok Studio writes it: a `_`-delimited token of 10 digits (seconds) or 13 (milliseconds). */
const UNIX_RE = /(?:^|_)(\d{10}|\d{13})(?=_|\.|$)/g;

/** A date and time from `YYYYMMDD`, `HHMMSS` and optional microseconds, in UTC; null when not a real instant. */
function fromParts(date: string, time: string, micros = '000000'): Date | null {
  const [y, mo, d] = [Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8))];
  const [h, mi, s] = [Number(time.slice(0, 2)), Number(time.slice(2, 4)), Number(time.slice(4, 6))];
  if (y < 2000 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  // Milliseconds are the precision of a Date; the rest of the microseconds cannot order two captures anyway.
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s, Math.floor(Number(micros) / 1000)));
  return at.getUTCDate() === d && at.getUTCMonth() === mo - 1 ? at : null;
}

/**
 * The capture time a file or folder name carries, in any of the forms real exports use:
 * `…_YYYYMMDD_HHMMSS.ext`, `…_YYYYMMDD_HHMMSS_<microseconds>.ext`, a bare `YYYYMMDD_HHMMSS`
 * folder, or a unix time (`Overview_2024-05-28_1748345895_zone.a0.zip`; 13 digits are milliseconds).
 * Stamps are UTC.
 */
export function captureTimeFromName(name: string): Date | null {
  const base = path.basename(name);
  let found: Date | null = null;
  for (const m of base.matchAll(DATE_TIME_RE)) found = fromParts(m[1], m[2], m[3]) ?? found;
  if (found) return found;
  for (const m of base.matchAll(UNIX_RE)) {
    const at = new Date(m[1].length === 13 ? Number(m[1]) : Number(m[1]) * 1000);
    // Before 2010 no source of ours existed: such a number is an id, not a time.
    if (at.getUTCFullYear() >= 2010) found = at;
  }
  return found;
}

/** True when a name already says when it was captured (so the landing copy keeps it as it is). */
export function nameCarriesCaptureTime(name: string): boolean {
  return captureTimeFromName(name) !== null;
}

/** The manifest that may sit beside an input file (`<file>.manifest.json`, the landing zone's MANIFEST_SUFFIX). */
export const manifestPathOf = (file: string): string => `${file}.manifest.json`;

/** The `extractedAt` of a manifest; a manifest that cannot say when is refused, never guessed around. */
export function captureTimeFromManifest(manifestPath: string): Date {
  const bad = (found: string, message: string): LakeValidationError =>
    new LakeValidationError({
      code: 'BAD_MANIFEST',
      message,
      file: manifestPath,
      field: 'extractedAt',
      expected: 'an ISO 8601 time such as 2025-05-27T11:38:45Z',
      found,
    });
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    throw bad(e instanceof Error ? e.message.slice(0, 80) : 'unreadable', 'the manifest beside the file is not valid JSON');
  }
  const value = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>).extractedAt : undefined;
  if (typeof value !== 'string')
    throw bad(value === undefined ? '(missing)' : JSON.stringify(value).slice(0, 60), 'the manifest beside the file has no extractedAt');
  const at = parseIsoInstant(value);
  if (at === null) throw bad(value.slice(0, 60), 'the manifest beside the file has an invalid extractedAt');
  return at;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * A strict ISO 8601 instant: a date (taken as UTC midnight) or a date and time with `Z` or an
 * offset. A time without a zone is refused: whose local time it is cannot be known. Impossible
 * calendar dates (2025-02-30) are refused too.
 */
export function parseIsoInstant(text: string): Date | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (h !== undefined && zone === undefined) return null;
  if (fromParts(`${y}${mo}${d}`, `${h ?? '00'}${mi ?? '00'}${s ?? '00'}`) === null) return null;
  const at = new Date(
    h === undefined
      ? `${y}-${mo}-${d}T00:00:00Z`
      : `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ? `.${frac.slice(0, 3).padEnd(3, '0')}` : ''}${zone === 'Z' ? 'Z' : normaliseOffset(zone)}`,
  );
  return Number.isNaN(at.getTime()) ? null : at;
}

const normaliseOffset = (zone: string): string => (zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`);

/** How far in the future a given capture time may be (clock skew between machines), in ms. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** `--captured-at` as given on the command line: a strict ISO instant, not in the future. Throws a message for the usage line. */
export function parseCapturedAtOption(text: string | undefined, now = new Date()): Date {
  if (text === undefined || text === '') throw new Error('--captured-at needs a value, e.g. --captured-at 2025-05-27T11:38:45Z');
  const at = parseIsoInstant(text);
  if (at === null) throw new Error(`--captured-at "${text}" is not an ISO 8601 time with a zone (e.g. 2025-05-27T11:38:45Z or 2025-05-27)`);
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    throw new Error(`--captured-at "${text}" is in the future: a capture time is when the file was exported`);
  return at;
}

/**
 * The capture time of an input file: the override when given, else its manifest, else its file
 * name, else its folder's name, else its modification time. A manifest that cannot say when
 * throws BAD_MANIFEST (a LakeValidationError naming the manifest).
 */
export function captureTimeOf(input: string, override?: Date): CaptureTime {
  if (override) return { at: override, source: 'override' };
  const manifest = manifestPathOf(input);
  if (fs.existsSync(manifest)) return { at: captureTimeFromManifest(manifest), source: 'manifest' };
  const fromFile = captureTimeFromName(path.basename(input));
  if (fromFile) return { at: fromFile, source: 'file_name' };
  const fromFolder = captureTimeFromName(path.basename(path.dirname(input)));
  if (fromFolder) return { at: fromFolder, source: 'folder_name' };
  return { at: fs.statSync(input).mtime, source: 'file_mtime' };
}
