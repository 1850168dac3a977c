/**
 * A run taken over from a dead worker reports the rows its first attempt loaded (its files are
 * now "already loaded"), not 0. The first attempt is played for real: the run is started as
 * attempt 1 and its file loaded, then that worker "dies" (never finishes the run) and a real
 * worker process takes the job over.
 */
import { loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { IngestService } from '../../../src/ingest/ingest-service';
import { startJobsRuntime } from '../../../src/jobs/jobs-runtime';
import { createTestDatabase, describeEachDatabase, tempDir } from '../../helpers/databases';
import { writeBankExport } from '../../helpers/fixtures';
import { jobsTestEnv, putInLanding } from '../../helpers/jobs';
import { startWorker, until } from '../../helpers/worker-process';

describeEachDatabase('run takeover counts', (kind) => {
  it('attempt 2 credits the rows attempt 1 loaded before its worker died', async () => {
    const db = await createTestDatabase(kind);
    const dir = tempDir('takeover');
    const env = jobsTestEnv(kind, db.url, dir, {
      JOB_PROCESS_EVERY_MS: '200',
      JOB_LOCK_LIFETIME_MS: '10000',
      SHUTDOWN_DEADLINE_MS: '5000',
      LOG_LEVEL: 'error',
    });
    const config = loadConfig(env);
    const ds = await openWarehouse(config);
    const api = await startJobsRuntime(ds, config, createLogger('silent'), { worker: false, scheduler: false });
    try {
      const bank = writeBankExport(tempDir('takeover-in'), 'dk_bank_details_20250901_090000.tsv', { rows: 700, seed: 23 });
      await putInLanding({ lakeDir: config.dataLakeDir }, bank.file, 'distrokid', 'bank_details');
      const run = await api.admin.trigger({ service: 'distrokid', kind: 'pipeline', trigger: 'manual', by: 'test' });
      // Attempt 1: a worker started the run and committed the file, then died before finishing the run.
      expect(await api.ledger.start(run.id, 1)).toBe(true);
      const [first] = await new IngestService(ds, config.dataLakeDir, createLogger('silent')).runPipeline({ service: 'distrokid' });
      expect(first).toMatchObject({ status: 'loaded', rowsLoaded: 700 });

      const worker = await startWorker(env);
      try {
        const done = await until(
          async () => {
            const r = await api.ledger.get(run.id);
            return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
          },
          'the run to finish after the takeover',
          40_000,
          100,
        );
        expect({
          status: done.status,
          attempt: done.attempt,
          filesLoaded: done.filesLoaded,
          filesSkipped: done.filesSkipped,
          rowsLoaded: done.rowsLoaded,
        }).toEqual({
          status: 'succeeded',
          attempt: 2,
          filesLoaded: 1,
          filesSkipped: 0,
          rowsLoaded: 700,
        });
        const logs = (await api.ledger.logs(run.id)).map((l) => l.message);
        expect(logs.some((m) => /taking over as attempt 2/.test(m))).toBe(true);
        expect(Number((await ds.query('SELECT COUNT(*) AS n FROM transactions'))[0].n)).toBe(700);
      } finally {
        worker.child.kill('SIGTERM');
        await worker.exited;
      }
    } finally {
      await api.stop();
      await ds.destroy();
      await db.drop();
    }
  }, 90_000);
});
