import type { DataSource } from 'typeorm';
import { dialectOf, SqlParams, sumAsText } from '../db/dialect';
import { previousRange as previousOf, type ResolvedDateRange } from '../domain/date-range';
import { divideToDecimal, formatNano } from '../domain/money';
import { AnalyticsError } from '../errors/analytics-error';
import type { DateRange } from './periods';
import { mapPlatform, mapTrack, type PlatformRecord, SELECT, type TrackRecord } from './records';
import { RevenueService } from './revenue.service';

/** What tracks are ranked by: statement units (streams as the stores paid them) or net revenue. */
export const TRACK_METRICS = ['STREAMS', 'NET_REVENUE'] as const;
export type TrackMetric = (typeof TRACK_METRICS)[number];

/**
 * The range a range is compared with: for explicit days the same number of days ending the day
 * before `from`; for a preset its own previous period (the month before PREVIOUS_MONTH, the same
 * span a year earlier for LAST_12_MONTHS and YEAR_TO_DATE, …): see domain/date-range.
 */
export function previousRange(range: ResolvedDateRange): DateRange {
  const { from, to } = previousOf(range);
  return { from, to };
}

/** One platform over a range beside the previous range (see previousRange); amounts and ratios as exact decimals. */
export interface PlatformComparisonRecord {
  platform: PlatformRecord;
  streams: number;
  units: number;
  net: string;
  revenuePerStream: string | null;
  streamShare: string;
  revenueShare: string;
  streamsGrowthPct: string | null;
  revenueGrowthPct: string | null;
}

export interface TrackRankRecord {
  rank: number;
  track: TrackRecord;
  units: number;
  net: string;
}

const NANO = 10n ** 9n;
const growth = (current: bigint, previous: bigint) => (previous === 0n ? null : divideToDecimal((current - previous) * 100n, previous, 2));
const abs = (v: bigint) => (v < 0n ? -v : v);

export interface PlatformFigures {
  platformId: number;
  streams: bigint;
  units: bigint;
  netNano: bigint;
}

/** Streams (daily stream facts of every source) and revenue (statement lines, sale-month basis) per platform. */
export class ComparisonService {
  constructor(private readonly ds: DataSource) {}

  async perPlatform(range: DateRange): Promise<Map<number, PlatformFigures>> {
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const streams: Array<{ platform_id: number; streams: string }> = await this.ds.query(
      `SELECT platform_id, ${sumAsText(d, 'streams')} AS streams FROM streams WHERE date >= ${p.add(range.from)} AND date <= ${p.add(range.to)} GROUP BY platform_id`,
      p.values,
    );
    const revenue = await new RevenueService(this.ds).series(
      { range, dateBasis: 'SALE_MONTH' },
      'YEAR',
      ['PLATFORM'],
      'PERIOD_ASC',
      100_000,
    );
    const out = new Map<number, PlatformFigures>();
    const entry = (id: number) => out.get(id) ?? out.set(id, { platformId: id, streams: 0n, units: 0n, netNano: 0n }).get(id)!;
    for (const s of streams) entry(Number(s.platform_id)).streams += BigInt(s.streams);
    for (const r of revenue) {
      if (r.platformId === null) continue;
      const e = entry(r.platformId);
      e.units += r.quantity;
      e.netNano += r.netNano;
    }
    return out;
  }

  /** Per platform with figures in the range: streams, units, net, shares of the whole and growth versus the previous range; most streamed first. */
  async platformComparison(range: ResolvedDateRange): Promise<PlatformComparisonRecord[]> {
    const [current, previous] = await Promise.all([this.perPlatform(range), this.perPlatform(previousRange(range))]);
    const totalStreams = [...current.values()].reduce((s, f) => s + f.streams, 0n);
    const totalNet = [...current.values()].reduce((s, f) => s + f.netNano, 0n);
    const platforms = await this.platforms([...current.keys()]);
    return [...current.values()]
      .map((f) => {
        const before = previous.get(f.platformId);
        const platform = platforms.get(f.platformId);
        if (!platform) throw new AnalyticsError('ROW_MISSING', 'platform missing');
        return {
          platform,
          streams: Number(f.streams),
          units: Number(f.units),
          net: formatNano(f.netNano),
          revenuePerStream: f.units === 0n ? null : divideToDecimal(f.netNano, f.units * NANO, 8),
          streamShare: divideToDecimal(f.streams, totalStreams, 6) ?? '0.000000',
          // Shares of revenue use the absolute total so a month of net adjustments cannot flip signs.
          revenueShare: divideToDecimal(f.netNano, abs(totalNet), 6) ?? '0.000000',
          streamsGrowthPct: growth(f.streams, before?.streams ?? 0n),
          revenueGrowthPct: growth(f.netNano, before?.netNano ?? 0n),
        };
      })
      .sort((a, b) => b.streams - a.streams || a.platform.code.localeCompare(b.platform.code));
  }

  /** The `first` best tracks by the metric (1 to `maxFirst`), with their rank. */
  async trackRanking(range: DateRange, metric: TrackMetric, first: number, maxFirst: number): Promise<TrackRankRecord[]> {
    if (first < 1 || first > maxFirst) throw new AnalyticsError('PAGE_TOO_LARGE', `\`first\` must be between 1 and ${maxFirst}`);
    const rows = await this.topTracks(range, metric, first);
    const tracks = await this.tracks(rows.map((r) => r.trackId));
    return rows.map((r, i) => {
      const track = tracks.get(r.trackId);
      if (!track) throw new AnalyticsError('ROW_MISSING', 'track missing');
      return { rank: i + 1, track, units: Number(r.units), net: formatNano(r.netNano) };
    });
  }

  private async platforms(ids: number[]): Promise<Map<number, PlatformRecord>> {
    if (!ids.length) return new Map();
    const p = new SqlParams(dialectOf(this.ds));
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT ${SELECT.platform('p')} FROM platforms p WHERE p.id IN (${p.list(ids)})`,
      p.values,
    );
    return new Map(rows.map((r) => [Number(r.id), mapPlatform(r)]));
  }

  private async tracks(ids: number[]): Promise<Map<number, TrackRecord>> {
    if (!ids.length) return new Map();
    const p = new SqlParams(dialectOf(this.ds));
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT ${SELECT.track('t')} FROM tracks t WHERE t.id IN (${p.list(ids)})`,
      p.values,
    );
    return new Map(rows.map((r) => [Number(r.id), mapTrack(r)]));
  }

  /** Tracks ranked by net revenue or by statement units in the range (sale-month basis). */
  async topTracks(
    range: DateRange,
    metric: TrackMetric,
    first: number,
  ): Promise<Array<{ trackId: number; units: bigint; netNano: bigint }>> {
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const rows: Array<{ track_id: number; units: string; net: string }> = await this.ds.query(
      `SELECT track_id, ${sumAsText(d, 'quantity')} AS units, ${sumAsText(d, 'net_nano')} AS net FROM transactions
       WHERE track_id IS NOT NULL AND sale_month >= ${p.add(`${range.from.slice(0, 7)}-01`)} AND sale_month <= ${p.add(range.to)}
       GROUP BY track_id ORDER BY SUM(${metric === 'STREAMS' ? 'quantity' : 'net_nano'}) DESC, track_id LIMIT ${Math.floor(first)}`,
      p.values,
    );
    return rows.map((r) => ({ trackId: Number(r.track_id), units: BigInt(r.units), netNano: BigInt(r.net) }));
  }
}
