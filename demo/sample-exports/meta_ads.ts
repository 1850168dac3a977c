/**
 * Deterministic Meta Ads campaigns and their daily delivery figures, for the demo and the tests:
 * campaign names in loose conventions with artist spellings that differ from the catalogue,
 * campaigns starting on different days, quiet days, one campaign that never spends. Every
 * expected figure comes from the generated values (integer cents), never from parsing. The files
 * made from them, with the quirks of the real ones: meta_ads-graph-pages.ts (Graph API pages),
 * meta_ads-dump-folder.ts (older dump folders), meta_ads-ads-manager-csv.ts (manual CSV exports).
 */
import { seededRandom } from '../seeded-random';
import { addDays, pad2 } from '../calendar-days';

export type Rng = () => number;

export interface CatalogueEntry {
  /** Canonical artist name, and the spellings campaign names use for it. */
  artist: string;
  spellings: string[];
  tracks: string[];
}

export interface MetaSampleOptions {
  seed: number;
  startDate: string;
  days: number;
  campaigns?: number;
  catalogue?: CatalogueEntry[];
}

export interface SampleCampaign {
  id: string;
  name: string;
  objective: string;
  status: string;
  effectiveStatus: string;
  dailyBudget: string | null;
  lifetimeBudget: string | null;
  createdTime: string;
  updatedTime: string;
  /** The catalogue artist and track the name refers to (canonical names), null when it names none. */
  artist: string | null;
  track: string | null;
}

export interface SampleFigures {
  spendCents: number;
  impressions: number;
  clicks: number;
  reach: number;
  linkClicks: number;
  postEngagement: number;
  viewContent: number;
  addToCart: number;
  initiateCheckout: number;
  purchase: number;
}

export interface SampleDay extends SampleFigures {
  campaignId: string;
  campaignName: string;
  date: string;
}

export interface MetaSample {
  campaigns: SampleCampaign[];
  days: SampleDay[];
}

export const DEFAULT_CATALOGUE: CatalogueEntry[] = [
  { artist: 'ZONE A0', spellings: ['ZONE A0', 'zone_a0', 'Zone A0', 'zone.a0'], tracks: ['Night Drive', 'Static Bloom'] },
  { artist: 'pig1987', spellings: ['PIG1987', 'pig1987'], tracks: ['Paper Moons'] },
];

/** Spend in nano-units of the account currency: cents × 10^7, exactly. */
export const centsToNano = (cents: number): bigint => BigInt(cents) * 10_000_000n;

const OBJECTIVES = ['OUTCOME_TRAFFIC', 'OUTCOME_ENGAGEMENT', 'OUTCOME_SALES', 'OUTCOME_AWARENESS'];
const TARGETING = ['US 18-34', 'Lookalike 1%', 'BR Broad', 'Interests - Indie', 'DE/AT/CH'];

function campaignName(rng: Rng, k: number, catalogue: CatalogueEntry[]): { name: string; artist: string | null; track: string | null } {
  const entry = catalogue[k % catalogue.length];
  const spelling = entry.spellings[Math.floor(rng() * entry.spellings.length)];
  const track = entry.tracks[Math.floor(rng() * entry.tracks.length)];
  const targeting = TARGETING[Math.floor(rng() * TARGETING.length)];
  switch (k % 6) {
    case 0:
      return { name: `${spelling} - ${track} - ${targeting}`, artist: entry.artist, track };
    case 1:
      return { name: `${track} - Streaming - Copy 2`, artist: entry.artist, track };
    case 2:
      return { name: `${spelling} X SXNCTUARY - ${track} - ${targeting}`, artist: entry.artist, track };
    case 3:
      return { name: `Retargeting - Website Visitors 30d`, artist: null, track: null };
    case 4:
      return { name: `UNKNOWN ACT - Some Song - ${targeting}`, artist: null, track: null };
    default:
      return { name: `${spelling} | ${track} | Conversions`, artist: entry.artist, track };
  }
}

function graphTime(date: string, rng: Rng): string {
  return `${date}T${pad2(Math.floor(rng() * 24))}:${pad2(Math.floor(rng() * 60))}:${pad2(Math.floor(rng() * 60))}+0000`;
}

