import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams, sumAsText } from '../../db/dialect';
import { divideToDecimal } from '../../domain/money';
import { AnalyticsError } from '../../errors/analytics-error';
import { periodEnd, periodExpr, periodOf } from '../periods';
import type { AnomalyDimension } from './anomaly-sources';
import { addDays } from '../../domain/calendar';
import { planSeriesFit, REQUEST_FIT_BUDGET } from './ets/fit-budget';
import { forecastSeries, minimumForecastHistory } from './ets/forecast-series';
import { minimumHistory } from './forecast-model';

export const FORECAST_METRICS = ['STREAMS', 'NET_REVENUE'] as const;
export type ForecastMetric = (typeof FORECAST_METRICS)[number];
export const FORECAST_GRAINS = ['DAY', 'WEEK', 'MONTH'] as const;
export type ForecastGrain = (typeof FORECAST_GRAINS)[number];

/** Periods ahead a forecast may reach, per grain. */
export const MAX_HORIZON: Record<ForecastGrain, number> = { DAY: 90, WEEK: 52, MONTH: 24 };
/** Most series one forecast returns. */
export const MAX_FORECAST_SERIES = 500;

/** History read per grain (the most recent periods): enough for the backtest, bounded for speed. */
export const HISTORY_PERIODS: Record<ForecastGrain, number> = { DAY: 730, WEEK: 260, MONTH: 120 };

export interface ForecastPointRecord {
  period: string;
  value: string;
  lower: string;
  upper: string;
}

/** How a series was forecast, and how well the method fits its history. */
export interface ForecastMethodRecord {
  name: string;
  season: number;
  seasonsAveraged: number;
  aic: number | null;
  aicc: number | null;
  modelsFitted: number;
  evaluations: number;
  mape: number | null;
  mase: number | null;
  backtestOrigins: number;
}

export interface ForecastSeriesRecord {
  source: string;
  platformId: number | null;
  trackId: number | null;
  artistId: number | null;
  method: ForecastMethodRecord;
  /** First period of the history the method used. */
  historyFrom: string;
  historyPeriods: number;
  /** Periods without data inside the history used, carried forward from the previous period. */
  filledPeriods: number;
  lastActualPeriod: string;
  points: ForecastPointRecord[];
}

/** A whole forecast answer: the question as understood, and its series. */
export interface ForecastRecord {
  metric: ForecastMetric;
  grain: ForecastGrain;
  horizon: number;
  levelPercent: number;
  historyLimit: number;
  fitBudget: number;
  seriesFound: number;
  series: ForecastSeriesRecord[];
}

/** Streams: one decimal, half up. Money (nano units): the nearest nano unit, then 2 decimals, halves away from zero. */
export function showForecastValue(metric: ForecastMetric, v: number): string {
  return metric === 'NET_REVENUE' ? divideToDecimal(BigInt(Math.round(v)), 1_000_000_000n, 2)! : (Math.round(v * 10) / 10).toFixed(1);
}

const idOf = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const NONE = 'CAST(NULL AS integer)';

/** Forecasts each series of a metric from the warehouse's own history. */
export class ForecastService {
  constructor(private readonly ds: DataSource) {}

