/**
 * Two worker processes on one jobs database: every job runs exactly once in total, and the work is
 * shared. The workers are the compiled src/jobs/backends/worker-probe.ts (the global setup builds dist/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Agenda } from 'agenda';
import { createJobsBackend, type JobsBackendSpec } from '../../../src/jobs/backends/create-backend';
import { PROBE_JOB } from '../../../src/jobs/backends/worker-probe';
import { createTestDatabase, describeEachDatabase, tempDir, type TestDatabase } from '../../helpers/databases';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PROBE_SCRIPT = path.join(ROOT, 'dist/src/jobs/backends/worker-probe.js');
const JOB_COUNT = 60;
const MAX_SECONDS = 15;

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startWorker(spec: JobsBackendSpec, out: string): Worker {
  const target = spec.kind === 'sqlite' ? spec.path : spec.url;
  const child = spawn(
    process.execPath,
    [
      PROBE_SCRIPT,
      '--backend',
      spec.kind,
      '--target',
      target,
      '--jobs',
      String(JOB_COUNT),
      '--out',
      out,
      '--max-seconds',
      String(MAX_SECONDS),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, ready, exited };
}

async function enqueue(spec: JobsBackendSpec, count: number): Promise<string[]> {
  const backend = createJobsBackend(spec);
  const agenda = new Agenda({ backend });
  try {
    await agenda.ready;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(String((await agenda.now(PROBE_JOB, { i })).attrs._id));
    return ids;
  } finally {
    await backend.disconnect();
  }
}

describeEachDatabase('two worker processes on one jobs database', (kind) => {
  let dir: string;
  let db: TestDatabase | undefined;
  const workers: Worker[] = [];

  beforeAll(() => {
    if (!fs.existsSync(PROBE_SCRIPT))
      throw new Error(`${PROBE_SCRIPT} is missing: the jest global setup should have built it (tsc -p tsconfig.build.json)`);
  });

  afterEach(async () => {
    for (const w of workers.splice(0)) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`runs each of ${JOB_COUNT} jobs exactly once, shared by both processes`, async () => {
    dir = tempDir('two-workers');
    const out = path.join(dir, 'runs.txt');
    let spec: JobsBackendSpec;
    if (kind === 'sqlite') {
      spec = { kind: 'sqlite', path: path.join(dir, 'warehouse.jobs.sqlite') };
    } else {
      db = await createTestDatabase('postgres');
      spec = { kind: 'postgres', url: db.url };
    }
    // Create the tables before two processes race to (both would succeed, but one error-free start keeps the test about locking).
    await enqueue(spec, 0);

    workers.push(startWorker(spec, out), startWorker(spec, out));
    await Promise.all(workers.map((w) => w.ready));
    // Enqueued only once both are polling, so neither gets a head start.
    const ids = await enqueue(spec, JOB_COUNT);
    const results = await Promise.all(workers.map((w) => w.exited));
    for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });

    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    const runsPerJob = new Map<string, number>();
    const runsPerPid = new Map<string, number>();
    for (const line of lines) {
      const [jobId, pid] = line.split(' ');
      runsPerJob.set(jobId, (runsPerJob.get(jobId) ?? 0) + 1);
      runsPerPid.set(pid, (runsPerPid.get(pid) ?? 0) + 1);
    }
    process.stdout.write(`[${kind}] runs per worker process: ${JSON.stringify(Object.fromEntries(runsPerPid))}\n`);

    expect([...runsPerJob.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect([...runsPerJob.keys()].sort()).toEqual([...ids].sort());
    expect(lines).toHaveLength(JOB_COUNT);
    expect(runsPerPid.size).toBe(2);
  }, 30_000);
});
