import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { dateText, dialectOf, SqlParams } from '../../db/dialect';
import { AnomaliesService, type AnomalyRecord } from './anomalies.service';
import { ANOMALY_METRICS, type AnomalyMetric } from './anomaly-sources';
import { addDays } from '../../domain/calendar';
import { metricValueText } from './metric-units';
import { isoText } from './timestamps';

/**
 * What some committed loads changed that is worth telling someone about: the anomalies now found
 * on the days they wrote, and the days they restated. Read after the loads' transactions commit.
 */

/** Where each metric's rows record the file that wrote them (the newest capture of the row), and their day. */
const WRITTEN_BY: Record<AnomalyMetric, { source: string; from: string; day: string; file: string; filter?: string }> = {
  STREAMS: { source: 's.source', from: 'streams s', day: 's.date', file: 's.source_file_id' },
  VIEWS: { source: "'tiktok'", from: 'social_daily v', day: 'v.date', file: 'v.source_file_id' },
  SPEND: {
    source: "'meta_ads'",
    from: 'campaign_daily cd',
    day: 'cd.date',
    file: 'cd.source_file_id',
    filter: 'cd.spend_nano IS NOT NULL',
  },
  NET_REVENUE: { source: 't.source', from: 'transactions t', day: 't.sale_month', file: 't.source_file_id' },
};

/** The days (months for NET_REVENUE) of one metric and service that the loads wrote, first and last inclusive. */
export interface LoadedPeriod {
  metric: AnomalyMetric;
  source: string;
  from: string;
  to: string;
}

const dayOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

export async function loadedPeriods(ds: DataSource, sourceFileIds: readonly number[]): Promise<LoadedPeriod[]> {
  if (!sourceFileIds.length) return [];
  const out: LoadedPeriod[] = [];
  for (const metric of ANOMALY_METRICS) {
    const d = dialectOf(ds);
    const p = new SqlParams(d);
    const w = WRITTEN_BY[metric];
    const rows: Array<{ source: string; first_day: unknown; last_day: unknown }> = await ds.query(
      `SELECT ${w.source} AS source, ${dateText(d, `MIN(${w.day})`)} AS first_day, ${dateText(d, `MAX(${w.day})`)} AS last_day
        FROM ${w.from} WHERE ${w.file} IN (${p.list(sourceFileIds)})${w.filter ? ` AND ${w.filter}` : ''} GROUP BY 1`,
      p.values,
    );
    for (const r of rows) out.push({ metric, source: r.source, from: dayOf(r.first_day), to: dayOf(r.last_day) });
  }
  return out;
}

/**
 * Departures (SPIKE, DROP, ZERO) of each service's total on the days the loads wrote, leaving out
 * days more than `maxAgeDays` before the newest loaded capture (a history backfill, or an old day
 * a capture restated, stays quiet; restated days are reported by restatementsOfLoads).
 */
export async function anomaliesOfLoads(
  ds: DataSource,
  limits: AppConfig['limits'],
  sourceFileIds: readonly number[],
  maxAgeDays: number,
): Promise<AnomalyRecord[]> {
  if (!sourceFileIds.length) return [];
  const d = dialectOf(ds);
  const p = new SqlParams(d);
  const [newest]: Array<{ at: string | null }> = await ds.query(
    `SELECT MAX(${isoText(d, 'extracted_at')}) AS at FROM source_files WHERE id IN (${p.list(sourceFileIds)})`,
    p.values,
  );
  if (!newest?.at) return [];
  const earliest = addDays(newest.at.slice(0, 10), -maxAgeDays);
  const service = new AnomaliesService(ds, limits);
  const out: AnomalyRecord[] = [];
  for (const period of await loadedPeriods(ds, sourceFileIds)) {
    // Months are judged whole: the month of the earliest day counts.
    const from = period.metric === 'NET_REVENUE' ? `${earliest.slice(0, 7)}-01` : earliest;
    if (period.to < from) continue;
    const found = await service.find({ from: period.from > from ? period.from : from, to: period.to }, period.metric, []);
    out.push(...found.filter((a) => a.source === period.source && a.kind !== 'RESTATED'));
  }
  return out;
}

/** One day of one metric and service restated by one loaded file: the day's totals before and after. */
export interface LoadRestatement {
  source: string;
  metric: string;
  table: string;
  date: string;
  /** Sums over the day's restated rows, as exact decimals in the metric's unit (money in currency units). */
  oldTotal: string;
  newTotal: string;
  /** Restated rows of the day (platforms, tracks, accounts…). */
  rows: number;
  newSourceFileId: number;
  newSourceFile: string;
  newCapturedAt: string;
  oldCapturedAt: string;
}

export interface RestatementThresholds {
  /** Relative change, in percent of the old total, from which a restatement counts as large. */
  minPercent: number;
  /** Absolute change, in the metric's unit, from which it counts as large. */
  minChange: number;
}

/** Whether a restated day's change reaches either threshold (a day whose old total was zero only by the absolute one). */
export function isLargeRestatement(r: Pick<LoadRestatement, 'oldTotal' | 'newTotal'>, t: RestatementThresholds): boolean {
  const before = Number(r.oldTotal);
  const change = Math.abs(Number(r.newTotal) - before);
  if (change === 0) return false;
  return change >= t.minChange || (before !== 0 && (change / Math.abs(before)) * 100 >= t.minPercent);
}

/** The restatements the loads recorded, summed per day, metric and loaded file; earliest day first. */
export async function restatementsOfLoads(ds: DataSource, sourceFileIds: readonly number[]): Promise<LoadRestatement[]> {
  if (!sourceFileIds.length) return [];
  const d = dialectOf(ds);
  const p = new SqlParams(d);
  const rows: Array<Record<string, unknown>> = await ds.query(
    `SELECT r.source, r.metric, r.table_name, ${dateText(d, 'r.date')} AS day, r.new_source_file_id,
        CAST(SUM(COALESCE(r.old_value, 0)) AS TEXT) AS old_total, CAST(SUM(COALESCE(r.new_value, 0)) AS TEXT) AS new_total, COUNT(*) AS n,
        MIN(${isoText(d, 'r.old_extracted_at')}) AS old_at, MAX(${isoText(d, 'r.new_extracted_at')}) AS new_at, MAX(f.original_name) AS new_file
      FROM restatements r LEFT JOIN source_files f ON f.id = r.new_source_file_id
      WHERE r.new_source_file_id IN (${p.list(sourceFileIds)})
      GROUP BY r.source, r.metric, r.table_name, r.date, r.new_source_file_id
      ORDER BY r.date, r.metric`,
    p.values,
  );
  return rows.map((r) => ({
    source: String(r.source),
    metric: String(r.metric),
    table: String(r.table_name),
    date: String(r.day),
    oldTotal: metricValueText(String(r.metric), BigInt(String(r.old_total))),
    newTotal: metricValueText(String(r.metric), BigInt(String(r.new_total))),
    rows: Number(r.n),
    newSourceFileId: Number(r.new_source_file_id),
    newSourceFile: String(r.new_file ?? ''),
    newCapturedAt: String(r.new_at),
    oldCapturedAt: String(r.old_at),
  }));
}
