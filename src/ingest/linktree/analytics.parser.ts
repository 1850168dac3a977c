/**
 * Captured Linktree GraphQL responses (one response object or a JSON array of them). Only the
 * operation returning `data.getAccountAnalytics.overview` carries the daily series; every other
 * operation captured on the page (currentUser, links, socials, referrers, locations…) is left
 * alone, never read as analytics. An analytics response of another shape is schema drift.
 */
import { isCalendarDate } from '../../domain/calendar';
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { parseJsonText } from '../json-text';

export interface LinkDay {
  date: string;
  totalViews: bigint;
  uniqueViews: bigint;
  totalClicks: bigint;
  uniqueClicks: bigint;
  /** Which response of the capture gave the value kept. */
  response: number;
}

export interface LinktreeCapture {
  responses: number;
  analyticsResponses: number;
  days: LinkDay[];
}

const DAY_FIELDS = ['totalViews', 'uniqueViews', 'totalClicks', 'uniqueClicks'] as const;

const GRAPHQL_RESPONSE = /^\s*\[?\s*\{\s*"(?:data"\s*:\s*(?:\{|null)|errors"\s*:)/;

/**
 * Recognition from the first bytes: the analytics operation itself, or a GraphQL response (its
 * `data` is an object; a Graph API page's is an array) that also looks like Linktree's.
 */
export function looksLikeLinktreeCapture(fileName: string, head: string): boolean {
  if (/"getAccountAnalytics"\s*:/.test(head)) return true;
  return GRAPHQL_RESPONSE.test(head) && (/graphql/i.test(fileName) || /linktr\.ee|"__typename"\s*:/.test(head));
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown): string => (v === undefined ? '(missing)' : excerpt(JSON.stringify(v) ?? String(v)));

export function parseLinktreeCapture(text: string, file: string): LinktreeCapture {
  const doc = parseJsonText(text, file, 'GraphQL response or array of responses');
  const list = Array.isArray(doc) ? doc : [doc];
  const byDate = new Map<string, LinkDay>();
  let analyticsResponses = 0;
  list.forEach((response, r) => {
    const path = Array.isArray(doc) ? `[${r}].` : '';
    if (!isObject(response) || !('data' in response || 'errors' in response)) {
      throw new LakeValidationError({
        code: 'SCHEMA_DRIFT',
        message: `response ${r + 1} is not a GraphQL response`,
        file,
        field: `${path}data`,
        expected: '{"data": {…}} or {"errors": […]}',
        found: isObject(response) ? `keys ${excerpt(Object.keys(response).join(', ') || '(none)')}` : describe(response),
      });
    }
    const analytics = isObject(response.data) ? response.data.getAccountAnalytics : undefined;
    // A failed analytics call (`null` beside `errors`) or another analytics view (links, referrers) has no series.
    if (!isObject(analytics) || !('overview' in analytics)) return;
    analyticsResponses++;
    for (const d of readSeries(analytics.overview, `${path}data.getAccountAnalytics.overview`, file))
      byDate.set(d.date, { ...d, response: r });
  });
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { responses: list.length, analyticsResponses, days };
}

function drift(file: string, field: string, expected: string, found: unknown): LakeValidationError {
  return new LakeValidationError({
    code: 'SCHEMA_DRIFT',
    message: `analytics response without ${field.split('.').pop()}`,
    file,
    field,
    expected,
    found: describe(found),
  });
}

function readSeries(overview: unknown, path: string, file: string): Array<Omit<LinkDay, 'response'>> {
  if (!isObject(overview)) throw drift(file, path, 'an object with "timeseries"', overview);
  const series = overview.timeseries;
  if (!Array.isArray(series)) {
    throw drift(
      file,
      `${path}.timeseries`,
      'an array of daily activity',
      series === undefined ? `keys ${Object.keys(overview).join(', ')}` : series,
    );
  }
  return series.map((entry, k) => {
    const at = `${path}.timeseries[${k}]`;
    if (!isObject(entry)) throw drift(file, at, 'an object {date, totalViews, uniqueViews, totalClicks, uniqueClicks}', entry);
    for (const f of ['date', ...DAY_FIELDS]) {
      if (!(f in entry)) {
        const unexpected = Object.keys(entry).filter((key) => !['date', ...DAY_FIELDS, 'clickThroughRate', '__typename'].includes(key));
        throw new LakeValidationError({
          code: 'SCHEMA_DRIFT',
          message: `day ${k + 1} of the analytics series has no ${f}${unexpected.length ? `; unexpected ${unexpected.join(', ')}` : ''}`,
          file,
          field: `${at}.${f}`,
          expected: ['date', ...DAY_FIELDS].join(', '),
          found: excerpt(Object.keys(entry).join(', ')),
        });
      }
    }
    const bad = (f: string, expected: string) =>
      new LakeValidationError({
        code: 'BAD_VALUE',
        message: `invalid ${f} on day ${k + 1} of the analytics series`,
        file,
        field: `${at}.${f}`,
        expected,
        found: describe(entry[f]),
      });
    const date = typeof entry.date === 'string' ? entry.date.trim().slice(0, 10) : '';
    // Dates come as `2025-01-15` (sometimes with a time part); the day is what counts.
    if (typeof entry.date !== 'string' || !isCalendarDate(date) || !/^\d{4}-\d{2}-\d{2}(?:$|T)/.test(entry.date.trim()))
      throw bad('date', 'a date YYYY-MM-DD');
    const count = (f: (typeof DAY_FIELDS)[number]): bigint => {
      const v = entry[f];
      if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
      if (typeof v === 'string' && /^\s*(?:\d+|\d{1,3}(?:,\d{3})+)\s*$/.test(v)) return BigInt(v.trim().replace(/,/g, ''));
      throw bad(f, 'a non-negative integer');
    };
    return {
      date,
      totalViews: count('totalViews'),
      uniqueViews: count('uniqueViews'),
      totalClicks: count('totalClicks'),
      uniqueClicks: count('uniqueClicks'),
    };
  });
}
