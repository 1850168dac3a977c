/** Manual Ads Manager CSV exports of made-up campaigns, with the figures they were generated from. */
import { seededRandom } from '../seeded-random';
import { addDays, pad2 } from '../calendar-days';
import { withSeparators } from '../digit-groups';
import { figures, type SampleFigures } from './meta_ads';

export interface CsvSampleRow extends SampleFigures {
  reportingStarts: string;
  reportingEnds: string;
  campaignName: string;
  adSetName: string;
  adName: string;
  results: number;
}

export interface AdsManagerCsvOptions {
  seed: number;
  startDate: string;
  days: number;
  campaignNames: string[];
  /** 'daily' gives one row per ad and day; 'period' one row per ad over the whole range. */
  breakdown: 'daily' | 'period';
  /** How many ads (rows) per campaign and day; 1 gives a campaign-level export. */
  adsPerCampaign?: number;
  currency?: string;
}

/**
 * A manual Ads Manager export: UTF-8 with BOM, every cell quoted, CRLF, thousands separators,
 * empty cells for zero clicks and results, commas inside names.
 */
export function adsManagerCsv(opts: AdsManagerCsvOptions): { csv: string; rows: CsvSampleRow[] } {
  const rng = seededRandom(opts.seed);
  const perCampaign = opts.adsPerCampaign ?? 1;
  const header = [
    'Reporting starts',
    'Reporting ends',
    'Campaign name',
    'Ad Set Name',
    'Ad name',
    `Amount spent (${opts.currency ?? 'USD'})`,
    'Impressions',
    'Reach',
    'Clicks',
    'Results',
    'Result indicator',
    'Cost per results',
  ];
  const rows: CsvSampleRow[] = [];
  const ranges =
    opts.breakdown === 'daily'
      ? Array.from({ length: opts.days }, (_, d) => [addDays(opts.startDate, d), addDays(opts.startDate, d)] as const)
      : [[opts.startDate, addDays(opts.startDate, opts.days - 1)] as const];
  for (const [start, end] of ranges) {
    for (const name of opts.campaignNames) {
      for (let a = 0; a < perCampaign; a++) {
        const f = figures(rng, opts.breakdown === 'daily' ? 1 : opts.days);
        rows.push({
          ...f,
          reportingStarts: start,
          reportingEnds: end,
          campaignName: name,
          adSetName: `Ad set ${a % 2 === 0 ? 'A' : 'B'}, broad`,
          adName: `Video ${a + 1}`,
          results: f.linkClicks,
        });
      }
    }
  }
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const money = (cents: number) => {
    const whole = Math.floor(cents / 100);
    return `${whole >= 1000 ? withSeparators(whole) : whole}.${pad2(cents % 100)}`;
  };
  const lines = rows.map((r) =>
    [
      r.reportingStarts,
      r.reportingEnds,
      r.campaignName,
      r.adSetName,
      r.adName,
      money(r.spendCents),
      withSeparators(r.impressions),
      withSeparators(r.reach),
      r.clicks === 0 ? '' : withSeparators(r.clicks),
      r.results === 0 ? '' : String(r.results),
      r.results === 0 ? '' : 'actions:link_click',
      r.results === 0 ? '' : (r.spendCents / 100 / r.results).toFixed(6),
    ]
      .map(q)
      .join(','),
  );
  return { csv: `\uFEFF${[header.map(q).join(','), ...lines].join('\r\n')}\r\n`, rows };
}
