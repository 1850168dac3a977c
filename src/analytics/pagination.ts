import type { DataSource } from 'typeorm';
import { dialectOf, SqlParams } from '../db/dialect';
import { AppError } from '../server/errors';

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number | null;
}

export const DEFAULT_PAGE_SIZE = 20;

export function pageSize(first: number | undefined | null, max: number): number {
  const n = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 0) throw new AppError('BAD_USER_INPUT', '`first` must be a whole number ≥ 0');
  if (n > max) throw new AppError('PAGE_TOO_LARGE', `\`first\` may be at most ${max} (asked for ${n})`, { maxPageSize: max });
  return n;
}

/** Cursors are opaque to clients: the sort value and the id of the last row seen. */
export function encodeCursor(sortValue: string | number, id: number): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string | number, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && ['string', 'number'].includes(typeof value[0]) && Number.isInteger(value[1])) {
      return [value[0] as string | number, value[1] as number];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('BAD_USER_INPUT', '`after` is not a cursor this API issued');
}

export interface KeysetQuery<R> {
  /** `SELECT … FROM … ` with joins, no WHERE. */
  select: string;
  /** FROM and joins, for the count. */
  from: string;
  where: string[];
  params: SqlParams;
  /** Expression of the sort key; rows are ordered by (sort key, id). */
  sortExpr: string;
  idExpr: string;
  sortValue(row: R): string | number;
  map(row: Record<string, unknown>): R & { id: number };
  first: number;
  after?: string | null;
  withCount: boolean;
}

/** Relay pagination by keyset: stable under inserts, and as fast on page 1,000 as on page 1. */
export async function keysetPage<R>(ds: DataSource, q: KeysetQuery<R>): Promise<Connection<R>> {
  const where = [...q.where];
  let totalCount: number | null = null;
  if (q.withCount) {
    const countParams = new SqlParams(dialectOf(ds));
    countParams.values.push(...q.params.values);
    const rows: Array<{ n: number | string }> = await ds.query(
      `SELECT COUNT(*) AS n FROM ${q.from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
      countParams.values,
    );
    totalCount = Number(rows[0].n);
  }
  if (q.after) {
    const [sort, id] = decodeCursor(q.after);
    where.push(`(${q.sortExpr} > ${q.params.add(sort)} OR (${q.sortExpr} = ${q.params.add(sort)} AND ${q.idExpr} > ${q.params.add(id)}))`);
  }
  const rows: Array<Record<string, unknown>> =
    q.first === 0
      ? []
      : await ds.query(
          `${q.select}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.sortExpr}, ${q.idExpr} LIMIT ${q.first + 1}`,
          q.params.values,
        );
  const nodes = rows.slice(0, q.first).map(q.map);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(q.sortValue(node), node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > q.first,
      hasPreviousPage: !!q.after,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}
