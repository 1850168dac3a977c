import type { EntityManager } from 'typeorm';
import { type Dialect, SqlParams } from '../db/dialect';
import { sqliteHandle } from '../db/sqlite-handle';

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
  'source', 'content_hash', 'reporting_date', 'sale_month', 'store_id', 'platform_id', 'track_id', 'artist_id', 'release_id',
  'country', 'quantity', 'product_type', 'team_percentage', 'gross_nano', 'withheld_nano', 'net_nano', 'currency', 'source_line',
] as const;

function values(f: TransactionFact): unknown[] {
  return [
    f.source, f.contentHash, f.reportingDate, f.saleMonth, f.storeId, f.platformId, f.trackId, f.artistId, f.releaseId,
    f.country, f.quantity, f.productType, f.teamPercentage, f.grossNano, f.withheldNano, f.netNano, f.currency, f.sourceLine,
  ];
}

const PG_ROWS_PER_INSERT = 2000; // 18 columns × 2000 stays under PostgreSQL's 65535 parameters

/**
 * Loads one file's statement lines. Rows go to a temporary table first; one set-based statement
 * then numbers identical lines inside the file (ROW_NUMBER per content hash) to build the row key
 * and inserts what the warehouse does not have yet. Memory stays flat whatever the file size, and
 * a later full-history export that repeats earlier lines adds nothing.
 */
export class TransactionLoader {
  private pending: TransactionFact[] = [];
  private rowsAdded = 0;

  private constructor(private readonly manager: EntityManager, private readonly dialect: Dialect, private readonly sourceFileId: number) {}

  static async start(manager: EntityManager, dialect: Dialect, sourceFileId: number): Promise<TransactionLoader> {
    const types = dialect === 'postgres' ? { text: 'text', int: 'integer', big: 'bigint', date: 'date' } : { text: 'TEXT', int: 'INTEGER', big: 'INTEGER', date: 'TEXT' };
    await manager.query(`DROP TABLE IF EXISTS load_transactions`);
    await manager.query(
      `CREATE TEMPORARY TABLE load_transactions (source ${types.text}, content_hash ${types.text}, reporting_date ${types.date}, sale_month ${types.date},
        store_id ${types.int}, platform_id ${types.int}, track_id ${types.int}, artist_id ${types.int}, release_id ${types.int}, country ${types.text},
        quantity ${types.int}, product_type ${types.text}, team_percentage ${types.text}, gross_nano ${types.big}, withheld_nano ${types.big},
        net_nano ${types.big}, currency ${types.text}, source_line ${types.int})${dialect === 'postgres' ? ' ON COMMIT DROP' : ''}`,
    );
    return new TransactionLoader(manager, dialect, sourceFileId);
  }

  async add(facts: TransactionFact[]): Promise<void> {
    this.rowsAdded += facts.length;
    if (this.dialect === 'sqlite') {
      const insert = sqliteHandle(this.manager.connection).prepare(
        `INSERT INTO temp.load_transactions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
      );
      for (const f of facts) insert.run(values(f));
      return;
    }
    this.pending.push(...facts);
    while (this.pending.length >= PG_ROWS_PER_INSERT) await this.flushPostgres(this.pending.splice(0, PG_ROWS_PER_INSERT));
  }

  private async flushPostgres(rows: TransactionFact[]): Promise<void> {
    if (!rows.length) return;
    const p = new SqlParams('postgres');
    const tuples = rows.map((f) => `(${p.list(values(f))})`).join(', ');
    await this.manager.query(`INSERT INTO load_transactions (${COLUMNS.join(', ')}) VALUES ${tuples}`, p.values);
  }

  /** Moves the new lines into `transactions`, updates the monthly rollup, and reports what was new. */
  async finish(): Promise<{ inserted: number; skipped: number }> {
    if (this.dialect === 'postgres') await this.flushPostgres(this.pending.splice(0));
    const p = new SqlParams(this.dialect);
    const fileId = p.add(this.sourceFileId);
    const inserted = await this.execute(
      `INSERT INTO transactions (source, row_key, reporting_date, sale_month, store_id, platform_id, track_id, artist_id, release_id, country,
         quantity, product_type, team_percentage, gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line)
       SELECT source, content_hash || ':' || CAST(ROW_NUMBER() OVER (PARTITION BY content_hash ORDER BY source_line) - 1 AS ${this.dialect === 'postgres' ? 'text' : 'TEXT'}),
         reporting_date, sale_month, store_id, platform_id, track_id, artist_id, release_id, country, quantity, product_type, team_percentage,
         gross_nano, withheld_nano, net_nano, currency, ${fileId}, source_line
       FROM load_transactions WHERE true
       ORDER BY source_line
       ON CONFLICT (source, row_key) DO NOTHING`,
      p.values,
    );
    await this.updateRollup();
    await this.manager.query(`DROP TABLE IF EXISTS load_transactions`);
    return { inserted, skipped: this.rowsAdded - inserted };
  }

  /** Runs a data-modifying statement and answers how many rows it changed. */
  private async execute(sql: string, params: unknown[]): Promise<number> {
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('TransactionLoader must run inside a transaction');
    const result = await runner.query(sql, params, true);
    return result.affected ?? 0;
  }

  /** Adds this file's new lines to both monthly rollups, in the same transaction as the facts. */
  private async updateRollup(): Promise<void> {
    const month = this.dialect === 'postgres' ? `CAST(date_trunc('month', reporting_date) AS date)` : `substr(reporting_date, 1, 7) || '-01'`;
    const rollups: Array<{ table: string; keys: string[]; values: string[] }> = [
      {
        table: 'revenue_monthly_rollup',
        keys: ['source', 'sale_month', 'reporting_month', 'platform_id', 'store_id', 'country', 'artist_id'],
        values: ['source', 'sale_month', month, 'platform_id', 'store_id', "COALESCE(country, '')", 'COALESCE(artist_id, 0)'],
      },
      { table: 'revenue_platform_rollup', keys: ['source', 'sale_month', 'reporting_month', 'platform_id'], values: ['source', 'sale_month', month, 'platform_id'] },
    ];
    for (const r of rollups) {
      const p = new SqlParams(this.dialect);
      const sums = ['gross_nano', 'net_nano', 'quantity', 'transaction_count'];
      await this.manager.query(
        `INSERT INTO ${r.table} (${[...r.keys, ...sums].join(', ')})
         SELECT ${r.values.join(', ')}, SUM(gross_nano), SUM(net_nano), SUM(quantity), COUNT(*)
         FROM transactions WHERE source_file_id = ${p.add(this.sourceFileId)}
         GROUP BY ${r.values.join(', ')}
         ON CONFLICT (${r.keys.join(', ')}) DO UPDATE SET ${sums.map((c) => `${c} = ${r.table}.${c} + excluded.${c}`).join(', ')}`,
        p.values,
      );
    }
  }
}
