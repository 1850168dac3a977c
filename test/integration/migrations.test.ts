import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config';
import { openWarehouse } from '../../src/db/open-warehouse';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../helpers/databases';

describeEachDatabase('migrations', (kind) => {
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

  it('leave no difference between the entities and the migrated schema (drift check)', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('seed the platforms and the DistroKid store map idempotently', async () => {
    const before = await ds.query('SELECT COUNT(*) AS n FROM stores');
    await ds.runMigrations();
    const { seedReferenceData } = await import('../../src/db/reference-data');
    await seedReferenceData(ds);
    const after = await ds.query('SELECT COUNT(*) AS n FROM stores');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
    const youtube = await ds.query(
      "SELECT s.name FROM stores s JOIN platforms p ON p.id = s.platform_id WHERE p.code = 'youtube' AND s.source = 'distrokid' ORDER BY s.name",
    );
    expect(youtube.map((r: { name: string }) => r.name)).toEqual(['YouTube (Ads)', 'YouTube (Audio)', 'YouTube (Red)']);
  });

  it('revert cleanly, every one of them', async () => {
    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration();
    const tables = await ds.query(
      kind === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'transactions'"
        : "SELECT tablename FROM pg_tables WHERE tablename = 'transactions'",
    );
    expect(tables).toEqual([]);
    await ds.runMigrations();
  });
});
