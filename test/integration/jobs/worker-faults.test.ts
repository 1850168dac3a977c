import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { bankDetailsTotals } from '../../../demo/sample-exports/distrokid';
import { ExtractionError } from '../../../src/errors/extraction-error';
import { type JobsRuntime, startJobsRuntime } from '../../../src/jobs/jobs-runtime';
import { createTestDatabase, describeEachDatabase, tempDir, type TestDatabase } from '../../helpers/databases';
import { writeBankExport } from '../../helpers/fixtures';
import { jobsTestEnv, putInLanding } from '../../helpers/jobs';
import { startWorker, until } from '../../helpers/worker-process';

interface Setup {
  db: TestDatabase;
  env: Record<string, string>;
  config: AppConfig;
  ds: DataSource;
  api: JobsRuntime;
  close(): Promise<void>;
}

/** A warehouse, a lake and an API-side runtime that only queues; workers run as separate processes. */
async function setup(kind: 'sqlite' | 'postgres', extra: Record<string, string> = {}): Promise<Setup> {
  const db = await createTestDatabase(kind);
  const dir = tempDir('faults');
  const env = jobsTestEnv(kind, db.url, dir, {
    JOB_PROCESS_EVERY_MS: '200',
    // Long enough that a busy 2-core CI machine never mistakes a slow load for a hung one.
    JOB_LOCK_LIFETIME_MS: '10000',
    JOB_RETRY_DELAY_MS: '200',
    SHUTDOWN_DEADLINE_MS: '20000',
    LOG_LEVEL: 'error',
    ...extra,
  });
  const config = loadConfig(env);
  const ds = await openWarehouse(config);
  const api = await startJobsRuntime(ds, config, createLogger('silent'), { worker: false, scheduler: false });
  return {
    db,
    env,
    config,
    ds,
    api,
    async close() {
      await api.stop();
      await ds.destroy();
      await db.drop();
    },
  };
}

const count = async (ds: DataSource, sql: string) => Number((await ds.query(sql))[0].n);

describeEachDatabase('ingestion workers under faults', (kind) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(kind);
  });
  afterAll(async () => s?.close());

  it('a worker killed with SIGKILL mid-load: the file is all-or-nothing, the run is taken over and totals are right', async () => {
    const bank = writeBankExport(tempDir('big'), 'dk_bank_details_20250901_090000.tsv', { rows: 60_000, seed: 21 });
    await putInLanding({ lakeDir: s.config.dataLakeDir }, bank.file, 'distrokid', 'bank_details');
    const first = await startWorker(s.env);
    const run = await s.api.admin.trigger({ service: 'distrokid', kind: 'pipeline', trigger: 'manual', by: 'test' });
    // In the middle of the load: the file is recorded as loading and its transaction is open.
    await until(
      async () => (await count(s.ds, `SELECT COUNT(*) AS n FROM source_files WHERE status = 'loading'`)) === 1,
      'the load to start',
      30_000,
      10,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const afterKill = await count(s.ds, 'SELECT COUNT(*) AS n FROM transactions');
    expect([0, 60_000]).toContain(afterKill);
    expect((await s.api.ledger.get(run.id))!.status).toBe('running');

    const second = await startWorker(s.env);
    try {
      const done = await until(
        async () => {
          const r = await s.api.ledger.get(run.id);
          return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
        },
        'the run to finish after the takeover',
        40_000,
        100,
      );
      expect({ status: done.status, attempt: done.attempt, errorCode: done.errorCode }).toEqual({
        status: 'succeeded',
        attempt: 2,
        errorCode: null,
      });
      const logs = (await s.api.ledger.logs(run.id)).map((l) => l.message);
      expect(logs.some((m) => /taking over as attempt 2/.test(m))).toBe(true);
      expect(await count(s.ds, 'SELECT COUNT(*) AS n FROM transactions')).toBe(60_000);
      const net = await s.ds.query('SELECT SUM(net_nano) AS n FROM transactions');
      expect(BigInt(net[0].n)).toBe(bankDetailsTotals(bank.opts).netNano);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 120_000);

  it('two worker processes on one database never run the same run twice', async () => {
    const workers = [await startWorker(s.env), await startWorker(s.env)];
    try {
      const services = ['toolost', 'spotify', 'tiktok', 'meta_ads', 'linktree', 'distrokid'] as const;
      const ids: number[] = [];
      for (let round = 0; round < 3; round++) {
        const runs = await Promise.all(
          services.map((service) => s.api.admin.trigger({ service, kind: 'pipeline', trigger: 'manual', by: 'test' })),
        );
        ids.push(...runs.map((r) => r.id));
        await until(
          async () => {
            const rows = await Promise.all(runs.map((r) => s.api.ledger.get(r.id)));
            const failed = rows.find((r) => r!.status === 'failed');
            if (failed) throw new Error(`run ${failed.id} (${failed.service}) failed: ${failed.errorCode} ${failed.errorMessage}`);
            return rows.every((r) => r!.status === 'succeeded');
          },
          'every run to succeed',
          40_000,
          100,
        );
      }
      for (const id of ids) {
        const run = (await s.api.ledger.get(id))!;
        expect(run.attempt).toBe(1);
        const starts = (await s.api.ledger.logs(id)).filter((l) => /attempt \d+ started/.test(l.message));
        expect(starts).toHaveLength(1);
      }
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exited));
    }
  }, 120_000);

  it('SIGTERM lets a running load finish before the worker exits', async () => {
    const bank = writeBankExport(tempDir('drain'), 'dk_bank_details_20251001_090000.tsv', { rows: 25_000, seed: 33 });
    await putInLanding({ lakeDir: s.config.dataLakeDir }, bank.file, 'distrokid', 'bank_details');
    const worker = await startWorker(s.env);
    const run = await s.api.admin.trigger({ service: 'distrokid', kind: 'pipeline', trigger: 'manual', by: 'test' });
    await until(async () => (await s.api.ledger.get(run.id))!.status === 'running', 'the run to start', 30_000, 10);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const finished = (await s.api.ledger.get(run.id))!;
    expect({
      status: finished.status,
      attempt: finished.attempt,
      errorCode: finished.errorCode,
      errorMessage: finished.errorMessage,
    }).toEqual({
      status: 'succeeded',
      attempt: 1,
      errorCode: null,
      errorMessage: null,
    });
  }, 90_000);
});

