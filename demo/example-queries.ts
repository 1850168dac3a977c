/**
 * The example queries the demo runs against its own API and prints for the user to paste: one per
 * kind of question the warehouse answers (revenue, streams, platforms, tracks, campaigns, social,
 * links, audience, songs, anomalies, restatements), each described in one line so a broken one shows at once.
 */
import { formatNano, parseDecimalToNano } from '../src/domain/money';
import { lastDayOf } from './calendar-days';
import type { DemoPlan } from './catalogue';
import { out, usd } from './console-output';
import { withSeparators } from './digit-groups';
import type {
  AnomaliesData,
  AudienceSeriesData,
  CampaignPerformanceData,
  LinkSeriesData,
  PlatformComparisonData,
  RestatementsData,
  RevenueSeriesData,
  SocialSeriesData,
  SongMetricsData,
  StreamSeriesData,
  TopTracksData,
  TrackRef,
} from './example-answer-shapes';
import { graphql } from './graphql-client';
import { LINKTREE_ACCOUNT, type SourcesPlan } from './other-sources';

/** The two queries printed for pasting into GraphiQL. */
export function exampleQueries(plan: DemoPlan): { revenue: string; streams: string } {
  const revenue = `{
  revenueSeries(
    range: { from: "${plan.saleMonths.from}-01", to: "${lastDayOf(plan.saleMonths.to)}" }
    grain: MONTH
    groupBy: [PLATFORM]
  ) {
    points { period platform { code name } gross net quantity payoutPerStream }
    totals { gross net quantity }
  }
}`;
  // The range starts before the stats pages' 365 days, so fillGaps has weeks to fill with zeros.
  const streams = `{
  streamSeries(
    range: { from: "${plan.saleMonths.from}-01", to: "${plan.statsDays.to}" }
    grain: WEEK
    groupBy: [SOURCE]
    fillGaps: true
  ) {
    points { period source streams }
    totals { streams }
  }
}`;
  return { revenue, streams };
}

const performer = (t: TrackRef): string => t.artists[0]?.artist.name ?? '?';
const TRACK_FIELDS = 'track { title artists { artist { name } } }';

/** One example query: what it asks, and a one-line description of the answer with how many points or items it holds. */
interface Example {
  label: string;
  query: string;
  describe(data: unknown): { count: number; text: string };
}

const sum = (values: number[]): number => values.reduce((s, v) => s + v, 0);
const uniq = <T>(values: T[]): T[] => [...new Set(values)];
const pct = (share: string): string => `${(Number(share) * 100).toFixed(1)}%`;

