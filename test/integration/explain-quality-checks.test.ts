import type { DataSource } from 'typeorm';
import { DataQualityService } from '../../src/analytics/insights/data-quality.service';
import { loadConfig } from '../../src/config/config';
import { openWarehouse } from '../../src/db/open-warehouse';
import { refreshStatistics } from '../../src/db/statistics';
import { seedFactRows } from '../../bench/fact-rows-sql';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../helpers/databases';
import { queryPlan, recordQueries } from '../helpers/query-plans';

/**
 * The data-quality report runs after every load and on request: none of its statements may read
 * `transactions` whole (its time grew with the warehouse, past PostgreSQL's statement timeout at
 * the label's scale). Sums and counts come from the rollups; the only read of `transactions` left
 * is the partial index IDX_transactions_net_above_gross, which holds the lines with net above gross.
 * The plans are asked for the exact SQL the service sends, captured from the real DataSource.
 */

// PostgreSQL needs enough rows for its cost model to tell a scan from an index; SQLite's planner
// has no row counts to be fooled by.
const ROWS = { postgres: 200_000, sqlite: 20_000 } as const;
const PARTIAL = 'IDX_transactions_net_above_gross';

describeEachDatabase('data-quality statements never scan transactions', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await openWarehouse(loadConfig({ DATABASE_URL: db.url, STATEMENT_TIMEOUT_MS: '120000' }));
    await seedFactRows(ds, ROWS[kind]);
    // One line in a thousand with net above gross: the few rows the partial index holds.
    await ds.query('UPDATE transactions SET net_nano = gross_nano + 1 WHERE id % 1000 = 0');
    await refreshStatistics(ds); // what every load does
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /**
   * What of `transactions` a plan reads: its indexes by name, 'the table' for a scan of its rows
   * (PostgreSQL's Bitmap Heap Scan reads only the rows its Bitmap Index Scan found). SQLite names the table by its alias `t`.
   */
  async function readsOfTransactions(plan: string): Promise<string[]> {
    const indexes: Array<{ name: string }> = await ds.query(
      kind === 'postgres'
        ? "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'transactions'"
        : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions'",
    );
    const named = (text: string) => indexes.map((i) => i.name).filter((name) => new RegExp(`\\b${name}\\b`).test(text));
    if (kind === 'postgres') return [...(/Seq Scan on transactions\b/.test(plan) ? ['the table'] : []), ...named(plan)];
    return plan
      .split('\n')
      .filter((line) => /\b(SCAN|SEARCH) (t|transactions)\b/.test(line))
      .flatMap((line) => (named(line).length ? named(line) : ['the table']));
  }

  it('reads transactions only through the partial index, and counts the lines with net above gross', async () => {
    const service = new DataQualityService(ds, loadConfig({}).health);
    // Every seeded sale month (2020-01 … 2024-12).
    const { result, sent } = await recordQueries(ds, () => service.compute('distrokid', { from: '2020-01-01', to: '2024-12-31' }));
    expect(result.failedChecks).toContainEqual(expect.objectContaining({ check: 'net_above_gross', count: ROWS[kind] / 1000 }));
    const reads: string[] = [];
    for (const q of sent) reads.push(...(await readsOfTransactions(await queryPlan(ds, q))));
    // The count of lines with net above gross reads the partial index; nothing else reads the table.
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set([PARTIAL]));
  });
});
