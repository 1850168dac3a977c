import { type DateRange, type Grain, periodOf } from './periods';

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The range widened to start one whole period earlier, so the first point has a previous one. */
export function withPreviousPeriod(range: DateRange, grain: Grain): DateRange {
  const from = new Date(`${range.from}T00:00:00Z`);
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth();
  const start: Record<Grain, Date> = {
    DAY: new Date(from.getTime() - 86_400_000),
    WEEK: new Date(Date.parse(`${periodOf(range.from, 'WEEK')}T00:00:00Z`) - 7 * 86_400_000),
    MONTH: new Date(Date.UTC(y, m - 1, 1)),
    QUARTER: new Date(Date.UTC(y, m - (m % 3) - 3, 1)),
    YEAR: new Date(Date.UTC(y - 1, 0, 1)),
  };
  return { from: iso(start[grain]), to: range.to };
}

export interface Growth {
  previous: bigint | null;
  change: bigint | null;
}

/**
 * For each point, the value of the period just before it in the same group (same dimensions).
 * `periods` lists every period label of the widened range in order (a period without data counts
 * as 0, not as skipped). The caller drops the extra leading period afterwards.
 */
export function periodOverPeriod<P extends { period: string }>(
  points: P[],
  periods: string[],
  group: (p: P) => string,
  value: (p: P) => bigint,
): Array<P & Growth> {
  const previousOf = new Map(periods.map((period, i) => [period, periods[i - 1]]));
  const byKey = new Map(points.map((p) => [`${p.period}|${group(p)}`, value(p)]));
  return points.map((p) => {
    const before = previousOf.get(p.period);
    const previous = before === undefined ? null : (byKey.get(`${before}|${group(p)}`) ?? 0n);
    return { ...p, previous, change: previous === null ? null : value(p) - previous };
  });
}
