/**
 * The demo's exports of the five sources beside DistroKid, over the same fictional label: TooLost
 * (Spotify and Apple analytics captures and one monthly sales report), Spotify for Artists
 * (audience timeline and the 28-day song list per act, titles from the DistroKid catalogue), TikTok
 * Studio (a year of overview per handle, `zone.a0` for ZONE A0, and follower snapshots), Meta Ads
 * (campaigns named after the acts and their tracks, daily insights) and Linktree (a 365-day capture).
 *
 * As in catalogue.ts every file is a pure function of the day (and the month for the sales
 * report): a rerun the same day writes identical bytes, which ingest reports as already loaded.
 * Every name is one a source stream recognises without --service.
 */
import {
  type AppleSampleTrack,
  appleAnalyticsSample,
  type SalesSampleTotals,
  salesReportSample,
  spotifyAnalyticsSample,
} from './sample-exports/toolost';
import { audienceCsv, audienceFileName, songsFileName, songsJson } from './sample-exports/spotify';
import { followerSnapshotSample, overviewSample } from './sample-exports/tiktok';
import { type CatalogueEntry, metaAdsSample } from './sample-exports/meta_ads';
import { campaignsJson, insightsJson } from './sample-exports/meta_ads-graph-pages';
import { linktreeCapture } from './sample-exports/linktree';
import { seededRandom } from './seeded-random';
import { artistKey } from '../src/domain/names';
import { addDays } from './calendar-days';
import { DEMO_ARTISTS, type DemoFile, type DemoPlan, type DemoTrack, hash32 } from './catalogue';

/** Days of Meta Ads delivery, ending yesterday (today's insights are not final yet). */
export const CAMPAIGN_DAYS = 180;
/** The account whose link-in-bio the Linktree capture is of. */
export const LINKTREE_ACCOUNT = 'zone.a0';

export interface SourcesPlan {
  files: DemoFile[];
  /** The acts with solo releases: each has a TikTok handle, a Spotify audience and a song list. */
  acts: string[];
  handles: string[];
  /** The 365 days of TikTok, Spotify audience and Linktree, ending today. */
  days: { from: string; to: string };
  /** TooLost analytics cover the current year up to today. */
  yearDays: { from: string; to: string };
  campaignDays: { from: string; to: string };
  campaignCount: number;
  /** The TooLost sales report: its sale month (YYYY-MM) and what it holds. */
  salesMonth: string;
  sales: SalesSampleTotals;
}

const seed = (label: string): number => hash32(`label-analytics demo / ${label}`);

/** The canonical acts of a billing ("ZONE A0 X SXNCTUARY" → both, "zone.a0" → ZONE A0). */
function actsOf(billing: string): string[] {
  return billing
    .split(/\s+x\s+/i)
    .map((part) => DEMO_ARTISTS.find((a) => artistKey(a) === artistKey(part)))
    .filter((a): a is (typeof DEMO_ARTISTS)[number] => a !== undefined);
}

/** A TikTok-style handle: lower case, spaces as dots (`ZONE A0` → `zone.a0`). */
export const handleOf = (act: string): string => act.toLowerCase().replace(/\s+/g, '.');

/** A stable 22-character base62 Spotify artist id per act. */
function spotifyArtistId(act: string): string {
  const rng = seededRandom(seed(`spotify artist id / ${act}`));
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: 22 }, () => alphabet[Math.floor(rng() * 62)]).join('');
}

const unixAt = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 1000;

