import type { SqlParams } from '../../db/dialect';
import { type Dialect, dateText, sumAsText } from '../../db/dialect';

/** Measures watched for anomalies; a series of one source is never added to another's. */
export const ANOMALY_METRICS = ['STREAMS', 'NET_REVENUE', 'SPEND', 'VIEWS'] as const;
export type AnomalyMetric = (typeof ANOMALY_METRICS)[number];
/** What series are split by before judging (forecasts split the same way). */
export const ANOMALY_DIMENSIONS = ['PLATFORM', 'TRACK', 'ARTIST'] as const;
export type AnomalyDimension = (typeof ANOMALY_DIMENSIONS)[number];

/** Where a metric's values live, at which grain, and what change is too small to matter. */
export interface MetricSource {
  grain: 'DAY' | 'MONTH';
  /** Values are nano-units of money (rendered as currency amounts). */
  money: boolean;
  /** Smallest departure from the expected level worth reporting, in stored units. */
  minChange: number;
  /** The restatements recorded for this metric (table_name, metric). */
  restated: { table: string; metric: string } | null;
  /** One row per (source, period, requested dimensions): source, period, platform_id, track_id, artist_id, value (text). */
  sql(dialect: Dialect, dims: ReadonlySet<AnomalyDimension>, from: string, to: string, p: SqlParams): string;
}

const NONE = 'CAST(NULL AS integer)';
const pick = (dims: ReadonlySet<AnomalyDimension>, dim: AnomalyDimension, expr: string | null) => (dims.has(dim) && expr ? expr : NONE);
const NANO = 1_000_000_000;

function grouped(select: string[], from: string, where: string): string {
  return `SELECT ${select.join(', ')} FROM ${from} WHERE ${where} GROUP BY 1, 2, 3, 4, 5`;
}

export const METRIC_SOURCES: Record<AnomalyMetric, MetricSource> = {
  STREAMS: {
    grain: 'DAY',
    money: false,
    minChange: 50,
    restated: { table: 'streams', metric: 'streams' },
    sql: (d, dims, from, to, p) =>
      grouped(
        [
          's.source AS source',
          `${dateText(d, 's.date')} AS period`,
          `${pick(dims, 'PLATFORM', 's.platform_id')} AS platform_id`,
          `${pick(dims, 'TRACK', 's.track_id')} AS track_id`,
          `${pick(dims, 'ARTIST', 's.artist_id')} AS artist_id`,
          `${sumAsText(d, 's.streams')} AS value`,
        ],
        'streams s',
        `s.date >= ${p.add(from)} AND s.date <= ${p.add(to)}`,
      ),
  },
  VIEWS: {
    grain: 'DAY',
    money: false,
    minChange: 50,
    restated: { table: 'social_daily', metric: 'video_views' },
    sql: (d, dims, from, to, p) =>
      grouped(
        [
          "'tiktok' AS source",
          `${dateText(d, 'v.date')} AS period`,
          `${pick(dims, 'PLATFORM', 'v.platform_id')} AS platform_id`,
          `${NONE} AS track_id`,
          `${pick(dims, 'ARTIST', 'v.artist_id')} AS artist_id`,
          `${sumAsText(d, 'v.video_views')} AS value`,
        ],
        'social_daily v',
        `v.date >= ${p.add(from)} AND v.date <= ${p.add(to)}`,
      ),
  },
  SPEND: {
    grain: 'DAY',
    money: true,
    minChange: NANO,
    restated: { table: 'campaign_daily', metric: 'spend' },
    sql: (d, dims, from, to, p) =>
      grouped(
        [
          "'meta_ads' AS source",
          `${dateText(d, 'cd.date')} AS period`,
          `${pick(dims, 'PLATFORM', 'c.platform_id')} AS platform_id`,
          `${pick(dims, 'TRACK', 'c.track_id')} AS track_id`,
          `${pick(dims, 'ARTIST', 'c.artist_id')} AS artist_id`,
          `${sumAsText(d, 'cd.spend_nano')} AS value`,
        ],
        'campaign_daily cd JOIN campaigns c ON c.id = cd.campaign_id',
        `cd.date >= ${p.add(from)} AND cd.date <= ${p.add(to)} AND cd.spend_nano IS NOT NULL`,
      ),
  },
  NET_REVENUE: {
    grain: 'MONTH',
    money: true,
    minChange: NANO,
    restated: null,
    // By sale month. The monthly rollup answers unless the split is by track (only the lines have it).
    sql: (d, dims, from, to, p) =>
      dims.has('TRACK')
        ? grouped(
            [
              't.source AS source',
              `${dateText(d, 't.sale_month')} AS period`,
              `${pick(dims, 'PLATFORM', 't.platform_id')} AS platform_id`,
              't.track_id AS track_id',
              `${pick(dims, 'ARTIST', 't.artist_id')} AS artist_id`,
              `${sumAsText(d, 't.net_nano')} AS value`,
            ],
            'transactions t',
            `t.sale_month >= ${p.add(`${from}-01`)} AND t.sale_month <= ${p.add(`${to}-01`)}`,
          )
        : grouped(
            [
              'r.source AS source',
              `${dateText(d, 'r.sale_month')} AS period`,
              `${pick(dims, 'PLATFORM', 'r.platform_id')} AS platform_id`,
              `${NONE} AS track_id`,
              `${pick(dims, 'ARTIST', 'NULLIF(r.artist_id, 0)')} AS artist_id`,
              `${sumAsText(d, 'r.net_nano')} AS value`,
            ],
            'revenue_monthly_rollup r',
            `r.sale_month >= ${p.add(`${from}-01`)} AND r.sale_month <= ${p.add(`${to}-01`)}`,
          ),
  },
};
