import type { Statement } from 'better-sqlite3';
import type { EntityManager } from 'typeorm';
import { type Dialect, SqlParams } from '../db/dialect';
import { sqliteHandle } from '../db/sqlite-handle';
import { copyRows } from '../db/postgres-copy';
import { dropIndexesForLargeLoad as dropPostgresIndexesForLargeLoad, ROW_KEY_INDEX } from './postgres-large-load';
import { findRepeatedLines, NUMBERED_LINES } from './postgres-occurrences';
import { mergeRollupDelta } from './postgres-rollup-merge';
import { firstLoadRowKey, type IndexDefinition, numberRepeatedLines, startFirstLoad } from './first-load';
import { SeenHashes } from './seen-hashes';

/** A statement line ready for the warehouse: dimensions resolved, money in nano-units. */
export interface TransactionFact {
  source: string;
  /** Hash of the line's content; its occurrence number inside the file is added by the database. */
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

const COLUMNS = [
  'source',
  'content_hash',
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
/** The columns of `transactions` a first load writes: COLUMNS with the row key for the hash (firstLoadRowKey), then the file. */
const FIRST_LOAD_COLUMNS = ['source', 'row_key', ...COLUMNS.slice(2), 'source_file_id'];

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

/**
 * Loads one file's statement lines. Rows are appended to an index-less temporary table as they are
 * parsed (prepared inserts of 64 rows each on SQLite, `COPY … FROM STDIN` on PostgreSQL). One set-based
 * statement then numbers identical lines inside the file (ROW_NUMBER per content hash) to build the
 * row key and inserts what the warehouse does not have yet, IN KEY ORDER: the unique key is a
 * content hash, so inserting in file order would touch a random page of its index per row, while
 * key order walks it once like a merge. Memory stays flat whatever the file size (the database
 * sorts, spilling to disk), and a later full-history export that repeats earlier lines adds nothing.
 *
 * A first load (`transactions` and the rollups empty: src/ingest/first-load.ts) skips the temporary
 * table: start() drops every index of `transactions`, the lines go straight into it in file order
 * (occurrence 0, or a provisional key when their hash may have come before), and finish() inserts
 * the rollups grouped from them (there is nothing to add to), rebuilds the indexes and numbers the
 * repeats. The row keys are the staged load's.
 */
export class TransactionLoader {
  private rowsAdded = 0;
  /** SQLite: the prepared insert of one row, and of ROWS_PER_INSERT rows at once. */
  private readonly sqliteInsert: { one: Statement; many: Statement } | null;
  /** SQLite: the parameters of one multi-row insert, reused. */
  private readonly manyParams: unknown[] = new Array<unknown>(ROWS_PER_INSERT * COLUMNS.length);
  /** PostgreSQL: COPY-text chunks not sent yet, and how many rows they hold. */
  private copyChunks: string[] = [];
  private copyPending = 0;
  /** PostgreSQL: the COPY still running, if any; the parse goes on meanwhile (the server and the parser use both cores). */
  private copyInFlight: Promise<number> | null = null;
  /** A first load: the content hashes written so far (a repeat gets a provisional row key). */
  private readonly seen: SeenHashes | null;

  private constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
    private readonly sourceFileId: number,
    /** SQLite: the largest transaction id before this load (ids only grow, and the load holds the write lock). */
    private readonly idsAbove: number,
    /** SQLite: the connection's page cache setting before the load, restored when it finishes. */
    private readonly previousCacheSize: number | null,
    /** A first load: the indexes of `transactions` start() dropped, for finish() to recreate; null for a staged load. */
    private readonly firstLoad: IndexDefinition[] | null,
  ) {
    this.seen = firstLoad ? new SeenHashes() : null;
    if (dialect === 'sqlite') {
      const db = sqliteHandle(manager.connection);
      // The same parameters either way (putFact; a first load puts the row key in the hash's place), and a first load names the file.
      const row = `(${COLUMNS.map(() => '?').join(', ')}${firstLoad ? `, ${integerLiteral(sourceFileId)}` : ''})`;
      const into = firstLoad ? `transactions (${FIRST_LOAD_COLUMNS.join(', ')})` : `temp.load_transactions (${COLUMNS.join(', ')})`;
      const insert = (rows: number) => db.prepare(`INSERT INTO ${into} VALUES ${new Array<string>(rows).fill(row).join(', ')}`);
      this.sqliteInsert = { one: insert(1), many: insert(ROWS_PER_INSERT) };
    } else this.sqliteInsert = null;
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

  async add(facts: TransactionFact[]): Promise<void> {
    this.rowsAdded += facts.length;
    const insert = this.sqliteInsert;
    const seen = this.seen;
    const keyOf = (f: TransactionFact) => (seen ? firstLoadRowKey(f.contentHash, f.sourceLine, seen.add(f.contentHash)) : f.contentHash);
    if (insert) {
      // Many rows per statement: one call into SQLite per ROWS_PER_INSERT lines instead of one per line.
      const params = this.manyParams;
      let k = 0;
      for (; k + ROWS_PER_INSERT <= facts.length; k += ROWS_PER_INSERT) {
        for (let j = 0; j < ROWS_PER_INSERT; j++) putFact(params, j * COLUMNS.length, facts[k + j], keyOf(facts[k + j]));
        insert.many.run(params);
      }
      const one = params.slice(0, COLUMNS.length);
      for (; k < facts.length; k++) {
        putFact(one, 0, facts[k], keyOf(facts[k]));
        insert.one.run(one);
      }
      return;
    }
    const lines: string[] = new Array<string>(facts.length);
    // A first load copies into `transactions`: the row key for the hash, and the file after the line.
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
    const into = this.firstLoad ? `transactions (${FIRST_LOAD_COLUMNS.join(', ')})` : `load_transactions (${COLUMNS.join(', ')})`;
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
    const p = new SqlParams(this.dialect);
    const fileId = p.add(this.sourceFileId);
    const text = pg ? 'text' : 'TEXT';
    // Hashes are ASCII: byte order is the index's order, and PostgreSQL sorts "C" far faster than a locale.
    const collateC = pg ? ' COLLATE "C"' : '';
    const large = pg ? await dropPostgresIndexesForLargeLoad(this.manager, this.rowsAdded) : null;
    const rebuilt = large ? large.indexes : await this.dropIndexesForLargeLoad();
    // PostgreSQL without the row key's index (a large load): identical lines are numbered without a
    // window over the file, and known rows are skipped by an anti-join (none can exist in an empty table).
    const withoutKeyIndex = pg && rebuilt.some((i) => i.name === ROW_KEY_INDEX);
    const intoEmptyTable = withoutKeyIndex && large !== null && large.intoEmptyTable;
    if (withoutKeyIndex) await findRepeatedLines(this.manager);
    const occurrence = `ROW_NUMBER() OVER (PARTITION BY source, content_hash${collateC} ORDER BY source_line) - 1 AS occurrence`;
    const insert = `INSERT INTO transactions (source, row_key, reporting_date, sale_month, store_id, platform_id, track_id, artist_id, release_id, country,
         quantity, product_type, team_percentage, gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line)
       SELECT source, content_hash || ':' || CAST(occurrence AS ${text}),
         reporting_date, sale_month, store_id, platform_id, track_id, artist_id, release_id, country, quantity, product_type, team_percentage,
         gross_nano, withheld_nano, net_nano, currency, ${fileId}, source_line
       -- With the unique index: the window sorts by key, and its rows come out in that order, so the insert walks the index once.
       -- (No ORDER BY on top: it would sort the same rows a second time; the order is for speed only.)
       FROM ${withoutKeyIndex ? NUMBERED_LINES : `(SELECT l.*, ${occurrence} FROM load_transactions l)`} numbered
       WHERE ${
         intoEmptyTable
           ? 'true'
           : withoutKeyIndex
             ? `NOT EXISTS (SELECT 1 FROM transactions t WHERE t.source = numbered.source AND t.row_key = numbered.content_hash || ':' || CAST(numbered.occurrence AS text))`
             : `true
       ON CONFLICT (source, row_key) DO NOTHING`
       }${
         // Without the index: rows still go in by hash (a one-key sort, ~0.6 s of CPU at 1M lines), so the
         // rebuild of the row key's index reads them presorted (its locale compare costs ~2.4 s more on file order).
         withoutKeyIndex
           ? `
       ORDER BY content_hash${collateC}`
           : ''
       }`;
    let inserted: number;
    if (pg) {
      await this.manager.query(
        `CREATE TEMPORARY TABLE rollup_delta (source text, sale_month date, reporting_month date, platform_id integer, store_id integer,
           country text, artist_id integer, gross_nano numeric, net_nano numeric, quantity numeric, transaction_count bigint) ON COMMIT DROP`,
      );
      if (intoEmptyTable) {
        // Every line goes in, so the delta is the whole file grouped straight from the temp table:
        // no RETURNING rows to hold (they spilled to disk at 1M lines) before grouping them.
        inserted = await this.execute(insert, p.values);
        if (inserted !== this.rowsAdded) throw new Error(`load into an empty table inserted ${inserted} of ${this.rowsAdded} lines`);
        await this.manager.query(`INSERT INTO rollup_delta SELECT ${rollupDeltaSelect('load_transactions', true)}`);
      } else {
        // The rollup delta is grouped from the rows the insert returns, in the same statement: the
        // new lines are never read back from the table (which needed an index on source_file_id).
        await this.manager.query(
          `WITH inserted AS (${insert} RETURNING source, sale_month, reporting_date, platform_id, store_id, country, artist_id, gross_nano, net_nano, quantity)
           INSERT INTO rollup_delta
           SELECT ${rollupDeltaSelect('inserted', true)}`,
          p.values,
        );
        const [{ n }] = await this.manager.query<Array<{ n: string | null }>>(`SELECT SUM(transaction_count) AS n FROM rollup_delta`);
        inserted = Number(n ?? 0);
      }
    } else inserted = await this.execute(insert, p.values);
    // Recreated from their own CREATE statements: same names, same definitions, still in this transaction.
    for (const { sql } of rebuilt) await this.manager.query(sql);
    if (inserted > 0) await this.updateRollup();
    await this.manager.query(`DROP TABLE IF EXISTS rollup_delta`);
    if (withoutKeyIndex) await this.manager.query(`DROP TABLE IF EXISTS load_repeated`);
    await this.manager.query(`DROP TABLE IF EXISTS load_transactions`);
    await this.restoreCacheSize();
    return { inserted, skipped: this.rowsAdded - inserted };
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
   * SQLite, when this load brings at least as many lines as `transactions` holds (a first load, a
   * full-history export into a young warehouse): drops the table's non-unique indexes before the
   * keyed insert and answers their CREATE statements, for finish() to run after it. Rows arrive in
   * row-key order, which suits the unique key but scatters the date and track indexes: a million
   * scattered index inserts cost ~2.5x the wall time (~1.4x the CPU) of inserting without them and
   * building each index once from a sort (measured at 1M rows). The unique key stays: the insert
   * needs it for ON CONFLICT. A smaller load into a larger table keeps its indexes: rebuilding them
   * would cost the whole table. The DDL is part of the load's transaction, so a failure or a crash
   * rolls it back with the rows; other connections keep reading the committed schema meanwhile.
   */
  private async dropIndexesForLargeLoad(): Promise<Array<{ name: string; sql: string }>> {
    if (this.dialect !== 'sqlite' || this.rowsAdded < this.idsAbove) return [];
    const indexes = await this.manager.query<Array<{ name: string; sql: string }>>(
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
   * the finer rollup and, grouped again, the platform one. On PostgreSQL the delta was filled by the insert itself;
   * on SQLite the new lines are the rows above the id the load started from (a rowid range).
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
    if (this.dialect === 'sqlite') {
      const p = new SqlParams(this.dialect);
      await this.manager.query(`DROP TABLE IF EXISTS rollup_delta`);
      await this.manager.query(
        `CREATE TEMPORARY TABLE rollup_delta AS SELECT ${rollupDeltaSelect(`transactions WHERE id > ${p.add(this.idsAbove)}`, false)}`,
        p.values,
      );
    }
    if (this.dialect === 'postgres') return mergeRollupDelta(this.manager);
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
    `CREATE TEMPORARY TABLE load_transactions (source ${types.text}, content_hash ${types.text}, reporting_date ${types.date}, sale_month ${types.date},
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

/** Writes a fact's values into `params` from `at`, in COLUMNS order, with `key` in the content hash's place. */
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
