import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { dateText, dialectOf, SqlParams } from '../../db/dialect';
import { formatNano } from '../../domain/money';
import { pageSize } from '../pagination';
import { type DateRange, validateRange } from '../periods';
import { type AnomalyDimension, type AnomalyMetric, METRIC_SOURCES, type MetricSource } from './anomaly-sources';
import { addDays, addMonths } from '../../domain/calendar';
import { type AnomalyKind, judge, ROBUST_Z_THRESHOLD } from './robust-baseline';
import { isoText } from './timestamps';

/** Daily values are compared with the same weekday of the previous 8 weeks; months with the previous 12. */
export const DAILY_HISTORY_WEEKS = 8;
export const MONTHLY_HISTORY_MONTHS = 12;
/** Fewer comparable past values than this: no judgement. */
export const MIN_HISTORY = 4;
/** Most anomalies one question returns. */
export const MAX_ANOMALIES = 1_000;

/** Whether a value is above (UP) or below (DOWN) what was expected. */
export const ANOMALY_DIRECTIONS = ['UP', 'DOWN'] as const;
export type AnomalyDirection = (typeof ANOMALY_DIRECTIONS)[number];

export interface AnomalyRecord {
  period: string;
  source: string;
  platformId: number | null;
  trackId: number | null;
  artistId: number | null;
  metric: AnomalyMetric;
  /** Exact value as text (money in currency units). */
  value: string;
  expected: string | null;
  robustZ: number | null;
  direction: AnomalyDirection;
  kind: AnomalyKind;
  reason: string;
}

interface Row {
  source: string;
  period: string;
  platform_id: number | string | null;
  track_id: number | string | null;
  artist_id: number | string | null;
  value: string;
}

const idOf = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Finds days (or months) departing from their robust, seasonality-aware expected level, and restated days. */
export class AnomaliesService {
  constructor(
    private readonly ds: DataSource,
    private readonly limits: AppConfig['limits'],
  ) {}

  /** The first `first` anomalies of the range (at most MAX_ANOMALIES), earliest periods first; the range is checked at the metric's grain. */
  async list(range: DateRange, metric: AnomalyMetric, groupBy: readonly AnomalyDimension[], first: number): Promise<AnomalyRecord[]> {
    pageSize(first, MAX_ANOMALIES);
    validateRange(range, METRIC_SOURCES[metric].grain, this.limits);
    return (await this.find(range, metric, [...new Set(groupBy)])).slice(0, first);
  }

