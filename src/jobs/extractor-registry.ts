import type { AppConfig, Service } from '../config/config';
import { createDistrokidExtractor } from '../ingest/distrokid/extractor';
import type { Extractor } from '../ingest/extract/extractor';
import { createLinktreeExtractor } from '../ingest/linktree/extractor';
import { createMetaAdsExtractor } from '../ingest/meta_ads/extractor';
import { createSpotifyExtractor } from '../ingest/spotify/extractor';
import { createTikTokExtractor } from '../ingest/tiktok/extractor';
import { createToolostExtractor } from '../ingest/toolost/extractor';

/** The extractor of every service, from its config section (the real portals unless a base URL says otherwise). */
export function createExtractors(config: AppConfig): Record<Service, Extractor> {
  const e = config.extractors;
  return {
    toolost: createToolostExtractor(e.toolost, config.browser),
    distrokid: createDistrokidExtractor(e.distrokid, config.browser),
    spotify: createSpotifyExtractor(e.spotify, config.browser),
    tiktok: createTikTokExtractor(e.tiktok, config.browser),
    linktree: createLinktreeExtractor(e.linktree, config.browser),
    meta_ads: createMetaAdsExtractor(e.meta_ads, config.browser),
  };
}