  /** The forecast as the API asks it: interval level in percent (80 or 95), horizon checked per grain, at most MAX_FORECAST_SERIES series. */
  async forecastSeries(
    metric: ForecastMetric,
    grain: ForecastGrain,
    horizon: number,
    groupBy: readonly AnomalyDimension[],
    levelPercent: number,
  ): Promise<ForecastRecord> {
    if (levelPercent !== 80 && levelPercent !== 95)
      throw new AnalyticsError('BAD_USER_INPUT', `level must be 80 or 95 (got ${levelPercent})`);
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON[grain]) {
      throw new AnalyticsError('BAD_USER_INPUT', `horizon must be between 1 and ${MAX_HORIZON[grain]} for ${grain} (got ${horizon})`);
    }
    const { series, seriesFound } = await this.forecast(metric, grain, horizon, [...new Set(groupBy)], levelPercent / 100);
    return {
      metric,
      grain,
      horizon,
      levelPercent,
      historyLimit: HISTORY_PERIODS[grain],
      fitBudget: REQUEST_FIT_BUDGET,
      seriesFound,
      series,
    };
  }

  /**
   * Forecasts the series of a metric, in order of source, platform, track and artist id, up to
   * MAX_FORECAST_SERIES of them; each fit gets an even share of REQUEST_FIT_BUDGET (see planSeriesFit).
   */
  async forecast(
    metric: ForecastMetric,
    grain: ForecastGrain,
    horizon: number,
    groupBy: readonly AnomalyDimension[],
    level: number,
  ): Promise<{ series: ForecastSeriesRecord[]; seriesFound: number }> {
    if (metric === 'NET_REVENUE' && grain !== 'MONTH')
      throw new AnalyticsError('BAD_USER_INPUT', 'NET_REVENUE is known by sale month: use grain MONTH');
    const d = dialectOf(this.ds);
    const dims = new Set(groupBy);
    const pick = (dim: AnomalyDimension, expr: string) => (dims.has(dim) ? expr : NONE);
    const p = new SqlParams(d);
    const sql =
      metric === 'STREAMS'
        ? `SELECT s.source AS source, ${periodExpr(d, grain, 's.date')} AS period, ${pick('PLATFORM', 's.platform_id')} AS platform_id, ${pick('TRACK', 's.track_id')} AS track_id,
             ${pick('ARTIST', 's.artist_id')} AS artist_id, ${sumAsText(d, 's.streams')} AS value, ${dateText(d, 'MAX(s.date)')} AS newest
           FROM streams s GROUP BY 1, 2, 3, 4, 5`
        : dims.has('TRACK')
          ? `SELECT t.source AS source, ${periodExpr(d, 'MONTH', 't.sale_month')} AS period, ${pick('PLATFORM', 't.platform_id')} AS platform_id, t.track_id AS track_id,
               ${pick('ARTIST', 't.artist_id')} AS artist_id, ${sumAsText(d, 't.net_nano')} AS value, ${dateText(d, 'MAX(t.sale_month)')} AS newest
             FROM transactions t GROUP BY 1, 2, 3, 4, 5`
          : `SELECT r.source AS source, ${periodExpr(d, 'MONTH', 'r.sale_month')} AS period, ${pick('PLATFORM', 'r.platform_id')} AS platform_id, ${NONE} AS track_id,
               ${pick('ARTIST', 'NULLIF(r.artist_id, 0)')} AS artist_id, ${sumAsText(d, 'r.net_nano')} AS value, ${dateText(d, 'MAX(r.sale_month)')} AS newest
             FROM revenue_monthly_rollup r GROUP BY 1, 2, 3, 4, 5`;
    const rows: Array<Record<string, unknown>> = await this.ds.query(sql, p.values);
    const series = new Map<string, { head: Record<string, unknown>; values: Map<string, number>; newest: string }>();
    for (const r of rows) {
      const key = `${String(r.source)}|${String(r.platform_id)}|${String(r.track_id)}|${String(r.artist_id)}`;
      const s = series.get(key) ?? { head: r, values: new Map(), newest: '' };
      series.set(key, s);
      s.values.set(String(r.period), Number(r.value));
      if (String(r.newest) > s.newest) s.newest = String(r.newest);
    }
    const money = metric === 'NET_REVENUE';
    const show = (v: number) => showForecastValue(metric, v);
    const out: ForecastSeriesRecord[] = [];
    const id = (v: unknown) => (v === null || v === undefined ? -1 : Number(v));
    const ordered = [...series.values()].sort(
      (a, b) =>
        String(a.head.source).localeCompare(String(b.head.source)) ||
        id(a.head.platform_id) - id(b.head.platform_id) ||
        id(a.head.track_id) - id(b.head.track_id) ||
        id(a.head.artist_id) - id(b.head.artist_id),
    );
    const fits = Math.min(ordered.length, MAX_FORECAST_SERIES);
    // Series left out for too little history: when nothing else is left, the caller is told why.
    const tooShort = { series: 0, longest: 0, needed: 0 };
    for (const { head, values, newest } of ordered) {
      if (out.length === MAX_FORECAST_SERIES) break;
      const labels = [...values.keys()].sort();
      let last = labels[labels.length - 1];
      // A week or month the data does not reach the end of is partial: it is not history yet (NET_REVENUE months are whole).
      if (!money && grain !== 'DAY' && newest < periodEnd(last, grain)) last = labels[labels.length - 2];
      if (!last) {
        // Only a partial week or month: no history at all.
        tooShort.series++;
        tooShort.needed = minimumForecastHistory(1);
        continue;
      }
      const next = (label: string) => periodOf(addDays(periodEnd(label, grain), 1), grain);
      const history: number[] = [];
      const periods: string[] = [];
      const missing: boolean[] = [];
      for (let label = labels[0]; label <= last; label = next(label)) {
        const v = values.get(label);
        missing.push(v === undefined);
        periods.push(label);
        history.push(v ?? history[history.length - 1] ?? 0);
      }
      const plan = planSeriesFit(fits, Math.min(history.length, HISTORY_PERIODS[grain]));
      const recent = history.slice(-plan.periods);
      const filled = missing.slice(-plan.periods).filter(Boolean).length;
      const season = grain === 'DAY' ? 7 : grain === 'MONTH' && recent.length >= minimumHistory(12) ? 12 : 1;
      // Fits are CPU work: other requests get the event loop between two series.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const fit = forecastSeries(recent, season, horizon, level, plan.evaluations);
      if (!fit) {
        tooShort.series++;
        tooShort.longest = Math.max(tooShort.longest, recent.length);
        tooShort.needed = minimumForecastHistory(season);
        continue;
      }
      let label = last;
      out.push({
        source: String(head.source),
        platformId: idOf(head.platform_id),
        trackId: idOf(head.track_id),
        artistId: idOf(head.artist_id),
        method: {
          name: fit.method,
          season: fit.season,
          seasonsAveraged: fit.seasonsAveraged,
          aic: fit.aic === null ? null : Math.round(fit.aic * 1000) / 1000,
          aicc: fit.aicc === null ? null : Math.round(fit.aicc * 1000) / 1000,
          modelsFitted: fit.modelsFitted,
          evaluations: fit.evaluations,
          mape: fit.mape === null ? null : Math.round(fit.mape * 100) / 100,
          mase: fit.mase === null ? null : Math.round(fit.mase * 1000) / 1000,
          backtestOrigins: fit.backtestOrigins,
        },
        historyFrom: periods[periods.length - recent.length],
        historyPeriods: recent.length,
        filledPeriods: filled,
        lastActualPeriod: last,
        points: fit.points.map((pt) => {
          label = next(label);
          return { period: label, value: show(pt.value), lower: show(pt.lower), upper: show(pt.upper) };
        }),
      });
    }
    if (out.length === 0 && tooShort.series > 0) {
      throw new AnalyticsError(
        'BAD_USER_INPUT',
        `Not enough history to forecast ${metric} by ${grain}: a series needs at least ${tooShort.needed} whole periods, the longest has ${tooShort.longest}`,
        { minimumPeriods: tooShort.needed, longestHistory: tooShort.longest },
      );
    }
    return { series: out, seriesFound: series.size };
  }
}
