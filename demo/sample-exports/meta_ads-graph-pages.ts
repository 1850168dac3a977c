/**
 * Meta Graph API payloads from the sample: insights and campaigns pages (with cursors and `next`
 * links, no token) and error responses, as the extractor saves them and the simulator serves them.
 */
import { seededRandom } from '../seeded-random';
import { pad2 } from '../calendar-days';
import type { MetaSample, Rng, SampleCampaign, SampleDay, SampleFigures } from './meta_ads';

/** "3.41", "12.3", "12", "0": Meta drops trailing zeros of spend. */
export function spendString(cents: number, rng: Rng): string {
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

/** A ratio as Meta writes it (fixed digits), absent when the denominator is zero. */
export function ratio(num: number, den: number, digits: number): string | undefined {
  return den === 0 ? undefined : (num / den).toFixed(digits);
}

/** One insights object as `GET /{campaign}/insights` returns it; quiet days leave fields out. */
export function insightObject(
  f: SampleFigures & { campaignId: string; campaignName: string },
  dateStart: string,
  dateStop: string,
  rng: Rng,
  adset?: { id: string; name: string },
): Record<string, unknown> {
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
    const cursor = (n: number) =>
      Buffer.from(`cursor-${n}-${Math.floor(rng() * 1e6)}`)
        .toString('base64')
        .replace(/=+$/, '');
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
export function insightsJson(
  sample: MetaSample,
  opts: { seed: number; pageSize?: number; days?: SampleDay[]; campaigns?: SampleCampaign[] },
): string {
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
  const o: Record<string, unknown> = {
    id: c.id,
    name: c.name,
    status: c.status,
    objective: c.objective,
    effective_status: c.effectiveStatus,
  };
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

/** A Graph API error response as the extractor would capture it. */
export function graphErrorJson(code: number, subcode: number | null, message: string, type = 'OAuthException'): string {
  const error: Record<string, unknown> = { message, type, code };
  if (subcode !== null) error.error_subcode = subcode;
  error.fbtrace_id = 'AbCdEfGh123';
  return JSON.stringify({ error });
}
