import type { Statement } from 'better-sqlite3';
import type { EntityManager } from 'typeorm';
import { type Dialect, SqlParams } from '../db/dialect';
import { sqliteHandle } from '../db/sqlite-handle';
import { copyRows } from '../db/postgres-copy';
import { dropIndexesForLargeLoad as dropPostgresIndexesForLargeLoad } from './postgres-large-load';
import { mergeRollupDelta } from './postgres-rollup-merge';
import { type IndexDefinition, startFirstLoad } from './first-load';
import { lineRowKey, numberRepeatedLines, numberStagedRepeatedLines } from './row-keys';
import { SeenHashes } from './seen-hashes';

/** A statement line ready for the warehouse: dimensions resolved, money in nano-units. */
export interface TransactionFact {
  source: string;
  /** Hash of the line's content; the loader adds its occurrence number inside the file (src/ingest/row-keys.ts). */
  contentHash: string;
  reportingDate: string;
  /** First day of the sale month, YYYY-MM-01. */
  saleMonth: string;
  storeId: number;
  platformId: number;
  trackId: number | null;
  artistId: number | null;
  releaseId: number | null;
  country: string | null;
  quantity: number;
  productType: string | null;
  teamPercentage: string;
  grossNano: bigint;
  withheldNano: bigint;
  netNano: bigint;
  currency: string;
  sourceLine: number;
}

/** A line as the loader writes it, with its row key (src/ingest/row-keys.ts) for the content hash. */
const LINE_COLUMNS = [
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
  'source_line',
] as const;

/** The SQLite page cache of a load (KiB): the sorter and the key-ordered insert stay in memory without growing the process much. */
const SQLITE_LOAD_CACHE_KIB = 32 * 1024;
/**
 * SQLite, a first load while its lines are appended (KiB): appends touch only the table's last pages,
 * so a large cache would only hold pages already written, beside the parse worker's memory at the
 * load's peak. finish() raises it to SQLITE_LOAD_CACHE_KIB for the index builds and the rollup.
 */
export const SQLITE_APPEND_CACHE_KIB = 4 * 1024;
/** The columns of `transactions` a load writes: the line's, then the file. */
const TRANSACTION_COLUMNS = [...LINE_COLUMNS, 'source_file_id'];

/** Rollup keys and sums (src/entities/revenue-*-rollup.entity.ts). */
const MONTHLY_KEYS = ['source', 'sale_month', 'reporting_month', 'platform_id', 'store_id', 'country', 'artist_id'];
const PLATFORM_KEYS = ['source', 'sale_month', 'reporting_month', 'platform_id'];
const SUMS = ['gross_nano', 'net_nano', 'quantity', 'transaction_count'];

/** SQLite: rows per prepared multi-row insert (18 parameters each, far below SQLite's limit). */
const ROWS_PER_INSERT = 64;
/** PostgreSQL's sort memory during a load (the default 4MB spills a million-line sort to disk). */
const PG_LOAD_WORK_MEM = '128MB';
/** Rows per COPY on PostgreSQL: a few MB of text, so memory stays flat and round trips are few. */
const PG_ROWS_PER_COPY = 20_000;
/** A staged load asks whether the warehouse has a line of the file once per this many lines (one index probe each). */
const KNOWN_LINE_SAMPLE = 4096;
/** Whether the warehouse has a line with this source and row key (placeholders in the dialect's form). */
const hasKey = (a: string, b: string) => `SELECT 1 AS known FROM transactions WHERE source = ${a} AND row_key = ${b} LIMIT 1`;

