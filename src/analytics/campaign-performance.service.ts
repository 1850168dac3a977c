import type { DataSource } from 'typeorm';
import { dialectOf, SqlParams } from '../db/dialect';
import { divideToDecimal, formatNano } from '../domain/money';
import type { CampaignEvents } from '../entities/campaign-metrics';
import { AnalyticsError } from '../errors/analytics-error';
import type { SpendBasis } from './campaign-basis';
import {
  type AttributionTarget,
  type CampaignFigures,
  CampaignService,
  type CampaignSnapshotRecord,
  type CampaignTotals,
  type SnapshotGrain,
} from './campaign.service';
import type { CampaignDayRecord } from './dataloaders';
import type { DateRange } from './periods';
import { type CampaignRecord, mapCampaign, SELECT } from './records';

const NANO = 10n ** 9n;

/** Spend as an exact decimal, counts, and the cost ratios (4 and 6 decimals; null without a denominator). */
export interface DeliveryFigures {
  spend: string;
  impressions: number;
  clicks: number;
  cpc: string | null;
  cpm: string | null;
  ctr: string | null;
}

export interface CampaignDayFigures extends DeliveryFigures {
  date: string;
  reach: number | null;
  events: CampaignEvents<number>;
}

export interface CampaignSnapshotFigures {
  asOf: string;
  since: string;
  spend: string;
  impressions: number;
  clicks: number;
  reach: number | null;
  currency: string | null;
  grain: SnapshotGrain;
  adsetCount: number | null;
  capturedAt: Date;
}

export interface CampaignPerformanceRecord {
  campaign: CampaignRecord;
  coverage: { basis: SpendBasis; from: string | null; to: string | null; note: string | null };
  spend: string | null;
  impressions: number | null;
  clicks: number | null;
  cpc: string | null;
  cpm: string | null;
  ctr: string | null;
  reach: number | null;
  events: CampaignEvents<number> | null;
  attribution: {
    target: AttributionTarget;
    windowStart: string;
    windowEnd: string;
    streamsDuring: number | null;
    streamsBefore: number | null;
    streamsUplift: number | null;
    revenueDuring: string | null;
    revenueBefore: string | null;
    revenueUplift: string | null;
    roi: string | null;
  };
}

export interface CampaignPerformanceFilter {
  campaignIds?: number[] | null;
  artistId?: number | null;
  trackId?: number | null;
}

function delivery(m: Pick<CampaignTotals, 'spendNano' | 'impressions' | 'clicks'>): DeliveryFigures {
  return {
    spend: formatNano(m.spendNano),
    impressions: Number(m.impressions),
    clicks: Number(m.clicks),
    cpc: divideToDecimal(m.spendNano, m.clicks * NANO, 4),
    cpm: divideToDecimal(m.spendNano * 1000n, m.impressions * NANO, 4),
    ctr: divideToDecimal(m.clicks, m.impressions, 6),
  };
}

/** Spend, counts and ratios of a figure that may be unknown (PARTIAL): every one null then, never 0. */
function figureDelivery(f: CampaignFigures) {
  if (f.spendNano === null || f.impressions === null || f.clicks === null)
    return { spend: null, impressions: null, clicks: null, cpc: null, cpm: null, ctr: null };
  return delivery({ spendNano: f.spendNano, impressions: f.impressions, clicks: f.clicks });
}

function events(m: CampaignEvents<bigint>): CampaignEvents<number> {
  return {
    linkClicks: Number(m.linkClicks),
    postEngagement: Number(m.postEngagement),
    viewContent: Number(m.viewContent),
    addToCart: Number(m.addToCart),
    initiateCheckout: Number(m.initiateCheckout),
    purchase: Number(m.purchase),
  };
}

/** One day of a campaign as the API shows it. */
export function campaignDayFigures(m: CampaignDayRecord): CampaignDayFigures {
  return { date: m.date, ...delivery(m), reach: m.reach === null ? null : Number(m.reach), events: events(m) };
}

