import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../analytics/pagination';
import { bucketCount, type Grain } from '../analytics/periods';

/** A list costs its page size times what each item asks for. */
export function connectionCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  // Capped so an oversized `first` reaches the resolver and gets the precise PAGE_TOO_LARGE error.
  const first = Math.min(typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE, MAX_SERIES_POINTS);
  return 1 + Math.max(1, first) * Math.max(1, childComplexity);
}

export const MAX_SERIES_POINTS = 10_000;
export const DEFAULT_SERIES_POINTS = 1_000;

/** A series costs the points it may return: buckets in the range, multiplied by its groupings, capped by `first`. */
export function seriesCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const range = args.range as { from?: string; to?: string } | undefined;
  const buckets = range?.from && range.to && range.from <= range.to ? bucketCount({ from: range.from, to: range.to }, args.grain as Grain) : 1;
  const groupBy = Array.isArray(args.groupBy) ? args.groupBy.length : 0;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_SERIES_POINTS;
  const points = Math.min(first, buckets * 10 ** Math.min(groupBy, 3));
  return 10 + Math.max(1, points) * Math.max(1, childComplexity);
}
