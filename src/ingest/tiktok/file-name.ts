/**
 * What TikTok Studio puts in its download names. The Overview CSV has no years in its dates, so
 * the start date in `Overview_<YYYY-MM-DD>_<unix ts>_<handle>.zip` is the only thing that anchors
 * them; the unix timestamp is when the portal produced the file; the handle names the account.
 */
import { isCalendarDate } from '../../domain/calendar';
import { unixToDate } from '../common/dates';

export interface OverviewName {
  /** `YYYY-MM-DD`, null when the name carries no valid start date. */
  startDate: string | null;
  /** When the portal produced the file, null when the name carries no unix timestamp. */
  exportedAt: Date | null;
  /** The account handle, lower-cased and without `@`; null when absent. */
  handle: string | null;
}

/** The name TikTok Studio gives an overview download (a browser may append ` (1)` to a repeat download). */
export const OVERVIEW_NAME_RE = /^overview_.*\.zip$/i;

const OVERVIEW_PARTS_RE = /^overview_(\d{4}-\d{2}-\d{2})(?:_(\d{10}|\d{13}))?(?:_(.+))?$/i;
// TikTok handles are letters, digits, `_` and `.`; a lake or browser may have added a stamp or ` (n)`.
const HANDLE_RE = /^@?([a-z0-9._]{1,100})$/i;
const BROWSER_COPY_RE = /\s*\(\d+\)$/;

export function normaliseHandle(text: string): string | null {
  const m = HANDLE_RE.exec(text.trim());
  return m ? m[1].toLowerCase() : null;
}

export function parseOverviewName(fileName: string): OverviewName {
  const stem = fileName.replace(/\.zip$/i, '').replace(BROWSER_COPY_RE, '');
  const m = OVERVIEW_PARTS_RE.exec(stem);
  // Without a start date nothing else in the name can be trusted to be a handle or a timestamp.
  if (!m) return { startDate: null, exportedAt: null, handle: null };
  const [, startDate, ts, handle] = m;
  return {
    startDate: isCalendarDate(startDate) ? startDate : null,
    exportedAt: ts ? unixToDate(ts) : null,
    handle: handle ? normaliseHandle(handle) : null,
  };
}

/** `tiktok_followers_<handle>_<ts>.json`: the handle, when the name has that shape. */
export const FOLLOWERS_NAME_RE = /^tiktok_followers_.*\.json$/i;

export function followersNameHandle(fileName: string): string | null {
  const stem = fileName.replace(/\.json$/i, '').replace(BROWSER_COPY_RE, '');
  // The trailing stamp is `YYYYMMDD_HHMMSS` or a unix timestamp; what is before it is the handle.
  const m = /^tiktok_followers_(.+?)(?:_\d{8}_\d{6}|_\d{10}|_\d{13})?$/i.exec(stem);
  return m ? normaliseHandle(m[1]) : null;
}
