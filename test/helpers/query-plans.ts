import type { DataSource } from 'typeorm';
import { dialectOf } from '../../src/db/dialect';

/** A statement as a service sent it. */
export interface SentQuery {
  sql: string;
  params: unknown[];
}

/** Runs `call`, answering its result and every statement it sent through `ds.query`, in order. */
export async function recordQueries<T>(ds: DataSource, call: () => Promise<T>): Promise<{ result: T; sent: SentQuery[] }> {
  const sent: SentQuery[] = [];
  const real = ds.query.bind(ds);
  const spy = jest.spyOn(ds, 'query').mockImplementation(async (sql, params) => {
    sent.push({ sql, params: Array.isArray(params) ? params : [] });
    return real(sql, params);
  });
  try {
    return { result: await call(), sent };
  } finally {
    spy.mockRestore();
  }
}

/** The plan the database would run for a statement: PostgreSQL's EXPLAIN text, SQLite's EXPLAIN QUERY PLAN details, a line each. */
export async function queryPlan(ds: DataSource, q: SentQuery): Promise<string> {
  if (dialectOf(ds) === 'postgres') {
    const rows: Array<{ 'QUERY PLAN': string }> = await ds.query(`EXPLAIN ${q.sql}`, q.params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }
  const rows: Array<{ detail: string }> = await ds.query(`EXPLAIN QUERY PLAN ${q.sql}`, q.params);
  return rows.map((r) => r.detail).join('\n');
}
