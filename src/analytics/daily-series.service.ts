import type { DataSource } from 'typeorm';
import { dialectOf, SqlParams, nullableSumAsText } from '../db/dialect';
import { type DateRange, type Grain, periodExpr } from './periods';

/** How one measure of a daily table folds into a period. */
export type Fold = 'sum' | 'avg' | 'last';

export interface DailySeriesSpec {
  table: string;
  /** Measures: output name → column and fold. `avg` is the mean of the days present; `last` the value of the latest day that has one. */
  measures: Record<string, { column: string; fold: Fold }>;
  /** Dimensions a series may be split by: output name → column. */
  dimensions: Record<string, string>;
  /** Fixed conditions: column → value. */
  where?: Record<string, unknown>;
}

export type DailyPoint = { period: string } & Record<string, string | number | null>;

/**
 * Period series over a table with one row per day (social, link, audience metrics): sums where a
 * measure adds up over days, means for daily uniques (listeners), the latest value for stocks
 * (followers). Sums are exact integers rendered as text; means are rounded to 2 decimals.
 */
export class DailySeriesService {
  constructor(private readonly ds: DataSource) {}

  async series(spec: DailySeriesSpec, range: DateRange, grain: Grain, groupBy: string[]): Promise<DailyPoint[]> {
    const d = dialectOf(this.ds);
    const p = new SqlParams(d);
    const dims = groupBy.map((name) => ({ name, column: spec.dimensions[name] }));
    const where = [`date >= ${p.add(range.from)}`, `date <= ${p.add(range.to)}`];
    for (const [column, value] of Object.entries(spec.where ?? {})) where.push(`${column} = ${p.add(value)}`);
    const partition = ['period', ...dims.map((x) => x.column)].join(', ');
    const lasts = Object.entries(spec.measures).filter(([, m]) => m.fold === 'last');
    // Rank the days of each period so "last" measures can pick the latest day that has a value.
    const ranks = lasts.map(
      ([name, m]) =>
        `ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY CASE WHEN ${m.column} IS NULL THEN 1 ELSE 0 END, date DESC) AS rank_${name}`,
    );
    const inner = `SELECT t.*${ranks.length ? `, ${ranks.join(', ')}` : ''} FROM (SELECT m.*, ${periodExpr(d, grain, 'm.date')} AS period FROM ${spec.table} m) t
      WHERE ${where.join(' AND ')}`;
    const measures = Object.entries(spec.measures).map(([name, m]) => {
      if (m.fold === 'sum') return `${nullableSumAsText(d, m.column)} AS "${name}"`;
      if (m.fold === 'avg')
        return d === 'postgres' ? `ROUND(AVG(${m.column}), 2)::text AS "${name}"` : `CAST(ROUND(AVG(${m.column}), 2) AS TEXT) AS "${name}"`;
      return `MAX(CASE WHEN rank_${name} = 1 THEN ${m.column} END) AS "${name}"`;
    });
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      // Aliases are quoted: PostgreSQL would fold camelCase names to lower case.
      `SELECT period, ${[...dims.map((x) => `${x.column} AS "${x.name}"`), ...measures].join(', ')}
       FROM (${inner}) ranked GROUP BY ${partition} ORDER BY ${['period', ...dims.map((x) => x.column)].join(', ')}`,
      p.values,
    );
    return rows.map((r) => {
      const point: DailyPoint = { period: String(r.period) };
      for (const key of [...groupBy, ...Object.keys(spec.measures)]) point[key] = r[key] == null ? null : (r[key] as string | number);
      return point;
    });
  }
}
