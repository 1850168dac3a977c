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
