/**
 * Writes Meta Ads figures to the warehouse. Two tables, never mixed:
 *  - campaign_daily: one campaign, one day (insights with time_increment=1, daily report rows);
 *  - campaign_period_totals: one campaign (or ad set) over date_start…date_stop (insights pages
 *    and Ads Manager report rows spanning several days).
 * Dump folders' cumulative lifetime figures go to a third table, campaign_snapshots (load-snapshots.ts).
 * The same spend can appear in both (a dump's lifetime total and the daily insights of the same
 * days), so queries must read one table or the other and never add daily and period figures
 * together. Both are upserted versioned by extracted_at: a later extraction corrects the days it
 * covers, an older one loaded late never overwrites, and days a file does not cover stay.
 */
import type { LoadContext } from '../source-stream';
import { timestampParam, upsertRows } from '../upsert';
import { CAMPAIGN_MEASURE_COLUMNS } from '../../entities/campaign-metrics';
import { type Measures, measureValues } from './measures';

export interface DailyFact {
  campaignId: number;
  date: string;
  measures: Measures;
}

export interface PeriodFact {
  campaignId: number;
  /** The ad set id, or '' for a campaign-level total. */
  adsetKey: string;
  adsetName: string | null;
  dateStart: string;
  dateStop: string;
  measures: Measures;
}

const FILE_COLUMNS = ['source_file_id', 'extracted_at'] as const;

export async function upsertDaily(ctx: LoadContext, facts: DailyFact[]): Promise<{ written: number; unchanged: number }> {
  if (facts.length === 0) return { written: 0, unchanged: 0 };
  const extractedAt = timestampParam(ctx.dialect, ctx.extractedAt);
  // One row per key: an UPSERT statement may not touch the same row twice.
  const byKey = new Map(facts.map((f) => [`${f.campaignId}|${f.date}`, f]));
  const result = await upsertRows(ctx.manager, ctx.dialect, {
    table: 'campaign_daily',
    columns: ['campaign_id', 'date', ...CAMPAIGN_MEASURE_COLUMNS, ...FILE_COLUMNS],
    key: ['campaign_id', 'date'],
    versionColumn: 'extracted_at',
    restatements: {
      metrics: [
        { column: 'spend_nano', metric: 'spend' },
        ...['impressions', 'clicks', 'reach'].map((column) => ({ column, metric: column })),
      ],
      source: "'meta_ads'",
      date: 't.date',
      platform: '(SELECT c.platform_id FROM campaigns c WHERE c.id = t.campaign_id)',
      track: '(SELECT c.track_id FROM campaigns c WHERE c.id = t.campaign_id)',
      artist: '(SELECT c.artist_id FROM campaigns c WHERE c.id = t.campaign_id)',
      rowKey: '(SELECT c.external_id FROM campaigns c WHERE c.id = t.campaign_id)',
    },
    rows: [...byKey.values()].map((f) => [f.campaignId, f.date, ...measureValues(f.measures), ctx.sourceFileId, extractedAt]),
  });
  return result;
}

export async function upsertPeriods(ctx: LoadContext, facts: PeriodFact[]): Promise<{ written: number; unchanged: number }> {
  if (facts.length === 0) return { written: 0, unchanged: 0 };
  const extractedAt = timestampParam(ctx.dialect, ctx.extractedAt);
  const byKey = new Map(facts.map((f) => [`${f.campaignId}|${f.adsetKey}|${f.dateStart}|${f.dateStop}`, f]));
  const result = await upsertRows(ctx.manager, ctx.dialect, {
    table: 'campaign_period_totals',
    columns: ['campaign_id', 'adset_key', 'date_start', 'date_stop', 'adset_name', ...CAMPAIGN_MEASURE_COLUMNS, ...FILE_COLUMNS],
    key: ['campaign_id', 'adset_key', 'date_start', 'date_stop'],
    versionColumn: 'extracted_at',
    rows: [...byKey.values()].map((f) => [
      f.campaignId,
      f.adsetKey,
      f.dateStart,
      f.dateStop,
      f.adsetName?.slice(0, 400) ?? null,
      ...measureValues(f.measures),
      ctx.sourceFileId,
      extractedAt,
    ]),
  });
  return result;
}
