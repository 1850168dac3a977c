/**
 * Upserts of the TooLost facts that have no shared loader: monthly promotion costs, daily
 * non-stream metrics (Shazam) and period totals. All go through upsertRows with extracted_at as
 * the version, like upsertStreams: a later extraction corrects what it covers, an older one
 * loaded late never overwrites, and nothing the file does not cover is deleted.
 */
import { streamDimKey } from '../load-streams';
import type { LoadContext } from '../source-stream';
import { timestampParam, upsertRows } from '../upsert';

export const SOURCE = 'toolost';

export type Written = { written: number; unchanged: number };

export interface PromotionCostFact {
  platformId: number;
  month: string;
  streams: number;
  feesNano: bigint;
  currency: string;
}

export function upsertPromotionCosts(ctx: LoadContext, facts: PromotionCostFact[]): Promise<Written> {
  const at = timestampParam(ctx.dialect, ctx.extractedAt);
  return upsertRows(ctx.manager, ctx.dialect, {
    table: 'promotion_costs',
    columns: ['source', 'platform_id', 'month', 'streams', 'fees_nano', 'currency', 'source_file_id', 'extracted_at'],
    key: ['source', 'platform_id', 'month'],
    versionColumn: 'extracted_at',
    rows: facts.map((f) => [SOURCE, f.platformId, f.month, f.streams, f.feesNano, f.currency, ctx.sourceFileId, at]),
  });
}

export interface DailyMetricFact {
  platformId: number;
  date: string;
  metric: string;
  value: number;
}

export function upsertDailyMetrics(ctx: LoadContext, facts: DailyMetricFact[]): Promise<Written> {
  const at = timestampParam(ctx.dialect, ctx.extractedAt);
  return upsertRows(ctx.manager, ctx.dialect, {
    table: 'platform_daily_metrics',
    columns: ['source', 'platform_id', 'date', 'metric', 'value', 'source_file_id', 'extracted_at'],
    key: ['source', 'platform_id', 'date', 'metric'],
    versionColumn: 'extracted_at',
    rows: facts.map((f) => [SOURCE, f.platformId, f.date, f.metric, f.value, ctx.sourceFileId, at]),
  });
}

export interface PeriodTotalFact {
  platformId: number;
  periodStart: string;
  periodEnd: string;
  trackId: number | null;
  country: string | null;
  streams: number;
}

/** dim_key folds track and country the way `streams` does, so both tables read alike. */
export function upsertPeriodTotals(ctx: LoadContext, facts: PeriodTotalFact[]): Promise<Written> {
  const at = timestampParam(ctx.dialect, ctx.extractedAt);
  return upsertRows(ctx.manager, ctx.dialect, {
    table: 'stream_period_totals',
    columns: [
      'source',
      'platform_id',
      'period_start',
      'period_end',
      'dim_key',
      'track_id',
      'country',
      'streams',
      'source_file_id',
      'extracted_at',
    ],
    key: ['source', 'platform_id', 'period_start', 'period_end', 'dim_key'],
    versionColumn: 'extracted_at',
    rows: facts.map((f) => [
      SOURCE,
      f.platformId,
      f.periodStart,
      f.periodEnd,
      streamDimKey({ trackId: f.trackId, artistId: null, country: f.country }),
      f.trackId,
      f.country,
      f.streams,
      ctx.sourceFileId,
      at,
    ]),
  });
}
