import 'reflect-metadata';
import { types as pgTypes } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../../migrations';

// DATE columns stay 'YYYY-MM-DD' strings (as on SQLite) instead of local-midnight Date objects.
pgTypes.setTypeParser(1082, (value: string) => value);

/** Builds the warehouse DataSource for a configuration. Nothing connects until `initialize()`. */
export function createDataSource(config: AppConfig): DataSource {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  let options: DataSourceOptions;
  if (config.database.kind === 'sqlite') {
    const file = config.database.path;
    options = {
      ...common,
      type: 'better-sqlite3',
      database: file,
      enableWAL: true,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 10000');
        db.pragma('synchronous = NORMAL');
      },
    };
  } else {
    options = {
      ...common,
      type: 'postgres',
      url: config.database.url,
      extra: { statement_timeout: config.limits.statementTimeoutMs, max: 10 },
    };
  }
  const dataSource = new DataSource(options);
  if (options.type === 'postgres') {
    const initialize = dataSource.initialize.bind(dataSource);
    dataSource.initialize = async () => {
      await initialize();
      withoutSetCheckedForeignKeys(dataSource);
      return dataSource;
    };
  }
  return dataSource;
}

/** Tables whose references PostgreSQL checks per statement by trigger, not per row by foreign key (migration 1796558684510). */
const SET_CHECKED_TABLES = new Set(['transactions']);

/**
 * On PostgreSQL the relations of `transactions` are enforced by set-based triggers instead of
 * foreign key constraints (a per-row check was two thirds of a bank export's insert). The
 * relations stay (joins, types); only their constraints leave the metadata, so that the schema
 * comparison (drift check, migration generation) does not ask for the per-row constraints back.
 */
function withoutSetCheckedForeignKeys(dataSource: DataSource): void {
  for (const metadata of dataSource.entityMetadatas) {
    if (!SET_CHECKED_TABLES.has(metadata.tableName)) continue;
    metadata.foreignKeys = [];
  }
}
