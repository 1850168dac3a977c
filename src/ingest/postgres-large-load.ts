import type { EntityManager } from 'typeorm';

/** The row key's unique index: while it is dropped, the loader skips known rows with an anti-join instead of ON CONFLICT. */
export const ROW_KEY_INDEX = 'UQ_transactions_source_row_key';

/** What dropIndexesForLargeLoad did: the indexes to recreate, and whether the table was empty (read under its lock). */
export interface LargeLoad {
  indexes: Array<{ name: string; sql: string }>;
  /** No rows under the load's lock: every line is new, so no anti-join, and the rollup delta is the whole file. */
  intoEmptyTable: boolean;
}

/** How long a load waits for readers of `transactions` before it keeps the indexes and inserts with them. */
const LOCK_WAIT = '2s';
/** Sort memory of the index rebuilds (the default 64MB spills a million-key sort to disk). */
const REBUILD_MEMORY = '256MB';

/**
 * PostgreSQL, when a load brings at least as many lines as `transactions` holds (a first load, a
 * full-history export into a young warehouse): drops the table's secondary indexes, the row key's
 * unique index included, and answers their definitions (pg_get_indexdef: same names, same columns),
 * for the loader to recreate once the rows are in. At 200k lines, inserting with the seven indexes
 * cost ~6 s of server CPU (each row walks six B-trees, the date and track ones in scattered order);
 * without them and building each index once from a sort, ~2.7 s plus ~1.5 s of builds.
 * The primary key stays (ids only grow: its inserts are appends). A smaller load into a larger table
 * keeps everything: rebuilding would cost the whole table.
 *
 * DROP INDEX takes an ACCESS EXCLUSIVE lock on the table until the load commits: readers of
 * `transactions` (not of the rollups) wait for the rest of the load. The lock is only tried for
 * LOCK_WAIT, so a load behind a long read keeps its indexes rather than queueing every reader
 * behind itself. The DDL is part of the load's transaction: a failure rolls back rows and indexes alike.
 */
export async function dropIndexesForLargeLoad(manager: EntityManager, rowsAdded: number): Promise<LargeLoad> {
  const none: LargeLoad = { indexes: [], intoEmptyTable: false };
  if (rowsAdded === 0) return none;
  // Counts at most rowsAdded + 1 rows: the check never costs more than the load itself.
  const [{ n }] = await manager.query<Array<{ n: string }>>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM transactions LIMIT $1) t`, [
    rowsAdded + 1,
  ]);
  if (Number(n) > rowsAdded) return none;
  if (!(await lockTransactionsForLoad(manager))) return none;
  const indexes = await dropTransactionIndexes(manager);
  if (!indexes.length) return none;
  // Asked under the lock: nothing can be added before this load commits.
  const [{ empty }] = await manager.query<Array<{ empty: boolean }>>(`SELECT NOT EXISTS (SELECT 1 FROM transactions) AS empty`);
  return { indexes, intoEmptyTable: empty };
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
export async function dropTransactionIndexes(manager: EntityManager): Promise<Array<{ name: string; sql: string }>> {
  // Indexes backing a constraint (the primary key) cannot be dropped alone; none but the key exists today.
  const indexes = await manager.query<Array<{ name: string; sql: string }>>(
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
