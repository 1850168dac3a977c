/** Campaign listings (Graph API pages, or a dump's campaigns.json) into `campaigns`, with raw and staging copies. */
import { csvLine } from '../lake/atomic-file';
import type { LoadContext, LoadOutcome } from '../source-stream';
import { CAMPAIGN_LISTING_COLUMNS, CampaignRegistry } from './campaigns';
import type { CampaignRecord } from './graph-records';
import { writeRaw, writeStaging } from './zone-files';

const STAGING_HEADER = ['record', ...CAMPAIGN_LISTING_COLUMNS];

export async function loadCampaigns(ctx: LoadContext, records: CampaignRecord[]): Promise<LoadOutcome> {
  await writeRaw(
    ctx,
    records.map((r) => r.raw),
  );
  await writeStaging(
    ctx,
    STAGING_HEADER,
    records.map((r) =>
      csvLine([
        r.record,
        r.externalId,
        r.name,
        r.objective,
        r.status,
        r.effectiveStatus,
        r.dailyBudgetMinor,
        r.lifetimeBudgetMinor,
        r.currency,
        r.createdAt?.toISOString(),
        r.updatedAt?.toISOString(),
      ]),
    ),
  );
  const { written, unchanged } = await new CampaignRegistry(ctx).upsert(records);
  return { rowsRead: records.length, rowsLoaded: written, rowsSkipped: unchanged };
}
