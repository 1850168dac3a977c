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

/**
 * The row key a first load writes for a line: `<hash>:0` when the hash is new in the file (the key
 * the staged load gives it), else a provisional key unique by line, starting with a character no
 * content hash has, for numberRepeatedLines() to find and number once the indexes are back.
 */
export function firstLoadRowKey(hash: string, line: number, seenBefore: boolean): string {
  return seenBefore ? `~${hash}:${line}` : `${hash}:0`;
}

/**
 * A first load, once the indexes are rebuilt: gives the lines written with a provisional key (their
 * hash was maybe seen before in the file: src/ingest/seen-hashes.ts) their occurrence number, which
 * makes every key exactly what the staged load's ROW_NUMBER() per source and hash gives. The first
 * line of a hash was written as `<hash>:0` (a hash never seen is surely new), so a provisional line's
 * occurrence is 1 if that key exists (0 for a false "seen"), plus the provisional lines of the hash
 * before it. The new keys collide with none in the rebuilt unique index: only `:0` keys and
 * provisional ones exist. Chosen by measurement at 1M SQLite rows with 0.5 % repeats: finding the
 * repeats by `GROUP BY row_key HAVING COUNT(*) > 1` before the unique index could be built cost
 * 1.0–1.1 s and renumbering them by a scan 0.5 s; this is one scan for the provisional lines (~0.1 s)
 * and an index probe per repeat.
 */
export async function numberRepeatedLines(manager: EntityManager, dialect: Dialect): Promise<void> {
  const text = dialect === 'postgres' ? 'text' : 'TEXT';
  await manager.query(
    `UPDATE transactions SET row_key = n.hash || ':' || CAST(n.occurrence AS ${text})
     FROM (SELECT m.id, m.hash, ROW_NUMBER() OVER (PARTITION BY m.source, m.hash ORDER BY m.source_line) - 1
             + CASE WHEN EXISTS (SELECT 1 FROM transactions f WHERE f.source = m.source AND f.row_key = m.hash || ':0') THEN 1 ELSE 0 END AS occurrence
           FROM (SELECT id, source, source_line, substr(row_key, 2, length(row_key) - 2 - length(CAST(source_line AS ${text}))) AS hash
                 FROM transactions WHERE substr(row_key, 1, 1) = '~') m) n
     WHERE transactions.id = n.id`,
  );
}