export function planSourceExports(plan: DemoPlan): SourcesPlan {
  const today = plan.statsDays.to;
  const stamp = `${today.replace(/-/g, '')}_000000`;
  const released = plan.tracks.filter((t) => t.released <= today.slice(0, 7));
  /** Tracks billed to the act alone (spelling variants included), in catalogue order. */
  const soloTracks = (act: string): DemoTrack[] =>
    released.filter((t) => {
      const acts = actsOf(t.artist);
      return acts.length === 1 && acts[0] === act;
    });
  const acts = DEMO_ARTISTS.filter((a) => soloTracks(a).length > 0);
  const files: DemoFile[] = [];
  const yearFrom = `${today.slice(0, 4)}-01-01`;
  const daysFrom = addDays(today, -364);

  // TooLost: the account's analytics captures (this year only, as the portal gives) and one sales report.
  const spotify = spotifyAnalyticsSample({ seed: seed('toolost spotify'), endDate: today });
  files.push({
    kind: 'toolost_spotify',
    name: `toolost_spotify_${stamp}.json`,
    content: spotify.json,
    description: `TooLost Spotify analytics: daily streams ${yearFrom}…${today}, ${spotify.discovery.length} months of Discovery Mode`,
  });
  const appleTracks: AppleSampleTrack[] = released.slice(-8).map((t) => ({ isrc: t.isrc, title: t.title, release: t.release }));
  const apple = appleAnalyticsSample({ seed: seed('toolost apple'), endDate: today, tracks: appleTracks });
  files.push({
    kind: 'toolost_apple',
    name: `toolost_apple_${stamp}.json`,
    content: apple.json,
    description: `TooLost Apple Music analytics: daily plays ${yearFrom}…${today}, ${appleTracks.length} tracks by ISRC, Shazams`,
  });
  const salesMonth = plan.saleMonths.to;
  const mmYyyy = `${salesMonth.slice(5, 7)}-${salesMonth.slice(0, 4)}`;
  const salesTracks = plan.tracks
    .filter((t) => t.released <= salesMonth)
    .map((t) => ({ artist: t.artist, title: t.title, isrc: t.isrc, upc: t.upc }));
  const sales = salesReportSample({ seed: seed(`toolost sales / ${salesMonth}`), month: mmYyyy, rows: 140, tracks: salesTracks });
  files.push({
    kind: 'toolost_sales',
    name: `toolost_sales_${mmYyyy}_${stamp}.csv`,
    content: sales.csv,
    description: `TooLost sales report: ${sales.totals.rows} lines for sale month ${salesMonth}`,
  });

  // Spotify for Artists: per act, the audience timeline and the 28-day song list of its own tracks.
  for (const act of acts) {
    const id = spotifyArtistId(act);
    const audience = audienceCsv({ seed: seed(`spotify audience / ${act}`), endDate: today });
    files.push({
      kind: 'spotify_audience',
      name: audienceFileName(act, stamp, id),
      content: audience.csv,
      description: `Spotify for Artists audience of ${act}, ${daysFrom}…${today}`,
    });
    const titles = soloTracks(act).map((t) => t.title);
    const songs = songsJson({ seed: seed(`spotify songs / ${act}`) % 100_000, titles, period: '28day' });
    files.push({
      kind: 'spotify_songs',
      name: songsFileName(act, '28day', stamp, id),
      content: songs.json,
      description: `Spotify for Artists songs of ${act}, last 28 days (${titles.length} songs)`,
    });
  }

  // TikTok Studio: a year of the overview per handle, and the profile API's follower snapshots of the last week.
  const exportedAt = unixAt(today);
  const handles = acts.map(handleOf);
  acts.forEach((act, i) => {
    const handle = handles[i];
    const overview = overviewSample({ seed: seed(`tiktok overview / ${handle}`), startDate: daysFrom, days: 365, handle, exportedAt });
    files.push({
      kind: 'tiktok_overview',
      name: overview.fileName,
      content: overview.zip,
      description: `TikTok Studio overview of @${handle}, ${daysFrom}…${today}`,
    });
    const timestamps = Array.from({ length: 7 }, (_, k) => unixAt(addDays(today, k - 6)));
    const followers = followerSnapshotSample({ seed: seed(`tiktok followers / ${handle}`), handle, artist: act, timestamps });
    files.push({
      kind: 'tiktok_followers',
      name: followers.fileName,
      content: followers.json,
      description: `TikTok followers of @${handle}, daily ${addDays(today, -6)}…${today}`,
    });
  });

  // Meta Ads: campaigns named after the acts (in their spellings) and their focus tracks, so attribution finds them.
  const catalogue: CatalogueEntry[] = acts.map((act) => {
    const spellings = [...new Set(plan.tracks.map((t) => t.artist).filter((b) => artistKey(b) === artistKey(act)))];
    const focus = [
      ...new Set(
        soloTracks(act)
          .filter((t, k, all) => all.findIndex((u) => u.release === t.release) === k)
          .map((t) => t.title),
      ),
    ];
    return { artist: act, spellings: [...new Set([act, ...spellings, handleOf(act)])], tracks: focus.slice(-3) };
  });
  const campaignFrom = addDays(today, -CAMPAIGN_DAYS);
  const campaignCount = 8;
  const meta = metaAdsSample({
    seed: seed('meta ads') % 10_000,
    startDate: campaignFrom,
    days: CAMPAIGN_DAYS,
    campaigns: campaignCount,
    catalogue,
  });
  files.push({
    kind: 'meta_campaigns',
    name: `meta_campaigns_${stamp}.json`,
    content: campaignsJson(meta, { seed: seed('meta campaigns'), account: 'act_1986672040' }),
    description: `Meta Ads campaigns: ${meta.campaigns.length}, ${meta.campaigns.filter((c) => c.track !== null).length} named after an act's track (e.g. "${meta.campaigns[0].name}")`,
  });
  files.push({
    kind: 'meta_insights',
    name: `meta_insights_${stamp}.json`,
    content: insightsJson(meta, { seed: seed('meta insights'), pageSize: 50 }),
    description: `Meta Ads daily insights: ${meta.days.length} campaign days ${campaignFrom}…${addDays(today, -1)}`,
  });

  // Linktree: the 365-day window of the analytics page.
  const linktree = linktreeCapture({ seed: seed('linktree') % 100_000, endDate: today, windowDays: 365, username: LINKTREE_ACCOUNT });
  files.push({
    kind: 'linktree',
    name: `linktree_${LINKTREE_ACCOUNT}_365d_${stamp}.json`,
    content: linktree.json,
    description: `Linktree capture of ${LINKTREE_ACCOUNT}: views and clicks ${daysFrom}…${today}`,
  });

  return {
    files,
    acts,
    handles,
    days: { from: daysFrom, to: today },
    yearDays: { from: yearFrom, to: today },
    campaignDays: { from: campaignFrom, to: addDays(today, -1) },
    campaignCount,
    salesMonth,
    sales: sales.totals,
  };
}
