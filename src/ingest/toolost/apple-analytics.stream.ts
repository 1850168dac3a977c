import { csvLine } from '../lake/atomic-file';
import { accountStreamFact, upsertStreams } from '../load-streams';
import type { LoadContext, SourceStream } from '../source-stream';
import { type AppleAnalytics, looksLikeAppleAnalytics, parseAppleAnalytics } from './apple-analytics.parser';
import { type PeriodTotalFact, SOURCE, upsertDailyMetrics, upsertPeriodTotals } from './facts';
import { landedBaseName } from '../lake/landed-name';
import { readJsonDocument } from './json-input';
import { utcDate } from '../../domain/calendar';

const NAME_RE = /^toolost[_-]apple(?:[_-][^/]*)?\.json$/i;

async function writeZones(
  ctx: LoadContext,
  a: AppleAnalytics,
  tracks: Array<{ trackId: number; isrc: string | null; title: string; streams: number }>,
): Promise<void> {
  const base = landedBaseName(ctx);
  const raw = ctx.openZoneFile('raw', `${base}.ndjson`);
  await raw.write(
    [
      ...a.streams.map((d) => ({ section: 'totalStreams', date: d.date, streams: d.count })),
      ...a.shazam.map((d) => ({ section: 'totalShazam', date: d.date, streams: d.count })),
      ...a.tracks.map((t) => ({ section: 'tracksTotal', isrc: t.isrc, track: t.title, release: t.release, streams: t.streams })),
      ...a.countries.map((c) => ({ section: 'countryTotal', country: c.country, streams: c.streams })),
      ...(a.streamTotal === null ? [] : [{ section: 'streamTotal', streams: a.streamTotal }]),
    ]
      .map((r) => `${JSON.stringify(r)}\n`)
      .join(''),
  );
  const daily = ctx.openZoneFile('staging', `${base}.daily.csv`);
  await daily.write(
    csvLine(['date', 'platform', 'metric', 'value']) +
      a.streams.map((d) => csvLine([d.date, 'apple_music', 'streams', d.count])).join('') +
      a.shazam.map((d) => csvLine([d.date, 'shazam', 'recognitions', d.count])).join(''),
  );
  const periodEnd = utcDate(ctx.extractedAt);
  const periodStart = `${periodEnd.slice(0, 4)}-01-01`;
  const totals = ctx.openZoneFile('staging', `${base}.period_totals.csv`);
  await totals.write(
    csvLine(['period_start', 'period_end', 'platform', 'track_id', 'isrc', 'title', 'country', 'streams']) +
      tracks.map((t) => csvLine([periodStart, periodEnd, 'apple_music', t.trackId, t.isrc, t.title, null, t.streams])).join('') +
      a.countries.map((c) => csvLine([periodStart, periodEnd, 'apple_music', null, null, null, c.country, c.streams])).join(''),
  );
}

/** Sums values that share a key: one track can appear once per release it is on. */
function sumBy<T>(items: T[], key: (t: T) => string, value: (t: T) => number): Map<string, { first: T; total: number }> {
  const out = new Map<string, { first: T; total: number }>();
  for (const item of items) {
    const k = key(item);
    const seen = out.get(k);
    if (seen) seen.total += value(item);
    else out.set(k, { first: item, total: value(item) });
  }
  return out;
}

/**
 * TooLost Apple analytics: daily Apple Music streams into `streams`, daily Shazam recognitions
 * into `platform_daily_metrics`, and the per-track and per-country year-to-date totals into
 * `stream_period_totals` (Jan 1 of the extraction year → extraction date), never spread over days.
 */
export const toolostAppleAnalytics: SourceStream = {
  service: 'toolost',
  stream: 'apple_analytics',
  recognise: (name, head) => NAME_RE.test(name) || looksLikeAppleAnalytics(head),
  async load(ctx) {
    const a = parseAppleAnalytics(readJsonDocument(ctx), ctx.landed.file);
    // a.streamTotalMatches may be false: see parseAppleAnalytics. The daily rows are the facts and
    // load as they are; nothing extra is recorded for a mismatch.
    const appleId = await ctx.dims.platformId('apple_music');
    const shazamId = await ctx.dims.platformId('shazam');
    const resolved: Array<{ trackId: number; isrc: string | null; title: string; streams: number }> = [];
    for (const t of a.tracks) {
      const trackId = await ctx.dims.trackId({ title: t.title, isrc: t.isrc, artistIds: [], releaseId: null });
      resolved.push({ trackId, isrc: t.isrc, title: t.title, streams: t.streams });
    }
    await writeZones(ctx, a, resolved);

    const periodEnd = utcDate(ctx.extractedAt);
    const periodStart = `${periodEnd.slice(0, 4)}-01-01`;
    const period = { platformId: appleId, periodStart, periodEnd };
    const totals: PeriodTotalFact[] = [
      ...[
        ...sumBy(
          resolved,
          (t) => String(t.trackId),
          (t) => t.streams,
        ).values(),
      ].map((v) => ({ ...period, trackId: v.first.trackId, country: null, streams: v.total })),
      ...[
        ...sumBy(
          a.countries,
          (c) => c.country,
          (c) => c.streams,
        ).values(),
      ].map((v) => ({ ...period, trackId: null, country: v.first.country, streams: v.total })),
    ];

    const streams = await upsertStreams(
      ctx.manager,
      ctx.dialect,
      a.streams.map((d) => accountStreamFact(SOURCE, appleId, d.date, d.count)),
      { sourceFileId: ctx.sourceFileId, extractedAt: ctx.extractedAt },
    );
    const shazam = await upsertDailyMetrics(
      ctx,
      a.shazam.map((d) => ({ platformId: shazamId, date: d.date, metric: 'recognitions', value: d.count })),
    );
    const periods = await upsertPeriodTotals(ctx, totals);
    return {
      rowsRead: a.streams.length + a.shazam.length + a.tracks.length + a.countries.length + a.skipped,
      rowsLoaded: streams.written + shazam.written + periods.written,
      rowsSkipped: streams.unchanged + shazam.unchanged + periods.unchanged + a.skipped,
    };
  },
};
