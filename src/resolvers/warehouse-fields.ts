/**
 * Query fields whose answers depend only on the warehouse's committed facts and the arguments: the
 * response cache may keep them until the warehouse version moves. Left out on purpose: the run
 * ledger, schedules, pipeline health, quarantine and source files (they change without a load), and
 * data quality (its timeliness depends on the clock; its history is written on request).
 * resolvedDateRange depends only on the label's day, which is in every cache key.
 */
export const WAREHOUSE_QUERY_FIELDS: ReadonlySet<string> = new Set([
  'anomalies',
  'artist',
  'artists',
  'audienceSeries',
  'campaignPerformance',
  'campaigns',
  'forecast',
  'linkSeries',
  'platformComparison',
  'platforms',
  'resolvedDateRange',
  'restatements',
  'revenueSeries',
  'revenueSummary',
  'socialSeries',
  'songMetrics',
  'streamSeries',
  'streams',
  'topTracks',
  'track',
  'tracks',
  'transactions',
]);
