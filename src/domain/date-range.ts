import { ArgumentError } from '../errors/argument-error';
import { addDays, addMonthsToDay, daysBetween } from './calendar';

/**
 * Date ranges as callers ask for them: explicit days, or a preset relative to "today" in the
 * label's time zone. Pure: the caller passes today's date, so every rule is testable with any clock.
 */

/** Relative ranges; their meaning is documented on the GraphQL enum (resolvers/types/enums.ts). */
export const DATE_RANGE_PRESETS = [
  'LAST_7_DAYS',
  'LAST_30_DAYS',
  'LAST_90_DAYS',
  'LAST_12_MONTHS',
  'YEAR_TO_DATE',
  'PREVIOUS_MONTH',
  'PREVIOUS_QUARTER',
  'PREVIOUS_YEAR',
] as const;
export type DateRangePreset = (typeof DATE_RANGE_PRESETS)[number];

/** Both ends inclusive, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/** A concrete range that remembers the preset it came from, so "the previous range" can follow the preset's own rhythm. */
export interface ResolvedDateRange extends DayRange {
  preset?: DateRangePreset;
}

/** A range as the API takes it: explicit days or a preset, optionally shifted to the period just before. */
export interface DateRangeRequest {
  from?: string | null;
  to?: string | null;
  preset?: DateRangePreset | null;
  previous?: boolean | null;
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
const firstOfQuarter = (day: string) => {
  const m = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
};

/** The concrete days of a preset on the label's `today`. */
export function presetRange(preset: DateRangePreset, today: string): DayRange {
  switch (preset) {
    case 'LAST_7_DAYS':
      return { from: addDays(today, -6), to: today };
    case 'LAST_30_DAYS':
      return { from: addDays(today, -29), to: today };
    case 'LAST_90_DAYS':
      return { from: addDays(today, -89), to: today };
    case 'LAST_12_MONTHS':
      return { from: addMonthsToDay(firstOfMonth(today), -11), to: today };
    case 'YEAR_TO_DATE':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'PREVIOUS_MONTH': {
      const start = firstOfMonth(today);
      return { from: addMonthsToDay(start, -1), to: addDays(start, -1) };
    }
    case 'PREVIOUS_QUARTER': {
      const start = firstOfQuarter(today);
      return { from: addMonthsToDay(start, -3), to: addDays(start, -1) };
    }
    case 'PREVIOUS_YEAR': {
      const year = Number(today.slice(0, 4)) - 1;
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    }
  }
}

/** Whole calendar periods step back by their length in months; rolling day counts and plain ranges by their length in days. */
const WHOLE_PERIOD_MONTHS: Partial<Record<DateRangePreset, number>> = { PREVIOUS_MONTH: 1, PREVIOUS_QUARTER: 3, PREVIOUS_YEAR: 12 };

/**
 * The range a resolved range is compared with: for a whole month, quarter or year the one before;
 * for LAST_12_MONTHS and YEAR_TO_DATE the same span a year earlier (to the same day of the month,
 * clamped: 29 February compares with 28 February); for LAST_n_DAYS and explicit ranges the same
 * number of days ending the day before `from`.
 */
export function previousRange(range: ResolvedDateRange): ResolvedDateRange {
  const whole = range.preset && WHOLE_PERIOD_MONTHS[range.preset];
  if (whole) return { from: addMonthsToDay(range.from, -whole), to: addDays(range.from, -1), preset: range.preset };
  if (range.preset === 'LAST_12_MONTHS' || range.preset === 'YEAR_TO_DATE')
    return { from: addMonthsToDay(range.from, -12), to: addMonthsToDay(range.to, -12), preset: range.preset };
  const days = daysBetween(range.from, range.to);
  const to = addDays(range.from, -1);
  return { from: addDays(to, -days), to, ...(range.preset ? { preset: range.preset } : {}) };
}

/**
 * Turns a requested range into days: exactly one of (`from` and `to`) or `preset`, else
 * BAD_USER_INPUT naming `field` (the argument, e.g. "range"). `today` is the label's date.
 * Explicit days are passed on unchecked here: the Date scalar and the range rules check them.
 */
export function resolveDateRange(request: DateRangeRequest, today: string, field = 'range'): ResolvedDateRange {
  const hasFrom = request.from != null;
  const hasTo = request.to != null;
  const preset = request.preset ?? null;
  if (preset !== null && (hasFrom || hasTo)) {
    throw new ArgumentError(`${field}.preset: give either preset or from and to, not both`, { field: `${field}.preset` });
  }
  let range: ResolvedDateRange;
  if (preset !== null) {
    if (!(DATE_RANGE_PRESETS as readonly string[]).includes(preset)) {
      throw new ArgumentError(`${field}.preset: unknown preset`, { field: `${field}.preset` });
    }
    range = { ...presetRange(preset, today), preset };
  } else {
    if (!hasFrom && !hasTo) throw new ArgumentError(`${field}: give from and to, or a preset`, { field });
    if (!hasFrom || !hasTo) {
      const missing = hasFrom ? 'to' : 'from';
      throw new ArgumentError(`${field}.${missing} is missing: from and to go together`, { field: `${field}.${missing}` });
    }
    range = { from: request.from!, to: request.to! };
  }
  return request.previous ? previousRange(range) : range;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The last date worked out per time zone, with the second it holds for: the server asks for "today" on every request. */
const lastDates = new Map<string, { second: number; date: string }>();

/** The calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone. */
export function dateInTimeZone(instant: Date, timeZone: string): string {
  // Offsets are whole seconds (even the local mean times of old), so a date never changes within a second.
  const second = Math.floor(instant.getTime() / 1000);
  const last = lastDates.get(timeZone);
  if (last?.second === second) return last.date;
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
  lastDates.set(timeZone, { second, date });
  return date;
}

/** Is this an IANA time zone name the runtime knows ("Europe/Berlin", "UTC")? Offsets such as "+02:00" are not names. */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}