/**
 * Loads one file's statement lines. Each line gets its row key as it streams (its content hash and
 * occurrence number inside the file, src/ingest/row-keys.ts) and is appended to an index-less
 * temporary table (prepared inserts of 64 rows each on SQLite, `COPY … FROM STDIN` on PostgreSQL).
 * finish() numbers the few provisional keys, keeps the lines the warehouse does not have (one probe
 * of the row key's unique index per line) and inserts those in key order: the
 * unique key is a content hash, so file order would touch a random page of its index per row,
 * while key order walks it once like a merge. The label's usual file is a full-history export that
 * repeats every earlier line, so the probes, not the inserts, are most of the work, and no index is
 * dropped unless the new lines are at least as many as the table holds. Memory stays flat whatever
 * the file size (the database sorts, spilling to disk).
 *
 * A first load (`transactions` and the rollups empty: src/ingest/first-load.ts) skips the temporary
 * table: start() drops every index of `transactions`, the lines go straight into it in file order,
 * and finish() inserts the rollups grouped from them (there is nothing to add to), rebuilds the
 * indexes and numbers the provisional keys there. The row keys are the staged load's.
 */
export class TransactionLoader {
  private rowsAdded = 0;
  /** SQLite: the prepared inserts of one row and of ROWS_PER_INSERT rows, and the known-line probe. */
  private readonly sqlite: { one: Statement; many: Statement; hasKey: Statement } | null;
  /** SQLite: the parameters of one multi-row insert, reused. */
  private readonly manyParams: unknown[] = new Array<unknown>(ROWS_PER_INSERT * LINE_COLUMNS.length);
  /** PostgreSQL: COPY-text chunks not sent yet, and how many rows they hold. */
  private copyChunks: string[] = [];
  private copyPending = 0;
  /** PostgreSQL: the COPY still running, if any; the parse goes on meanwhile (the server and the parser use both cores). */
  private copyInFlight: Promise<number> | null = null;
  /** The content hashes of the file so far: a line whose hash may have come before gets a provisional row key. */
  private readonly seen = new SeenHashes();
  /** Lines since the last sampled probe (the first line is sampled), and whether one found its line already loaded. */
  private sinceSample = KNOWN_LINE_SAMPLE;
  private knownLine = false;

