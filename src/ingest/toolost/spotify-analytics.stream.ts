import { csvLine } from '../lake/atomic-file';
import { accountStreamFact, upsertStreams } from '../load-streams';
import type { SourceStream } from '../source-stream';
import { SOURCE, upsertPromotionCosts } from './facts';
import { landedBaseName } from '../lake/landed-name';
import { readJsonDocument } from './json-input';
import { looksLikeSpotifyAnalytics, parseSpotifyAnalytics } from './spotify-analytics.parser';

const NAME_RE = /^toolost[_-]spotify(?:[_-][^/]*)?\.json$/i;

/**
 * TooLost Spotify analytics: daily account streams into `streams` (platform spotify, no
 * track/artist/country) and monthly "discovery" promotion into `promotion_costs`. Each capture
 * holds only the current year, so both are upserts per day/month: history is never deleted.
 */
export const toolostSpotifyAnalytics: SourceStream = {
  service: 'toolost',
  stream: 'spotify_analytics',
  recognise: (name, head) => NAME_RE.test(name) || looksLikeSpotifyAnalytics(head),
  async load(ctx) {
    const parsed = parseSpotifyAnalytics(readJsonDocument(ctx), ctx.landed.file);
    const base = landedBaseName(ctx);
    const raw = ctx.openZoneFile('raw', `${base}.ndjson`);
    await raw.write(
      parsed.days.map((d) => `${JSON.stringify({ section: 'streams', ...d })}\n`).join('') +
        parsed.discovery
          .map((m) => `${JSON.stringify({ section: 'discovery', month: m.month, streams: m.streams, fees: m.fees })}\n`)
          .join(''),
    );
    const daily = ctx.openZoneFile('staging', `${base}.streams.csv`);
    await daily.write(csvLine(['date', 'platform', 'streams']) + parsed.days.map((d) => csvLine([d.date, 'spotify', d.streams])).join(''));
    const promo = ctx.openZoneFile('staging', `${base}.discovery.csv`);
    await promo.write(
      csvLine(['month', 'platform', 'streams', 'fees_nano', 'currency']) +
        parsed.discovery.map((m) => csvLine([m.month, 'spotify', m.streams, m.feesNano, 'USD'])).join(''),
    );

    const platformId = await ctx.dims.platformId('spotify');
    const streams = await upsertStreams(
      ctx.manager,
      ctx.dialect,
      parsed.days.map((d) => accountStreamFact(SOURCE, platformId, d.date, d.streams)),
      { sourceFileId: ctx.sourceFileId, extractedAt: ctx.extractedAt },
    );
    const costs = await upsertPromotionCosts(
      ctx,
      parsed.discovery.map((m) => ({ platformId, month: m.month, streams: m.streams, feesNano: m.feesNano, currency: 'USD' })),
    );
    return {
      rowsRead: parsed.days.length + parsed.discovery.length + parsed.skipped,
      rowsLoaded: streams.written + costs.written,
      rowsSkipped: streams.unchanged + costs.unchanged + parsed.skipped,
    };
  },
};
