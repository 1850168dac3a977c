/**
 * A dump's insights.json into campaign_snapshots (never campaign_daily or campaign_period_totals:
 * a lifetime running total is neither a day nor a period's delivery). Upserted by (campaign,
 * as-of day), newest capture winning: a dump of the same day at the other grain, captured later,
 * replaces the figure rather than adding to it, and an older dump loaded late changes nothing.
 */
import type { LoadContext, LoadOutcome } from '../source-stream';
import { timestampParam, upsertRows } from '../upsert';
import { CampaignRegistry } from './campaigns';
import type { InsightRecord } from './graph-records';
import { snapshotsOf } from './snapshots';
import { STAGING_FACT_HEADER, stagingFactLine, writeRaw, writeStaging } from './zone-files';

export async function loadSnapshots(ctx: LoadContext, rows: InsightRecord[]): Promise<LoadOutcome> {
  const file = ctx.landed.file;
  const snapshots = snapshotsOf(rows, file);
  await writeRaw(
    ctx,
    rows.map((r) => r.raw),
  );
  await writeStaging(
    ctx,
    STAGING_FACT_HEADER,
    rows.map((r) =>
      stagingFactLine({
        record: r.record,
        grain: 'snapshot',
        campaignExternalId: r.campaignId,
        campaignName: r.campaignName,
        adsetKey: r.adsetId ?? '',
        adsetName: r.adsetName,
        dateStart: r.dateStart,
        dateStop: r.dateStop,
        currency: r.currency,
        measures: r.measures,
      }),
    ),
  );
  if (snapshots.length === 0) return { rowsRead: rows.length, rowsLoaded: 0, rowsSkipped: 0 };
  const campaigns = new CampaignRegistry(ctx);
  const extractedAt = timestampParam(ctx.dialect, ctx.extractedAt);
  const values: unknown[][] = [];
  for (const s of snapshots) {
    const campaignId = await campaigns.ensure(s.campaignExternalId, s.campaignName, null);
    values.push([
      campaignId,
      s.asOf,
      s.since,
      s.grain,
      s.adsetCount,
      s.spendNano.toString(),
      s.impressions,
      s.clicks,
      s.reach,
      ctx.sourceFileId,
      extractedAt,
    ]);
  }
  const { written, unchanged } = await upsertRows(ctx.manager, ctx.dialect, {
    table: 'campaign_snapshots',
    columns: [
      'campaign_id',
      'as_of',
      'since',
      'grain',
      'adset_count',
      'spend_nano',
      'impressions',
      'clicks',
      'reach',
      'source_file_id',
      'extracted_at',
    ],
    key: ['campaign_id', 'as_of'],
    versionColumn: 'extracted_at',
    rows: values,
  });
  // Loaded and skipped count campaign snapshots, not rows: an ad set dump's 3 rows of one campaign make 1.
  return { rowsRead: rows.length, rowsLoaded: written, rowsSkipped: unchanged };
}
