/**
 * The measures Meta reports for a campaign (daily or over a period), parsed from the strings the
 * Graph API and Ads Manager hand out. Money is exact (nano-units); counts are integers. Empty
 * cells and `NaN` are ordinary input meaning "no value"; anything else that is not a number is
 * an error, never a guess (a decimal comma such as `3,41` is rejected rather than read as 341).
 */
import { parseDecimalToNano } from '../../domain/money';
import type { CampaignEvents } from '../../entities/campaign-metrics';
import { parseWholeNumber } from '../common/amounts';

export interface Measures extends CampaignEvents<number> {
  spendNano: bigint;
  impressions: number;
  clicks: number;
  /** Unique people reached: not additive, so null whenever it is unknown or would have to be summed. */
  reach: number | null;
}

export type CountKey = keyof CampaignEvents<number>;

/**
 * The `actions` types we keep and the column each feeds. Other types (omni_purchase,
 * landing_page_view, video_view, …) overlap these or are not tracked, so they are ignored:
 * counting `purchase` and `omni_purchase` together would double count.
 */
export const ACTION_COLUMNS: ReadonlyMap<string, CountKey> = new Map([
  ['link_click', 'linkClicks'],
  ['post_engagement', 'postEngagement'],
  ['offsite_conversion.fb_pixel_view_content', 'viewContent'],
  ['offsite_conversion.fb_pixel_add_to_cart', 'addToCart'],
  ['offsite_conversion.fb_pixel_initiate_checkout', 'initiateCheckout'],
  ['offsite_conversion.fb_pixel_purchase', 'purchase'],
]);

/** The values of `m` in the order of CAMPAIGN_MEASURE_COLUMNS. */
export function measureValues(m: Measures): Array<string | number | null> {
  return [
    m.spendNano.toString(),
    m.impressions,
    m.clicks,
    m.reach,
    m.linkClicks,
    m.postEngagement,
    m.viewContent,
    m.addToCart,
    m.initiateCheckout,
    m.purchase,
  ];
}

export function zeroMeasures(): Measures {
  return {
    spendNano: 0n,
    impressions: 0,
    clicks: 0,
    reach: null,
    linkClicks: 0,
    postEngagement: 0,
    viewContent: 0,
    addToCart: 0,
    initiateCheckout: 0,
    purchase: 0,
  };
}

/**
 * Adds the additive measures of `b` into `a`. Reach cannot be added: the result has no reach,
 * which is what an aggregate of several ad sets' or ads' rows honestly knows.
 */
export function addMeasures(a: Measures, b: Measures): Measures {
  return {
    spendNano: a.spendNano + b.spendNano,
    impressions: a.impressions + b.impressions,
    clicks: a.clicks + b.clicks,
    reach: null,
    linkClicks: a.linkClicks + b.linkClicks,
    postEngagement: a.postEngagement + b.postEngagement,
    viewContent: a.viewContent + b.viewContent,
    addToCart: a.addToCart + b.addToCart,
    initiateCheckout: a.initiateCheckout + b.initiateCheckout,
    purchase: a.purchase + b.purchase,
  };
}

const PLAIN_DECIMAL_RE = /^[+-]?\d+(?:\.\d+)?$/;
const GROUPED_DECIMAL_RE = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** True for the spellings of "no value" exports use. */
export function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v !== 'string') return false;
  const t = v.trim();
  return t === '' || t.toLowerCase() === 'nan';
}

/** Money as nano-units; undefined when `v` is not a decimal amount (null when it is blank). */
export function parseMoney(v: unknown): bigint | null | undefined {
  if (isBlank(v)) return null;
  // A JSON number is accepted only when its shortest form is a plain decimal (no exponent).
  const t = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : typeof v === 'string' ? v.trim() : '';
  if (!PLAIN_DECIMAL_RE.test(t) && !GROUPED_DECIMAL_RE.test(t)) return undefined;
  return parseDecimalToNano(t) ?? undefined;
}

/** A non-negative integer count; undefined when `v` is not one (null when it is blank). */
export function parseCount(v: unknown): number | null | undefined {
  if (isBlank(v)) return null;
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  return parseWholeNumber(v.trim()) ?? undefined;
}