  async find(range: DateRange, metric: AnomalyMetric, groupBy: readonly AnomalyDimension[]): Promise<AnomalyRecord[]> {
    const source = METRIC_SOURCES[metric];
    const dims = new Set(groupBy);
    const found = [...(await this.departures(range, metric, source, dims)), ...(await this.restated(range, metric, source, dims))];
    return found.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : Math.abs(b.robustZ ?? 0) - Math.abs(a.robustZ ?? 0)));
  }

  private async departures(
    range: DateRange,
    metric: AnomalyMetric,
    source: MetricSource,
    dims: ReadonlySet<AnomalyDimension>,
  ): Promise<AnomalyRecord[]> {
    const d = dialectOf(this.ds);
    const daily = source.grain === 'DAY';
    const from = daily ? range.from : range.from.slice(0, 7);
    const to = daily ? range.to : range.to.slice(0, 7);
    const historyFrom = daily ? addDays(from, -7 * DAILY_HISTORY_WEEKS) : addMonths(from, -MONTHLY_HISTORY_MONTHS);
    const p = new SqlParams(d);
    const rows: Row[] = await this.ds.query(source.sql(d, dims, historyFrom, to, p), p.values);
    const series = new Map<string, { head: Row; values: Map<string, number>; exact: Map<string, string> }>();
    for (const r of rows) {
      const key = `${r.source}|${r.platform_id}|${r.track_id}|${r.artist_id}`;
      const s = series.get(key) ?? { head: r, values: new Map(), exact: new Map() };
      series.set(key, s);
      const period = daily ? r.period : r.period.slice(0, 7);
      s.values.set(period, Number(r.value));
      s.exact.set(period, r.value);
    }
    const render = (v: string | number) =>
      source.money ? formatNano(BigInt(Math.round(Number(v)))) : String(Math.round(Number(v) * 10) / 10);
    const out: AnomalyRecord[] = [];
    for (const { head, values, exact } of series.values()) {
      for (const [period, value] of values) {
        if (period < from) continue;
        const past = daily
          ? Array.from({ length: DAILY_HISTORY_WEEKS }, (_, k) => values.get(addDays(period, -7 * (k + 1))))
          : Array.from({ length: MONTHLY_HISTORY_MONTHS }, (_, k) => values.get(addMonths(period, -(k + 1))));
        const history = past.filter((v): v is number => v !== undefined);
        const j = judge(value, history, source.minChange, MIN_HISTORY);
        if (!j) continue;
        const basis = daily
          ? `the median of the same weekday over the previous ${history.length} weeks with data`
          : `the median of the previous ${history.length} months with data`;
        const what = source.money ? 'amount' : 'count';
        const reason =
          j.kind === 'ZERO'
            ? `Zero where ${basis} is ${render(j.expected)}: likely an extraction gap (a day the source did not report), not a real fall.`
            : `The ${what} is ${render(exact.get(period)!)}, ${j.kind === 'SPIKE' ? 'above' : 'below'} ${basis} (${render(j.expected)}) by ${Math.abs(j.z).toFixed(1)} robust standard deviations (threshold ${ROBUST_Z_THRESHOLD}).`;
        out.push({
          period,
          source: head.source,
          platformId: idOf(head.platform_id),
          trackId: idOf(head.track_id),
          artistId: idOf(head.artist_id),
          metric,
          value: source.money ? formatNano(BigInt(exact.get(period)!)) : exact.get(period)!,
          expected: render(j.expected),
          robustZ: Math.round(j.z * 100) / 100,
          direction: j.z > 0 ? 'UP' : 'DOWN',
          kind: j.kind,
          reason,
        });
      }
    }
    return out;
  }

  /** Each recorded restatement of the metric in the range: a day whose figure a later capture changed. */
  private async restated(
    range: DateRange,
    metric: AnomalyMetric,
    source: MetricSource,
    dims: ReadonlySet<AnomalyDimension>,
  ): Promise<AnomalyRecord[]> {
    if (!source.restated) return [];
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT r.source, ${dateText(d, 'r.date')} AS period, r.platform_id, r.track_id, r.artist_id, CAST(r.old_value AS TEXT) AS old_value, CAST(r.new_value AS TEXT) AS new_value,
          ${isoText(d, 'r.old_extracted_at')} AS old_at, ${isoText(d, 'r.new_extracted_at')} AS new_at, f.original_name AS new_file
        FROM restatements r LEFT JOIN source_files f ON f.id = r.new_source_file_id
        WHERE r.table_name = ${p.add(source.restated.table)} AND r.metric = ${p.add(source.restated.metric)} AND r.date >= ${p.add(range.from)} AND r.date <= ${p.add(range.to)}
        ORDER BY r.date, r.id`,
      p.values,
    );
    const show = (v: unknown) => (v === null ? 'unknown' : source.money ? formatNano(BigInt(String(v))) : String(v));
    return rows.map((r) => {
      const oldValue = r.old_value === null ? null : BigInt(String(r.old_value));
      const newValue = r.new_value === null ? null : BigInt(String(r.new_value));
      return {
        period: String(r.period),
        source: String(r.source),
        platformId: dims.has('PLATFORM') ? idOf(r.platform_id) : null,
        trackId: dims.has('TRACK') ? idOf(r.track_id) : null,
        artistId: dims.has('ARTIST') ? idOf(r.artist_id) : null,
        metric,
        value: show(r.new_value),
        expected: r.old_value === null ? null : show(r.old_value),
        robustZ: null,
        direction: oldValue !== null && newValue !== null && newValue < oldValue ? 'DOWN' : 'UP',
        kind: 'RESTATED' as const,
        reason: `Restated by the capture of ${String(r.new_at)} (${String(r.new_file ?? 'unknown file')}): ${show(r.old_value)} → ${show(r.new_value)}, was captured ${String(r.old_at)}.`,
      };
    });
  }
}
