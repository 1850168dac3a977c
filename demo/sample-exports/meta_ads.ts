/**
 * Deterministic Meta Ads artefacts for the demo and the tests, with the quirks of the real
 * ones: numbers as strings, spend with 0–2 decimals, `actions` lists mixing the pixel events we
 * keep with types we must ignore (omni_purchase, video_view, …), fields left out on quiet days,
 * paging cursors, Graph timestamps (`+0000`), campaign names in loose conventions with artist
 * spellings that differ from the catalogue, dump folders whose insights are ad set totals over
 * a period, and Ads Manager CSVs with a BOM, quoted cells, thousands separators and empty cells.
 * Every expected figure comes from the generated values (integer cents), never from parsing.
 */
import { seededRandom } from '../seeded-random';
import { addDays, pad2 } from '../calendar-days';
import { withSeparators } from '../digit-groups';

type Rng = () => number;

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

function figures(rng: Rng, scale: number): SampleFigures {
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
    for (let d = first; d < opts.days; d++) days.push({ campaignId: id, campaignName: name, date: addDays(opts.startDate, d), ...figures(rng, scale) });
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
  const t: Totals = { spendNano: 0n, impressions: 0, clicks: 0, linkClicks: 0, postEngagement: 0, viewContent: 0, addToCart: 0, initiateCheckout: 0, purchase: 0 };
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

/** "3.41", "12.3", "12", "0": Meta drops trailing zeros of spend. */
function spendString(cents: number, rng: Rng): string {
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  if (frac === 0) return rng() < 0.5 ? String(whole) : `${whole}.00`;
  const s = `${whole}.${pad2(frac)}`;
  return frac % 10 === 0 && rng() < 0.7 ? s.slice(0, -1) : s;
}

function actionsOf(f: SampleFigures, rng: Rng): Array<{ action_type: string; value: string }> | undefined {
  const list: Array<{ action_type: string; value: string }> = [];
  const add = (type: string, n: number) => {
    if (n > 0) list.push({ action_type: type, value: String(n) });
  };
  add('link_click', f.linkClicks);
  add('landing_page_view', Math.floor(f.linkClicks * 0.8));
  add('post_engagement', f.postEngagement);
  add('page_engagement', f.postEngagement + 3);
  add('video_view', Math.floor(f.impressions * 0.1));
  add('offsite_conversion.fb_pixel_view_content', f.viewContent);
  add('omni_view_content', f.viewContent);
  add('offsite_conversion.fb_pixel_add_to_cart', f.addToCart);
  add('offsite_conversion.fb_pixel_initiate_checkout', f.initiateCheckout);
  add('offsite_conversion.fb_pixel_purchase', f.purchase);
  add('omni_purchase', f.purchase);
  add('purchase', f.purchase);
  // Shuffle: the API gives no order guarantee.
  for (let k = list.length - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    [list[k], list[j]] = [list[j], list[k]];
  }
  return list.length ? list : undefined;
}

function ratio(num: number, den: number, digits: number): string | undefined {
  return den === 0 ? undefined : (num / den).toFixed(digits);
}

/** One insights object as `GET /{campaign}/insights` returns it; quiet days leave fields out. */
export function insightObject(f: SampleFigures & { campaignId: string; campaignName: string }, dateStart: string, dateStop: string, rng: Rng, adset?: { id: string; name: string }): Record<string, unknown> {
  const o: Record<string, unknown> = { campaign_id: f.campaignId, campaign_name: f.campaignName };
  if (adset) Object.assign(o, { adset_id: adset.id, adset_name: adset.name });
  o.spend = spendString(f.spendCents, rng);
  o.impressions = String(f.impressions);
  if (f.clicks > 0 || rng() < 0.5) o.clicks = String(f.clicks);
  const cpc = ratio(f.spendCents / 100, f.clicks, 6);
  if (cpc) o.cpc = cpc;
  const cpm = ratio(f.spendCents * 10, f.impressions, 6);
  if (cpm) o.cpm = cpm;
  const ctr = ratio(f.clicks * 100, f.impressions, 6);
  if (ctr) o.ctr = ctr;
  o.reach = String(f.reach);
  const freq = ratio(f.impressions, f.reach, 6);
  if (freq) o.frequency = freq;
  const actions = actionsOf(f, rng);
  if (actions) o.actions = actions;
  o.date_start = dateStart;
  o.date_stop = dateStop;
  return o;
}

const GRAPH = 'https://graph.facebook.com/v19.0';

/** Pages of `pageSize` objects with cursors and `next` links (no token: captures never keep it). */
function paged(path: string, objects: unknown[], pageSize: number, rng: Rng): Array<{ data: unknown[]; paging: Record<string, unknown> }> {
  const pages: Array<{ data: unknown[]; paging: Record<string, unknown> }> = [];
  for (let k = 0; k === 0 || k < objects.length; k += pageSize) {
    const cursor = (n: number) => Buffer.from(`cursor-${n}-${Math.floor(rng() * 1e6)}`).toString('base64').replace(/=+$/, '');
    const paging: Record<string, unknown> = { cursors: { before: cursor(k), after: cursor(k + pageSize) } };
    if (k + pageSize < objects.length) paging.next = `${GRAPH}/${path}&limit=${pageSize}&after=${cursor(k + pageSize)}`;
    if (k > 0) paging.previous = `${GRAPH}/${path}&limit=${pageSize}&before=${cursor(k)}`;
    pages.push({ data: objects.slice(k, k + pageSize), paging });
  }
  return pages;
}

/**
 * Daily insights as the extractor saves them: per campaign, its pages (one call per campaign);
 * all pages of all campaigns in one JSON array, or a single page object when there is just one.
 */
export function insightsJson(sample: MetaSample, opts: { seed: number; pageSize?: number; days?: SampleDay[]; campaigns?: SampleCampaign[] }): string {
  const rng = seededRandom(opts.seed);
  const days = opts.days ?? sample.days;
  const pages = (opts.campaigns ?? sample.campaigns).flatMap((c) =>
    paged(
      `${c.id}/insights?fields=campaign_id,campaign_name,spend,impressions,clicks,cpc,cpm,ctr,reach,frequency,actions,date_start,date_stop&time_increment=1&level=campaign`,
      days.filter((d) => d.campaignId === c.id).map((d) => insightObject(d, d.date, d.date, rng)),
      opts.pageSize ?? 25,
      rng,
    ),
  );
  return JSON.stringify(pages.length === 1 ? pages[0] : pages, null, 2);
}

export function campaignObject(c: SampleCampaign): Record<string, unknown> {
  const o: Record<string, unknown> = { id: c.id, name: c.name, status: c.status, objective: c.objective, effective_status: c.effectiveStatus };
  o.created_time = c.createdTime;
  o.updated_time = c.updatedTime;
  if (c.dailyBudget !== null) o.daily_budget = c.dailyBudget;
  if (c.lifetimeBudget !== null) o.lifetime_budget = c.lifetimeBudget;
  return o;
}

/** `GET /{act}/campaigns` pages, as a single page or an array of pages. */
export function campaignsJson(sample: MetaSample, opts: { seed: number; pageSize?: number; account?: string }): string {
  const rng = seededRandom(opts.seed);
  const pages = paged(
    `${opts.account ?? 'act_1234567890'}/campaigns?fields=id,name,status,objective,effective_status,created_time,updated_time,daily_budget,lifetime_budget`,
    sample.campaigns.map(campaignObject),
    opts.pageSize ?? 25,
    rng,
  );
  return JSON.stringify(pages.length === 1 ? pages[0] : pages);
}

export type DumpGrain = 'campaign' | 'adset';

/** One campaign's cumulative figures in a dump, from its first day to the dump day. */
export interface SampleSnapshot {
  campaignId: string;
  campaignName: string;
  since: string;
  asOf: string;
  spendCents: number;
  impressions: number;
  clicks: number;
  /** Unique reach since `since` as the campaign-level row states it. */
  reach: number;
  /** The ad set rows the figures split into (their spend, impressions and clicks add up to the campaign's). */
  adsets: Array<{ id: string; name: string; spendCents: number; impressions: number; clicks: number; reach: number }>;
}

export interface DumpFolder {
  files: Record<'campaigns.json' | 'adsets.json' | 'ads.json' | 'insights.json', string>;
  grain: DumpGrain;
  snapshots: SampleSnapshot[];
}

/** A stable split of `total` into parts proportional to `weights` (the last takes the remainder), so successive dumps only grow. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.slice(0, -1).map((w) => Math.floor((total * w) / sum));
  return [...parts, total - parts.reduce((a, b) => a + b, 0)];
}

function dumpAdsets(c: SampleCampaign): Array<{ id: string; name: string; weight: number; dailyBudget: string | null; lifetimeBudget: string | null }> {
  const n = 1 + (Number(c.id.slice(-3)) % 3);
  return Array.from({ length: n }, (_, a) => ({
    id: `${c.id.slice(0, -3)}${pad2(a)}7`,
    name: `${c.name.split(' - ')[0]} - Ad set ${a + 1}`,
    weight: 2 + a * 3,
    dailyBudget: c.lifetimeBudget === null ? String(300 + a * 100) : null,
    lifetimeBudget: c.lifetimeBudget === null ? null : String(Math.floor(Number(c.lifetimeBudget) / n)),
  }));
}

/**
 * A dump folder as older extractions saved it: four JSON arrays. campaigns.json has only
 * `created_time, id, name, objective, start_time, status, updated_time`; budgets are on
 * adsets.json; insights.json is a CUMULATIVE LIFETIME SNAPSHOT of each campaign that has
 * delivered by `dateStop` (date_start its first day, date_stop the dump day), at campaign grain
 * (`campaign_id, clicks, cpc, cpm, cpp, date_start, date_stop, impressions, reach, spend`) or
 * ad set grain (`adset_id, adset_name, campaign_id, campaign_name, clicks, cpc, ctr, frequency,
 * impressions, reach, spend, date_start, date_stop`). No `actions`; numbers are strings. The
 * cumulative figures are the sample's days up to `dateStop`, so successive dumps are running
 * totals of the same delivery and the daily insights of those days describe the same money.
 */
export function dumpFolder(sample: MetaSample, opts: { seed: number; dateStop: string; grain: DumpGrain }): DumpFolder {
  const rng = seededRandom(opts.seed);
  const adsets: Array<Record<string, unknown>> = [];
  const ads: Array<Record<string, unknown>> = [];
  const snapshots: SampleSnapshot[] = [];
  for (const c of sample.campaigns) {
    const sets = dumpAdsets(c);
    for (const a of sets) {
      const o: Record<string, unknown> = { id: a.id, name: a.name, campaign_id: c.id, status: c.status, billing_event: 'IMPRESSIONS', optimization_goal: 'LINK_CLICKS' };
      if (a.dailyBudget !== null) o.daily_budget = a.dailyBudget;
      if (a.lifetimeBudget !== null) o.lifetime_budget = a.lifetimeBudget;
      adsets.push(o);
      for (let n = 0; n < 2; n++) ads.push({ id: `${a.id}${n}`, name: `Ad ${n + 1} - ${a.name}`, adset_id: a.id, campaign_id: c.id, status: 'ACTIVE', creative: { id: `${a.id}9${n}` } });
    }
    const days = sample.days.filter((d) => d.campaignId === c.id && d.date <= opts.dateStop);
    // A campaign that has not delivered by the dump day has no insights row.
    if (days.length === 0) continue;
    const t = totalsOf(days);
    const spendCents = days.reduce((sum, d) => sum + d.spendCents, 0);
    const maxReach = Math.max(...days.map((d) => d.reach));
    const sumReach = days.reduce((sum, d) => sum + d.reach, 0);
    const reach = maxReach + Math.floor((sumReach - maxReach) * 0.4);
    const weights = sets.map((a) => a.weight);
    const spend = split(spendCents, weights);
    const impressions = split(t.impressions, weights);
    const clicks = split(t.clicks, weights);
    const reaches = split(reach, weights).map((r, k) => Math.min(r + Math.floor(reach * 0.1), impressions[k]));
    snapshots.push({
      campaignId: c.id,
      campaignName: c.name,
      since: days[0].date,
      asOf: opts.dateStop,
      spendCents,
      impressions: t.impressions,
      clicks: t.clicks,
      reach,
      adsets: sets.map((a, k) => ({ id: a.id, name: a.name, spendCents: spend[k], impressions: impressions[k], clicks: clicks[k], reach: reaches[k] })),
    });
  }
  const insights =
    opts.grain === 'campaign'
      ? snapshots.map((x) => {
          const cpc = ratio(x.spendCents / 100, x.clicks, 6);
          const cpm = ratio(x.spendCents * 10, x.impressions, 6);
          const cpp = ratio(x.spendCents * 10, x.reach, 6);
          // Keys in the order the real files have them (alphabetical).
          return {
            campaign_id: x.campaignId, clicks: String(x.clicks), cpc: cpc ?? '0', cpm: cpm ?? '0', cpp: cpp ?? '0',
            date_start: x.since, date_stop: x.asOf, impressions: String(x.impressions), reach: String(x.reach), spend: spendString(x.spendCents, rng),
          };
        })
      : snapshots.flatMap((x) =>
          x.adsets.map((a) => ({
            adset_id: a.id, adset_name: a.name, campaign_id: x.campaignId, campaign_name: x.campaignName, clicks: String(a.clicks),
            cpc: ratio(a.spendCents / 100, a.clicks, 6) ?? '0', ctr: ratio(a.clicks * 100, a.impressions, 6) ?? '0', frequency: ratio(a.impressions, a.reach, 6) ?? '0',
            impressions: String(a.impressions), reach: String(a.reach), spend: spendString(a.spendCents, rng), date_start: x.since, date_stop: x.asOf,
          })),
        );
  const campaigns = sample.campaigns.map((c) => ({
    created_time: c.createdTime, id: c.id, name: c.name, objective: c.objective, start_time: c.createdTime, status: c.status, updated_time: c.updatedTime,
  }));
  return {
    files: {
      'campaigns.json': JSON.stringify(campaigns, null, 2),
      'adsets.json': JSON.stringify(adsets, null, 2),
      'ads.json': JSON.stringify(ads, null, 2),
      'insights.json': JSON.stringify(insights, null, 2),
    },
    grain: opts.grain,
    snapshots,
  };
}

export interface CsvSampleRow extends SampleFigures {
  reportingStarts: string;
  reportingEnds: string;
  campaignName: string;
  adSetName: string;
  adName: string;
  results: number;
}

export interface AdsManagerCsvOptions {
  seed: number;
  startDate: string;
  days: number;
  campaignNames: string[];
  /** 'daily' gives one row per ad and day; 'period' one row per ad over the whole range. */
  breakdown: 'daily' | 'period';
  /** How many ads (rows) per campaign and day; 1 gives a campaign-level export. */
  adsPerCampaign?: number;
  currency?: string;
}

/**
 * A manual Ads Manager export: UTF-8 with BOM, every cell quoted, CRLF, thousands separators,
 * empty cells for zero clicks and results, commas inside names.
 */
export function adsManagerCsv(opts: AdsManagerCsvOptions): { csv: string; rows: CsvSampleRow[] } {
  const rng = seededRandom(opts.seed);
  const perCampaign = opts.adsPerCampaign ?? 1;
  const header = ['Reporting starts', 'Reporting ends', 'Campaign name', 'Ad Set Name', 'Ad name', `Amount spent (${opts.currency ?? 'USD'})`, 'Impressions', 'Reach', 'Clicks', 'Results', 'Result indicator', 'Cost per results'];
  const rows: CsvSampleRow[] = [];
  const ranges = opts.breakdown === 'daily'
    ? Array.from({ length: opts.days }, (_, d) => [addDays(opts.startDate, d), addDays(opts.startDate, d)] as const)
    : [[opts.startDate, addDays(opts.startDate, opts.days - 1)] as const];
  for (const [start, end] of ranges) {
    for (const name of opts.campaignNames) {
      for (let a = 0; a < perCampaign; a++) {
        const f = figures(rng, opts.breakdown === 'daily' ? 1 : opts.days);
        rows.push({ ...f, reportingStarts: start, reportingEnds: end, campaignName: name, adSetName: `Ad set ${a % 2 === 0 ? 'A' : 'B'}, broad`, adName: `Video ${a + 1}`, results: f.linkClicks });
      }
    }
  }
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const money = (cents: number) => {
    const whole = Math.floor(cents / 100);
    return `${whole >= 1000 ? withSeparators(whole) : whole}.${pad2(cents % 100)}`;
  };
  const lines = rows.map((r) =>
    [
      r.reportingStarts, r.reportingEnds, r.campaignName, r.adSetName, r.adName, money(r.spendCents), withSeparators(r.impressions), withSeparators(r.reach),
      r.clicks === 0 ? '' : withSeparators(r.clicks), r.results === 0 ? '' : String(r.results), r.results === 0 ? '' : 'actions:link_click',
      r.results === 0 ? '' : (r.spendCents / 100 / r.results).toFixed(6),
    ].map(q).join(','),
  );
  return { csv: `\uFEFF${[header.map(q).join(','), ...lines].join('\r\n')}\r\n`, rows };
}

/** A Graph API error response as the extractor would capture it. */
export function graphErrorJson(code: number, subcode: number | null, message: string, type = 'OAuthException'): string {
  const error: Record<string, unknown> = { message, type, code };
  if (subcode !== null) error.error_subcode = subcode;
  error.fbtrace_id = 'AbCdEfGh123';
  return JSON.stringify({ error });
}
