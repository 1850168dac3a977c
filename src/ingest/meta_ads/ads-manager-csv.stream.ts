import type { SourceStream } from '../source-stream';
import { CampaignRegistry } from './campaigns';
import { type DailyFact, type PeriodFact, upsertDaily, upsertPeriods } from './facts';
import { readLandedText } from './json-file';
import { parseAdsManagerCsv } from './ads-manager-csv.parser';
import { addMeasures, type Measures } from './measures';
import { looksLikeAdsManagerCsv } from './sniff';
import { STAGING_FACT_HEADER, stagingFactLine, writeRaw, writeStaging } from './zone-files';

interface Group {
  campaignName: string;
  adsetName: string | null;
  start: string;
  end: string;
  measures: Measures;
  lines: number[];
}

/**
 * Manual Ads Manager exports. A one-day row is a daily figure of its campaign; a row spanning
 * several days is a period total (of its ad set when the export has one). Exports at ad set or
 * ad level have several rows per campaign and day: their additive figures are added up, while
 * reach (unique people) is then unknown and left empty rather than summed.
 */
export const metaAdsAdsManagerCsv: SourceStream = {
  service: 'meta_ads',
  stream: 'ads_manager_csv',
  recognise: (name, head) => (/\.csv$/i.test(name) && /^(?:meta_)?ads_manager/i.test(name)) || looksLikeAdsManagerCsv(head),
  async load(ctx) {
    const file = ctx.landed.file;
    const report = parseAdsManagerCsv(readLandedText(ctx, 'an Ads Manager export'), file);
    const daily = new Map<string, Group>();
    const periods = new Map<string, Group>();
    for (const r of report.rows) {
      const isDaily = r.reportingStarts === r.reportingEnds;
      const adsetName = isDaily ? null : r.adSetName;
      const key = [r.campaignName, adsetName ?? '', r.reportingStarts, r.reportingEnds].join('\u001f');
      const groups = isDaily ? daily : periods;
      const g = groups.get(key);
      if (g) {
        g.measures = addMeasures(g.measures, r.measures);
        g.lines.push(r.line);
      } else
        groups.set(key, {
          campaignName: r.campaignName,
          adsetName,
          start: r.reportingStarts,
          end: r.reportingEnds,
          measures: r.measures,
          lines: [r.line],
        });
    }
    const campaigns = new CampaignRegistry(ctx);
    const dailyFacts: DailyFact[] = [];
    const periodFacts: PeriodFact[] = [];
    const staging: string[] = [];
    for (const [grain, groups] of [
      ['daily', daily],
      ['period', periods],
    ] as const) {
      for (const g of groups.values()) {
        const campaignId = await campaigns.byNameOrCreate(g.campaignName, report.currency);
        // Ads Manager gives ad set names, not ids: the name stands in as the ad set key.
        const adsetKey = g.adsetName === null ? '' : `name:${g.adsetName}`.slice(0, 100);
        if (grain === 'daily') dailyFacts.push({ campaignId, date: g.start, measures: g.measures });
        else periodFacts.push({ campaignId, adsetKey, adsetName: g.adsetName, dateStart: g.start, dateStop: g.end, measures: g.measures });
        staging.push(
          stagingFactLine({
            record: `line ${g.lines.join('+')}`,
            grain,
            campaignExternalId: '',
            campaignName: g.campaignName,
            adsetKey,
            adsetName: g.adsetName,
            dateStart: g.start,
            dateStop: g.end,
            currency: report.currency,
            measures: g.measures,
          }),
        );
      }
    }
    await writeRaw(
      ctx,
      report.rows.map((r) => ({ line: r.line, ...r.cells })),
    );
    await writeStaging(ctx, STAGING_FACT_HEADER, staging);
    const d = await upsertDaily(ctx, dailyFacts);
    const p = await upsertPeriods(ctx, periodFacts);
    return { rowsRead: report.rows.length, rowsLoaded: d.written + p.written, rowsSkipped: d.unchanged + p.unchanged };
  },
};
