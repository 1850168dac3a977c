/**
 * `npm run bench -- --postgraphile --postgraphile-reuse` skips a 10M-row seed when a kept database
 * fits: this checks the judgement on a real (small) database in each state it can be found in.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { benchConfig, createPgDatabase, dropPgDatabase, PG_SERVER_URL } from '../../../bench/common';
import { seedFactRows } from '../../../bench/fact-rows-sql';
import { keptDatabaseProblem, SMART_COMMENT } from '../../../bench/postgraphile';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { tempDir } from '../../helpers/databases';
import { testEnv } from '../../helpers/test-env';

// The bench talks to PG_SERVER_URL only; elsewhere there is nothing to check.
const run = testEnv.postgresAvailable && testEnv.postgresAdminUrl.startsWith(PG_SERVER_URL) ? describe : describe.skip;
const ROWS = 200;

run('the benchmark reuses a kept database only when it fits [postgres]', () => {
  const name = `bench_kept_test_${process.pid}`;
  const dir = tempDir('kept');
  const lakeDir = path.join(dir, 'lake');
  let ds: DataSource | undefined;

  afterAll(async () => {
    await ds?.destroy();
    await dropPgDatabase(name);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a missing, unfinished, wrongly sized or unmigrated database, accepts a finished one', async () => {
    await dropPgDatabase(name);
    expect(await keptDatabaseProblem(name, ROWS, lakeDir)).toBe('no such database');

    await createPgDatabase(name);
    ds = await openWarehouse(benchConfig({ kind: 'postgres', target: name, lakeDir }));
    await seedFactRows(ds, ROWS);
    // Rows in, but the seed's last step (the comment) not done: an interrupted run.
    expect(await keptDatabaseProblem(name, ROWS, lakeDir)).toBe('its seed did not finish');

    await ds.query(`COMMENT ON TABLE transactions IS '${SMART_COMMENT}'`);
    expect(await keptDatabaseProblem(name, ROWS, lakeDir)).toBeNull();
    expect(await keptDatabaseProblem(name, ROWS * 10, lakeDir)).toBe(`it holds ${ROWS} transactions and ${ROWS} streams, not ${ROWS * 10}`);

    // A migration the kept database has not seen (the product moved on): seed again.
    await ds.query('DELETE FROM migrations WHERE id = (SELECT MAX(id) FROM migrations)');
    expect(await keptDatabaseProblem(name, ROWS, lakeDir)).toBe('a migration is not applied');
  });
});
