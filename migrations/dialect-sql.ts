import type { QueryRunner } from 'typeorm';

/** A migration step as SQL for each supported database, generated from the entities (see `npm run migration:generate`). */
export interface DialectSql {
  sqlite: Array<[string, unknown[]?]>;
  postgres: Array<[string, unknown[]?]>;
}

export async function runDialectSql(queryRunner: QueryRunner, sql: DialectSql): Promise<void> {
  const kind = queryRunner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
  for (const [query, parameters] of sql[kind]) await queryRunner.query(query, parameters);
}
