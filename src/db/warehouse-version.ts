import type { DataSource, EntityManager } from 'typeorm';

/**
 * The warehouse version (see WarehouseVersion): bumped inside every transaction that changes what
 * the analytics read, so it commits or rolls back with the change.
 */
export async function bumpWarehouseVersion(manager: EntityManager): Promise<void> {
  await manager.query('UPDATE warehouse_version SET version = version + 1 WHERE id = 1');
  // Delivered at commit (and never on rollback): API processes that remember the version forget it (see warehouse-version-watch.ts).
  if (manager.connection.options.type === 'postgres') await manager.query(`SELECT pg_notify('${WAREHOUSE_VERSION_CHANNEL}', '')`);
}

/** The PostgreSQL channel a committed bump notifies. */
export const WAREHOUSE_VERSION_CHANNEL = 'warehouse_version';

export async function readWarehouseVersion(ds: DataSource): Promise<number> {
  const rows: Array<{ version: number | string }> = await ds.query('SELECT version FROM warehouse_version WHERE id = 1');
  return Number(rows[0]?.version ?? 0);
}
