import type { DataSource } from 'typeorm';
import { dialectOf, SqlParams, sumAsText } from '../db/dialect';
import { AnalyticsError } from '../errors/analytics-error';
import { type DateRange, type Grain, isMonthEnd, monthStart, periodExpr } from './periods';

/** Which date of a statement line places it in time. */
export const DATE_BASES = ['SALE_MONTH', 'REPORTING_DATE'] as const;
export type DateBasis = (typeof DATE_BASES)[number];
export const REVENUE_DIMENSIONS = ['PLATFORM', 'STORE', 'COUNTRY', 'ARTIST', 'TRACK', 'SOURCE'] as const;
export type RevenueDimension = (typeof REVENUE_DIMENSIONS)[number];
/** Order of series points: by period, or by value (net revenue or streams). */
export const SERIES_ORDERS = ['PERIOD_ASC', 'PERIOD_DESC', 'VALUE_DESC', 'VALUE_ASC'] as const;
export type SeriesOrder = (typeof SERIES_ORDERS)[number];

export interface RevenueFilter {
  platforms?: string[] | null;
  stores?: string[] | null;
  countries?: string[] | null;
  artistIds?: number[] | null;
  trackIds?: number[] | null;
  sources?: string[] | null;
}

export interface RevenueScope {
  range?: DateRange | null;
  filter?: RevenueFilter | null;
  dateBasis: DateBasis;
}

export interface RevenueTotals {
  grossNano: bigint;
  netNano: bigint;
  quantity: bigint;
  transactionCount: number;
}

export interface RevenuePointRow extends RevenueTotals {
  period: string;
  platformId: number | null;
  storeName: string | null;
  country: string | null;
  artistId: number | null;
  trackId: number | null;
  source: string | null;
}

/** Where a revenue question is answered: the smallest rollup that holds what it asks, the fact table otherwise. */
interface Plan {
  from: string;
  date: string;
  platform: string;
  store: string;
  needsStoreJoin: boolean;
  country: string;
  artist: string;
  track: string | null;
  source: string;
  count: string;
  usesRollup: boolean;
}

function plan(scope: RevenueScope, grain: Grain | null, groupBy: RevenueDimension[]): Plan {
  const f = scope.filter ?? {};
  const range = scope.range;
  const monthAligned = !range || (range.from.endsWith('-01') && isMonthEnd(range.to));
  const rollupAnswers =
    !groupBy.includes('TRACK') &&
    !f.trackIds?.length &&
    (grain === null || !['DAY', 'WEEK'].includes(grain)) &&
    (scope.dateBasis === 'SALE_MONTH' || monthAligned);
  const needsStoreJoin = groupBy.includes('STORE') || !!f.stores?.length;
  const platformLevel =
    groupBy.every((g) => g === 'PLATFORM' || g === 'SOURCE') && !f.stores?.length && !f.countries?.length && !f.artistIds?.length;
  if (rollupAnswers && platformLevel) {
    return {
      from: 'revenue_platform_rollup r',
      date: scope.dateBasis === 'SALE_MONTH' ? 'r.sale_month' : 'r.reporting_month',
      platform: 'r.platform_id',
      store: 'NULL',
      needsStoreJoin: false,
      country: 'NULL',
      artist: 'NULL',
      track: null,
      source: 'r.source',
      count: 'r.transaction_count',
      usesRollup: true,
    };
  }
  if (rollupAnswers) {
    return {
      from: `revenue_monthly_rollup r${needsStoreJoin ? ' JOIN stores s ON s.id = r.store_id' : ''}`,
      date: scope.dateBasis === 'SALE_MONTH' ? 'r.sale_month' : 'r.reporting_month',
      platform: 'r.platform_id',
      store: 's.name',
      needsStoreJoin,
      country: "NULLIF(r.country, '')",
      artist: 'NULLIF(r.artist_id, 0)',
      track: null,
      source: 'r.source',
      count: 'r.transaction_count',
      usesRollup: true,
    };
  }
  return {
    from: `transactions r${needsStoreJoin ? ' JOIN stores s ON s.id = r.store_id' : ''}`,
    date: scope.dateBasis === 'SALE_MONTH' ? 'r.sale_month' : 'r.reporting_date',
    platform: 'r.platform_id',
    store: 's.name',
    needsStoreJoin,
    country: 'r.country',
    artist: 'r.artist_id',
    track: 'r.track_id',
    source: 'r.source',
    count: '1',
    usesRollup: false,
  };
}

function whereClause(p: Plan, scope: RevenueScope, params: SqlParams): string {
  const f = scope.filter ?? {};
  const where: string[] = [];
  if (scope.range) {
    const from = scope.dateBasis === 'SALE_MONTH' || p.usesRollup ? monthStart(scope.range.from) : scope.range.from;
    where.push(`${p.date} >= ${params.add(from)}`, `${p.date} <= ${params.add(scope.range.to)}`);
  }
  if (f.platforms?.length) where.push(`${p.platform} IN (SELECT id FROM platforms WHERE code IN (${params.list(f.platforms)}))`);
  if (f.stores?.length) where.push(`${p.store} IN (${params.list(f.stores)})`);
  if (f.countries?.length) where.push(`${p.country} IN (${params.list(f.countries.map((c) => c.toUpperCase()))})`);
  if (f.artistIds?.length) where.push(`${p.artist} IN (${params.list(f.artistIds)})`);
  if (f.trackIds?.length && p.track) where.push(`${p.track} IN (${params.list(f.trackIds)})`);
  if (f.sources?.length) where.push(`${p.source} IN (${params.list(f.sources)})`);
  return where.length ? ` WHERE ${where.join(' AND ')}` : '';
}

