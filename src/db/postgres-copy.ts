import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/**
 * `COPY … FROM STDIN` on the connection of a TypeORM transaction (pg-copy-streams): the fastest way
 * into PostgreSQL, several times faster than multi-row INSERTs. Writes wait for the socket to drain,
 * so memory stays at one chunk; a failed COPY surfaces on the next write or at `end()`, and the
 * surrounding transaction rolls back as usual.
 */
export class PostgresCopyWriter {
  private failure: Error | null = null;

  private constructor(private readonly stream: ReturnType<typeof copyFrom>) {
    stream.on('error', (err: Error) => {
      this.failure ??= err;
    });
  }

  static async open(manager: EntityManager, sql: string): Promise<PostgresCopyWriter> {
    const runner = manager.queryRunner as unknown as { connect(): Promise<PoolClient> } | undefined;
    if (!runner) throw new Error('COPY needs the query runner of a transaction');
    const client = await runner.connect();
    return new PostgresCopyWriter(client.query(copyFrom(sql)));
  }

  async write(text: string): Promise<void> {
    this.check();
    if (text.length === 0) return;
    if (!this.stream.write(text)) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
    this.check();
  }

  /** Ends the COPY and waits for the server to confirm it; answers the rows copied. */
  async end(): Promise<number> {
    this.check();
    const done = Promise.race([once(this.stream, 'finish'), once(this.stream, 'error')]);
    this.stream.end();
    await done;
    this.check();
    return this.stream.rowCount;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
