/**
 * A throw-away Agenda worker for proving that several processes sharing one jobs database run each
 * job exactly once (test/integration/jobs/two-workers.test.ts spawns two of these).
 *
 *   node dist/src/jobs/backends/worker-probe.js --backend sqlite|postgres|mongo --target <file|url>
 *        --jobs <n> --out <file> [--max-seconds 15] [--concurrency 3]
 *
 * It prints `ready` once polling, runs `worker-probe` jobs (each appends "<jobId> <pid>" to --out after
 * a short random sleep), and exits when all <n> jobs are completed or after --max-seconds, printing a
 * JSON summary line.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Agenda } from 'agenda';
import { createJobsBackend, type JobsBackendSpec } from './create-backend';

export const PROBE_JOB = 'worker-probe';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface ProbeArgs {
  spec: JobsBackendSpec;
  jobs: number;
  out: string;
  maxSeconds: number;
  concurrency: number;
}

function positiveInt(flag: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${flag} must be a positive integer, got ${raw ?? '(missing)'}`);
  return n;
}

function parseProbeArgs(argv: string[]): ProbeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      backend: { type: 'string' },
      target: { type: 'string' },
      jobs: { type: 'string' },
      out: { type: 'string' },
      'max-seconds': { type: 'string', default: '15' },
      concurrency: { type: 'string', default: '3' },
    },
  });
  const { backend, target, out } = values;
  if (!target) throw new Error('--target (SQLite file or database URL) is required');
  if (!out) throw new Error('--out (output file) is required');
  let spec: JobsBackendSpec;
  if (backend === 'sqlite') spec = { kind: 'sqlite', path: target };
  else if (backend === 'postgres' || backend === 'mongo') spec = { kind: backend, url: target };
  else throw new Error(`--backend must be sqlite, postgres or mongo, got ${backend ?? '(missing)'}`);
  return {
    spec,
    out,
    jobs: positiveInt('jobs', values.jobs),
    maxSeconds: positiveInt('max-seconds', values['max-seconds']),
    concurrency: positiveInt('concurrency', values.concurrency),
  };
}

async function main(): Promise<void> {
  const args = parseProbeArgs(process.argv.slice(2));
  const agenda = new Agenda({
    backend: createJobsBackend(args.spec),
    name: `probe-${process.pid}`,
    processEvery: 100,
    maxConcurrency: args.concurrency,
  });
  let ran = 0;
  agenda.define(
    PROBE_JOB,
    async (job) => {
      await sleep(10 + Math.random() * 40);
      fs.appendFileSync(args.out, `${String(job.attrs._id)} ${process.pid}\n`);
      ran++;
    },
    // lockLimit = concurrency: without it one worker locks every due job in a single scan and the other idles.
    { concurrency: args.concurrency, lockLimit: args.concurrency },
  );
  await agenda.start();
  process.stdout.write('ready\n');

  const deadline = Date.now() + args.maxSeconds * 1000;
  let allDone = false;
  while (!allDone && Date.now() < deadline) {
    await sleep(100);
    const { jobs, total } = await agenda.queryJobs({ name: PROBE_JOB });
    allDone = total >= args.jobs && jobs.every((j) => j.state === 'completed');
  }
  // Always with a timeout: drain() waits for a further 'complete' event, so one called just after the last
  // job's 'complete' (still counted as running) would otherwise never resolve.
  const drained = await agenda.drain(2000);
  process.stdout.write(`${JSON.stringify({ pid: process.pid, ran, allDone, stillRunning: drained.running })}\n`);
  // Agenda leaves a lockLifetime/2 keep-alive timer per job it ran, which would hold the process open for minutes.
  process.exit(allDone ? 0 : 2);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`worker-probe failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
