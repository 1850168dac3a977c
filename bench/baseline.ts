/**
 * The physical baseline: how fast can the warehouse's `transactions` table take the same rows when
 * nothing but the insert runs? The values are read back from the ingested warehouse first (so they
 * are exactly what the ingest stored) and held column-wise in memory; then a fresh, migrated
 * warehouse of the same kind (same indexes, same foreign keys, the same dimension rows copied over)
 * gets them in one transaction: one prepared statement per row on SQLite (better-sqlite3), multi-row
 * INSERTs of 2000 rows on PostgreSQL, as the loader's temp table gets them.
 */
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { dialectOf, SqlParams } from '../src/db/dialect';
import { sqliteHandle } from '../src/db/sqlite-handle';

const COLUMNS = [
  'source',
  'row_key',
  'reporting_date',
  'sale_month',
  'store_id',
  'platform_id',
  'track_id',
  'artist_id',
  'release_id',
  'country',
  'quantity',
  'product_type',
  'team_percentage',
  'gross_nano',
  'withheld_nano',
  'net_nano',
  'currency',
  'source_file_id',
  'source_line',
] as const;

/** Small string domains (dates, codes) as a dictionary + Int32 index; -1 is NULL. */
class DictColumn {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];
  readonly idx: Int32Array;
  constructor(n: number) {
    this.idx = new Int32Array(n);
  }
  set(i: number, v: unknown): void {
    if (v === null || v === undefined) {
      this.idx[i] = -1;
      return;
    }
    const s = String(v);
    let code = this.codes.get(s);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(s);
      this.codes.set(s, code);
    }
    this.idx[i] = code;
  }
  get(i: number): string | null {
    const c = this.idx[i];
    return c === -1 ? null : this.values[c];
  }
}

/** Nullable integer column; NULL is stored as INT32_MIN. */
const NULL_INT = -2147483648;

export class TransactionColumns {
  readonly source: DictColumn;
  readonly rowKey: string[];
  readonly reportingDate: DictColumn;
  readonly saleMonth: DictColumn;
  readonly storeId: Int32Array;
  readonly platformId: Int32Array;
  readonly trackId: Int32Array;
  readonly artistId: Int32Array;
  readonly releaseId: Int32Array;
  readonly country: DictColumn;
  readonly quantity: Int32Array;
  readonly productType: DictColumn;
  readonly teamPercentage: DictColumn;
  readonly gross: BigInt64Array;
  readonly withheld: BigInt64Array;
  readonly net: BigInt64Array;
  readonly currency: DictColumn;
  readonly sourceFileId: Int32Array;
  readonly sourceLine: Int32Array;
  length = 0;

  constructor(readonly capacity: number) {
    const n = capacity;
    this.source = new DictColumn(n);
    this.rowKey = new Array<string>(n);
    this.reportingDate = new DictColumn(n);
    this.saleMonth = new DictColumn(n);
    this.storeId = new Int32Array(n);
    this.platformId = new Int32Array(n);
    this.trackId = new Int32Array(n);
    this.artistId = new Int32Array(n);
    this.releaseId = new Int32Array(n);
    this.country = new DictColumn(n);
    this.quantity = new Int32Array(n);
    this.productType = new DictColumn(n);
    this.teamPercentage = new DictColumn(n);
    this.gross = new BigInt64Array(n);
    this.withheld = new BigInt64Array(n);
    this.net = new BigInt64Array(n);
    this.currency = new DictColumn(n);
    this.sourceFileId = new Int32Array(n);
    this.sourceLine = new Int32Array(n);
  }

  push(r: Record<string, unknown>): void {
    const i = this.length++;
    const nint = (v: unknown) => (v === null || v === undefined ? NULL_INT : Number(v));
    this.source.set(i, r.source);
    this.rowKey[i] = String(r.row_key);
    this.reportingDate.set(i, r.reporting_date);
    this.saleMonth.set(i, r.sale_month);
    this.storeId[i] = Number(r.store_id);
    this.platformId[i] = Number(r.platform_id);
    this.trackId[i] = nint(r.track_id);
    this.artistId[i] = nint(r.artist_id);
    this.releaseId[i] = nint(r.release_id);
    this.country.set(i, r.country);
    this.quantity[i] = Number(r.quantity);
    this.productType.set(i, r.product_type);
    this.teamPercentage.set(i, r.team_percentage);
    this.gross[i] = BigInt(String(r.gross_nano));
    this.withheld[i] = BigInt(String(r.withheld_nano));
    this.net[i] = BigInt(String(r.net_nano));
    this.currency.set(i, r.currency);
    this.sourceFileId[i] = Number(r.source_file_id);
    this.sourceLine[i] = Number(r.source_line);
  }

  /** One row's values in COLUMNS order; money as bigint (SQLite) or text (PostgreSQL), as the loader binds them. */
  row(i: number, moneyAsText: boolean): unknown[] {
    const int = (a: Int32Array) => (a[i] === NULL_INT ? null : a[i]);
    const money = (a: BigInt64Array) => (moneyAsText ? a[i].toString() : a[i]);
    return [
      this.source.get(i),
      this.rowKey[i],
      this.reportingDate.get(i),
      this.saleMonth.get(i),
      this.storeId[i],
      this.platformId[i],
      int(this.trackId),
      int(this.artistId),
      int(this.releaseId),
      this.country.get(i),
      this.quantity[i],
      this.productType.get(i),
      this.teamPercentage.get(i),
      money(this.gross),
      money(this.withheld),
      money(this.net),
      this.currency.get(i),
      this.sourceFileId[i],
      this.sourceLine[i],
    ];
  }
}

