import type { DataSource } from 'typeorm';
import { dialectOf, SqlParams } from '../db/dialect';
import { AnalyticsError } from '../errors/analytics-error';
import type { FactJoin } from './fact-relations';

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
  if (!Number.isInteger(n) || n < 0) throw new AnalyticsError('BAD_USER_INPUT', '`first` must be a whole number ≥ 0');
  if (n > max) throw new AnalyticsError('PAGE_TOO_LARGE', `\`first\` may be at most ${max} (asked for ${n})`, { maxPageSize: max });
  return n;
}

/** Cursors are opaque to clients: the sort value and the id of the last row seen. */
export function encodeCursor(sortValue: string | number, id: number): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

/** What a keyset column stores, so a cursor's value is checked before it reaches the database. */
export type SortType = 'text' | 'date' | 'integer';

const MAX_INT4 = 2147483647;
const isIsoDate = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

function sortValueFits(value: string | number, type: SortType): boolean {
  if (type === 'integer') return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_INT4;
  if (typeof value !== 'string') return false;
  return type === 'date' ? isIsoDate(value) : true;
}

/**
 * `sortType` given: the sort value must fit the stored column (a forged cursor gets BAD_USER_INPUT,
 * not a database error) and the id must fit an integer column.
 */
export function decodeCursor(cursor: string, sortType?: SortType): [string | number, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && ['string', 'number'].includes(typeof value[0]) && Number.isInteger(value[1])) {
      const [sort, id] = value as [string | number, number];
      if (!sortType || (sortValueFits(sort, sortType) && id >= 0 && id <= MAX_INT4)) return [sort, id];
    }
  } catch {
    // fall through to the error below
  }
  throw new AnalyticsError('BAD_USER_INPUT', '`after` is not a cursor this API issued');
}

export interface KeysetQuery<R> {
  /** `SELECT … FROM … ` with joins, no WHERE. */
  select: string;
  /** FROM and joins, for the count. */
  from: string;
  where: string[];
  params: SqlParams;
  /**
   * The stored column rows are ordered by, then id: never an expression of it (to_char, lower…),
   * so the (column, id) index serves both the order and the cursor's range.
   */
  sortColumn: string;
  sortType: SortType;
  idExpr: string;
  sortValue(row: R): string | number;
  map(row: Record<string, unknown>): R & { id: number };
  first: number;
  after?: string | null;
  withCount: boolean;
  /**
   * Relations read in the same statement: joined onto the page (a subquery, so its plan stays the
   * index range), their rows handed to the loaders by `map`'s caller through `join.prime`.
   */
  join?: FactJoin | null;
}

const byKey =
  <R>(sortValue: (row: R) => string | number) =>
  (a: R & { id: number }, b: R & { id: number }): number => {
    const x = sortValue(a);
    const y = sortValue(b);
    return x < y ? -1 : x > y ? 1 : a.id - b.id;
  };

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
    const [sort, id] = decodeCursor(q.after, q.sortType);
    // A row value: both databases turn it into one index range on (column, id).
    where.push(`(${q.sortColumn}, ${q.idExpr}) > (${q.params.add(sort)}, ${q.params.add(id)})`);
  }
  const pageSql = `${q.select}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.sortColumn}, ${q.idExpr} LIMIT ${q.first + 1}`;
  const join = q.join;
  const rows: Array<Record<string, unknown>> =
    q.first === 0
      ? []
      : await ds.query(join ? `SELECT page.*, ${join.columns} FROM (${pageSql}) page ${join.joins}` : pageSql, q.params.values);
  // A join may hand back the page in another order (no outer ORDER BY: it would sort above the
  // index range); the page's 51 rows are put back in (sort value, id) order here.
  const nodes = join
    ? rows
        .map((r) => {
          join.prime(r);
          return q.map(r);
        })
        .sort(byKey(q.sortValue))
        .slice(0, q.first)
    : rows.slice(0, q.first).map(q.map);
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

/**
 * A page of rows read newest-or-oldest by id through `fetch(limit, afterId)` (one row more than the
 * page, to know whether another follows), with cursors on the id; `count` gives totalCount.
 */
export async function idPage<R extends { id: number }>(
  page: { first: number | null | undefined; after: string | null | undefined; maxPageSize: number },
  fetch: (limit: number, afterId: number | undefined) => Promise<R[]>,
  count?: () => Promise<number>,
): Promise<Connection<R>> {
  const n = pageSize(page.first, page.maxPageSize);
  const afterId = page.after ? decodeCursor(page.after)[1] : undefined;
  const rows = await fetch(n + 1, afterId);
  const edges = rows.slice(0, n).map((node) => ({ cursor: encodeCursor(node.id, node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > n,
      hasPreviousPage: afterId !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: count ? await count() : null,
  };
}

/** The same page with each node mapped (rows to what the API shows). */
export function mapNodes<R, T>(page: Connection<R>, map: (node: R) => T): Connection<T> {
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) })) };
}
