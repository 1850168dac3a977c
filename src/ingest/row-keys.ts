import type { EntityManager } from 'typeorm';
import type { Dialect } from '../db/dialect';

/**
 * Row keys of statement lines. A line's key is its content hash and its occurrence number inside
 * the file (`<hash>:<n>`: identical lines are separate transactions, and a later full-history export
 * gives every earlier line the same key again). The loader numbers lines as they stream, with a
 * Bloom filter of the hashes so far (src/ingest/seen-hashes.ts): a hash never seen is surely the
 * first of its kind (`<hash>:0`); the rest, the repeats and a few false "seen" answers, get a
 * provisional key unique by line, numbered once the whole file is in. The numbers are those of
 * ROW_NUMBER() per source and hash in line order, without sorting the file.
 */
export function lineRowKey(hash: string, line: number, seenBefore: boolean): string {
  return seenBefore ? `~${hash}:${line}` : `${hash}:0`;
}

/** SQL: the content hash inside a provisional key (`~<hash>:<line>`). */
const provisionalHash = (dialect: Dialect) =>
  `substr(row_key, 2, length(row_key) - 2 - length(CAST(source_line AS ${dialect === 'postgres' ? 'text' : 'TEXT'})))`;

/**
 * Numbers the provisional keys of a first load, written straight into `transactions`, once its
 * indexes are rebuilt. The first line of a hash was written as `<hash>:0`, so a provisional line's
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
           FROM (SELECT id, source, source_line, ${provisionalHash(dialect)} AS hash
                 FROM transactions WHERE substr(row_key, 1, 1) = '~') m) n
     WHERE transactions.id = n.id`,
  );
}

/**
 * The same numbering for a staged load, in its index-less `load_transactions`: the provisional
 * lines (about 1 % of a file with 0.5 % identical lines) are copied out by one scan, the `:0` lines
 * of their hashes found by a second scan against that small set, and only the provisional lines
 * are updated (SQLite by rowid; PostgreSQL joins on the line number, unique in a file). At 1M lines
 * with 10k provisional ones: ~1 s, against ~4 s for ROW_NUMBER() over the whole file.
 */
export async function numberStagedRepeatedLines(manager: EntityManager, dialect: Dialect): Promise<void> {
  const pg = dialect === 'postgres';
  const line = pg ? 'source_line' : 'rowid';
  await manager.query(`DROP TABLE IF EXISTS load_repeats`);
  await manager.query(
    `CREATE TEMPORARY TABLE load_repeats${pg ? ' ON COMMIT DROP' : ''} AS
     SELECT ${line} AS line, source, source_line, ${provisionalHash(dialect)} AS hash FROM load_transactions WHERE substr(row_key, 1, 1) = '~'`,
  );
  const [{ n }] = await manager.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM load_repeats`);
  if (Number(n) > 0)
    await manager.query(
      // MATERIALIZED: else SQLite joins the whole file through an automatic index on it (~4 s at 1M lines).
      `WITH firsts AS MATERIALIZED (SELECT source, row_key FROM load_transactions WHERE row_key IN (SELECT hash || ':0' FROM load_repeats))
       UPDATE load_transactions SET row_key = n.hash || ':' || CAST(n.occurrence AS ${pg ? 'text' : 'TEXT'})
       FROM (SELECT r.line, r.hash, ROW_NUMBER() OVER (PARTITION BY r.source, r.hash ORDER BY r.source_line) - 1
               + CASE WHEN f.row_key IS NULL THEN 0 ELSE 1 END AS occurrence
             FROM load_repeats r LEFT JOIN firsts f ON f.source = r.source AND f.row_key = r.hash || ':0') n
       WHERE load_transactions.${line} = n.line`,
    );
  await manager.query(`DROP TABLE load_repeats`);
}
