import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { readWarehouseVersion, WAREHOUSE_VERSION_CHANNEL } from './warehouse-version';
import { sqliteHandle } from './sqlite-handle';

/** The warehouse version as the API reads it for every cacheable request. */
export interface WarehouseVersionSource {
  read(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Reading the version must be cheap (every cached answer needs it) and never stale once a load has
 * committed, whichever process committed it (the job worker, another HTTP process).
 * - SQLite: a prepared statement on the connection itself, a few microseconds, always current.
 * - PostgreSQL: the version is remembered and forgotten on a NOTIFY, which every bump sends inside
 *   its transaction (so it is delivered when, and only if, the change commits). While the listening
 *   connection is down, every read asks the database, as before. Notifications from other schemas of
 *   the same database only cost a re-read.
 */
export async function watchWarehouseVersion(ds: DataSource, onError: (err: Error) => void): Promise<WarehouseVersionSource> {
  if (ds.options.type === 'better-sqlite3') {
    const statement = sqliteHandle(ds).prepare('SELECT version FROM warehouse_version WHERE id = 1').pluck();
    return {
      read: () => Promise.resolve(Number(statement.get() ?? 0)),
      close: () => Promise.resolve(),
    };
  }
  if (ds.options.type !== 'postgres' || typeof ds.options.url !== 'string')
    return { read: () => readWarehouseVersion(ds), close: () => Promise.resolve() };
  return PostgresVersionWatch.start(ds, ds.options.url, onError);
}

class PostgresVersionWatch implements WarehouseVersionSource {
  private client: Client | null = null;
  private remembered: number | null = null;
  /** Moves on every notification: a read that started before one must not be remembered. */
  private generation = 0;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  private constructor(
    private readonly ds: DataSource,
    private readonly url: string,
    private readonly onError: (err: Error) => void,
  ) {}

  static async start(ds: DataSource, url: string, onError: (err: Error) => void): Promise<PostgresVersionWatch> {
    const watch = new PostgresVersionWatch(ds, url, onError);
    await watch.listen();
    return watch;
  }

  async read(): Promise<number> {
    if (this.remembered !== null) return this.remembered;
    const generation = this.generation;
    const version = await readWarehouseVersion(this.ds);
    if (this.client && generation === this.generation) this.remembered = version;
    return version;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.forget();
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private forget(): void {
    this.generation += 1;
    this.remembered = null;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.url });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.forget();
      if (err) this.onError(err);
      void client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => void this.listen(), 1000);
    };
    client.on('notification', () => this.forget());
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${WAREHOUSE_VERSION_CHANNEL}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.forget();
      this.client = client;
    } catch (err) {
      this.onError(err instanceof Error ? err : new Error(String(err)));
      await client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => void this.listen(), 1000);
    }
  }
}