/** Reads every transaction of a warehouse, in id order, into columns (pages of 50 000 rows). */
export async function readTransactions(ds: DataSource): Promise<TransactionColumns> {
  const [{ n }] = await ds.query<Array<{ n: unknown }>>(`SELECT COUNT(*) AS n FROM transactions`);
  const cols = new TransactionColumns(Number(n));
  const d = dialectOf(ds);
  const text = d === 'postgres' ? 'text' : 'TEXT';
  const date = (c: string) => (d === 'postgres' ? `to_char(${c}, 'YYYY-MM-DD') AS ${c}` : c);
  let after = 0;
  for (;;) {
    const p = new SqlParams(d);
    const rows: Array<Record<string, unknown>> = await ds.query(
      `SELECT id, source, row_key, ${date('reporting_date')}, ${date('sale_month')}, store_id, platform_id, track_id, artist_id, release_id,
         country, quantity, product_type, team_percentage, CAST(gross_nano AS ${text}) AS gross_nano, CAST(withheld_nano AS ${text}) AS withheld_nano,
         CAST(net_nano AS ${text}) AS net_nano, currency, source_file_id, source_line
       FROM transactions WHERE id > ${p.add(after)} ORDER BY id LIMIT 50000`,
      p.values,
    );
    if (!rows.length) break;
    for (const r of rows) cols.push(r);
    after = Number(rows[rows.length - 1].id);
  }
  if (cols.length !== cols.capacity) throw new Error(`read ${cols.length} transactions, expected ${cols.capacity}`);
  return cols;
}

/** Tables `transactions` points at, parents first. */
const DIMENSION_TABLES = ['platforms', 'stores', 'artists', 'releases', 'tracks', 'source_files'];

/**
 * Copies the rows the facts refer to (same ids) from one warehouse into another, so the baseline's
 * foreign keys are checked as the ingest's are. Seeded rows already present are kept and verified.
 */
export async function copyDimensions(from: DataSource, to: DataSource): Promise<void> {
  const d = dialectOf(to);
  await to.transaction(async (manager) => {
    for (const table of DIMENSION_TABLES) {
      const rows: Array<Record<string, unknown>> = await from.query(`SELECT * FROM ${table} ORDER BY id`);
      for (const row of rows) {
        const p = new SqlParams(d);
        const names = Object.keys(row);
        await manager.query(
          `INSERT INTO ${table} (${names.join(', ')}) VALUES (${p.list(names.map((k) => row[k]))}) ON CONFLICT DO NOTHING`,
          p.values,
        );
      }
      const key = table === 'source_files' ? 'path' : table === 'stores' ? 'name' : table === 'platforms' ? 'code' : 'id';
      const a: Array<{ id: unknown; k: unknown }> = await from.query(`SELECT id, ${key} AS k FROM ${table} ORDER BY id`);
      const b: Array<{ id: unknown; k: unknown }> = await manager.query(`SELECT id, ${key} AS k FROM ${table} ORDER BY id`);
      const sig = (rs: typeof a) => rs.map((r) => `${String(r.id)}:${String(r.k)}`).join('|');
      if (sig(a) !== sig(b)) throw new Error(`baseline warehouse: ${table} rows differ from the ingested warehouse's`);
    }
  });
}

export interface BaselineResult {
  rows: number;
  ms: number;
  /** CPU time of this process during the insert (on SQLite, the insert's; on PostgreSQL only the client's share). */
  cpuMs: number;
  rowsPerSec: number;
  method: string;
}

const PG_ROWS_PER_INSERT = 2000;

/** Inserts every row into `transactions` of `ds` in one transaction and times it (the COMMIT included). */
export async function baselineInsert(ds: DataSource, cols: TransactionColumns): Promise<BaselineResult> {
  const n = cols.length;
  if (dialectOf(ds) === 'sqlite') {
    const db = sqliteHandle(ds);
    const stmt = db.prepare(`INSERT INTO transactions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    const insertAll = db.transaction(() => {
      for (let i = 0; i < n; i++) stmt.run(cols.row(i, false));
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    insertAll();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    check(n, await ds.query(`SELECT COUNT(*) AS n FROM transactions`));
    return {
      rows: n,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rowsPerSec: n / (ms / 1000),
      method: 'better-sqlite3 prepared INSERT per row, one transaction',
    };
  }
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const header = `INSERT INTO transactions (${COLUMNS.join(', ')}) VALUES `;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await runner.startTransaction();
    try {
      for (let start = 0; start < n; start += PG_ROWS_PER_INSERT) {
        const end = Math.min(n, start + PG_ROWS_PER_INSERT);
        const params: unknown[] = [];
        const tuples: string[] = [];
        for (let i = start; i < end; i++) {
          const base = params.length;
          const values = cols.row(i, true);
          tuples.push(`(${values.map((_, k) => `$${base + k + 1}`).join(', ')})`);
          for (const v of values) params.push(v);
        }
        await runner.query(header + tuples.join(', '), params);
      }
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    check(n, await ds.query(`SELECT COUNT(*) AS n FROM transactions`));
    return {
      rows: n,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rowsPerSec: n / (ms / 1000),
      method: `multi-row INSERT of ${PG_ROWS_PER_INSERT} rows per statement, one transaction`,
    };
  } finally {
    await runner.release();
  }
}

function check(expected: number, result: Array<{ n: unknown }>): void {
  if (Number(result[0].n) !== expected) throw new Error(`baseline inserted ${String(result[0].n)} rows, expected ${expected}`);
}
