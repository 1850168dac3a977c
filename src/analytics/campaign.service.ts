import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams, sumAsText } from '../db/dialect';
import { previousRange } from './comparison.service';
import type { DateRange } from './periods';

export interface CampaignTotals {
  campaignId: number;
  window: DateRange;
  spendNano: bigint;
  impressions: bigint;
  clicks: bigint;
  maxDailyReach: bigint | null;
  linkClicks: bigint;
  postEngagement: bigint;
  viewContent: bigint;
  addToCart: bigint;
  initiateCheckout: bigint;
  purchase: bigint;
}

export interface Attribution {
  target: 'TRACK' | 'ARTIST' | 'NONE';
  streamsDuring: bigint | null;
  streamsBefore: bigint | null;
  revenueDuringNano: bigint | null;
  revenueBeforeNano: bigint | null;
}

const MEASURES = ['spend_nano', 'impressions', 'clicks', 'link_clicks', 'post_engagement', 'view_content', 'add_to_cart', 'initiate_checkout', 'purchase'];
const DAY_MS = 86_400_000;
const days = (r: DateRange) => Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / DAY_MS) + 1;

/** Campaign delivery from the daily table, and what the campaign's track or artist earned around it. */
export class CampaignService {
  constructor(private readonly ds: DataSource) {}

  /** Per campaign, sums over its delivery days in the range (reach: the largest single day, since reach does not add up). */
  async totals(range: DateRange, campaignIds: number[] | null): Promise<CampaignTotals[]> {
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const where = [`date >= ${p.add(range.from)}`, `date <= ${p.add(range.to)}`];
    if (campaignIds) where.push(campaignIds.length ? `campaign_id IN (${p.list(campaignIds)})` : 'false');
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT campaign_id, ${dateText(d, 'MIN(date)')} AS first_day, ${dateText(d, 'MAX(date)')} AS last_day,
         ${MEASURES.map((m) => `${sumAsText(d, m)} AS ${m}`).join(', ')}, CAST(MAX(reach) AS TEXT) AS max_reach
       FROM campaign_daily WHERE ${where.join(' AND ')} GROUP BY campaign_id ORDER BY campaign_id`,
      p.values,
    );
    const big = (v: unknown) => BigInt(String(v ?? 0));
    return rows.map((r) => ({
      campaignId: Number(r.campaign_id),
      window: { from: String(r.first_day), to: String(r.last_day) },
      spendNano: big(r.spend_nano),
      impressions: big(r.impressions),
      clicks: big(r.clicks),
      maxDailyReach: r.max_reach == null ? null : big(r.max_reach),
      linkClicks: big(r.link_clicks),
      postEngagement: big(r.post_engagement),
      viewContent: big(r.view_content),
      addToCart: big(r.add_to_cart),
      initiateCheckout: big(r.initiate_checkout),
      purchase: big(r.purchase),
    }));
  }

  /**
   * Streams and net revenue of the campaign's track (else its artist) during the delivery window and
   * during the window of the same length just before it. Streams come from daily stream facts
   * tagged with that track or artist; revenue from statement lines, each sale month's net spread
   * evenly over its days and counted for the days that fall in the window.
   */
  async attribution(target: { trackId: number | null; artistId: number | null }, window: DateRange): Promise<Attribution> {
    const column = target.trackId !== null ? 'track_id' : target.artistId !== null ? 'artist_id' : null;
    if (!column) return { target: 'NONE', streamsDuring: null, streamsBefore: null, revenueDuringNano: null, revenueBeforeNano: null };
    const id = (target.trackId ?? target.artistId) as number;
    const before = previousRange(window);
    const [streamsDuring, streamsBefore, revenueDuringNano, revenueBeforeNano] = await Promise.all([
      this.streams(column, id, window),
      this.streams(column, id, before),
      this.proratedRevenue(column, id, window),
      this.proratedRevenue(column, id, before),
    ]);
    return { target: column === 'track_id' ? 'TRACK' : 'ARTIST', streamsDuring, streamsBefore, revenueDuringNano, revenueBeforeNano };
  }

  private async streams(column: string, id: number, range: DateRange): Promise<bigint> {
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const rows = await this.ds.query(
      `SELECT ${sumAsText(d, 'streams')} AS n FROM streams WHERE ${column} = ${p.add(id)} AND date >= ${p.add(range.from)} AND date <= ${p.add(range.to)}`,
      p.values,
    );
    return BigInt(rows[0].n);
  }

  private async proratedRevenue(column: string, id: number, range: DateRange): Promise<bigint> {
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const rows: Array<{ month: string; net: string }> = await this.ds.query(
      `SELECT ${dateText(d, 'sale_month')} AS month, ${sumAsText(d, 'net_nano')} AS net FROM transactions
       WHERE ${column} = ${p.add(id)} AND sale_month >= ${p.add(`${range.from.slice(0, 7)}-01`)} AND sale_month <= ${p.add(range.to)}
       GROUP BY sale_month`,
      p.values,
    );
    let total = 0n;
    for (const r of rows) {
      const [y, m] = r.month.split('-').map(Number);
      const monthRange = { from: r.month.slice(0, 10), to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
      const overlap = { from: monthRange.from > range.from ? monthRange.from : range.from, to: monthRange.to < range.to ? monthRange.to : range.to };
      if (overlap.from > overlap.to) continue;
      // Exact to the nano-unit: multiply first, divide once.
      total += (BigInt(r.net) * BigInt(days(overlap))) / BigInt(days(monthRange));
    }
    return total;
  }
}
