import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { ensureSchema } from './schema';
import { SqliteBackendError } from './sqlite-backend-error';

/**
 * Either a file the backend opens (and closes on disconnect), or a handle the caller owns.
 * A caller-owned handle is used as is: its journal mode and busy timeout are the caller's to set.
 */
export type SqliteBackendConfig =
  | {
      /** The jobs database file, e.g. a sibling of the warehouse: `warehouse.jobs.sqlite`. Created if missing. */
      path: string;
      /** How long a statement waits for another process's write lock before failing. Default 5000 ms. */
      busyTimeoutMs?: number;
    }
  | { database: BetterSqlite3.Database };

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** Dynamic filters (Agendash) produce a bounded but open-ended set of SQL shapes; keep the cache from growing forever. */
const MAX_CACHED_STATEMENTS = 200;

/** The one database handle shared by the repository and the logger of a backend, with a statement cache. */
export class SqliteConnection {
  readonly ownsConnection: boolean;
  private handle: BetterSqlite3.Database | undefined;
  private readonly statements = new Map<string, BetterSqlite3.Statement<unknown[], unknown>>();

  constructor(private readonly config: SqliteBackendConfig) {
    const hasPath = 'path' in config;
    const hasDatabase = 'database' in config;
    if (hasPath === hasDatabase) {
      throw new SqliteBackendError('INVALID_CONFIG', 'SQLite job backend needs exactly one of { path } or { database }');
    }
    if (hasPath && (typeof config.path !== 'string' || config.path.trim() === '')) {
      throw new SqliteBackendError('INVALID_CONFIG', 'SQLite job backend: `path` must be a non-empty file path');
    }
    if (hasPath && config.busyTimeoutMs !== undefined && !(Number.isInteger(config.busyTimeoutMs) && config.busyTimeoutMs >= 0)) {
      throw new SqliteBackendError(
        'INVALID_CONFIG',
        `SQLite job backend: busyTimeoutMs must be a non-negative integer, got ${config.busyTimeoutMs}`,
      );
    }
    this.ownsConnection = hasPath;
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  /** Opens the file (or adopts the caller's handle) and creates the tables. Calling it again while open is a no-op. */
  open(): void {
    if (this.handle) return;
    const db =
      'path' in this.config ? openFile(this.config.path, this.config.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS) : this.config.database;
    try {
      ensureSchema(db);
    } catch (err) {
      if (this.ownsConnection) db.close();
      throw new SqliteBackendError('OPEN_FAILED', `SQLite job backend: cannot create the job tables: ${(err as Error).message}`, {
        cause: err,
      });
    }
    this.handle = db;
  }

  close(): void {
    const db = this.handle;
    if (!db) return;
    this.handle = undefined;
    this.statements.clear();
    if (this.ownsConnection) db.close();
  }

  get db(): BetterSqlite3.Database {
    if (!this.handle) {
      throw new SqliteBackendError(
        'NOT_CONNECTED',
        'SQLite job backend is not connected: call connect() first (new Agenda() does it) and not after disconnect()',
      );
    }
    return this.handle;
  }

  /** A prepared statement for this exact SQL text, reused across calls (pluck mode reset: callers opt in per call). */
  prepare(sql: string): BetterSqlite3.Statement<unknown[], unknown> {
    const cached = this.statements.get(sql);
    if (cached) return cached.reader ? cached.pluck(false) : cached;
    const statement = this.db.prepare(sql);
    if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
    this.statements.set(sql, statement);
    return statement;
  }

  /** Runs `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken first, so a read-then-write cannot be overtaken by another process. */
  writeTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}

function openFile(file: string, busyTimeoutMs: number): BetterSqlite3.Database {
  let db: BetterSqlite3.Database;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file, { timeout: busyTimeoutMs });
  } catch (err) {
    throw new SqliteBackendError('OPEN_FAILED', `SQLite job backend: cannot open ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    // WAL lets worker processes read while one writes; the busy timeout (set above) makes writers queue instead of failing.
    db.pragma('journal_mode = WAL');
  } catch (err) {
    db.close();
    throw new SqliteBackendError('OPEN_FAILED', `SQLite job backend: cannot switch ${file} to WAL: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return db;
}