function examples(plan: DemoPlan, sources: SourcesPlan): Example[] {
  const { revenue, streams } = exampleQueries(plan);
  const wholeRange = `{ from: "${plan.saleMonths.from}-01", to: "${plan.statsDays.to}" }`;
  const yearRange = `{ from: "${sources.days.from}", to: "${sources.days.to}" }`;
  return [
    {
      label: 'revenueSeries (month × platform)',
      query: revenue,
      describe(data) {
        const r = (data as RevenueSeriesData).revenueSeries;
        const months = new Set(r.points.map((p) => p.period));
        const byPlatform = new Map<string, bigint>();
        for (const p of r.points)
          byPlatform.set(p.platform?.code ?? '?', (byPlatform.get(p.platform?.code ?? '?') ?? 0n) + (parseDecimalToNano(p.net) ?? 0n));
        const top = [...byPlatform].sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1)).slice(0, 3);
        return {
          count: r.points.length,
          text: `${r.points.length} points over ${months.size} months and ${byPlatform.size} platforms; top by net: ${top.map(([code, net]) => `${code} ${usd(formatNano(net))}`).join(', ')}`,
        };
      },
    },
    {
      label: 'streamSeries (week × source, fillGaps)',
      query: streams,
      describe(data) {
        const s = (data as StreamSeriesData).streamSeries;
        const weeks = new Set(s.points.map((p) => p.period));
        const zeros = s.points.filter((p) => p.streams === 0).length;
        const bySource = uniq(s.points.map((p) => p.source ?? '?'))
          .sort()
          .map((src) => `${src} ${withSeparators(sum(s.points.filter((p) => (p.source ?? '?') === src).map((p) => p.streams)))}`);
        return {
          count: s.points.length,
          text: `${s.points.length} points over ${weeks.size} weeks, ${zeros} of them gap-filled zeros; ${withSeparators(s.totals.streams)} streams in all (${bySource.join(', ')})`,
        };
      },
    },
    {
      label: 'platformComparison',
      query: `{ platformComparison(range: ${wholeRange}) { platform { code } streams units net streamShare } }`,
      describe(data) {
        const rows = (data as PlatformComparisonData).platformComparison;
        return {
          count: rows.length,
          text: `${rows.length} platforms; by streams: ${rows
            .slice(0, 3)
            .map((r) => `${r.platform.code} ${withSeparators(r.streams)} (${pct(r.streamShare)}, net ${usd(r.net)})`)
            .join(', ')}`,
        };
      },
    },
    {
      label: 'topTracks (net revenue)',
      query: `{ topTracks(range: ${wholeRange}, metric: NET_REVENUE, first: 5) { rank ${TRACK_FIELDS} units net } }`,
      describe(data) {
        const rows = (data as TopTracksData).topTracks;
        return {
          count: rows.length,
          text: rows.map((r) => `${r.rank}. ${r.track.title} (${performer(r.track)}) ${usd(r.net)}`).join(', '),
        };
      },
    },
    {
      label: 'campaignPerformance',
      query: `{ campaignPerformance(range: { from: "${sources.campaignDays.from}", to: "${sources.campaignDays.to}" }) {
    campaign { name } spend impressions attribution { target revenueDuring revenueUplift } } }`,
      describe(data) {
        const rows = (data as CampaignPerformanceData).campaignPerformance;
        const spend = rows.reduce((s, r) => s + (parseDecimalToNano(r.spend ?? '0') ?? 0n), 0n);
        const target = (t: string) => rows.filter((r) => r.attribution.target === t).length;
        const revenue = (r: (typeof rows)[number]) => parseDecimalToNano(r.attribution.revenueDuring ?? '0') ?? 0n;
        const best = rows
          .filter((r) => r.attribution.target !== 'NONE')
          .sort((a, b) => (revenue(a) === revenue(b) ? 0 : revenue(a) > revenue(b) ? -1 : 1))[0];
        return {
          count: rows.length,
          text:
            `${rows.length} campaigns, ${usd(formatNano(spend))} spent; attributed to a track ${target('TRACK')}, to an artist ${target('ARTIST')}, none ${target('NONE')}` +
            (best
              ? `; e.g. "${best.campaign.name}": ${usd(formatNano(revenue(best)))} revenue during, uplift ${usd(best.attribution.revenueUplift ?? '0')}`
              : ''),
        };
      },
    },
    {
      label: 'socialSeries (month × TikTok account)',
      query: `{ socialSeries(range: ${yearRange}, grain: MONTH, groupBy: [ACCOUNT]) { points { period account videoViews likes engagementRate } } }`,
      describe(data) {
        const points = (data as SocialSeriesData).socialSeries.points;
        const accounts = uniq(points.map((p) => p.account ?? '?')).sort();
        return {
          count: points.length,
          text: `${points.length} points over ${uniq(points.map((p) => p.period)).length} months for ${accounts.map((a) => `@${a}`).join(', ')}; ${withSeparators(sum(points.map((p) => p.videoViews)))} video views, ${withSeparators(sum(points.map((p) => p.likes)))} likes`,
        };
      },
    },
    {
      label: 'linkSeries (month, Linktree)',
      query: `{ linkSeries(range: ${yearRange}, grain: MONTH, account: "${LINKTREE_ACCOUNT}") { points { period views clicks ctr } } }`,
      describe(data) {
        const points = (data as LinkSeriesData).linkSeries.points;
        return {
          count: points.length,
          text: `${points.length} months for ${LINKTREE_ACCOUNT}; ${withSeparators(sum(points.map((p) => p.views)))} views, ${withSeparators(sum(points.map((p) => p.clicks)))} clicks`,
        };
      },
    },
    {
      label: 'audienceSeries (month × artist)',
      query: `{ audienceSeries(range: ${yearRange}, grain: MONTH) { points { period artist { name } listeners streams followers } } }`,
      describe(data) {
        const points = (data as AudienceSeriesData).audienceSeries.points;
        const artists = uniq(points.map((p) => p.artist?.name ?? '?'));
        return {
          count: points.length,
          text: `${points.length} points for ${artists.join(', ')}; ${withSeparators(sum(points.map((p) => p.streams ?? 0)))} Spotify streams`,
        };
      },
    },
    {
      label: 'songMetrics (FOUR_WEEKS)',
      query: `{ songMetrics(period: FOUR_WEEKS) { ${TRACK_FIELDS} extractionDate streams listeners } }`,
      describe(data) {
        const rows = (data as SongMetricsData).songMetrics;
        const top = rows[0];
        return {
          count: rows.length,
          text:
            `${rows.length} songs of ${uniq(rows.map((r) => performer(r.track))).length} artists, extracted ${uniq(rows.map((r) => r.extractionDate)).join(', ')}` +
            (top ? `; most streamed: ${top.track.title} (${performer(top.track)}) ${withSeparators(top.streams ?? 0)}` : ''),
        };
      },
    },
    {
      label: 'anomalies (STREAMS × platform)',
      query: anomaliesQuery(plan),
      describe(data) {
        const rows = (data as AnomaliesData).anomalies;
        const kinds = uniq(rows.map((r) => r.kind)).sort();
        return {
          count: rows.length,
          text: `${rows.length} anomalies (${kinds.map((k) => `${k} ${rows.filter((r) => r.kind === k).length}`).join(', ')}); e.g. ${rows
            .filter((r) => r.kind !== 'RESTATED')
            .slice(0, 2)
            .map((r) => `${r.period} ${r.platform?.code ?? ''} ${r.kind}: ${r.value} vs ${r.expected ?? '?'}`)
            .join(', ')}`,
        };
      },
    },
    {
      label: 'restatements (DistroKid)',
      query: restatementsQuery(plan),
      describe(data) {
        const r = (data as RestatementsData).restatements;
        return {
          count: r.totalCount,
          text: `${r.totalCount} days restated by a later capture; e.g. ${r.edges
            .slice(0, 2)
            .map((e) => `${e.node.date}: ${e.node.oldValue ?? '?'} → ${e.node.newValue ?? '?'}`)
            .join(', ')}`,
        };
      },
    },
  ];
}

