import type { DataSource } from 'typeorm';
import { dateText, type Dialect, dialectOf, SqlParams, sumAsText } from '../db/dialect';
import { ADDITIVE_CAMPAIGN_MEASURE_COLUMNS, type CampaignEvents } from '../entities/campaign-metrics';
import { type BasisDecision, decideBasis, type Snapshot, snapshotSpan, type SpendBasis } from './campaign-basis';
import { previousRange } from './comparison.service';
import type { DateRange } from './periods';

/** The campaign_daily measures that add up over days (ADDITIVE_CAMPAIGN_MEASURE_COLUMNS), as exact integers. */
export interface CampaignMeasureSums extends CampaignEvents<bigint> {
  spendNano: bigint;
  impressions: bigint;
  clicks: bigint;
}

export interface CampaignTotals extends CampaignMeasureSums {
  campaignId: number;
  window: DateRange;
  maxDailyReach: bigint | null;
}

const big = (v: unknown) => BigInt(String(v ?? 0));

/** The additive measures of a row that selected ADDITIVE_CAMPAIGN_MEASURE_COLUMNS under their own names. */
export function measureSumsOf(r: Record<string, unknown>): CampaignMeasureSums {
  return {
    spendNano: big(r.spend_nano),
    impressions: big(r.impressions),
    clicks: big(r.clicks),
    linkClicks: big(r.link_clicks),
    postEngagement: big(r.post_engagement),
    viewContent: big(r.view_content),
    addToCart: big(r.add_to_cart),
    initiateCheckout: big(r.initiate_checkout),
    purchase: big(r.purchase),
  };
}

/** A campaign's figures for a range on one basis (see campaign-basis.ts); null figures when the basis has none. */
export interface CampaignFigures {
  campaignId: number;
  basis: SpendBasis;
  /** The days the figures describe; null for PARTIAL. */
  covered: DateRange | null;
  /** The delivery window results are attributed over: `covered`, else the range cut to the snapshots' span. */
  window: DateRange;
  note: string | null;
  spendNano: bigint | null;
  impressions: bigint | null;
  clicks: bigint | null;
  /** DAILY: the largest single-day reach; SNAPSHOT: unique reach since the campaign's start, when stated; else null. */
  reach: bigint | null;
  /** Pixel events: daily figures only (dumps carry none). */
  events: CampaignEvents<bigint> | null;
}

/** The rows a Meta dump held for a campaign: one campaign-level row, or its ad sets' rows. */
export const SNAPSHOT_GRAINS = ['campaign', 'adset'] as const;
export type SnapshotGrain = (typeof SNAPSHOT_GRAINS)[number];

/** A campaign's snapshot as the API shows it. */
export interface CampaignSnapshotRecord extends Snapshot {
  campaignId: number;
  grain: SnapshotGrain;
  adsetCount: number | null;
  capturedAt: Date;
}

/** What attributed results are measured on: the campaign's track, else its artist, else nothing. */
export const ATTRIBUTION_TARGETS = ['TRACK', 'ARTIST', 'NONE'] as const;
export type AttributionTarget = (typeof ATTRIBUTION_TARGETS)[number];

