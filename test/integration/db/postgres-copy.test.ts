/**
 * COPY on the connection of a TypeORM transaction: rows arrive exactly (text escapes, NULLs,
 * integers beyond 2^53), other queries of the same transaction still run between two COPYs, and a
 * malformed row fails the COPY with PostgreSQL's error and rolls the transaction back.
 */
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/config';
import { copyRows } from '../../../src/db/postgres-copy';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { createTestDatabase, type TestDatabase } from '../../helpers/databases';
import { testEnv } from '../../helpers/test-env';

const run = testEnv.postgresAvailable ? describe : describe.skip;

run('copyRows [postgres]', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    ds = await openWarehouse(loadConfig({ DATABASE_URL: db.url }));
    await ds.query(`CREATE TABLE copy_probe (name text, n bigint, note text)`);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('copies escaped text, NULLs and big integers exactly, between other queries of one transaction', async () => {
    const big = 9_007_199_254_740_993n; // 2^53 + 1: not representable as a double
    const copied = await ds.transaction(async (manager) => {
      const first = await copyRows(manager, `COPY copy_probe (name, n, note) FROM STDIN`, [
        `tab\\there\t1\t\\N\n`,
        `back\\\\slash\t${big}\tline\\nbreak\n`,
      ]);
      // A COPY is closed after each call: the same transaction keeps working.
      const [{ n }] = await manager.query<Array<{ n: number }>>(`SELECT COUNT(*)::int AS n FROM copy_probe`);
      const second = await copyRows(manager, `COPY copy_probe (name, n, note) FROM STDIN`, [`third\t-5\tx\n`]);
      return { first, n, second };
    });
    expect(copied).toEqual({ first: 2, n: 2, second: 1 });
    const rows = await ds.query<Array<Record<string, string | null>>>(
      `SELECT name, n::text AS n, note FROM copy_probe ORDER BY n::numeric`,
    );
    expect(rows).toEqual([
      { name: 'third', n: '-5', note: 'x' },
      { name: 'tab\there', n: '1', note: null },
      { name: 'back\\slash', n: big.toString(), note: 'line\nbreak' },
    ]);
  });

  it('rejects a malformed row with the server error and rolls the transaction back', async () => {
    await ds.query(`TRUNCATE copy_probe`);
    await expect(
      ds.transaction(async (manager) => {
        await manager.query(`INSERT INTO copy_probe VALUES ('kept only if committed', 0, NULL)`);
        await copyRows(manager, `COPY copy_probe (name, n, note) FROM STDIN`, [`ok\t1\tfine\n`, `bad\tnot-a-number\tx\n`]);
      }),
    ).rejects.toThrow(/invalid input syntax for type bigint/);
    expect(await ds.query(`SELECT COUNT(*)::int AS n FROM copy_probe`)).toEqual([{ n: 0 }]);
  });

  it('refuses to run outside a transaction', async () => {
    await expect(copyRows(ds.manager, `COPY copy_probe FROM STDIN`, ['x\t1\ty\n'])).rejects.toThrow(/query runner of a transaction/);
  });
});
