/**
 * Calendar dates as the whole product writes them: `YYYY-MM-DD` strings for days, `YYYY-MM` for
 * months, always UTC. Pure and allocation-free where it matters: the DistroKid parser checks a
 * date on every one of a million rows.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The two digits at `at` as a number, or -1 when either is not a digit. */
function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** A real day written `YYYY-MM-DD` (2024-02-29 yes, 2023-02-29 no). */
export function isCalendarDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const century = twoDigits(s, 0);
  const yy = twoDigits(s, 2);
  const m = twoDigits(s, 5);
  if (century < 0 || yy < 0 || m < 1 || m > 12) return false;
  const y = century * 100 + yy;
  const d = twoDigits(s, 8);
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d >= 1 && d <= DAYS_IN_MONTH[m - 1] + (leap ? 1 : 0);
}

/** A month written `YYYY-MM`. */
export function isYearMonth(s: string): boolean {
  if (s.length !== 7 || s.charCodeAt(4) !== 45 || twoDigits(s, 0) < 0 || twoDigits(s, 2) < 0) return false;
  const m = twoDigits(s, 5);
  return m >= 1 && m <= 12;
}

/** The UTC calendar date of an instant. */
export function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The month (`YYYY-MM`) `n` months after `month` (before, when negative). */
export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The day `n` calendar months after `day`, its day of month clamped to the month's end (2024-02-29 − 12 months = 2023-02-28). */
export function addMonthsToDay(day: string, n: number): string {
  const to = addMonths(day.slice(0, 7), n);
  const lastDay = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)), 0)).getUTCDate();
  return `${to}-${String(Math.min(Number(day.slice(8, 10)), lastDay)).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