  private constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
    private readonly sourceFileId: number,
    /** SQLite: the largest transaction id before this load (about the rows the table holds: ids only grow). */
    private readonly idsAbove: number,
    /** SQLite: the connection's page cache setting before the load, restored when it finishes. */
    private readonly previousCacheSize: number | null,
    /** A first load: the indexes of `transactions` start() dropped, for finish() to recreate; null for a staged load. */
    private readonly firstLoad: IndexDefinition[] | null,
  ) {
    if (dialect === 'sqlite') {
      const db = sqliteHandle(manager.connection);
      // The same parameters either way (putFact), and a first load names the file.
      const row = `(${LINE_COLUMNS.map(() => '?').join(', ')}${firstLoad ? `, ${integerLiteral(sourceFileId)}` : ''})`;
      const into = firstLoad ? `transactions (${TRANSACTION_COLUMNS.join(', ')})` : `temp.load_transactions (${LINE_COLUMNS.join(', ')})`;
      const insert = (rows: number) => db.prepare(`INSERT INTO ${into} VALUES ${new Array<string>(rows).fill(row).join(', ')}`);
      this.sqlite = { one: insert(1), many: insert(ROWS_PER_INSERT), hasKey: db.prepare(hasKey('?', '?')) };
    } else this.sqlite = null;
  }

  static async start(manager: EntityManager, dialect: Dialect, sourceFileId: number): Promise<TransactionLoader> {
    const firstLoad = await startFirstLoad(manager, dialect);
    if (!firstLoad) await createLoadTable(manager, dialect);
    if (dialect === 'postgres') {
      // The sorts of a load (key order, repeated lines, rollups) should stay in memory (server side, for this transaction only).
      await manager.query(`SET LOCAL work_mem = '${PG_LOAD_WORK_MEM}'`);
      return new TransactionLoader(manager, dialect, sourceFileId, 0, null, firstLoad);
    }
    const [{ cache_size: previousCache }] = await manager.query<Array<{ cache_size: number }>>(`PRAGMA cache_size`);
    await manager.query(`PRAGMA cache_size = -${firstLoad ? SQLITE_APPEND_CACHE_KIB : SQLITE_LOAD_CACHE_KIB}`);
    const [{ maxId }] = await manager.query<Array<{ maxId: number }>>(`SELECT COALESCE(MAX(id), 0) AS maxId FROM transactions`);
    return new TransactionLoader(manager, dialect, sourceFileId, Number(maxId), Number(previousCache), firstLoad);
  }

  /**
   * Whether the warehouse already has a line of this file (a full-history export): asked of one
   * line in KNOWN_LINE_SAMPLE as they are added, so it can turn true late, and it is never true
   * for a first load. Then some lines will be skipped, which the curated part written while the
   * file streams cannot show (src/ingest/curated/transaction-part-stream.ts): its writer stops.
   */
  get metKnownLine(): boolean {
    return this.knownLine;
  }

  /** Probes a sample of `facts` for a line the warehouse has: `<hash>:0` exists exactly when the file's first line of that content is loaded. */
  private async sampleKnownLines(facts: readonly TransactionFact[]): Promise<void> {
    for (const f of facts) {
      if (++this.sinceSample < KNOWN_LINE_SAMPLE) continue;
      this.sinceSample = 0;
      const key = [f.source, `${f.contentHash}:0`];
      // PostgreSQL: on a pooled connection, beside the load's own (busy with its COPY); loaded lines are committed ones.
      const found = this.sqlite
        ? this.sqlite.hasKey.get(key)
        : (await this.manager.connection.query<unknown[]>(hasKey('$1', '$2'), key))[0];
      if (found) {
        this.knownLine = true;
        return;
      }
    }
  }

  async add(facts: TransactionFact[]): Promise<void> {
    if (!this.firstLoad && !this.knownLine) await this.sampleKnownLines(facts);
    this.rowsAdded += facts.length;
    const insert = this.sqlite;
    const seen = this.seen;
    const keyOf = (f: TransactionFact) => lineRowKey(f.contentHash, f.sourceLine, seen.add(f.contentHash));
    if (insert) {
      // Many rows per statement: one call into SQLite per ROWS_PER_INSERT lines instead of one per line.
      const params = this.manyParams;
      let k = 0;
      for (; k + ROWS_PER_INSERT <= facts.length; k += ROWS_PER_INSERT) {
        for (let j = 0; j < ROWS_PER_INSERT; j++) putFact(params, j * LINE_COLUMNS.length, facts[k + j], keyOf(facts[k + j]));
        insert.many.run(params);
      }
      const one = params.slice(0, LINE_COLUMNS.length);
      for (; k < facts.length; k++) {
        putFact(one, 0, facts[k], keyOf(facts[k]));
        insert.one.run(one);
      }
      return;
    }
    const lines: string[] = new Array<string>(facts.length);
    // A first load copies into `transactions`: the file after the line.
    const end = this.firstLoad ? `\t${integerLiteral(this.sourceFileId)}\n` : '\n';
    for (let k = 0; k < facts.length; k++) {
      const f = facts[k];
      lines[k] =
        `${copyText(f.source)}\t${keyOf(f)}\t${f.reportingDate}\t${f.saleMonth}\t${f.storeId}\t${f.platformId}\t${copyInt(f.trackId)}\t${copyInt(f.artistId)}\t${copyInt(f.releaseId)}\t${copyText(f.country)}\t${f.quantity}\t${copyText(f.productType)}\t${copyText(f.teamPercentage)}\t${f.grossNano}\t${f.withheldNano}\t${f.netNano}\t${copyText(f.currency)}\t${f.sourceLine}${end}`;
    }
    this.copyChunks.push(lines.join(''));
    this.copyPending += facts.length;
    if (this.copyPending >= PG_ROWS_PER_COPY) await this.flushCopy();
  }

  private async flushCopy(): Promise<void> {
    if (!this.copyPending) return;
    const chunks = this.copyChunks;
    this.copyChunks = [];
    this.copyPending = 0;
    // One COPY at a time on the connection: the previous one must end before the next is sent.
    await this.copyInFlight;
    const into = this.firstLoad ? `transactions (${TRANSACTION_COLUMNS.join(', ')})` : `load_transactions (${LINE_COLUMNS.join(', ')})`;
    const copy = copyRows(this.manager, `COPY ${into} FROM STDIN`, chunks);
    // Its error is thrown where it is awaited (the next flush or finish); this only keeps it from being unhandled meanwhile.
    copy.catch(() => undefined);
    this.copyInFlight = copy;
  }

  /** Moves the new lines into `transactions`, updates the monthly rollups, and reports what was new. */
  async finish(): Promise<{ inserted: number; skipped: number }> {
    if (this.dialect === 'postgres') {
      await this.flushCopy();
      await this.copyInFlight;
    }
    if (this.firstLoad) return this.finishFirstLoad(this.firstLoad);
    const pg = this.dialect === 'postgres';
    // From here loads into `transactions` take turns (readers never wait), so the lines found new below stay new until this one commits.
    // SQLite: one writer at a time already, and a write from a snapshot another commit overtook fails rather than reading stale rows.
    if (pg) await this.manager.query(`LOCK TABLE transactions IN SHARE ROW EXCLUSIVE MODE`);
    await numberStagedRepeatedLines(this.manager, this.dialect);
    await this.manager.query(`DROP TABLE IF EXISTS load_new`);
    const known = (l: string) => `EXISTS (SELECT 1 FROM transactions t WHERE t.source = ${l}.source AND t.row_key = ${l}.row_key)`;
    await this.manager.query(
      pg
        ? `CREATE TEMPORARY TABLE load_new ON COMMIT DROP AS SELECT l.* FROM load_transactions l WHERE NOT ${known('l')}`
        : // SQLite probes the row key's index in key order (the keys sorted apart, narrow): each index page is read once.
          // At 10M lines against 10M rows 27 s, against 47 s in file order; at 1M both ~2.5 s.
          `CREATE TEMPORARY TABLE load_new AS SELECT l.* FROM load_transactions l WHERE l.rowid IN (
             WITH k AS MATERIALIZED (SELECT rowid AS line, source, row_key FROM load_transactions ORDER BY source, row_key)
             SELECT line FROM k WHERE NOT ${known('k')})`,
    );
    const [{ n }] = await this.manager.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM load_new`);
    const fresh = Number(n);
    if (fresh > 0) {
      const rebuilt = pg ? await dropPostgresIndexesForLargeLoad(this.manager, fresh) : await this.dropIndexesForLargeLoad(fresh);
      const p = new SqlParams(this.dialect);
      // Key order: the row key's index is walked once (or, dropped, rebuilt from presorted rows); hashes are ASCII, so "C" is its order.
      const inserted = await this.execute(
        `INSERT INTO transactions (${TRANSACTION_COLUMNS.join(', ')})
         SELECT ${LINE_COLUMNS.join(', ')}, ${p.add(this.sourceFileId)} FROM load_new ORDER BY row_key${pg ? ' COLLATE "C"' : ''}`,
        p.values,
      );
      if (inserted !== fresh) throw new Error(`a load inserted ${inserted} of its ${fresh} new lines`);
      // Recreated from their own CREATE statements: same names, same definitions, still in this transaction.
      for (const { sql } of rebuilt) await this.manager.query(sql);
      await this.updateRollup();
    }
    for (const table of ['rollup_delta', 'load_new', 'load_transactions']) await this.manager.query(`DROP TABLE IF EXISTS ${table}`);
    await this.restoreCacheSize();
    return { inserted: fresh, skipped: this.rowsAdded - fresh };
  }

  /** A first load: its lines are in `transactions` as occurrence 0, without indexes (see the class comment). */
  private async finishFirstLoad(indexes: IndexDefinition[]): Promise<{ inserted: number; skipped: number }> {
    if (this.dialect === 'sqlite') await this.manager.query(`PRAGMA cache_size = -${SQLITE_LOAD_CACHE_KIB}`);
    // Grouped before the indexes are back: after them SQLite reads the table in row key order (for `source`), 4.5 s against 2.0 at 1M rows.
    if (this.rowsAdded > 0) await this.updateRollup();
    for (const { sql } of indexes) await this.manager.query(sql);
    await numberRepeatedLines(this.manager, this.dialect);
    await this.restoreCacheSize();
    return { inserted: this.rowsAdded, skipped: 0 };
  }

  private async restoreCacheSize(): Promise<void> {
    if (this.previousCacheSize !== null && Number.isSafeInteger(this.previousCacheSize))
      await this.manager.query(`PRAGMA cache_size = ${this.previousCacheSize}`);
  }

  /**
   * SQLite, when the load's new lines are at least as many as `transactions` holds (a large file
   * into a young warehouse; not a full-history export, whose lines are mostly known): drops the
   * table's non-unique indexes before the insert and answers their CREATE statements, for finish()
   * to run after it. Rows arrive in row-key order, which suits the unique key but scatters the date
   * and track indexes: a million scattered index inserts cost ~2.5x the wall time (~1.4x the CPU) of
   * inserting without them and building each index once from a sort (measured at 1M rows). The
   * unique key stays (it is walked in order). Fewer new lines keep the indexes: rebuilding them
   * would cost the whole table. The DDL is part of the load's transaction, so a failure or a crash
   * rolls it back with the rows; other connections keep reading the committed schema meanwhile.
   */
  private async dropIndexesForLargeLoad(fresh: number): Promise<IndexDefinition[]> {
    if (fresh < this.idsAbove) return [];
    const indexes = await this.manager.query<IndexDefinition[]>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY name`,
    );
    for (const { name } of indexes) await this.manager.query(`DROP INDEX "${name.replace(/"/g, '""')}"`);
    return indexes;
  }

  /** Runs a data-modifying statement and answers how many rows it changed. */
  private async execute(sql: string, params: unknown[]): Promise<number> {
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('TransactionLoader must run inside a transaction');
    const result = await runner.query(sql, params, true);
    return result.affected ?? 0;
  }

  /**
   * Adds this file's new lines to both monthly rollups, in the same transaction as the facts. The
   * lines are grouped once into a small delta table (one row per rollup key), which then updates
   * the finer rollup and, grouped again, the platform one.
   * A first load found both rollups empty under its lock, so it inserts them: the monthly one grouped
   * from `transactions` (only this file's lines), the platform one from the monthly one.
   */
  private async updateRollup(): Promise<void> {
    if (this.firstLoad) {
      // Rollup writers take turns (src/ingest/postgres-rollup-merge.ts), readers never wait.
      if (this.dialect === 'postgres')
        await this.manager.query(`LOCK TABLE revenue_monthly_rollup, revenue_platform_rollup IN SHARE ROW EXCLUSIVE MODE`);
      await this.manager.query(
        `INSERT INTO revenue_monthly_rollup (${[...MONTHLY_KEYS, ...SUMS].join(', ')})
         SELECT ${rollupDeltaSelect('transactions', this.dialect === 'postgres')}`,
      );
      await this.manager.query(
        `INSERT INTO revenue_platform_rollup (${[...PLATFORM_KEYS, ...SUMS].join(', ')})
         SELECT ${PLATFORM_KEYS.join(', ')}, ${SUMS.map((c) => `SUM(${c})`).join(', ')} FROM revenue_monthly_rollup GROUP BY ${PLATFORM_KEYS.join(', ')}`,
      );
      return;
    }
    const pg = this.dialect === 'postgres';
    await this.manager.query(`DROP TABLE IF EXISTS rollup_delta`);
    // Every line of load_new went in (finish() checked the count), so the delta is those lines grouped.
    await this.manager.query(
      `CREATE TEMPORARY TABLE rollup_delta${pg ? ' ON COMMIT DROP' : ''} AS SELECT ${rollupDeltaSelect('load_new', pg)}`,
    );
    if (pg) return mergeRollupDelta(this.manager);
    const upsert = (table: string, keys: string[], group: boolean) =>
      this.manager.query(
        `INSERT INTO ${table} (${[...keys, ...SUMS].join(', ')})
         SELECT ${keys.join(', ')}, ${SUMS.map((c) => (group ? `SUM(${c})` : c)).join(', ')} FROM rollup_delta WHERE true
         ${group ? `GROUP BY ${keys.join(', ')}` : ''}
         ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${SUMS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`,
      );
    await upsert('revenue_monthly_rollup', MONTHLY_KEYS, false);
    await upsert('revenue_platform_rollup', PLATFORM_KEYS, true);
  }
}

