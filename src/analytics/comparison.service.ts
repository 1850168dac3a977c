import type { DataSource } from 'typeorm';
import { dialectOf, SqlParams, sumAsText } from '../db/dialect';
import type { DateRange } from './periods';
import { RevenueService } from './revenue.service';

const DAY_MS = 86_400_000;

/** The range of the same length that ends the day before `range` starts. */
export function previousRange(range: DateRange): DateRange {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(from - (to - from) - DAY_MS), to: iso(from - DAY_MS) };
}

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
    const revenue = await new RevenueService(this.ds).series({ range, dateBasis: 'SALE_MONTH' }, 'YEAR', ['PLATFORM'], 'PERIOD_ASC', 100_000);
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

  /** Tracks ranked by net revenue or by statement units in the range (sale-month basis). */
  async topTracks(range: DateRange, metric: 'STREAMS' | 'NET_REVENUE', first: number): Promise<Array<{ trackId: number; units: bigint; netNano: bigint }>> {
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
