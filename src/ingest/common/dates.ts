/**
 * The date forms sources send, read into the product's `YYYY-MM-DD` (see src/domain/calendar.ts):
 * months written half a dozen ways, yearless days (`May 28`), slashed dates, unix timestamps.
 */
import { isCalendarDate } from '../../domain/calendar';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAY_RE = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})$/;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A month as `YYYY-MM-01`, from `2025-04`, `2025-04-17`, `04-2025`, `04/2025`, `2025/04`,
 * `Apr 2025` or `April 2025`; null otherwise.
 */
export function parseMonth(text: string): string | null {
  const t = text.trim();
  let y: number;
  let m: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/.exec(t))) {
    [y, m] = [Number(match[1]), Number(match[2])];
    if (match[3] !== undefined && !isCalendarDate(`${match[1]}-${pad2(m)}-${pad2(Number(match[3]))}`)) return null;
  } else if ((match = /^(\d{1,2})[-/](\d{4})$/.exec(t))) {
    [m, y] = [Number(match[1]), Number(match[2])];
  } else if ((match = /^([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/.exec(t))) {
    const k = MONTHS.indexOf(match[1].slice(0, 3).toLowerCase());
    if (k === -1 || !FULL_MONTHS[k].startsWith(match[1].toLowerCase())) return null;
    [m, y] = [k + 1, Number(match[2])];
  } else return null;
  if (m < 1 || m > 12 || y < 1900 || y > 2999) return null;
  return `${y}-${pad2(m)}-01`;
}

/** A calendar date `YYYY-MM-DD` (also `YYYY/MM/DD`); null otherwise. */
export function parseDate(text: string): string | null {
  const t = text.trim().replace(/\//g, '-');
  return isCalendarDate(t) ? t : null;
}

/** `"May 28"` → month 1-12 and day; null when the text is not a month name and a day. */
export function parseDay(text: string): { month: number; day: number } | null {
  const m = DAY_RE.exec(text.trim());
  if (!m) return null;
  const name = m[1].toLowerCase();
  let month = MONTHS.indexOf(name);
  if (month === -1) month = FULL_MONTHS.indexOf(name);
  if (month === -1 && name === 'sept') month = 8;
  return month === -1 ? null : { month: month + 1, day: Number(m[2]) };
}

/** Unix seconds (10 digits) or milliseconds (13 digits) to a Date. */
export function unixToDate(digits: string): Date | null {
  const n = Number(digits);
  if (!Number.isSafeInteger(n) || n <= 0) return null;
  const d = new Date(digits.length >= 13 ? n : n * 1000);
  return Number.isNaN(d.getTime()) ? null : d;
}