/** A cumulative snapshot as the API shows it, in the campaign's currency when known. */
export function snapshotFigures(s: CampaignSnapshotRecord, currency: string | null): CampaignSnapshotFigures {
  return {
    asOf: s.asOf,
    since: s.since,
    spend: formatNano(s.spendNano),
    impressions: Number(s.impressions),
    clicks: Number(s.clicks),
    reach: s.reach === null ? null : Number(s.reach),
    currency,
    grain: s.grain,
    adsetCount: s.adsetCount,
    capturedAt: s.capturedAt,
  };
}

/** Campaigns over a range: delivery on one basis, ratios, events, and the results attributed to them. */
export class CampaignPerformanceService {
  private readonly campaigns: CampaignService;

  constructor(private readonly ds: DataSource) {
    this.campaigns = new CampaignService(ds);
  }

  async performance(range: DateRange, filter: CampaignPerformanceFilter): Promise<CampaignPerformanceRecord[]> {
    const figures = await this.campaigns.performance(range, await this.campaignIds(filter));
    const byId = await this.byIds(figures.map((f) => f.campaignId));
    const campaigns = figures.map((f) => {
      const c = byId.get(f.campaignId);
      if (!c) throw new AnalyticsError('ROW_MISSING', `campaign ${f.campaignId} missing`);
      return c;
    });
    const attributions = await this.campaigns.attribution(
      campaigns.map((c, i) => ({ trackId: c.trackId, artistId: c.artistId, window: figures[i].window })),
    );
    return figures.map((f, i) => {
      const a = attributions[i];
      const revenueUplift = a.revenueDuringNano === null || a.revenueBeforeNano === null ? null : a.revenueDuringNano - a.revenueBeforeNano;
      const streamsUplift = a.streamsDuring === null || a.streamsBefore === null ? null : a.streamsDuring - a.streamsBefore;
      // ROI uses the spend of the basis; PARTIAL has none, so no ROI (coverage.note says why).
      const spend = f.spendNano;
      return {
        campaign: campaigns[i],
        coverage: { basis: f.basis, from: f.covered?.from ?? null, to: f.covered?.to ?? null, note: f.note },
        ...figureDelivery(f),
        reach: f.reach === null ? null : Number(f.reach),
        events: f.events === null ? null : events(f.events),
        attribution: {
          target: a.target,
          windowStart: f.window.from,
          windowEnd: f.window.to,
          streamsDuring: a.streamsDuring === null ? null : Number(a.streamsDuring),
          streamsBefore: a.streamsBefore === null ? null : Number(a.streamsBefore),
          streamsUplift: streamsUplift === null ? null : Number(streamsUplift),
          revenueDuring: a.revenueDuringNano === null ? null : formatNano(a.revenueDuringNano),
          revenueBefore: a.revenueBeforeNano === null ? null : formatNano(a.revenueBeforeNano),
          revenueUplift: revenueUplift === null ? null : formatNano(revenueUplift),
          roi: revenueUplift === null || spend === null || spend === 0n ? null : divideToDecimal(revenueUplift - spend, spend, 4),
        },
      };
    });
  }

  /** The campaigns the filter names (null: all), narrowed to those of an artist or track when asked. */
  private async campaignIds(filter: CampaignPerformanceFilter): Promise<number[] | null> {
    let ids = filter.campaignIds ?? null;
    if (filter.artistId || filter.trackId) {
      const p = new SqlParams(dialectOf(this.ds));
      const cond = [
        filter.artistId ? `artist_id = ${p.add(filter.artistId)}` : '',
        filter.trackId ? `track_id = ${p.add(filter.trackId)}` : '',
      ].filter(Boolean);
      const rows: Array<{ id: number }> = await this.ds.query(`SELECT id FROM campaigns WHERE ${cond.join(' AND ')}`, p.values);
      const matching = rows.map((r) => Number(r.id));
      ids = ids ? ids.filter((id) => matching.includes(id)) : matching;
    }
    return ids;
  }

  private async byIds(ids: number[]): Promise<Map<number, CampaignRecord>> {
    if (!ids.length) return new Map();
    const p = new SqlParams(dialectOf(this.ds));
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT ${SELECT.campaign('c')} FROM campaigns c WHERE c.id IN (${p.list([...new Set(ids)])})`,
      p.values,
    );
    return new Map(rows.map((r) => [Number(r.id), mapCampaign(r)]));
  }
}
