import type { EntityManager } from 'typeorm';

/**
 * Re-keys rows of a versioned fact table (one row per natural key, newest extraction winning)
 * when a dimension they point at is merged into another. A moved row may land on a key that
 * already holds a row: the two are versions of the same fact, so the one with the newer
 * `extracted_at` stays (on a tie, the row already there) and the other is deleted. Summing them
 * would count one figure twice.
 */
export interface VersionedMove {
  table: string;
  /** Which rows move, as a condition on the alias given. */
  moving: (alias: string) => string;
  /** Key columns the move leaves as they are. */
  sameKey: readonly string[];
  /** Key columns the move changes: their new value as an expression over the moving row's alias. */
  newKey: Record<string, (alias: string) => string>;
  /** Non-key columns the move changes (e.g. the artist id when it is not part of the key). */
  alsoSet?: Record<string, (alias: string) => string>;
  versionColumn?: string;
}

export async function moveVersionedRows(
  manager: EntityManager,
  m: VersionedMove,
): Promise<{ moved: number; replaced: number; dropped: number }> {
  const version = m.versionColumn ?? 'extracted_at';
  const match = [...m.sameKey.map((k) => `o.${k} = s.${k}`), ...Object.entries(m.newKey).map(([k, expr]) => `o.${k} = ${expr('s')}`)].join(
    ' AND ',
  );
  const count = async (sql: string): Promise<number> => Number((await manager.query<Array<{ n: number | string }>>(sql))[0].n);
  // Rows already at the target key that an incoming row is newer than: the incoming row replaces them.
  const olderTargets = `SELECT o.id FROM ${m.table} o JOIN ${m.table} s ON ${match} WHERE ${m.moving('s')} AND NOT (${m.moving('o')}) AND s.${version} > o.${version}`;
  const replaced = await count(`SELECT COUNT(*) AS n FROM (${olderTargets}) x`);
  if (replaced) await manager.query(`DELETE FROM ${m.table} WHERE id IN (${olderTargets})`);
  // Incoming rows whose target holds a version at least as new: the incoming row is the stale one.
  const staleMovers = `SELECT s.id FROM ${m.table} s JOIN ${m.table} o ON ${match} WHERE ${m.moving('s')} AND o.id <> s.id`;
  const dropped = await count(`SELECT COUNT(*) AS n FROM (${staleMovers}) x`);
  if (dropped) await manager.query(`DELETE FROM ${m.table} WHERE id IN (${staleMovers})`);
  const sets = { ...m.newKey, ...(m.alsoSet ?? {}) };
  const moved = await count(`SELECT COUNT(*) AS n FROM ${m.table} WHERE ${m.moving(m.table)}`);
  if (moved) {
    await manager.query(
      `UPDATE ${m.table} SET ${Object.entries(sets)
        .map(([k, expr]) => `${k} = ${expr(m.table)}`)
        .join(', ')} WHERE ${m.moving(m.table)}`,
    );
  }
  return { moved, replaced, dropped };
}

/** An id interpolated into SQL: only ever a safe integer. */
export function sqlId(id: number): string {
  if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
  return String(id);
}