export interface Attribution {
  target: AttributionTarget;
  streamsDuring: bigint | null;
  streamsBefore: bigint | null;
  revenueDuringNano: bigint | null;
  revenueBeforeNano: bigint | null;
}

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
         ${ADDITIVE_CAMPAIGN_MEASURE_COLUMNS.map((m) => `${sumAsText(d, m)} AS ${m}`).join(', ')}, CAST(MAX(reach) AS TEXT) AS max_reach
       FROM campaign_daily WHERE ${where.join(' AND ')} GROUP BY campaign_id ORDER BY campaign_id`,
      p.values,
    );
    return rows.map((r) => ({
      campaignId: Number(r.campaign_id),
      window: { from: String(r.first_day), to: String(r.last_day) },
      ...measureSumsOf(r),
      maxDailyReach: r.max_reach == null ? null : big(r.max_reach),
    }));
  }

  /**
   * Per campaign with something to say about the range, its figures on one basis: daily sums where
   * daily figures cover the range, else snapshot differences, else PARTIAL with no figures. Three
   * statements whatever the number of campaigns: daily sums in the range, the snapshots of
   * campaigns whose snapshot span meets the range, and those campaigns' daily spans.
   */
  async performance(range: DateRange, campaignIds: number[] | null): Promise<CampaignFigures[]> {
    const [totals, snapshots] = await Promise.all([this.totals(range, campaignIds), this.snapshotsMeeting(range, campaignIds)]);
    const spans = await this.dailySpans([...snapshots.keys()]);
    const dailyById = new Map(totals.map((t) => [t.campaignId, t]));
    const ids = [...new Set([...dailyById.keys(), ...snapshots.keys()])].sort((a, b) => a - b);
    const out: CampaignFigures[] = [];
    for (const id of ids) {
      const daily = dailyById.get(id);
      const own = snapshots.get(id) ?? [];
      const decision = decideBasis(range, daily !== undefined, spans.get(id) ?? null, own);
      if (decision !== null) out.push(figuresOf(id, range, decision, daily, own));
    }
    return out;
  }

  /** Every snapshot of the campaigns whose since…as-of span meets the range, oldest first. */
  private async snapshotsMeeting(range: DateRange, campaignIds: number[] | null): Promise<Map<number, CampaignSnapshotRecord[]>> {
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const filter = campaignIds ? (campaignIds.length ? `AND campaign_id IN (${p.list(campaignIds)})` : 'AND false') : '';
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT ${snapshotColumns(d)} FROM campaign_snapshots WHERE campaign_id IN (
         SELECT campaign_id FROM campaign_snapshots WHERE 1 = 1 ${filter}
         GROUP BY campaign_id HAVING MIN(since) <= ${p.add(range.to)} AND MAX(as_of) >= ${p.add(range.from)})
       ORDER BY campaign_id, as_of`,
      p.values,
    );
    const out = new Map<number, CampaignSnapshotRecord[]>();
    for (const r of rows.map(mapSnapshot)) out.set(r.campaignId, [...(out.get(r.campaignId) ?? []), r]);
    return out;
  }

  /** First and last day of each campaign's daily figures, all time. */
  private async dailySpans(campaignIds: number[]): Promise<Map<number, DateRange>> {
    if (campaignIds.length === 0) return new Map();
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const rows: Array<{ campaign_id: number | string; first_day: string; last_day: string }> = await this.ds.query(
      `SELECT campaign_id, ${dateText(d, 'MIN(date)')} AS first_day, ${dateText(d, 'MAX(date)')} AS last_day FROM campaign_daily
       WHERE campaign_id IN (${p.list(campaignIds)}) GROUP BY campaign_id`,
      p.values,
    );
    return new Map(rows.map((r) => [Number(r.campaign_id), { from: String(r.first_day), to: String(r.last_day) }]));
  }

  /**
   * Streams and net revenue of each campaign's track (else its artist) during its delivery window
   * and during the window of the same length just before it. Streams come from daily stream facts
   * tagged with that track or artist; revenue from statement lines, each sale month's net spread
   * evenly over its days and counted for the days that fall in the window. Two statements for any
   * number of campaigns: the daily streams and the monthly revenue of every target involved.
   */
  async attribution(campaigns: Array<{ trackId: number | null; artistId: number | null; window: DateRange }>): Promise<Attribution[]> {
    const targets = campaigns.map((c) =>
      c.trackId !== null ? { column: 'track_id', id: c.trackId } : c.artistId !== null ? { column: 'artist_id', id: c.artistId } : null,
    );
    const windows = campaigns.map((c) => ({ during: c.window, before: previousRange(c.window) }));
    const ids = (column: string) => [...new Set(targets.filter((t) => t?.column === column).map((t) => t!.id))];
    const span = windows.length
      ? {
          from: windows.map((w) => w.before.from).sort()[0],
          to: windows
            .map((w) => w.during.to)
            .sort()
            .reverse()[0],
        }
      : null;
    const [streams, revenue] = span
      ? await Promise.all([
          this.dailyStreams(ids('track_id'), ids('artist_id'), span),
          this.monthlyRevenue(ids('track_id'), ids('artist_id'), span),
        ])
      : [[], []];
    return targets.map((target, i) => {
      if (!target) return { target: 'NONE', streamsDuring: null, streamsBefore: null, revenueDuringNano: null, revenueBeforeNano: null };
      const mine = <R extends { column: string; id: number }>(rows: R[]) =>
        rows.filter((r) => r.column === target.column && r.id === target.id);
      const streamsIn = (range: DateRange) =>
        mine(streams)
          .filter((r) => r.date >= range.from && r.date <= range.to)
          .reduce((sum, r) => sum + r.streams, 0n);
      const revenueIn = (range: DateRange) => mine(revenue).reduce((sum, r) => sum + prorate(r.month, r.netNano, range), 0n);
      return {
        target: target.column === 'track_id' ? 'TRACK' : 'ARTIST',
        streamsDuring: streamsIn(windows[i].during),
        streamsBefore: streamsIn(windows[i].before),
        revenueDuringNano: revenueIn(windows[i].during),
        revenueBeforeNano: revenueIn(windows[i].before),
      };
    });
  }

  private async dailyStreams(
    trackIds: number[],
    artistIds: number[],
    span: DateRange,
  ): Promise<Array<{ column: string; id: number; date: string; streams: bigint }>> {
    const d = dialectOf(this.ds);
    const out: Array<{ column: string; id: number; date: string; streams: bigint }> = [];
    const p = new SqlParams(d);
    const parts = [
      trackIds.length
        ? `SELECT 'track_id' AS col, track_id AS id, ${dateText(d, 'date')} AS date, ${sumAsText(d, 'streams')} AS n FROM streams
         WHERE track_id IN (${p.list(trackIds)}) AND date >= ${p.add(span.from)} AND date <= ${p.add(span.to)} GROUP BY track_id, date`
        : '',
      artistIds.length
        ? `SELECT 'artist_id' AS col, artist_id AS id, ${dateText(d, 'date')} AS date, ${sumAsText(d, 'streams')} AS n FROM streams
         WHERE artist_id IN (${p.list(artistIds)}) AND date >= ${p.add(span.from)} AND date <= ${p.add(span.to)} GROUP BY artist_id, date`
        : '',
    ].filter(Boolean);
    if (!parts.length) return out;
    const rows: Array<{ col: string; id: number; date: string; n: string }> = await this.ds.query(parts.join(' UNION ALL '), p.values);
    for (const r of rows) out.push({ column: r.col, id: Number(r.id), date: String(r.date), streams: BigInt(r.n) });
    return out;
  }

  private async monthlyRevenue(
    trackIds: number[],
    artistIds: number[],
    span: DateRange,
  ): Promise<Array<{ column: string; id: number; month: string; netNano: bigint }>> {
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const from = `${span.from.slice(0, 7)}-01`;
    const parts = [
      trackIds.length
        ? `SELECT 'track_id' AS col, track_id AS id, ${dateText(d, 'sale_month')} AS month, ${sumAsText(d, 'net_nano')} AS net FROM transactions
         WHERE track_id IN (${p.list(trackIds)}) AND sale_month >= ${p.add(from)} AND sale_month <= ${p.add(span.to)} GROUP BY track_id, sale_month`
        : '',
      artistIds.length
        ? `SELECT 'artist_id' AS col, artist_id AS id, ${dateText(d, 'sale_month')} AS month, ${sumAsText(d, 'net_nano')} AS net FROM transactions
         WHERE artist_id IN (${p.list(artistIds)}) AND sale_month >= ${p.add(from)} AND sale_month <= ${p.add(span.to)} GROUP BY artist_id, sale_month`
        : '',
    ].filter(Boolean);
    if (!parts.length) return [];
    const rows: Array<{ col: string; id: number; month: string; net: string }> = await this.ds.query(parts.join(' UNION ALL '), p.values);
    return rows.map((r) => ({ column: r.col, id: Number(r.id), month: String(r.month), netNano: BigInt(r.net) }));
  }
}

