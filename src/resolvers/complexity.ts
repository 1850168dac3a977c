import type { ComplexityEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../analytics/pagination';
import { bucketCount, GRAINS, type Grain } from '../analytics/periods';
import { DEFAULT_SERIES_POINTS, MAX_SERIES_POINTS } from '../analytics/series-limits';
import { utcDate } from '../domain/calendar';
import { DATE_RANGE_PRESETS, type DateRangePreset, presetRange } from '../domain/date-range';

/**
 * Cost functions for the `complexity` of list fields. Every list costs the items it may return
 * times what each item asks for, so the estimate multiplies down the tree. Arguments are clamped
 * to what the resolver would accept: a negative, fractional, huge or missing number never makes a
 * cost negative, zero or NaN (a resolver rejects such values later, with its own precise error).
 */

/** Largest `first` any cost function believes; bigger values are refused by the resolvers anyway. */
const MAX_COUNTED_ITEMS = MAX_SERIES_POINTS;

/** A count argument as the cost sees it: a whole number in [1, max], `fallback` when absent or not a number. */
export function countArg(value: unknown, fallback: number, max: number = MAX_COUNTED_ITEMS): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : fallback;
  return Math.min(max, Math.max(1, n));
}

/** Item cost: never below 1, never NaN or infinite. */
const each = (childComplexity: number) => (Number.isFinite(childComplexity) ? Math.max(1, childComplexity) : Number.MAX_SAFE_INTEGER);

/** A list costs its page size times what each item asks for. */
export function connectionCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  // Capped so an oversized `first` reaches the resolver and gets the precise PAGE_TOO_LARGE error.
  return 1 + countArg(args.first, DEFAULT_PAGE_SIZE) * each(childComplexity);
}

/** A list whose length the caller sets with `argName` (default `fallback`, at most `max`). */
export function countedListCost(argName: string, fallback: number, max: number): ComplexityEstimator {
  return ({ args, childComplexity }) => 1 + countArg(args[argName], fallback, max) * each(childComplexity);
}

/**
 * Expected fan-out of relation lists that take no `first`: generous for this label's catalogue
 * (an artist with 50 tracks, a track with 4 credited artists…), so nesting them is priced like
 * the rows it really reads.
 */
export const EXPECTED_FANOUT = {
  tracksOfArtist: 50,
  artistsOfTrack: 4,
  aliasesOfArtist: 5,
  campaigns: 100,
  platforms: 30,
  songs: 200,
  services: 6,
  zonesOfService: 4,
  sessionsOfService: 5,
  externalIdsOfArtist: 5,
  snapshotsOfCampaign: 60,
  failedChecks: 20,
} as const;

/** A relation list without a page size: costs its expected fan-out times each item. */
export function fanOutCost(expected: number): ComplexityEstimator {
  return ({ childComplexity }) => 1 + expected * each(childComplexity);
}

/** Buckets a range (or a preset) holds at a grain, at most MAX_SERIES_POINTS; 1 for a missing, reversed or unreadable range (the resolver refuses those before reading anything). */
function bucketsIn(range: unknown, grain: Grain): number {
  const r = range as { from?: unknown; to?: unknown; preset?: unknown } | undefined;
  // Costs are computed before execution, on the arguments as sent: a preset is priced as the days it
  // names today (UTC; a day either side in the label's zone changes no cost by more than a bucket).
  const days = (DATE_RANGE_PRESETS as readonly unknown[]).includes(r?.preset)
    ? presetRange(r!.preset as DateRangePreset, utcDate(new Date()))
    : r;
  if (typeof days?.from !== 'string' || typeof days.to !== 'string' || days.from > days.to) return 1;
  const n = bucketCount({ from: days.from, to: days.to }, grain);
  return Number.isFinite(n) ? Math.min(MAX_SERIES_POINTS, Math.max(1, n)) : 1;
}

/** A series costs the points it may return: buckets in the range, multiplied by its groupings, capped by `first`. */
export function seriesCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const grain: Grain = GRAINS.find((g) => g === args.grain) ?? 'DAY';
  const buckets = bucketsIn(args.range, grain);
  const groupBy = Array.isArray(args.groupBy) ? args.groupBy.length : 0;
  const first = countArg(args.first, DEFAULT_SERIES_POINTS, MAX_SERIES_POINTS);
  const points = Math.min(first, buckets * 10 ** Math.min(groupBy, 3));
  return 10 + Math.max(1, points) * each(childComplexity);
}

/** Daily rows of one item over a range (a campaign's days). */
export function dailyCost({ args, childComplexity }: ComplexityEstimatorArgs): number {
  return 1 + bucketsIn(args.range, 'DAY') * each(childComplexity);
}
