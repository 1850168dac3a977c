/**
 * The SQL seed of the plan tests and benchmarks (bench/fact-rows-sql.ts) drops the fact tables'
 * secondary indexes, foreign keys and reference trigger on PostgreSQL while it inserts: afterwards
 * the schema must be exactly what the migrations made, and its checks must hold again.
 */
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/config';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { seedFactRows } from '../../../bench/fact-rows-sql';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../helpers/databases';

const ROWS = 3000;

describeEachDatabase('fact rows seed', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await openWarehouse(loadConfig({ DATABASE_URL: db.url }));
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** Every index, constraint and trigger of the fact tables with its definition and state. */
  async function schemaOfFacts(): Promise<string[]> {
    if (kind === 'sqlite') {
      const rows: Array<{ name: string; sql: string | null }> = await ds.query(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name IN ('transactions', 'streams') ORDER BY name",
      );
      return rows.map((r) => `${r.name}: ${r.sql}`);
    }
    const rows: Array<{ line: string }> = await ds.query(
      `SELECT 'index ' || indexname || ': ' || indexdef AS line FROM pg_indexes WHERE tablename IN ('transactions', 'streams')
       UNION ALL SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) || ' validated ' || convalidated::text FROM pg_constraint
         WHERE conrelid IN ('transactions'::regclass, 'streams'::regclass)
       UNION ALL SELECT 'trigger ' || tgname || ': enabled ' || tgenabled::text FROM pg_trigger
         WHERE tgrelid IN ('transactions'::regclass, 'streams'::regclass) AND NOT tgisinternal
       ORDER BY 1`,
    );
    return rows.map((r) => r.line);
  }

  it('leaves the indexes, constraints and triggers as migrated, and they hold', async () => {
    const before = await schemaOfFacts();
    expect(before.length).toBeGreaterThan(10);
    await seedFactRows(ds, ROWS);
    expect(await schemaOfFacts()).toEqual(before);
    const [counts]: Array<{ t: number | string; s: number | string }> = await ds.query(
      'SELECT (SELECT COUNT(*) FROM transactions) AS t, (SELECT COUNT(*) FROM streams) AS s',
    );
    expect([Number(counts.t), Number(counts.s)]).toEqual([ROWS, ROWS]);

    // The rebuilt unique index refuses a second row with a seeded key.
    await expect(
      ds.query(`INSERT INTO transactions (source, row_key, reporting_date, sale_month, store_id, platform_id, quantity, team_percentage,
          gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line)
        SELECT source, row_key, reporting_date, sale_month, store_id, platform_id, quantity, team_percentage,
          gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line FROM transactions WHERE row_key = 'k1'`),
    ).rejects.toThrow(/unique|UNIQUE/);
    // The reference check is back on: a store that does not exist is refused.
    await expect(
      ds.query(`INSERT INTO transactions (source, row_key, reporting_date, sale_month, store_id, platform_id, quantity, team_percentage,
          gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line)
        SELECT source, 'other', reporting_date, sale_month, 999999, platform_id, quantity, team_percentage,
          gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line FROM transactions WHERE row_key = 'k1'`),
    ).rejects.toThrow(/FOREIGN KEY constraint failed|violates its references/);
    // And the streams' foreign keys, re-added after the insert.
    await expect(
      ds.query(`INSERT INTO streams (source, date, platform_id, country, dim_key, streams, source_file_id, extracted_at)
        SELECT source, date, 999999, country, 'other', streams, source_file_id, extracted_at FROM streams WHERE dim_key = 'd1'`),
    ).rejects.toThrow(/FOREIGN KEY constraint failed|violates foreign key constraint/);
  });
});