describeEachDatabase('worker heartbeat: runs renew their lock, a dead worker is noticed by its missing renewals', (kind) => {
  // The hung-run limit stays at its 10-minute default: only the heartbeat can make the takeover prompt.
  const HEARTBEAT_MS = 5000;
  let s: Setup;
  beforeAll(async () => {
    s = await setup(kind, { JOB_LOCK_LIFETIME_MS: '600000', JOB_HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_MS) });
  });
  afterAll(async () => s?.close());

  it('a live worker keeps a run that reports no progress for several heartbeat timeouts; a second worker does not take it', async () => {
    // Two workers in this process (so the extractor can be a test's): the run sleeps 3 heartbeat
    // timeouts without reporting progress; only the lock renewals keep the other worker off it.
    const quiet = { service: 'linktree' as const, extract: () => new Promise<void>((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS)) };
    const logger = createLogger('silent');
    const workers = [
      await startJobsRuntime(s.ds, s.config, logger, { worker: true, scheduler: false, extractors: { linktree: quiet }, name: 'beat-a' }),
      await startJobsRuntime(s.ds, s.config, logger, { worker: true, scheduler: false, extractors: { linktree: quiet }, name: 'beat-b' }),
    ];
    try {
      const run = await s.api.admin.trigger({ service: 'linktree', kind: 'extract', trigger: 'manual', by: 'test' });
      const done = await until(
        async () => {
          const r = await s.api.ledger.get(run.id);
          return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
        },
        'the run to finish',
        60_000,
        100,
      );
      expect({ status: done.status, attempt: done.attempt, errorCode: done.errorCode }).toEqual({
        status: 'succeeded',
        attempt: 1,
        errorCode: null,
      });
      expect((await s.api.ledger.logs(run.id)).some((l) => /taking over/.test(l.message))).toBe(false);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  }, 120_000);

  it('a worker killed with SIGKILL mid-load: another worker takes the run over after the heartbeat timeout, not the lock lifetime', async () => {
    const bank = writeBankExport(tempDir('beat-kill'), 'dk_bank_details_20250701_090000.tsv', { rows: 60_000, seed: 52 });
    await putInLanding({ lakeDir: s.config.dataLakeDir }, bank.file, 'distrokid', 'bank_details');
    const before = await count(s.ds, 'SELECT COUNT(*) AS n FROM transactions');
    const first = await startWorker(s.env);
    const run = await s.api.admin.trigger({ service: 'distrokid', kind: 'pipeline', trigger: 'manual', by: 'test' });
    await until(
      async () => (await count(s.ds, `SELECT COUNT(*) AS n FROM source_files WHERE status = 'loading'`)) === 1,
      'the load to start',
      30_000,
      10,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const killedAt = Date.now();
    const second = await startWorker(s.env);
    try {
      await until(async () => (await s.api.ledger.get(run.id))!.attempt === 2, 'attempt 2', 40_000, 50);
      const takeoverMs = Date.now() - killedAt;
      const done = await until(
        async () => {
          const r = await s.api.ledger.get(run.id);
          return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
        },
        'the run to finish after the takeover',
        60_000,
        100,
      );
      process.stderr.write(
        `[${kind}] worker SIGKILLed mid-load: taken over ${takeoverMs} ms later (heartbeat timeout ${HEARTBEAT_MS} ms, lock lifetime 600000 ms)\n`,
      );
      expect({ status: done.status, attempt: done.attempt }).toEqual({ status: 'succeeded', attempt: 2 });
      expect(takeoverMs).toBeLessThan(HEARTBEAT_MS + 10_000);
      expect(await count(s.ds, 'SELECT COUNT(*) AS n FROM transactions')).toBe(before + 60_000);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 120_000);
});

describe('ingestion runs that hang or fail transiently (one process, SQLite)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let jobs: JobsRuntime;
  let calls = 0;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const dir = tempDir('hang');
    const config = loadConfig({
      DATABASE_URL: db.url,
      DATA_LAKE_DIR: `${dir}/lake`,
      JOBS_SQLITE_PATH: `${dir}/jobs.sqlite`,
      SESSION_DIR: `${dir}/sessions`,
      EXTRACT_ARTEFACTS_DIR: `${dir}/artefacts`,
      JOB_PROCESS_EVERY_MS: '100',
      JOB_LOCK_LIFETIME_MS: '1500',
      JOB_RETRY_DELAY_MS: '200',
      JOB_MAX_RETRIES: '2',
      SHUTDOWN_DEADLINE_MS: '1000',
    });
    ds = await openWarehouse(config);
    jobs = await startJobsRuntime(ds, config, createLogger('silent'), {
      worker: true,
      scheduler: false,
      extractors: {
        // Never resolves and never reports progress.
        linktree: { service: 'linktree', extract: () => new Promise<void>(() => undefined) },
        // A network blip on the first attempt, then fine.
        spotify: {
          service: 'spotify',
          async extract(ctx) {
            calls++;
            if (calls === 1) throw new ExtractionError('NETWORK', 'connect ECONNRESET artists.spotify.test');
            await ctx.touch(100, 'nothing new');
          },
        },
        // Rate limited on every attempt.
        tiktok: {
          service: 'tiktok',
          extract: async () => {
            throw new ExtractionError('RATE_LIMITED', 'HTTP 429', 300);
          },
        },
      },
    });
  });
  afterAll(async () => {
    await jobs?.stop();
    await ds?.destroy();
    await db?.drop();
  });

  const finished = (id: number) =>
    until(
      async () => {
        const r = await jobs.ledger.get(id);
        return r && ['succeeded', 'failed', 'cancelled'].includes(r.status) ? r : null;
      },
      `run ${id} to finish`,
      20_000,
    );

  it('a job that stops reporting progress past its lock lifetime is failed with JOB_TIMEOUT, once', async () => {
    const run = await jobs.admin.trigger({ service: 'linktree', kind: 'extract', trigger: 'manual', by: 'test' });
    const done = await finished(run.id);
    expect(done).toMatchObject({ status: 'failed', errorCode: 'JOB_TIMEOUT', attempt: 1 });
    expect(done.errorMessage).toMatch(/no progress for 2 s/);
  });

  it('a transient failure is retried after a backoff and then succeeds', async () => {
    const run = await jobs.admin.trigger({ service: 'spotify', kind: 'extract', trigger: 'manual', by: 'test' });
    const done = await finished(run.id);
    expect(done).toMatchObject({ status: 'succeeded', attempt: 2 });
    const logs = (await jobs.ledger.logs(run.id)).map((l) => l.message);
    expect(logs.some((m) => /attempt 1 failed \(NETWORK\).*retrying at/.test(m))).toBe(true);
  });

  it('a failure that stays transient stops after the configured retries, keeping the last code', async () => {
    const run = await jobs.admin.trigger({ service: 'tiktok', kind: 'extract', trigger: 'manual', by: 'test' });
    const done = await finished(run.id);
    expect(done).toMatchObject({ status: 'failed', errorCode: 'RATE_LIMITED', attempt: 3 });
  });

  it('cancelling a running run stops it', async () => {
    const run = await jobs.admin.trigger({ service: 'linktree', kind: 'extract', trigger: 'manual', by: 'test' });
    await until(async () => (await jobs.ledger.get(run.id))!.status === 'running', 'the run to start');
    await jobs.admin.cancel(run.id, 'test');
    const done = await finished(run.id);
    expect(done.status).toBe('cancelled');
    // The worker noticed: its log says so, and nothing overwrote the cancel.
    await until(
      async () => (await jobs.ledger.logs(run.id)).some((l) => /cancelled while running/.test(l.message)),
      'the worker to notice the cancel',
      5000,
    );
    expect((await jobs.ledger.get(run.id))!.status).toBe('cancelled');
  });
});
