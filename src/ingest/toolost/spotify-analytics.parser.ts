/**
 * TooLost `GET /api/portal/analytics/spotify?release=&date=thisYear`:
 *   {"streams":   [{"date": "2025-05-17", "streams": "1095"}, …],             daily, account-wide
 *    "discovery": [{"date": "2025-04-01", "streams": "3592", "fees": "2.93076245"}, …]}  monthly paid promotion
 * Counts are strings (possibly with thousands separators), rows come unsorted, only the current
 * year is returned. A blank or NaN count leaves that day (month) out instead of recording 0, so
 * a gap never overwrites a value an earlier extraction gave.
 */
import { LakeValidationError } from '../lake/validation-error';
import { badRecordValue, requireRecord, requireTopLevel } from './json-input';
import { isCalendarDate } from '../../domain/calendar';
import { parseMonth } from '../common/dates';
import { isMissing, MISSING, parseCount, parseMoney } from './values';

export interface SpotifyDay {
  date: string;
  streams: number;
}

export interface DiscoveryMonth {
  /** First day of the month. */
  month: string;
  streams: number;
  feesNano: bigint;
  /** The fee as written, kept for raw. */
  fees: string;
}

export interface SpotifyAnalytics {
  days: SpotifyDay[];
  discovery: DiscoveryMonth[];
  /** Records left out because their value was blank or NaN. */
  skipped: number;
}

export const SPOTIFY_KEYS = ['streams', 'discovery'] as const;

/**
 * Content sniffing on the first bytes: both keys holding arrays. Linktree, Meta and Spotify for
 * Artists captures never carry `discovery`, and the Apple response has no bare `streams` array.
 */
export function looksLikeSpotifyAnalytics(head: string): boolean {
  return /^\s*\{/.test(head) && /"discovery"\s*:\s*\[/.test(head) && /"streams"\s*:\s*\[/.test(head);
}

export function parseSpotifyAnalytics(doc: unknown, file: string): SpotifyAnalytics {
  const top = requireTopLevel(doc, file, SPOTIFY_KEYS, 'TooLost Spotify analytics');
  let skipped = 0;

  const byDate = new Map<string, { streams: number; index: number }>();
  (top.streams as unknown[]).forEach((entry, k) => {
    const r = requireRecord(entry, file, 'streams', k, ['date', 'streams']);
    const date = typeof r.date === 'string' ? r.date.trim() : '';
    if (!isCalendarDate(date)) throw badRecordValue(file, 'streams', k, 'date', 'a date YYYY-MM-DD', r.date);
    const streams = parseCount(r.streams);
    if (streams === null) throw badRecordValue(file, 'streams', k, 'streams', 'a non-negative integer (string or number)', r.streams);
    if (streams === MISSING) {
      skipped++;
      return;
    }
    const seen = byDate.get(date);
    if (seen && seen.streams !== streams) throw conflict(file, 'streams', date, seen.index, k);
    byDate.set(date, { streams, index: k });
  });

  const byMonth = new Map<string, DiscoveryMonth & { index: number }>();
  (top.discovery as unknown[]).forEach((entry, k) => {
    const r = requireRecord(entry, file, 'discovery', k, ['date', 'streams', 'fees']);
    const month = typeof r.date === 'string' ? parseMonth(r.date) : null;
    if (month === null) throw badRecordValue(file, 'discovery', k, 'date', 'a date YYYY-MM-DD (or month YYYY-MM)', r.date);
    const streams = parseCount(r.streams);
    if (streams === null) throw badRecordValue(file, 'discovery', k, 'streams', 'a non-negative integer (string or number)', r.streams);
    const fees = isMissing(r.fees) ? MISSING : parseMoney(r.fees);
    if (fees === null || (typeof fees === 'bigint' && fees < 0n))
      throw badRecordValue(file, 'discovery', k, 'fees', 'a non-negative decimal amount in USD', r.fees);
    if (streams === MISSING || fees === MISSING) {
      skipped++;
      return;
    }
    const seen = byMonth.get(month);
    if (seen && (seen.streams !== streams || seen.feesNano !== fees)) throw conflict(file, 'discovery', month, seen.index, k);
    byMonth.set(month, { month, streams, feesNano: fees, fees: String(r.fees).trim(), index: k });
  });

  const days = [...byDate].map(([date, v]) => ({ date, streams: v.streams })).sort((a, b) => a.date.localeCompare(b.date));
  const discovery = [...byMonth.values()].map(({ index: _index, ...m }) => m).sort((a, b) => a.month.localeCompare(b.month));
  return { days, discovery, skipped };
}

/**
 * Two different values for one day: either a repeat with a correction or rows of several
 * releases. Neither summing nor picking one is safe, so the file is refused with both records named.
 */
function conflict(file: string, path: string, key: string, first: number, second: number): LakeValidationError {
  return new LakeValidationError({
    code: 'BAD_VALUE',
    message: `${path} gives ${key} twice with different values`,
    file,
    field: `${path}[${second}]`,
    expected: `one record per ${path === 'streams' ? 'day' : 'month'}`,
    found: `${path}[${first}] and ${path}[${second}] both for ${key}`,
  });
}
