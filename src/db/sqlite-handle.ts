import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource } from 'typeorm';

/**
 * The better-sqlite3 handle behind a TypeORM DataSource. The bulk loader prepares statements on it
 * directly: one synchronous prepared insert per row is an order of magnitude faster than going
 * through the ORM, and it joins whatever transaction TypeORM has open on the same connection.
 */
export function sqliteHandle(ds: DataSource): BetterSqlite3.Database {
  if (ds.options.type !== 'better-sqlite3') throw new Error('not a SQLite data source');
  const driver = ds.driver as unknown as { databaseConnection: BetterSqlite3.Database };
  return driver.databaseConnection;
}