/** The rollup delta: new lines grouped by the finer rollup's key (`from` is a row source, `pg` picks the month expression). */
function rollupDeltaSelect(from: string, pg: boolean): string {
  const month = pg ? `CAST(date_trunc('month', reporting_date) AS date)` : `substr(reporting_date, 1, 7) || '-01'`;
  return `source, sale_month, ${month} AS reporting_month, platform_id, store_id, COALESCE(country, '') AS country, COALESCE(artist_id, 0) AS artist_id,
      SUM(gross_nano) AS gross_nano, SUM(net_nano) AS net_nano, SUM(quantity) AS quantity, COUNT(*) AS transaction_count
    FROM ${from}
    GROUP BY source, sale_month, ${month}, platform_id, store_id, COALESCE(country, ''), COALESCE(artist_id, 0)`;
}

/** The index-less table a staged load appends to (dropped at the end of the load). */
async function createLoadTable(manager: EntityManager, dialect: Dialect): Promise<void> {
  const types =
    dialect === 'postgres'
      ? { text: 'text', int: 'integer', big: 'bigint', date: 'date' }
      : { text: 'TEXT', int: 'INTEGER', big: 'INTEGER', date: 'TEXT' };
  await manager.query(`DROP TABLE IF EXISTS load_transactions`);
  await manager.query(
    `CREATE TEMPORARY TABLE load_transactions (source ${types.text}, row_key ${types.text}, reporting_date ${types.date}, sale_month ${types.date},
      store_id ${types.int}, platform_id ${types.int}, track_id ${types.int}, artist_id ${types.int}, release_id ${types.int}, country ${types.text},
      quantity ${types.int}, product_type ${types.text}, team_percentage ${types.text}, gross_nano ${types.big}, withheld_nano ${types.big},
      net_nano ${types.big}, currency ${types.text}, source_line ${types.int})${dialect === 'postgres' ? ' ON COMMIT DROP' : ''}`,
  );
}

