/**
 * `npm start` (the compiled dist/src/server/main.js, as a user runs it) keeps its job worker in a
 * child process: the API stays responsive while a large load runs, a run queued by the API starts
 * at once through the IPC wake-up (though workers poll only every 5 s), and a worker child killed
 * with SIGKILL mid-load is replaced and its run taken over at once (not after a lock lifetime).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/config';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { bankDetailsTotals } from '../../../demo/sample-exports/distrokid';
import { createApiToken } from '../../../src/access/api-tokens';
import { createTestDatabase, describeEachDatabase, tempDir, type TestDatabase } from '../../helpers/databases';
import { writeBankExport } from '../../helpers/fixtures';
import { jobsTestEnv, putInLanding } from '../../helpers/jobs';
import { until } from '../../helpers/worker-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'dist/src/server/main.js');

interface RunningServer {
  child: ChildProcess;
  url: string;
  env: Record<string, string>;
  ds: DataSource;
  db: TestDatabase;
  adminToken: string;
  output: () => string;
  /** Pids of the worker children, in the order they became ready (from the server's own log). */
  workerPids: () => number[];
  close(): Promise<void>;
}

async function startNpmStart(kind: 'sqlite' | 'postgres', extra: Record<string, string> = {}): Promise<RunningServer> {
  const db = await createTestDatabase(kind);
  const dir = tempDir('npm-start');
  const env = jobsTestEnv(kind, db.url, dir, {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    // The default poll: a run that starts within a second was woken, not polled.
    JOB_PROCESS_EVERY_MS: '5000',
    SHUTDOWN_DEADLINE_MS: '5000',
    ...extra,
  });
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${out}`);
      return /GraphQL API at (http:\/\/[^/\s]+)\/graphql/.exec(out)?.[1];
    },
    'npm start to serve',
    30_000,
    50,
  );
  const ds = await openWarehouse(loadConfig(env));
  const adminToken = await createApiToken(ds, 'worker-child-test', 'ADMIN');
  const workerPids = () => [...out.matchAll(/"msg":"worker child ready","pid":(\d+)/g)].map((m) => Number(m[1]));
  return {
    child,
    url: started,
    env,
    ds,
    db,
    adminToken,
    output: () => out,
    workerPids,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await ds.destroy();
      await db.drop();
    },
  };
}

async function gql<T>(server: RunningServer, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

interface RunState {
  status: string;
  attempt: number;
  counts: { rowsLoaded: number };
}
const RUN_QUERY = 'query($id: ID!) { ingestionRun(id: $id) { status attempt counts { rowsLoaded } } }';
const runState = async (server: RunningServer, id: string) =>
  (await gql<{ ingestionRun: RunState }>(server, RUN_QUERY, { id })).ingestionRun;
const triggerPipeline = async (server: RunningServer) =>
  (await gql<{ runPipeline: { id: string } }>(server, 'mutation { runPipeline(service: DISTROKID) { id } }')).runPipeline.id;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const count = async (ds: DataSource, sql: string) => Number((await ds.query(sql))[0].n);

/** p99 of a GraphQL query on the warehouse while a load runs in the worker child stays under this. */
const P99_BOUND_MS = 500;
const LOAD_ROWS = 120_000;

describe('npm start: the API stays responsive during a large load [sqlite]', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startNpmStart('sqlite');
  }, 60_000);
  afterAll(async () => server?.close());

  it(`answers queries with p99 under ${P99_BOUND_MS} ms while ${LOAD_ROWS} rows load, and a queued run starts at once`, async () => {
    const bank = writeBankExport(tempDir('big-load'), 'dk_bank_details_20250901_090000.tsv', { rows: LOAD_ROWS, seed: 41 });
    await putInLanding({ lakeDir: server.env.DATA_LAKE_DIR }, bank.file, 'distrokid', 'bank_details');

    const before = await count(server.ds, 'SELECT COUNT(*) AS n FROM transactions');
    // Idle baseline (informative): a ledger query on the same warehouse.
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await gql(server, '{ ingestionRuns(first: 5) { edges { node { id status } } } }');
      idle.push(performance.now() - t);
    }

    const queuedAt = performance.now();
    const id = await triggerPipeline(server);
    let startedAfterMs = Number.NaN;
    const during: number[] = [];
    // Bounded traffic: one query at a time, 20 ms apart, while the run runs (measured for at most 40 s).
    const measureUntil = Date.now() + 40_000;
    let state: RunState;
    for (;;) {
      const t = performance.now();
      state = await runState(server, id);
      const latency = performance.now() - t;
      if (state.status === 'RUNNING') {
        if (Number.isNaN(startedAfterMs)) startedAfterMs = t - queuedAt;
        during.push(latency);
      }
      if (state.status === 'SUCCEEDED' || state.status === 'FAILED' || Date.now() > measureUntil) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // On a busy machine the load may outlast the measurement: its end is awaited, not measured.
    state = await until(
      async () => {
        const s = await runState(server, id);
        return s.status === 'SUCCEEDED' || s.status === 'FAILED' ? s : null;
      },
      'the load to finish',
      90_000,
      200,
    );
    const report = {
      idleP50: Math.round(percentile(idle, 50)),
      duringP50: Math.round(percentile(during, 50)),
      duringP99: Math.round(percentile(during, 99)),
      duringMax: Math.round(Math.max(...during)),
      samples: during.length,
      startedAfterMs: Math.round(startedAfterMs),
    };
    process.stderr.write(`API latency during a ${LOAD_ROWS}-row load in the worker child: ${JSON.stringify(report)}\n`);
    expect(state.status).toBe('SUCCEEDED');
    expect(state.counts.rowsLoaded).toBe(LOAD_ROWS);
    expect(await count(server.ds, 'SELECT COUNT(*) AS n FROM transactions')).toBe(before + LOAD_ROWS);
    // The load took seconds and was sampled throughout.
    expect(report.samples).toBeGreaterThanOrEqual(30);
    expect(report.duringP99).toBeLessThan(P99_BOUND_MS);
    // Woken through the IPC pipe, not found by the 5 s poll.
    expect(report.startedAfterMs).toBeLessThan(2500);
  }, 120_000);

  it('a worker child whose npm start was killed drains and exits instead of running unsupervised', async () => {
    const pid = server.workerPids().at(-1)!;
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);
    server.child.kill('SIGKILL');
    await until(async () => !alive(), 'the orphaned worker child to exit', 15_000, 100);
  }, 30_000);
});

describeEachDatabase('npm start: a worker child killed mid-load', (kind) => {
  let server: RunningServer;
  beforeAll(async () => {
    // Locks that would outlive the test: the takeover must come from noticing the dead child.
    server = await startNpmStart(kind, { JOB_LOCK_LIFETIME_MS: '600000', JOB_HEARTBEAT_TIMEOUT_MS: '600000' });
  }, 60_000);
  afterAll(async () => server?.close());

  it('is replaced, and its run is taken over at once as attempt 2 with every row loaded once', async () => {
    const bank = writeBankExport(tempDir('kill-load'), 'dk_bank_details_20250901_090000.tsv', { rows: 80_000, seed: 43 });
    await putInLanding({ lakeDir: server.env.DATA_LAKE_DIR }, bank.file, 'distrokid', 'bank_details');
    const [firstPid] = server.workerPids();
    expect(firstPid).toBeGreaterThan(0);
    const id = await triggerPipeline(server);
    await until(
      async () => (await count(server.ds, `SELECT COUNT(*) AS n FROM source_files WHERE status = 'loading'`)) === 1,
      'the load to start',
      30_000,
      10,
    );
    process.kill(firstPid, 'SIGKILL');
    const killedAt = Date.now();

    const taken = await until(
      async () => {
        const s = await runState(server, id);
        return s.attempt === 2 ? s : null;
      },
      'attempt 2 to start',
      20_000,
      50,
    );
    const takeoverMs = Date.now() - killedAt;
    const done = await until(
      async () => {
        const s = await runState(server, id);
        return s.status === 'SUCCEEDED' || s.status === 'FAILED' ? s : null;
      },
      'the run to finish',
      60_000,
      100,
    );
    process.stderr.write(`[${kind}] worker child SIGKILLed mid-load: attempt 2 started ${takeoverMs} ms later\n`);

    expect(taken.attempt).toBe(2);
    expect(takeoverMs).toBeLessThan(10_000);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempt: 2 });
    const pids = server.workerPids();
    expect(pids).toHaveLength(2);
    expect(pids[1]).not.toBe(firstPid);
    expect(server.output()).toMatch(/worker child died; releasing its jobs/);
    expect(await count(server.ds, 'SELECT COUNT(*) AS n FROM transactions')).toBe(80_000);
    const net = await server.ds.query('SELECT SUM(net_nano) AS n FROM transactions');
    expect(BigInt(net[0].n)).toBe(bankDetailsTotals(bank.opts).netNano);
  }, 120_000);
});
