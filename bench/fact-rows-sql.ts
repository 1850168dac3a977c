import type { DataSource } from 'typeorm';
import { dialectOf } from '../src/db/dialect';

/**
 * Synthetic fact rows written by SQL (generate_series / a recursive CTE), not through the loader:
 * a million rows in seconds, for plan tests and the list-page benchmark. Row i (id i in a fresh
 * table) has sale month 2020-01 + (i % MONTHS) and stream day 2020-01-01 + (i % DAYS).
 * Transactions also point at TRACKS seeded tracks.
 */
export const MONTHS = 60;
export const DAYS = 1500;
/** Transactions spread over this many tracks: row i belongs to the (i % TRACKS)-th seeded track. */
export const TRACKS = 200;

function seedSql(
  kind: 'sqlite' | 'postgres',
  n: number,
  storeId: number,
  platformId: number,
  fileId: number,
  firstTrackId: number,
): string[] {
  if (kind === 'postgres') {
    const month = `(date '2020-01-01' + ((i % ${MONTHS}) * interval '1 month'))::date`;
    return [
      `INSERT INTO transactions (source, row_key, reporting_date, sale_month, store_id, platform_id, track_id, artist_id, release_id, country,
          quantity, product_type, team_percentage, gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line)
        SELECT 'distrokid', 'k' || i, ${month} + interval '2 months' + (i % 28) * interval '1 day', ${month}, ${storeId}, ${platformId}, ${firstTrackId} + (i % ${TRACKS}), NULL, NULL, 'US',
          1, 'Song', '100', 3000000, 0, 3000000, 'USD', ${fileId}, i
        FROM generate_series(1, ${n}) AS i`,
      `INSERT INTO streams (source, date, platform_id, track_id, artist_id, country, dim_key, streams, source_file_id, extracted_at)
        SELECT 'spotify', date '2020-01-01' + (i % ${DAYS}), ${platformId}, NULL, NULL, 'US', 'd' || i, i % 1000, ${fileId}, now()
        FROM generate_series(1, ${n}) AS i`,
    ];
  }
  const series = `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})`;
  const month = `date('2020-01-01', '+' || (i % ${MONTHS}) || ' months')`;
  return [
    `${series} INSERT INTO transactions (source, row_key, reporting_date, sale_month, store_id, platform_id, track_id, artist_id, release_id, country,
        quantity, product_type, team_percentage, gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line)
      SELECT 'distrokid', 'k' || i, date(${month}, '+2 months', '+' || (i % 28) || ' days'), ${month}, ${storeId}, ${platformId}, ${firstTrackId} + (i % ${TRACKS}), NULL, NULL, 'US',
        1, 'Song', '100', 3000000, 0, 3000000, 'USD', ${fileId}, i FROM s`,
    `${series} INSERT INTO streams (source, date, platform_id, track_id, artist_id, country, dim_key, streams, source_file_id, extracted_at)
      SELECT 'spotify', date('2020-01-01', '+' || (i % ${DAYS}) || ' days'), ${platformId}, NULL, NULL, 'US', 'd' || i, i % 1000, ${fileId}, datetime('now') FROM s`,
  ];
}

