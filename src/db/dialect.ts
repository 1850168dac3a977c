import type { DataSource } from 'typeorm';

/** The few places where SQLite and PostgreSQL SQL differ, in one spot. */
export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(ds: DataSource): Dialect {
  return ds.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * Collects parameters and renders the placeholder each dialect expects. SQLite's `?` is positional:
 * call `add` in the order the placeholders appear in the statement text.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(readonly dialect: Dialect) {}
  add(value: unknown): string {
    this.values.push(typeof value === 'bigint' ? value.toString() : value);
    return this.dialect === 'postgres' ? `$${this.values.length}` : '?';
  }
  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

/** An integer sum rendered as text, so totals beyond 2^53 reach JavaScript exactly. */
export function sumAsText(dialect: Dialect, expr: string): string {
  return dialect === 'postgres' ? `COALESCE(SUM(${expr}), 0)::text` : `CAST(COALESCE(SUM(${expr}), 0) AS TEXT)`;
}

/** Like sumAsText, but NULL when no row has a value: a day nobody reported is unknown, not zero. */
export function nullableSumAsText(dialect: Dialect, expr: string): string {
  return dialect === 'postgres' ? `SUM(${expr})::text` : `CAST(SUM(${expr}) AS TEXT)`;
}

/** A date column rendered as 'YYYY-MM-DD' text. */
export function dateText(dialect: Dialect, expr: string): string {
  return dialect === 'postgres' ? `to_char(${expr}, 'YYYY-MM-DD')` : expr;
}
