/**
 * A dump's insights.json as campaign snapshots: cumulative lifetime figures of each campaign, from
 * its start (date_start) to the dump day (date_stop). At campaign grain each campaign has one row;
 * at ad set grain the rows of one campaign are summed for spend, impressions and clicks, and reach
 * is left unknown (the same person reached by two ad sets would be counted twice).
 */
import { LakeValidationError } from '../lake/validation-error';
import type { InsightRecord } from './graph-records';

export type SnapshotGrain = 'campaign' | 'adset';

export interface SnapshotTotals {
  campaignExternalId: string;
  campaignName: string | null;
  grain: SnapshotGrain;
  since: string;
  asOf: string;
  adsetCount: number | null;
  spendNano: bigint;
  impressions: number;
  clicks: number;
  reach: number | null;
}

function bad(file: string, field: string, message: string, expected: string, found: string): never {
  throw new LakeValidationError({ code: 'BAD_VALUE', message, file, field, expected, found });
}

/** One snapshot per campaign of the file; a file mixing grains, repeating a row or mixing dump days is refused. */
export function snapshotsOf(rows: InsightRecord[], file: string): SnapshotTotals[] {
  const grain: SnapshotGrain | null = rows.length === 0 ? null : rows[0].adsetId === null ? 'campaign' : 'adset';
  const byCampaign = new Map<string, SnapshotTotals>();
  const adsetsSeen = new Set<string>();
  for (const r of rows) {
    const rowGrain: SnapshotGrain = r.adsetId === null ? 'campaign' : 'adset';
    if (rowGrain !== grain) {
      throw new LakeValidationError({
        code: 'SCHEMA_DRIFT',
        message: `${r.record} is at ${rowGrain} grain but ${rows[0].record} is at ${grain} grain: one dump holds one grain, or the same money would count twice`,
        file,
        field: `${r.record}.adset_id`,
        expected: grain === 'campaign' ? 'no adset_id (campaign-level rows)' : 'an adset_id (ad set-level rows)',
        found: r.adsetId ?? '(missing)',
      });
    }
    if (grain === 'adset') {
      const key = `${r.campaignId}|${r.adsetId}`;
      if (adsetsSeen.has(key))
        bad(
          file,
          `${r.record}.adset_id`,
          `ad set ${r.adsetId} of campaign ${r.campaignId} appears twice in one dump`,
          'one row per ad set',
          r.adsetId!,
        );
      adsetsSeen.add(key);
    }
    const known = byCampaign.get(r.campaignId);
    if (!known) {
      byCampaign.set(r.campaignId, {
        campaignExternalId: r.campaignId,
        campaignName: r.campaignName,
        grain: rowGrain,
        since: r.dateStart,
        asOf: r.dateStop,
        adsetCount: grain === 'adset' ? 1 : null,
        spendNano: r.measures.spendNano,
        impressions: r.measures.impressions,
        clicks: r.measures.clicks,
        reach: grain === 'adset' ? null : r.measures.reach,
      });
      continue;
    }
    if (grain === 'campaign')
      bad(
        file,
        `${r.record}.campaign_id`,
        `campaign ${r.campaignId} appears twice in a campaign-level dump`,
        'one row per campaign',
        r.campaignId,
      );
    if (r.dateStop !== known.asOf) {
      bad(
        file,
        `${r.record}.date_stop`,
        `campaign ${r.campaignId}'s ad sets end on different days in one dump`,
        `${known.asOf}, as the campaign's other ad sets`,
        r.dateStop,
      );
    }
    known.since = r.dateStart < known.since ? r.dateStart : known.since;
    known.adsetCount = (known.adsetCount ?? 0) + 1;
    known.spendNano += r.measures.spendNano;
    known.impressions += r.measures.impressions;
    known.clicks += r.measures.clicks;
    known.campaignName ??= r.campaignName;
  }
  return [...byCampaign.values()];
}
