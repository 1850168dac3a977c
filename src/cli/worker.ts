/**
 * npm run worker: a worker-only process (no HTTP) that runs ingestion jobs from the shared job
 * backend, for scale-out next to `npm start` (JOBS_BACKEND=postgres, or mongo). SIGTERM drains
 * running jobs up to SHUTDOWN_DEADLINE_MS before exiting. `npm start` also runs this program as its
 * worker child, joined by an IPC pipe (wake-ups, run changes); if that parent goes away, it drains and exits.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '../config/config';
import { createLogger } from '../config/logger';
import type { WorkerIpcMessage } from '../jobs/queue/ipc-notification-channel';
import { type CommandUsage, parseCommandLine } from './command-line';

const USAGE: CommandUsage = {
  synopsis: 'usage: npm run worker',
  help: `usage: npm run worker

A worker-only process (no HTTP): runs ingestion jobs from the shared job backend, beside one
\`npm start\`. Configured by the environment (DATABASE_URL, JOBS_BACKEND, SHUTDOWN_DEADLINE_MS, ...:
see the README). SIGTERM drains running jobs before it exits. It takes no arguments.

  -h, --help   this help

example: JOBS_BACKEND=postgres DATABASE_URL=postgres://postgres@127.0.0.1:5432/label npm run worker`,
};

async function main(): Promise<void> {
  parseCommandLine(USAGE, {});
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  // The database and jobs stack loads once the command line is known good: --help answers at once.
  const [{ openWarehouse }, { drainOnSignal }, { startJobsRuntime }, { IpcNotificationChannel, isWorkerIpcMessage }] = await Promise.all([
    import('../db/open-warehouse'),
    import('../jobs/drain-on-signal'),
    import('../jobs/jobs-runtime'),
    import('../jobs/queue/ipc-notification-channel'),
  ]);
  const ds = await openWarehouse(config);
  const toParent = process.send ? (message: WorkerIpcMessage) => void process.send!(message, () => undefined) : undefined;
  const channel = toParent ? new IpcNotificationChannel(toParent) : undefined;
  if (channel) process.on('message', (message: unknown) => void (isWorkerIpcMessage(message) && channel.receive(message)));
  const jobs = await startJobsRuntime(ds, config, logger, { worker: true, scheduler: false, notificationChannel: channel });
  process.stdout.write(`worker ${process.pid} ready (jobs backend: ${jobs.queue.backendName})\n`);
  drainOnSignal(jobs, ds, logger, config.jobs.shutdownDeadlineMs);
  if (toParent) {
    jobs.events.onAnyChange((runId) => toParent({ kind: 'run-changed', runId }));
    toParent({ kind: 'worker-ready', name: jobs.queue.name });
    // The parent died without stopping us: drain and exit like on SIGTERM rather than run unsupervised.
    process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
}

main().catch((err) => {
  process.stderr.write(`worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
