import type { EntityManager } from 'typeorm';
import type { Dialect } from '../db/dialect';
import { dropTransactionIndexes, lockTransactionsForLoad } from './postgres-large-load';

/** An index of `transactions` as its own CREATE statement, to recreate it unchanged. */
export interface IndexDefinition {
  name: string;
  sql: string;
}

/**
 * Starts a first load when the warehouse holds no statement line: drops every index of
 * `transactions` (the row key's unique one too; the primary key stays) and answers their
 * definitions, for the loader to write the file's lines straight into the bare table and rebuild
 * them once. Answers null, changing nothing, when `transactions` or a revenue rollup holds rows
 * (the rollups are sums of `transactions`: rows there with none here would be added to, not
 * replaced), or when PostgreSQL readers hold the table longer than the large-load lock waits.
 *
 * Emptiness is what the load sees under its lock. PostgreSQL: checked again under the ACCESS
 * EXCLUSIVE lock (held until the load commits, so API reads of `transactions` wait for the whole
 * load; it was only tried if the table looked empty). SQLite: the DROP INDEX is the load's first
 * write, and in WAL mode a write succeeds only from the newest snapshot (else SQLITE_BUSY_SNAPSHOT),
 * so the check read the table as it is under the write lock, which no other writer gets before
 * the load ends. The DDL is part of the load's transaction: a failure or a crash leaves the
 * warehouse as it was, indexes included.
 */
export async function startFirstLoad(manager: EntityManager, dialect: Dialect): Promise<IndexDefinition[] | null> {
  if (!(await warehouseEmpty(manager))) return null;
  if (dialect === 'postgres') {
    if (!(await lockTransactionsForLoad(manager, () => warehouseEmpty(manager)))) return null;
    return dropTransactionIndexes(manager);
  }
  const indexes = await manager.query<IndexDefinition[]>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' AND sql IS NOT NULL ORDER BY name`,
  );
  for (const { name } of indexes) await manager.query(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  return indexes;
}

async function warehouseEmpty(manager: EntityManager): Promise<boolean> {
  const [{ empty }] = await manager.query<Array<{ empty: number }>>(
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM transactions) OR EXISTS (SELECT 1 FROM revenue_monthly_rollup)
       OR EXISTS (SELECT 1 FROM revenue_platform_rollup) THEN 0 ELSE 1 END AS empty`,
  );
  return Number(empty) === 1;
}
