import type { EntityManager } from 'typeorm';
import type { IndexDefinition } from './first-load';

/** How long a load waits for readers of `transactions` before it keeps the indexes and inserts with them. */
const LOCK_WAIT = '2s';
/** Sort memory of the index rebuilds (the default 64MB spills a million-key sort to disk). */
const REBUILD_MEMORY = '256MB';

/**
 * PostgreSQL, when a load's new lines are at least as many as `transactions` holds (a large file
 * into a young warehouse; not a full-history export, whose lines are mostly known): drops the
 * table's secondary indexes, the row key's unique index included, and answers their definitions
 * (pg_get_indexdef: same names, same columns), for the loader to recreate once the rows are in. At
 * 200k lines, inserting with the seven indexes cost ~6 s of server CPU (each row walks six B-trees,
 * the date and track ones in scattered order); without them and building each index once from a
 * sort, ~2.7 s plus ~1.5 s of builds. The primary key stays (ids only grow: its inserts are
 * appends). Fewer new lines keep everything: rebuilding would cost the whole table.
 *
 * DROP INDEX takes an ACCESS EXCLUSIVE lock on the table until the load commits: readers of
 * `transactions` (not of the rollups) wait for the rest of the load. The lock is only tried for
 * LOCK_WAIT, so a load behind a long read keeps its indexes rather than queueing every reader
 * behind itself. The DDL is part of the load's transaction: a failure rolls back rows and indexes alike.
 */
export async function dropIndexesForLargeLoad(manager: EntityManager, fresh: number): Promise<IndexDefinition[]> {
  if (fresh === 0) return [];
  // Counts at most fresh + 1 rows: the check never costs more than the insert itself.
  const [{ n }] = await manager.query<Array<{ n: string }>>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM transactions LIMIT $1) t`, [
    fresh + 1,
  ]);
  if (Number(n) > fresh) return [];
  if (!(await lockTransactionsForLoad(manager))) return [];
  return dropTransactionIndexes(manager);
}

/**
 * Takes `transactions`' ACCESS EXCLUSIVE lock until the load commits, waiting at most LOCK_WAIT for
 * readers: answers false, holding nothing, when they keep it longer (or when `stillWanted`, asked
 * under the lock, says no: the lock is given back at once, inside a savepoint).
 */
export async function lockTransactionsForLoad(manager: EntityManager, stillWanted?: () => Promise<boolean>): Promise<boolean> {
  await manager.query(`SAVEPOINT large_load_lock`);
  try {
    await manager.query(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
    await manager.query(`LOCK TABLE transactions IN ACCESS EXCLUSIVE MODE`);
  } catch (err) {
    if ((err as { code?: string }).code !== '55P03') throw err; // lock_not_available
    await manager.query(`ROLLBACK TO SAVEPOINT large_load_lock`);
    return false;
  }
  if (stillWanted && !(await stillWanted())) {
    await manager.query(`ROLLBACK TO SAVEPOINT large_load_lock`);
    return false;
  }
  await manager.query(`RELEASE SAVEPOINT large_load_lock`);
  await manager.query(`SET LOCAL lock_timeout = DEFAULT`);
  return true;
}

/**
 * Under the lock of lockTransactionsForLoad: drops every index of `transactions` but those backing a
 * constraint (the primary key: ids only grow, its inserts are appends) and answers their definitions
 * (pg_get_indexdef: same names, same columns) for the loader to recreate once the rows are in.
 */
export async function dropTransactionIndexes(manager: EntityManager): Promise<IndexDefinition[]> {
  // Indexes backing a constraint (the primary key) cannot be dropped alone; none but the key exists today.
  const indexes = await manager.query<IndexDefinition[]>(
    `SELECT c.relname AS name, pg_get_indexdef(x.indexrelid) AS sql
     FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
     WHERE x.indrelid = 'transactions'::regclass AND x.indisvalid
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
     ORDER BY c.relname`,
  );
  if (!indexes.length) return indexes;
  await manager.query(`DROP INDEX ${indexes.map(({ name }) => `"${name.replace(/"/g, '""')}"`).join(', ')}`);
  await manager.query(`SET LOCAL maintenance_work_mem = '${REBUILD_MEMORY}'`);
  return indexes;
}
