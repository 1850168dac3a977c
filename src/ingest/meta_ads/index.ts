import type { SourceStream } from '../source-stream';
import { metaAdsAdsManagerCsv } from './ads-manager-csv.stream';
import { metaAdsCampaigns } from './campaigns.stream';
import { metaAdsDump } from './dump.stream';
import { metaAdsInsights } from './insights.stream';

export { metaAdsAdsManagerCsv, metaAdsCampaigns, metaAdsDump, metaAdsInsights };

/**
 * The meta_ads streams the pipeline loads, in recognition order: the dump folder first (its
 * generic file names would otherwise be sniffed as pages), then campaigns before insights
 * (insights also take stray API error captures), then the Ads Manager CSV.
 */
export const META_ADS_STREAMS: readonly SourceStream[] = [metaAdsDump, metaAdsCampaigns, metaAdsInsights, metaAdsAdsManagerCsv];