/** One source file and one known store to hang the rows on, then `n` transactions and `n` streams. */
export async function seedFactRows(ds: DataSource, n: number): Promise<void> {
  const kind = dialectOf(ds);
  const p = kind === 'postgres' ? (i: number) => `$${i}` : () => '?';
  const [store]: Array<{ id: number; platform_id: number }> = await ds.query('SELECT id, platform_id FROM stores ORDER BY id LIMIT 1');
  await ds.query(
    `INSERT INTO source_files (service, stream, path, original_name, sha256, size_bytes, status, extracted_at)
      VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)})`,
    [
      'distrokid',
      'bank_details',
      'landing/distrokid/seed.tsv',
      'seed.tsv',
      '0'.repeat(64),
      1,
      'loaded',
      kind === 'postgres' ? new Date() : new Date().toISOString(),
    ],
  );
  const [file]: Array<{ id: number }> = await ds.query('SELECT id FROM source_files ORDER BY id DESC LIMIT 1');
  const [before]: Array<{ id: number | null }> = await ds.query('SELECT MAX(id) AS id FROM tracks');
  await ds.query(
    kind === 'postgres'
      ? `INSERT INTO tracks (title, title_key) SELECT 'Seed track ' || i, 'seedtrack' || i FROM generate_series(1, ${TRACKS}) AS i`
      : `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${TRACKS})
        INSERT INTO tracks (title, title_key) SELECT 'Seed track ' || i, 'seedtrack' || i FROM s`,
  );
  const [track]: Array<{ id: number }> = await ds.query(`SELECT MIN(id) AS id FROM tracks WHERE id > ${Number(before.id ?? 0)}`);
  const refIds: SeedReferences = {
    storeId: Number(store.id),
    platformId: Number(store.platform_id),
    fileId: Number(file.id),
    firstTrackId: Number(track.id),
  };
  const statements = seedSql(kind, n, refIds.storeId, refIds.platformId, refIds.fileId, refIds.firstTrackId);
  if (kind === 'postgres') await seedPostgres(ds, statements, refIds);
  else for (const sql of statements) await ds.query(sql);
}

/** The rows every seeded fact points at. */
interface SeedReferences {
  storeId: number;
  platformId: number;
  fileId: number;
  firstTrackId: number;
}

/** A secondary index or foreign key of a fact table, by name, with the DDL that recreates it. */
interface Rebuildable {
  table: string;
  name: string;
  definition: string;
}

/**
 * PostgreSQL: one transaction that drops the fact tables' secondary indexes (unique ones too: the
 * rebuild checks uniqueness again) and the streams' foreign keys, inserts, then recreates each
 * from its own definition. A B-tree built by one sort is far cheaper than 10M random insertions
 * into indexes that outgrow shared_buffers, and a foreign key added afterwards is validated by one
 * join instead of a trigger per row. The primary key stays (ids arrive in order, so it only
 * appends). The transactions' reference trigger (one check of the statement's distinct ids,
 * through a 10M-row transition table: 40% of the insert) is off for the insert; the ids it would
 * check were read from their tables in this transaction and are checked here once instead.
 */
async function seedPostgres(ds: DataSource, statements: string[], refIds: SeedReferences): Promise<void> {
  await ds.transaction(async (m) => {
    // A 10M-row statement outlasts the API's statement timeout; index builds sort in memory.
    await m.query('SET LOCAL statement_timeout = 0');
    await m.query("SET LOCAL maintenance_work_mem = '512MB'");
    const indexes: Rebuildable[] = await m.query(
      `SELECT c.relname AS "table", i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
        WHERE c.relname IN ('transactions', 'streams') AND c.relnamespace = current_schema()::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`,
    );
    const foreignKeys: Rebuildable[] = await m.query(
      `SELECT c.relname AS "table", k.conname AS name, pg_get_constraintdef(k.oid) AS definition
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE c.relname IN ('transactions', 'streams') AND c.relnamespace = current_schema()::regnamespace AND k.contype = 'f'`,
    );
    for (const fk of foreignKeys) await m.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
    for (const ix of indexes) await m.query(`DROP INDEX "${ix.name}"`);
    await m.query('ALTER TABLE transactions DISABLE TRIGGER transactions_references_insert');
    for (const sql of statements) await m.query(sql);
    await m.query('ALTER TABLE transactions ENABLE TRIGGER transactions_references_insert');
    const [refs]: Array<{ ok: boolean }> = await m.query(
      `SELECT EXISTS (SELECT 1 FROM stores WHERE id = $1) AND EXISTS (SELECT 1 FROM platforms WHERE id = $2)
          AND EXISTS (SELECT 1 FROM source_files WHERE id = $3) AND (SELECT count(*) FROM tracks WHERE id BETWEEN $4 AND $4 + $5 - 1) = $5 AS ok`,
      [refIds.storeId, refIds.platformId, refIds.fileId, refIds.firstTrackId, TRACKS],
    );
    if (!refs.ok) throw new Error(`seed references a missing row: ${JSON.stringify(refIds)}`);
    for (const ix of indexes) await m.query(ix.definition);
    for (const fk of foreignKeys) await m.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition}`);
  });
}
