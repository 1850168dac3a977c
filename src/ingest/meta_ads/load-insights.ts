/**
 * Insights rows of Graph API pages into the warehouse (a dump's insights.json is a snapshot: load-snapshots.ts). A one-day,
 * campaign-level row is a daily figure; anything spanning several days, and anything at ad set
 * level, is a period total keyed by ad set: it is never pinned to one day and never summed into
 * the campaign's daily figures (reach, above all, does not add up).
 */
import type { LoadContext, LoadOutcome } from '../source-stream';
import { CampaignRegistry } from './campaigns';
import { type DailyFact, type PeriodFact, upsertDaily, upsertPeriods } from './facts';
import type { InsightRecord } from './graph-records';
import { STAGING_FACT_HEADER, type StagingFact, stagingFactLine, writeRaw, writeStaging } from './zone-files';

export async function loadInsights(ctx: LoadContext, rows: InsightRecord[]): Promise<LoadOutcome> {
  const campaigns = new CampaignRegistry(ctx);
  const daily: DailyFact[] = [];
  const periods: PeriodFact[] = [];
  const staging: string[] = [];
  for (const r of rows) {
    const campaignId = await campaigns.ensure(r.campaignId, r.campaignName, r.currency);
    const isDaily = r.adsetId === null && r.dateStart === r.dateStop;
    const adsetKey = r.adsetId ?? '';
    if (isDaily) daily.push({ campaignId, date: r.dateStart, measures: r.measures });
    else periods.push({ campaignId, adsetKey, adsetName: r.adsetName, dateStart: r.dateStart, dateStop: r.dateStop, measures: r.measures });
    const fact: StagingFact = {
      record: r.record,
      grain: isDaily ? 'daily' : 'period',
      campaignExternalId: r.campaignId,
      campaignName: r.campaignName,
      adsetKey,
      adsetName: r.adsetName,
      dateStart: r.dateStart,
      dateStop: r.dateStop,
      currency: r.currency,
      measures: r.measures,
    };
    staging.push(stagingFactLine(fact));
  }
  await writeRaw(
    ctx,
    rows.map((r) => r.raw),
  );
  await writeStaging(ctx, STAGING_FACT_HEADER, staging);
  const d = await upsertDaily(ctx, daily);
  const p = await upsertPeriods(ctx, periods);
  return { rowsRead: rows.length, rowsLoaded: d.written + p.written, rowsSkipped: d.unchanged + p.unchanged };
}
