import { AnalyticsError } from '../errors/analytics-error';

/** Most points a series answers with; the default when `first` is not given. */
export const MAX_SERIES_POINTS = 10_000;
export const DEFAULT_SERIES_POINTS = 1_000;

/** How many points a series may return for a `first` argument (refused outside 0…MAX_SERIES_POINTS). */
export function seriesLimit(first: number | null | undefined): number {
  const limit = first ?? DEFAULT_SERIES_POINTS;
  if (limit < 0 || limit > MAX_SERIES_POINTS)
    throw new AnalyticsError('PAGE_TOO_LARGE', `\`first\` must be between 0 and ${MAX_SERIES_POINTS}`);
  return limit;
}