/** A sale month's net spread evenly over its days, for the days that fall in `range` (exact: multiply first, divide once). */
function prorate(month: string, netNano: bigint, range: DateRange): bigint {
  const [y, m] = month.split('-').map(Number);
  const monthRange = { from: month.slice(0, 10), to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
  const overlap = {
    from: monthRange.from > range.from ? monthRange.from : range.from,
    to: monthRange.to < range.to ? monthRange.to : range.to,
  };
  if (overlap.from > overlap.to) return 0n;
  return (netNano * BigInt(days(overlap))) / BigInt(days(monthRange));
}

/** The columns mapSnapshot reads, with dates and the capture time as text formatted by the database (no driver time zone involved). */
export function snapshotColumns(d: Dialect): string {
  const captured = d === 'postgres' ? `to_char(extracted_at, 'YYYY-MM-DD"T"HH24:MI:SS')` : `strftime('%Y-%m-%dT%H:%M:%S', extracted_at)`;
  return `campaign_id, ${dateText(d, 'as_of')} AS as_of, ${dateText(d, 'since')} AS since, grain, adset_count, CAST(spend_nano AS TEXT) AS spend_nano,
    CAST(impressions AS TEXT) AS impressions, CAST(clicks AS TEXT) AS clicks, CAST(reach AS TEXT) AS reach, ${captured} AS captured_at`;
}

export function mapSnapshot(r: Record<string, unknown>): CampaignSnapshotRecord {
  return {
    campaignId: Number(r.campaign_id),
    asOf: String(r.as_of),
    since: String(r.since),
    grain: r.grain === 'adset' ? 'adset' : 'campaign',
    adsetCount: r.adset_count == null ? null : Number(r.adset_count),
    spendNano: BigInt(String(r.spend_nano)),
    impressions: BigInt(String(r.impressions)),
    clicks: BigInt(String(r.clicks)),
    reach: r.reach == null ? null : BigInt(String(r.reach)),
    capturedAt: new Date(`${String(r.captured_at)}Z`),
  };
}

function figuresOf(
  campaignId: number,
  range: DateRange,
  decision: BasisDecision,
  daily: CampaignTotals | undefined,
  snapshots: readonly Snapshot[],
): CampaignFigures {
  const base = { campaignId, basis: decision.basis, note: decision.note };
  if (decision.basis === 'DAILY') {
    // No daily row in the range while the daily span covers it: the campaign did not deliver then.
    const window = daily?.window ?? snapshotSpan(range, snapshots) ?? range;
    const zero = 0n;
    return {
      ...base,
      covered: window,
      window,
      spendNano: daily?.spendNano ?? zero,
      impressions: daily?.impressions ?? zero,
      clicks: daily?.clicks ?? zero,
      reach: daily?.maxDailyReach ?? null,
      events: {
        linkClicks: daily?.linkClicks ?? zero,
        postEngagement: daily?.postEngagement ?? zero,
        viewContent: daily?.viewContent ?? zero,
        addToCart: daily?.addToCart ?? zero,
        initiateCheckout: daily?.initiateCheckout ?? zero,
        purchase: daily?.purchase ?? zero,
      },
    };
  }
  if (decision.basis === 'SNAPSHOT') {
    const m = decision.snapshotMeasures!;
    return {
      ...base,
      covered: decision.covered,
      window: decision.covered!,
      spendNano: m.spendNano,
      impressions: m.impressions,
      clicks: m.clicks,
      reach: decision.snapshotReach,
      events: null,
    };
  }
  return {
    ...base,
    covered: null,
    window: snapshotSpan(range, snapshots) ?? range,
    spendNano: null,
    impressions: null,
    clicks: null,
    reach: null,
    events: null,
  };
}