/** One day (or, scaled, one period) of plausible delivery figures; about 8 % of them quiet. */
export function figures(rng: Rng, scale: number): SampleFigures {
  const quiet = rng() < 0.08;
  const spendCents = quiet ? 0 : Math.round(scale * (50 + rng() * 1500));
  const impressions = quiet ? Math.floor(rng() * 5) : Math.round(spendCents * (0.8 + rng() * 2));
  const clicks = Math.floor(impressions * rng() * 0.03);
  const linkClicks = Math.floor(clicks * (0.5 + rng() * 0.5));
  return {
    spendCents,
    impressions,
    clicks,
    reach: Math.max(impressions === 0 ? 0 : 1, Math.floor(impressions * (0.6 + rng() * 0.35))),
    linkClicks,
    postEngagement: linkClicks + Math.floor(rng() * 20),
    viewContent: Math.floor(linkClicks * rng() * 0.6),
    addToCart: Math.floor(linkClicks * rng() * 0.1),
    initiateCheckout: Math.floor(linkClicks * rng() * 0.05),
    purchase: Math.floor(linkClicks * rng() * 0.02),
  };
}

/** Campaigns and their daily figures; campaigns start on different days and one never spends. */
export function metaAdsSample(opts: MetaSampleOptions): MetaSample {
  const rng = seededRandom(opts.seed);
  const catalogue = opts.catalogue ?? DEFAULT_CATALOGUE;
  const count = opts.campaigns ?? 7;
  const campaigns: SampleCampaign[] = [];
  const days: SampleDay[] = [];
  for (let k = 0; k < count; k++) {
    const id = `2385${String(opts.seed).padStart(4, '0')}${String(100000 + k * 7919)}`;
    const { name, artist, track } = campaignName(rng, k, catalogue);
    const lifetime = rng() < 0.3;
    const created = addDays(opts.startDate, -Math.floor(rng() * 20) - 1);
    campaigns.push({
      id,
      name,
      objective: OBJECTIVES[Math.floor(rng() * OBJECTIVES.length)],
      status: k === count - 1 ? 'PAUSED' : 'ACTIVE',
      effectiveStatus: k === count - 1 ? 'CAMPAIGN_PAUSED' : 'ACTIVE',
      dailyBudget: lifetime ? null : String(500 + Math.floor(rng() * 40) * 100),
      lifetimeBudget: lifetime ? String(10000 + Math.floor(rng() * 90) * 1000) : null,
      createdTime: graphTime(created, rng),
      updatedTime: graphTime(addDays(opts.startDate, opts.days), rng),
      artist,
      track,
    });
    // The last campaign is paused and has no insights: pages for it hold `"data": []`.
    if (k === count - 1) continue;
    const first = Math.floor(rng() * Math.min(5, opts.days));
    const scale = 0.3 + rng() * 2;
    for (let d = first; d < opts.days; d++)
      days.push({ campaignId: id, campaignName: name, date: addDays(opts.startDate, d), ...figures(rng, scale) });
  }
  return { campaigns, days };
}

export interface Totals {
  spendNano: bigint;
  impressions: number;
  clicks: number;
  linkClicks: number;
  postEngagement: number;
  viewContent: number;
  addToCart: number;
  initiateCheckout: number;
  purchase: number;
}

/** Additive totals of some figures (reach is deliberately absent: it does not add up). */
export function totalsOf(rows: readonly SampleFigures[]): Totals {
  const t: Totals = {
    spendNano: 0n,
    impressions: 0,
    clicks: 0,
    linkClicks: 0,
    postEngagement: 0,
    viewContent: 0,
    addToCart: 0,
    initiateCheckout: 0,
    purchase: 0,
  };
  for (const r of rows) {
    t.spendNano += centsToNano(r.spendCents);
    t.impressions += r.impressions;
    t.clicks += r.clicks;
    t.linkClicks += r.linkClicks;
    t.postEngagement += r.postEngagement;
    t.viewContent += r.viewContent;
    t.addToCart += r.addToCart;
    t.initiateCheckout += r.initiateCheckout;
    t.purchase += r.purchase;
  }
  return t;
}
