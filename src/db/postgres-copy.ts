import { once } from 'node:events';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/**
 * One `COPY … FROM STDIN` of ready COPY-text rows on the connection of a TypeORM transaction
 * (pg-copy-streams): several times faster than multi-row INSERTs. Each call is a whole COPY,
 * because a COPY left open would hold the connection: any other query of the same transaction
 * (a dimension lookup between two batches) would queue behind it forever. Answers the rows copied.
 */
export async function copyRows(manager: EntityManager, sql: string, chunks: readonly string[]): Promise<number> {
  const runner = manager.queryRunner as unknown as { connect(): Promise<PoolClient> } | undefined;
  if (!runner) throw new Error('COPY needs the query runner of a transaction');
  const client = await runner.connect();
  const stream = client.query(copyFrom(sql));
  const failed = once(stream, 'error').then(([err]: unknown[]) => {
    throw err;
  });
  failed.catch(() => undefined);
  for (const chunk of chunks) {
    if (chunk.length && !stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
  }
  const done = Promise.race([once(stream, 'finish'), failed]);
  stream.end();
  await done;
  return stream.rowCount;
}