/** An id written into SQL text (a prepared statement, a COPY line): checked to be an integer first. */
function integerLiteral(id: number): string {
  if (!Number.isSafeInteger(id)) throw new Error(`not an integer id: ${id}`);
  return String(id);
}

/** Writes a fact's values into `params` from `at`, in LINE_COLUMNS order, with its row key `key`. */
function putFact(params: unknown[], at: number, f: TransactionFact, key: string): void {
  params[at] = f.source;
  params[at + 1] = key;
  params[at + 2] = f.reportingDate;
  params[at + 3] = f.saleMonth;
  params[at + 4] = f.storeId;
  params[at + 5] = f.platformId;
  params[at + 6] = f.trackId;
  params[at + 7] = f.artistId;
  params[at + 8] = f.releaseId;
  params[at + 9] = f.country;
  params[at + 10] = f.quantity;
  params[at + 11] = f.productType;
  params[at + 12] = f.teamPercentage;
  params[at + 13] = f.grossNano;
  params[at + 14] = f.withheldNano;
  params[at + 15] = f.netNano;
  params[at + 16] = f.currency;
  params[at + 17] = f.sourceLine;
}

/** A nullable integer in COPY text format. */
const copyInt = (v: number | null): string => (v === null ? '\\N' : String(v));

/** A nullable text value in COPY text format: backslash, tab and line breaks escaped. */
function copyText(v: string | null): string {
  if (v === null) return '\\N';
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : v;
}
