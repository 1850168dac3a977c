import type { SourceStream } from '../source-stream';
import { campaignRecord, pageRecords } from './graph-records';
import { parseJsonText, readLandedText } from './json-file';
import { loadCampaigns } from './load-campaigns';
import { looksLikeCampaignsPage } from './sniff';

/** `GET /{act}/campaigns` pages: the campaigns' names, objectives, statuses and budgets. */
export const metaAdsCampaigns: SourceStream = {
  service: 'meta_ads',
  stream: 'campaigns',
  recognise: (name, head) => /^meta_campaigns_/i.test(name) || looksLikeCampaignsPage(head),
  async load(ctx) {
    const file = ctx.landed.file;
    const doc = parseJsonText(readLandedText(ctx, 'Graph API campaigns pages'), file);
    return loadCampaigns(
      ctx,
      pageRecords(doc, file).map((r) => campaignRecord(r, file)),
    );
  },
};
