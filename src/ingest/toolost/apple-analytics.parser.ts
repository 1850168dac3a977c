/**
 * TooLost `GET /api/portal/analytics/apple/?release=&date=thisYear`:
 *   {"totalStreams": [{"date", "streams": 8}, …],            daily Apple Music streams
 *    "totalShazam":  [{"date", "streams": "3"}, …],          daily Shazam recognitions (strings)
 *    "tracksTotal":  [{"isrc", "streams", "track", "release", "cover"}, …],   this year per track
 *    "countryTotal": [{"country": "US", "streams": 40}, …],  this year per country
 *    "streamTotal":  2655}                                    the portal's own total (optional)
 * Track and country figures are totals over the year to date, never daily values.
 */
import { LakeValidationError } from '../lake/validation-error';
import { normaliseIsrc } from '../../domain/names';
import { badRecordValue, type JsonObject, requireRecord, requireTopLevel } from './json-input';
import { isCalendarDate } from '../../domain/calendar';
import { isMissing, MISSING, parseCount } from './values';

export interface DailyCount {
  date: string;
  count: number;
}

export interface TrackTotal {
  isrc: string | null;
  title: string;
  release: string | null;
  streams: number;
}

export interface CountryTotal {
  country: string;
  streams: number;
}

export interface AppleAnalytics {
  streams: DailyCount[];
  shazam: DailyCount[];
  tracks: TrackTotal[];
  countries: CountryTotal[];
  /** The response's streamTotal, when it has one. */
  streamTotal: number | null;
  /**
   * Whether streamTotal equals the sum of totalStreams; null when there is no streamTotal. A
   * mismatch does not fail the file: the portal computes its total separately and it may lag the
   * daily series, which stay the facts.
   */
  streamTotalMatches: boolean | null;
  skipped: number;
}

export const APPLE_KEYS = ['totalStreams', 'totalShazam', 'tracksTotal', 'countryTotal'] as const;

/** Content sniffing: the two keys no other captured response carries. */
export function looksLikeAppleAnalytics(head: string): boolean {
  return /^\s*\{/.test(head) && /"totalStreams"\s*:\s*\[/.test(head) && /"tracksTotal"\s*:\s*\[/.test(head);
}

export function parseAppleAnalytics(doc: unknown, file: string): AppleAnalytics {
  const top = requireTopLevel(doc, file, APPLE_KEYS, 'TooLost Apple analytics');
  const counter = { skipped: 0 };
  const streams = dailySeries(top, 'totalStreams', file, counter);
  const shazam = dailySeries(top, 'totalShazam', file, counter);

  const tracks: TrackTotal[] = [];
  (top.tracksTotal as unknown[]).forEach((entry, k) => {
    const r = requireRecord(entry, file, 'tracksTotal', k, ['isrc', 'streams', 'track']);
    const count = parseCount(r.streams);
    if (count === null) throw badRecordValue(file, 'tracksTotal', k, 'streams', 'a non-negative integer', r.streams);
    const title = typeof r.track === 'string' ? r.track.trim() : '';
    let isrc: string | null = null;
    if (!isMissing(r.isrc)) {
      isrc = typeof r.isrc === 'string' ? normaliseIsrc(r.isrc) : null;
      if (isrc === null) throw badRecordValue(file, 'tracksTotal', k, 'isrc', 'an ISRC of 12 characters (CC-XXX-YY-NNNNN)', r.isrc);
    }
    // Without an ISRC the title is all that identifies the track: it must be there.
    if (isrc === null && title === '') throw badRecordValue(file, 'tracksTotal', k, 'track', 'a title when the ISRC is blank', r.track);
    if (count === MISSING) {
      counter.skipped++;
      return;
    }
    const release = typeof r.release === 'string' && r.release.trim() !== '' ? r.release.trim() : null;
    tracks.push({ isrc, title, release, streams: count });
  });

  const countries: CountryTotal[] = [];
  (top.countryTotal as unknown[]).forEach((entry, k) => {
    const r = requireRecord(entry, file, 'countryTotal', k, ['country', 'streams']);
    const code = typeof r.country === 'string' ? r.country.trim().toUpperCase() : '';
    if (!/^[A-Z]{2}$/.test(code)) throw badRecordValue(file, 'countryTotal', k, 'country', 'an ISO 3166 alpha-2 code', r.country);
    const count = parseCount(r.streams);
    if (count === null) throw badRecordValue(file, 'countryTotal', k, 'streams', 'a non-negative integer', r.streams);
    if (count === MISSING) {
      counter.skipped++;
      return;
    }
    countries.push({ country: code, streams: count });
  });

  let streamTotal: number | null = null;
  if ('streamTotal' in top && !isMissing(top.streamTotal)) {
    const t = parseCount(top.streamTotal);
    if (t === null || t === MISSING) throw badRecordValue(file, 'streamTotal', 0, 'streamTotal', 'a non-negative integer', top.streamTotal);
    streamTotal = t;
  }
  const streamTotalMatches = streamTotal === null ? null : streamTotal === streams.reduce((sum, d) => sum + d.count, 0);
  return { streams, shazam, tracks, countries, streamTotal, streamTotalMatches, skipped: counter.skipped };
}

function dailySeries(top: JsonObject, key: string, file: string, counter: { skipped: number }): DailyCount[] {
  const byDate = new Map<string, { count: number; index: number }>();
  (top[key] as unknown[]).forEach((entry, k) => {
    const r = requireRecord(entry, file, key, k, ['date', 'streams']);
    const date = typeof r.date === 'string' ? r.date.trim() : '';
    if (!isCalendarDate(date)) throw badRecordValue(file, key, k, 'date', 'a date YYYY-MM-DD', r.date);
    const count = parseCount(r.streams);
    if (count === null) throw badRecordValue(file, key, k, 'streams', 'a non-negative integer (string or number)', r.streams);
    if (count === MISSING) {
      counter.skipped++;
      return;
    }
    const seen = byDate.get(date);
    if (seen && seen.count !== count) {
      // Neither summing nor picking one of two different values for a day is safe.
      throw new LakeValidationError({
        code: 'BAD_VALUE',
        message: `${key} gives ${date} twice with different values`,
        file,
        field: `${key}[${k}]`,
        expected: 'one record per day',
        found: `${key}[${seen.index}] and ${key}[${k}] both for ${date}`,
      });
    }
    byDate.set(date, { count, index: k });
  });
  return [...byDate].map(([date, v]) => ({ date, count: v.count })).sort((a, b) => a.date.localeCompare(b.date));
}
