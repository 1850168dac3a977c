import type { AgendaBackend } from 'agenda';
import { SqliteConnection, type SqliteBackendConfig } from './sqlite-connection';
import { SqliteJobLogger } from './sqlite-job-logger';
import { SqliteJobRepository } from './sqlite-job-repository';

export type { SqliteBackendConfig } from './sqlite-connection';

/**
 * Agenda 6 backend over a SQLite file: jobs in `agenda_jobs`, lifecycle events in `agenda_job_logs`
 * (active when Agenda is created with `logging: true`). There is no notification channel: Agenda
 * polls every `processEvery`, which is what lets several worker processes share one file.
 *
 * ```ts
 * const agenda = new Agenda({ backend: new SqliteBackend({ path: 'data/warehouse.jobs.sqlite' }), logging: true });
 * ```
 */
export class SqliteBackend implements AgendaBackend {
  readonly name = 'SQLite';
  readonly repository: SqliteJobRepository;
  readonly logger: SqliteJobLogger;
  readonly notificationChannel = undefined;
  private readonly connection: SqliteConnection;

  constructor(config: SqliteBackendConfig) {
    this.connection = new SqliteConnection(config);
    this.repository = new SqliteJobRepository(this.connection);
    this.logger = new SqliteJobLogger(this.connection);
  }

  /** False when the caller passed its own better-sqlite3 handle: agenda.stop() then leaves it open. */
  get ownsConnection(): boolean {
    return this.connection.ownsConnection;
  }

  /** Opens the file and creates the tables. Idempotent: new Agenda() calls it, and callers may call it first to see errors. */
  async connect(): Promise<void> {
    this.connection.open();
  }

  async disconnect(): Promise<void> {
    this.connection.close();
  }
}
