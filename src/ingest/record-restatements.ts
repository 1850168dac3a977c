import type { EntityManager } from 'typeorm';
import { type Dialect, SqlParams } from '../db/dialect';

/**
 * How a versioned upsert describes its rows to the restatements table. Every expression is SQL
 * over `t`, the stored row (written by the code, never from input), e.g. `t.platform_id` or `'tiktok'`.
 */
export interface RestatementSpec {
  /** Compared value columns and the metric name each is recorded under. */
  metrics: ReadonlyArray<{ column: string; metric: string }>;
  source: string;
  date: string;
  platform?: string;
  track?: string;
  artist?: string;
  /** The rest of the natural key, as text, to trace the row. */
  rowKey?: string;
}

interface Batch {
  table: string;
  columns: readonly string[];
  key: readonly string[];
  versionColumn: string;
  rows: ReadonlyArray<readonly unknown[]>;
}

/** The batch as rows with the stored table's column names, from one JSON parameter. */
function batchRows(dialect: Dialect, p: SqlParams, batch: Batch): string {
  const json = JSON.stringify(
    batch.rows.map((r) => Object.fromEntries(batch.columns.map((c, i) => [c, typeof r[i] === 'bigint' ? String(r[i]) : r[i]]))),
  );
  const param = p.add(json);
  // PostgreSQL types the columns by the table's own row type; SQLite compares with column affinity.
  return dialect === 'postgres'
    ? `SELECT * FROM json_populate_recordset(NULL::${batch.table}, ${param}::json)`
    : `SELECT ${batch.columns.map((c) => `json_extract(j.value, '$.${c}') AS ${c}`).join(', ')} FROM json_each(${param}) j`;
}

/**
 * Records, in one INSERT … SELECT per batch and before the upsert applies it, every stored value
 * the batch will change because it comes from a strictly newer capture. First inserts, older
 * captures loaded late and captures repeating the stored value record nothing.
 */
export async function recordRestatements(manager: EntityManager, dialect: Dialect, batch: Batch, spec: RestatementSpec): Promise<void> {
  if (batch.rows.length === 0 || spec.metrics.length === 0) return;
  const p = new SqlParams(dialect);
  const v = batchRows(dialect, p, batch);
  const tableName = p.add(batch.table);
  const join = batch.key.map((k) => `t.${k} = v.${k}`).join(' AND ');
  // Typed NULLs: PostgreSQL would otherwise type an all-NULL UNION column as text.
  const idOrNull = (expr: string | undefined) => expr ?? 'CAST(NULL AS integer)';
  const selects = spec.metrics.map(
    (m) => `SELECT ${p.add(m.metric)} AS metric, ${spec.source} AS source, ${spec.date} AS date, ${idOrNull(spec.platform)} AS platform_id,
        ${idOrNull(spec.track)} AS track_id, ${idOrNull(spec.artist)} AS artist_id, ${spec.rowKey ?? 'CAST(NULL AS varchar)'} AS row_key,
        t.${m.column} AS old_value, v.${m.column} AS new_value, t.${batch.versionColumn} AS old_extracted_at, v.${batch.versionColumn} AS new_extracted_at,
        t.source_file_id AS old_source_file_id, v.source_file_id AS new_source_file_id
      FROM ${batch.table} t JOIN v ON ${join}
      WHERE t.${batch.versionColumn} < v.${batch.versionColumn} AND t.${m.column} IS DISTINCT FROM v.${m.column}`,
  );
  // No RETURNING: a load restating a million values should not ship their ids back to JavaScript.
  await manager.query(
    `INSERT INTO restatements (table_name, metric, source, date, platform_id, track_id, artist_id, row_key, old_value, new_value,
        old_extracted_at, new_extracted_at, old_source_file_id, new_source_file_id)
     WITH v AS (${v})
     SELECT ${tableName}, c.* FROM (${selects.join(' UNION ALL ')}) c`,
    p.values,
  );
}
