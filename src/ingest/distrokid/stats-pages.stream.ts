import { csvLine } from '../lake/atomic-file';
import { readLandedText } from '../lake/landed-text';
import { accountStreamFact, upsertStreams } from '../load-streams';
import type { LoadContext, LoadOutcome, SourceStream } from '../source-stream';
import { looksLikeAppleMusicStats, looksLikeStreamsStats, parseAppleMusicStatsHtml, parseStreamsStatsHtml } from './stats-pages.parser';
import { landedBaseName } from '../lake/landed-name';

/** A statistics page is ~400 KB; anything far larger is not one, and is not read into memory. */
const MAX_PAGE_BYTES = 32 * 1024 * 1024;

const readPage = (ctx: LoadContext) => readLandedText(ctx, 'statistics page', MAX_PAGE_BYTES);

/** A daily Spotify (or Apple Music) series for the whole account: raw keeps the series, staging the typed rows. */
async function loadDailySeries(
  ctx: LoadContext,
  platformCode: string,
  series: Array<{ date: string; count: number }>,
): Promise<LoadOutcome> {
  const base = landedBaseName(ctx);
  const raw = ctx.openZoneFile('raw', `${base}.ndjson`);
  const staging = ctx.openZoneFile('staging', `${base}.csv`);
  await raw.write(series.map((d) => `${JSON.stringify(d)}\n`).join(''));
  await staging.write(csvLine(['date', 'platform', 'streams']) + series.map((d) => csvLine([d.date, platformCode, d.count])).join(''));
  const platformId = await ctx.dims.platformId(platformCode);
  const facts = series.map((d) => accountStreamFact('distrokid', platformId, d.date, d.count));
  const { written, unchanged } = await upsertStreams(ctx.manager, ctx.dialect, facts, {
    sourceFileId: ctx.sourceFileId,
    extractedAt: ctx.extractedAt,
  });
  return { rowsRead: series.length, rowsLoaded: written, rowsSkipped: unchanged };
}

/** DistroKid's streams statistics page: the `trend365day` chart, daily Spotify streams for the account. */
export const distrokidStreamsStats: SourceStream = {
  service: 'distrokid',
  stream: 'streams_stats',
  recognise: (name, head) => /^streams_stats/i.test(name) || looksLikeStreamsStats(head),
  load: async (ctx) => {
    const days = parseStreamsStatsHtml(readPage(ctx), ctx.landed.file);
    return loadDailySeries(
      ctx,
      'spotify',
      days.map((d) => ({ date: d.date, count: d.streams })),
    );
  },
};

/** DistroKid's Apple Music statistics page: `chartData.last365days`, daily Apple Music plays. */
export const distrokidAppleMusicStats: SourceStream = {
  service: 'distrokid',
  stream: 'applemusic_stats',
  recognise: (name, head) => /^applemusic_stats/i.test(name) || looksLikeAppleMusicStats(head),
  load: async (ctx) => {
    const days = parseAppleMusicStatsHtml(readPage(ctx), ctx.landed.file);
    return loadDailySeries(
      ctx,
      'apple_music',
      days.map((d) => ({ date: d.date, count: d.plays })),
    );
  },
};