/** Anomalies of the streams over the stats pages' days, split by platform (the planted spike, zero and restated days among them). */
export function anomaliesQuery(plan: DemoPlan): string {
  return `{ anomalies(range: { from: "${plan.statsDays.from}", to: "${plan.statsDays.to}" }, metric: STREAMS, groupBy: [PLATFORM], first: 1000) {
    period source platform { code } kind value expected robustZ } }`;
}

/** DistroKid's restatements over the stats pages' days. */
export function restatementsQuery(plan: DemoPlan): string {
  return `{ restatements(service: DISTROKID, range: { from: "${plan.statsDays.from}", to: "${plan.statsDays.to}" }, first: 100) {
    totalCount edges { node { date metric platform { code } oldValue newValue } } } }`;
}

/** Runs every example query and prints one line for each, so a broken one shows here. Answers whether all returned data. */
export async function previewExamples(url: string, plan: DemoPlan, sources: SourcesPlan): Promise<boolean> {
  let ok = true;
  for (const example of examples(plan, sources)) {
    try {
      const { count, text } = example.describe(await graphql<unknown>(url, example.query));
      if (count === 0) {
        ok = false;
        out(`  ${example.label}: returned nothing (expected data from the demo exports)`);
      } else out(`  ${example.label}: ${text}`);
    } catch (err) {
      ok = false;
      out(`  ${example.label}: FAILED ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return ok;
}
