import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL only: the references of `transactions` (stores, platforms, tracks, artists, releases,
 * source files) are checked once per statement instead of once per row.
 *
 * A foreign key runs one lookup per inserted row and per reference: six per statement line, about
 * two thirds of a bank export's insert (issue 12). The constraints are replaced by triggers that
 * keep the same guarantee for every writer, set-based:
 * - after each INSERT or UPDATE statement on `transactions`, the distinct ids of each reference in
 *   the statement's rows (a few hundred at most) are looked up and locked FOR KEY SHARE, as a
 *   foreign key check locks them, so no concurrent transaction can delete one before this one
 *   commits; an id without its row aborts the statement with SQLSTATE 23503 (foreign_key_violation);
 * - after each DELETE or key UPDATE statement on a referenced table, and before a TRUNCATE, a row
 *   still referenced by a transaction aborts the statement with 23503 (ON DELETE RESTRICT).
 * On PostgreSQL the data source leaves these relations out of the schema comparison
 * (`src/db/data-source.ts`). SQLite keeps its foreign keys: nothing changes there.
 */
const REFERENCES = [
  { column: 'store_id', table: 'stores', constraint: 'FK_ae6c0d854cfbf0ad012cf82be25' },
  { column: 'platform_id', table: 'platforms', constraint: 'FK_90f81b6cba4523fc2d8e794458e' },
  { column: 'track_id', table: 'tracks', constraint: 'FK_6d86e21139e93422c240cb7a66b' },
  { column: 'artist_id', table: 'artists', constraint: 'FK_e7b52ba5cb37f4175a08d75a806' },
  { column: 'release_id', table: 'releases', constraint: 'FK_bc83c846db94b1e49ba1644cc90' },
  { column: 'source_file_id', table: 'source_files', constraint: 'FK_6a7eb75af43f120c562c3bd1e28' },
] as const;

/** The ids of one reference in the statement's rows that have no row in the referenced table (locking those that do). */
const missingIds = (r: (typeof REFERENCES)[number]) =>
  `SELECT '${r.column}' AS ref, n.id FROM (SELECT DISTINCT ${r.column} AS id FROM new_rows WHERE ${r.column} IS NOT NULL) n
      LEFT JOIN LATERAL (SELECT true AS found FROM ${r.table} p WHERE p.id = n.id FOR KEY SHARE) l ON true WHERE l.found IS NULL`;

const CHILD_FUNCTION = `CREATE FUNCTION transactions_check_references() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  missing text;
BEGIN
  SELECT string_agg(r.ref || ' = ' || r.id, ', ') INTO missing FROM (
    ${REFERENCES.map(missingIds).join('\n    UNION ALL ')}
  ) r;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "transactions" violates its references: no row for %', missing
      USING ERRCODE = 'foreign_key_violation', TABLE = 'transactions';
  END IF;
  RETURN NULL;
END
$fn$`;

/** TG_ARGV[0]: the column of transactions that references the trigger's table (by its id). */
const PARENT_FUNCTION = `CREATE FUNCTION transactions_restrict_referenced() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  referenced integer;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE format('SELECT %I FROM transactions WHERE %I IS NOT NULL LIMIT 1', TG_ARGV[0], TG_ARGV[0]) INTO referenced;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT o.id FROM old_rows o WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.%I = o.id) LIMIT 1', TG_ARGV[0]) INTO referenced;
  ELSE
    EXECUTE format('SELECT o.id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
      AND EXISTS (SELECT 1 FROM transactions t WHERE t.%I = o.id) LIMIT 1', TG_ARGV[0]) INTO referenced;
  END IF;
  IF referenced IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "%" violates the references of "transactions": % = % is still referenced', TG_TABLE_NAME, TG_ARGV[0], referenced
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END
$fn$`;

export class SetBasedTransactionReferences1796558684510 implements MigrationInterface {
  name = 'SetBasedTransactionReferences1796558684510';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(CHILD_FUNCTION);
    await queryRunner.query(PARENT_FUNCTION);
    for (const r of REFERENCES) await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "${r.constraint}"`);
    await queryRunner.query(
      `CREATE TRIGGER transactions_references_insert AFTER INSERT ON transactions REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION transactions_check_references()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER transactions_references_update AFTER UPDATE ON transactions REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION transactions_check_references()`,
    );
    for (const r of REFERENCES) {
      await queryRunner.query(
        `CREATE TRIGGER ${r.table}_restrict_delete AFTER DELETE ON ${r.table} REFERENCING OLD TABLE AS old_rows
         FOR EACH STATEMENT EXECUTE FUNCTION transactions_restrict_referenced('${r.column}')`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${r.table}_restrict_update AFTER UPDATE ON ${r.table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION transactions_restrict_referenced('${r.column}')`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${r.table}_restrict_truncate BEFORE TRUNCATE ON ${r.table}
         FOR EACH STATEMENT EXECUTE FUNCTION transactions_restrict_referenced('${r.column}')`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    for (const r of REFERENCES) {
      for (const op of ['delete', 'update', 'truncate']) await queryRunner.query(`DROP TRIGGER ${r.table}_restrict_${op} ON ${r.table}`);
    }
    await queryRunner.query(`DROP TRIGGER transactions_references_insert ON transactions`);
    await queryRunner.query(`DROP TRIGGER transactions_references_update ON transactions`);
    await queryRunner.query(`DROP FUNCTION transactions_restrict_referenced()`);
    await queryRunner.query(`DROP FUNCTION transactions_check_references()`);
    for (const r of REFERENCES)
      await queryRunner.query(
        `ALTER TABLE "transactions" ADD CONSTRAINT "${r.constraint}" FOREIGN KEY ("${r.column}") REFERENCES "${r.table}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
  }
}
