import type { AppConfig } from '../config/config';
import type { Dialect } from '../db/dialect';
import { AnalyticsError } from '../errors/analytics-error';

/** Bucket sizes of a series, finest first. */
export const GRAINS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type Grain = (typeof GRAINS)[number];
export interface DateRange {
  from: string;
  to: string;
}

/** SQL that turns a date column into its period label: DAY 2025-01-31, WEEK 2025-01-27 (its Monday), MONTH 2025-01, QUARTER 2025-Q1, YEAR 2025. */
export function periodExpr(dialect: Dialect, grain: Grain, col: string): string {
  if (dialect === 'postgres') {
    const formats: Record<Grain, string> = {
      DAY: `to_char(${col}, 'YYYY-MM-DD')`,
      WEEK: `to_char(date_trunc('week', ${col}), 'YYYY-MM-DD')`,
      MONTH: `to_char(${col}, 'YYYY-MM')`,
      QUARTER: `to_char(${col}, 'YYYY-"Q"Q')`,
      YEAR: `to_char(${col}, 'YYYY')`,
    };
    return formats[grain];
  }
  const formats: Record<Grain, string> = {
    DAY: col,
    WEEK: `date(${col}, 'weekday 0', '-6 days')`,
    MONTH: `substr(${col}, 1, 7)`,
    QUARTER: `substr(${col}, 1, 4) || '-Q' || ((CAST(substr(${col}, 6, 2) AS INTEGER) + 2) / 3)`,
    YEAR: `substr(${col}, 1, 4)`,
  };
  return formats[grain];
}

const DAY_MS = 86_400_000;
const toDate = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The label of the period a date falls in, as periodExpr computes it in SQL. */
export function periodOf(date: string, grain: Grain): string {
  switch (grain) {
    case 'DAY':
      return date;
    case 'WEEK': {
      const d = toDate(date);
      return iso(new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS));
    }
    case 'MONTH':
      return date.slice(0, 7);
    case 'QUARTER':
      return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) + 2) / 3)}`;
    case 'YEAR':
      return date.slice(0, 4);
  }
}

/** The last day of the period a label names (as periodOf writes it). */
export function periodEnd(label: string, grain: Grain): string {
  const day = (y: number, m: number, d: number) => iso(new Date(Date.UTC(y, m, d)));
  switch (grain) {
    case 'DAY':
      return label;
    case 'WEEK':
      return iso(new Date(toDate(label).getTime() + 6 * DAY_MS));
    case 'MONTH':
      return day(Number(label.slice(0, 4)), Number(label.slice(5, 7)), 0);
    case 'QUARTER':
      return day(Number(label.slice(0, 4)), Number(label.slice(6)) * 3, 0);
    case 'YEAR':
      return `${label}-12-31`;
  }
}

/** Every period label from `from` to `to`, in order. */
export function periodsBetween(range: DateRange, grain: Grain): string[] {
  const labels: string[] = [];
  for (let d = toDate(range.from); iso(d) <= range.to;) {
    const label = periodOf(iso(d), grain);
    if (labels[labels.length - 1] !== label) labels.push(label);
    if (grain === 'DAY' || grain === 'WEEK') d = new Date(d.getTime() + (grain === 'DAY' ? 1 : 7) * DAY_MS);
    else d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  return labels;
}

/** How many buckets a series over the range has, before grouping: what query cost is based on. */
export function bucketCount(range: DateRange, grain: Grain): number {
  const days = Math.max(1, Math.round((toDate(range.to).getTime() - toDate(range.from).getTime()) / DAY_MS) + 1);
  const per: Record<Grain, number> = { DAY: 1, WEEK: 7, MONTH: 30.44, QUARTER: 91.3, YEAR: 365.25 };
  return Math.max(1, Math.ceil(days / per[grain]));
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function isMonthEnd(date: string): boolean {
  return iso(new Date(toDate(date).getTime() + DAY_MS)).endsWith('-01');
}

/** Rejects reversed ranges and ranges longer than the configured maximum for the grain. */
export function validateRange(range: DateRange, grain: Grain | null, limits: AppConfig['limits']): void {
  if (range.from > range.to) throw new AnalyticsError('BAD_USER_INPUT', `range.from (${range.from}) is after range.to (${range.to})`);
  if (!grain) return;
  const fine = grain === 'DAY' || grain === 'WEEK';
  const years = fine ? limits.maxRangeYearsFine : limits.maxRangeYearsCoarse;
  const from = toDate(range.from);
  const limit = iso(new Date(Date.UTC(from.getUTCFullYear() + years, from.getUTCMonth(), from.getUTCDate())));
  if (range.to >= limit) {
    throw new AnalyticsError('RANGE_TOO_LONG', `a ${grain} series may span at most ${years} years; ${range.from}…${range.to} is longer`, {
      maxYears: years,
    });
  }
}
