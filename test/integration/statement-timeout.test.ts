import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config';
import { openWarehouse } from '../../src/db/open-warehouse';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../helpers/databases';

describeEachDatabase('statement timeout', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await openWarehouse(loadConfig({ DATABASE_URL: db.url, STATEMENT_TIMEOUT_MS: '300' }));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  // SQLite (better-sqlite3) has no statement interrupt: there the cost, depth, page and range limits bound the work.
  const onPostgres = kind === 'postgres' ? it : it.skip;
  onPostgres('cancels a statement that runs past STATEMENT_TIMEOUT_MS (PostgreSQL only)', async () => {
    await expect(ds.query('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
    expect(await ds.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