const toTotals = (r: Record<string, unknown>): RevenueTotals => ({
  grossNano: BigInt(String(r.gross)),
  netNano: BigInt(String(r.net)),
  quantity: BigInt(String(r.quantity)),
  transactionCount: Number(r.transaction_count),
});

/** Revenue questions: every amount summed exactly in the database as integer nano-units. */
export class RevenueService {
  constructor(private readonly ds: DataSource) {}

  private check(scope: RevenueScope, grain: Grain | null): void {
    if (scope.dateBasis === 'SALE_MONTH' && (grain === 'DAY' || grain === 'WEEK')) {
      throw new AnalyticsError('BAD_USER_INPUT', `a sale month has no days: grain ${grain} needs dateBasis REPORTING_DATE`);
    }
  }

  async totals(scope: RevenueScope): Promise<RevenueTotals> {
    const d = dialectOf(this.ds);
    const p = plan(scope, null, []);
    const params = new SqlParams(d);
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT ${sumAsText(d, 'r.gross_nano')} AS gross, ${sumAsText(d, 'r.net_nano')} AS net, ${sumAsText(d, 'r.quantity')} AS quantity,
         ${sumAsText(d, p.count)} AS transaction_count
       FROM ${p.from}${whereClause(p, scope, params)}`,
      params.values,
    );
    return toTotals(rows[0]);
  }

  /** The country with the highest net revenue in scope (unknown countries left out). */
  async topCountry(scope: RevenueScope): Promise<string | null> {
    const d = dialectOf(this.ds);
    const p = plan(scope, null, ['COUNTRY']);
    const params = new SqlParams(d);
    const where = whereClause(p, scope, params);
    const rows: Array<{ country: unknown }> = await this.ds.query(
      `SELECT ${p.country} AS country FROM ${p.from}${where}${where ? ' AND' : ' WHERE'} ${p.country} IS NOT NULL
       GROUP BY ${p.country} ORDER BY SUM(r.net_nano) DESC, ${p.country} LIMIT 1`,
      params.values,
    );
    return rows.length ? String(rows[0].country) : null;
  }

  async series(
    scope: RevenueScope & { range: DateRange },
    grain: Grain,
    groupBy: RevenueDimension[],
    orderBy: SeriesOrder,
    first: number,
  ): Promise<RevenuePointRow[]> {
    this.check(scope, grain);
    const d = dialectOf(this.ds);
    const p = plan(scope, grain, groupBy);
    const params = new SqlParams(d);
    const dims: Record<RevenueDimension, string> = {
      PLATFORM: p.platform,
      STORE: p.store,
      COUNTRY: p.country,
      ARTIST: p.artist,
      TRACK: p.track ?? 'NULL',
      SOURCE: p.source,
    };
    const alias: Record<RevenueDimension, string> = {
      PLATFORM: 'platform_id',
      STORE: 'store_name',
      COUNTRY: 'country',
      ARTIST: 'artist_id',
      TRACK: 'track_id',
      SOURCE: 'source',
    };
    const unique = [...new Set(groupBy)];
    const period = periodExpr(d, grain, p.date);
    const select = [`${period} AS period`, ...unique.map((g) => `${dims[g]} AS ${alias[g]}`)];
    const groups = [period, ...unique.map((g) => dims[g])];
    const order = {
      PERIOD_ASC: `1 ASC, ${unique
        .map((_, i) => `${i + 2}`)
        .concat('1')
        .join(', ')}`,
      PERIOD_DESC: `1 DESC, ${unique
        .map((_, i) => `${i + 2}`)
        .concat('1')
        .join(', ')}`,
      VALUE_DESC: `SUM(r.net_nano) DESC, 1`,
      VALUE_ASC: `SUM(r.net_nano) ASC, 1`,
    }[orderBy];
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT ${select.join(', ')}, ${sumAsText(d, 'r.gross_nano')} AS gross, ${sumAsText(d, 'r.net_nano')} AS net,
         ${sumAsText(d, 'r.quantity')} AS quantity, ${sumAsText(d, p.count)} AS transaction_count
       FROM ${p.from}${whereClause(p, scope, params)}
       GROUP BY ${groups.join(', ')} ORDER BY ${order} LIMIT ${first}`,
      params.values,
    );
    return rows.map((r) => ({
      grossNano: BigInt(r.gross as string),
      netNano: BigInt(r.net as string),
      quantity: BigInt(r.quantity as string),
      transactionCount: Number(r.transaction_count),
      period: String(r.period),
      platformId: r.platform_id == null ? null : Number(r.platform_id),
      storeName: r.store_name == null ? null : String(r.store_name),
      country: r.country == null ? null : String(r.country),
      artistId: r.artist_id == null ? null : Number(r.artist_id),
      trackId: r.track_id == null ? null : Number(r.track_id),
      source: r.source == null ? null : String(r.source),
    }));
  }
}
