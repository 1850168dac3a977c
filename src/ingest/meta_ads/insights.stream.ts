import type { SourceStream } from '../source-stream';
import { pageRecords, insightRecord } from './graph-records';
import { parseJsonText, readLandedText } from './json-file';
import { loadInsights } from './load-insights';
import { looksLikeGraphError, looksLikeInsightsPage } from './sniff';

/**
 * Insights pages captured by the extractor (`GET /{campaign}/insights`, time_increment=1,
 * level=campaign): one page or an array of pages. A captured API error with no better-known
 * name lands here too, so that it is quarantined with its code rather than left unrecognised.
 */
export const metaAdsInsights: SourceStream = {
  service: 'meta_ads',
  stream: 'insights',
  recognise: (name, head) =>
    /^meta_insights_/i.test(name) || looksLikeInsightsPage(head) || (/\.json$/i.test(name) && looksLikeGraphError(head)),
  async load(ctx) {
    const file = ctx.landed.file;
    const doc = parseJsonText(readLandedText(ctx, 'Graph API insights pages'), file);
    const rows = pageRecords(doc, file).map((r) => insightRecord(r, file));
    return loadInsights(ctx, rows);
  },
};
