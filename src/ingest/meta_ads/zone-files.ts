/**
 * Raw and staging copies of a Meta Ads file: raw keeps the validated records as NDJSON (one
 * source object per line, as the API gave it), staging the typed figures as CSV with money in
 * nano-units, so the lake can be reloaded without parsing the captures again.
 */
import { CAMPAIGN_MEASURE_COLUMNS } from '../../entities/campaign-metrics';
import { csvLine } from '../lake/atomic-file';
import type { LoadContext } from '../source-stream';
import { type Measures, measureValues } from './measures';
import { landedBaseName } from '../lake/landed-name';

export const STAGING_FACT_HEADER = [
  'record',
  'grain',
  'campaign_external_id',
  'campaign_name',
  'adset_key',
  'adset_name',
  'date_start',
  'date_stop',
  'currency',
  ...CAMPAIGN_MEASURE_COLUMNS,
];

export interface StagingFact {
  record: string;
  /** daily: one campaign-day; period: totals over date_start…date_stop; snapshot: a dump's cumulative row. */
  grain: 'daily' | 'period' | 'snapshot';
  campaignExternalId: string;
  campaignName: string | null;
  adsetKey: string;
  adsetName: string | null;
  dateStart: string;
  dateStop: string;
  currency: string | null;
  measures: Measures;
}

export function stagingFactLine(f: StagingFact): string {
  return csvLine([
    f.record,
    f.grain,
    f.campaignExternalId,
    f.campaignName,
    f.adsetKey,
    f.adsetName,
    f.dateStart,
    f.dateStop,
    f.currency,
    ...measureValues(f.measures),
  ]);
}

export async function writeRaw(ctx: LoadContext, records: ReadonlyArray<unknown>): Promise<void> {
  const raw = ctx.openZoneFile('raw', `${landedBaseName(ctx)}.ndjson`);
  await raw.write(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

export async function writeStaging(ctx: LoadContext, header: readonly string[], lines: string[]): Promise<void> {
  const staging = ctx.openZoneFile('staging', `${landedBaseName(ctx)}.csv`);
  await staging.write(csvLine(header) + lines.join(''));
}
