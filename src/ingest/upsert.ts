import type { EntityManager } from 'typeorm';
import { type Dialect, SqlParams } from '../db/dialect';
import { recordRestatements, type RestatementSpec } from './record-restatements';

export interface UpsertSpec {
  table: string;
  columns: readonly string[];
  /** The natural key (a unique index of the table). */
  key: readonly string[];
  rows: ReadonlyArray<readonly unknown[]>;
  /**
   * A timestamp column: a row replaces the stored one only when it is at least as recent, so an
   * older extraction loaded late never overwrites a newer one.
   */
  versionColumn?: string;
  /** Record every value a strictly newer capture changes (needs versionColumn and a source_file_id column). */
  restatements?: RestatementSpec;
}

/** A timestamp as each driver stores TypeORM `Date` columns (SQLite: UTC text without zone). */
export function timestampParam(dialect: Dialect, date: Date): string {
  return dialect === 'postgres' ? date.toISOString() : date.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Inserts rows, or updates the stored row with the same key when a value differs. Reports how many
 * rows were written (new or changed) and how many were already there as given.
 */
export async function upsertRows(
  manager: EntityManager,
  dialect: Dialect,
  spec: UpsertSpec,
): Promise<{ written: number; unchanged: number }> {
  const values = spec.columns.filter((c) => !spec.key.includes(c));
  const compared = values.filter((c) => c !== spec.versionColumn && c !== 'source_file_id');
  const conditions = [
    ...(spec.versionColumn ? [`${spec.table}.${spec.versionColumn} <= excluded.${spec.versionColumn}`] : []),
    `(${compared.map((c) => `${spec.table}.${c} IS DISTINCT FROM excluded.${c}`).join(' OR ') || 'false'})`,
  ];
  const perStatement = Math.max(1, Math.floor(30_000 / spec.columns.length));
  let written = 0;
  for (let i = 0; i < spec.rows.length; i += perStatement) {
    const chunk = spec.rows.slice(i, i + perStatement);
    if (spec.restatements && spec.versionColumn) {
      await recordRestatements(manager, dialect, { ...spec, versionColumn: spec.versionColumn, rows: chunk }, spec.restatements);
    }
    const p = new SqlParams(dialect);
    const tuples = chunk.map((r) => `(${p.list(r)})`).join(', ');
    const returned: unknown[] = await manager.query(
      `INSERT INTO ${spec.table} (${spec.columns.join(', ')}) VALUES ${tuples}
       ON CONFLICT (${spec.key.join(', ')}) DO UPDATE SET ${values.map((c) => `${c} = excluded.${c}`).join(', ')}
       WHERE ${conditions.join(' AND ')}
       RETURNING id`,
      p.values,
    );
    written += returned.length;
  }
  if (spec.versionColumn) await confirmVersion(manager, dialect, spec);
  return { written, unchanged: spec.rows.length - written };
}

/**
 * A row whose values a newer extraction repeats is left as it was above, its version included.
 * Without this step an extraction older than this one but newer than the row's writer, loaded
 * later, would overwrite figures this one confirmed: rows this batch carries take its version
 * when theirs is older (source_file_id still names the file that wrote the values).
 */
async function confirmVersion(manager: EntityManager, dialect: Dialect, spec: UpsertSpec): Promise<void> {
  const version = spec.columns.indexOf(spec.versionColumn!);
  const keys = spec.key.map((k) => spec.columns.indexOf(k));
  const byVersion = new Map<unknown, Array<readonly unknown[]>>();
  for (const row of spec.rows) byVersion.set(row[version], [...(byVersion.get(row[version]) ?? []), row]);
  const perStatement = Math.max(1, Math.floor(900 / keys.length));
  for (const [value, rows] of byVersion) {
    for (let i = 0; i < rows.length; i += perStatement) {
      const p = new SqlParams(dialect);
      const set = p.add(value);
      const older = p.add(value);
      const match = rows
        .slice(i, i + perStatement)
        .map((row) => `(${spec.key.map((column, j) => `${column} = ${p.add(row[keys[j]])}`).join(' AND ')})`)
        .join(' OR ');
      await manager.query(
        `UPDATE ${spec.table} SET ${spec.versionColumn} = ${set} WHERE ${spec.versionColumn} < ${older} AND (${match})`,
        p.values,
      );
    }
  }
}
