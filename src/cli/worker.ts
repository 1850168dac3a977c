/**
 * npm run worker: a worker-only process (no HTTP) that runs ingestion jobs from the shared job
 * backend, for scale-out next to `npm start` (JOBS_BACKEND=postgres, or mongo). SIGTERM drains
 * running jobs up to SHUTDOWN_DEADLINE_MS before exiting.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '../config/config';
import { createLogger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { drainOnSignal } from '../jobs/drain-on-signal';
import { startJobsRuntime } from '../jobs/jobs-runtime';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const ds = await openWarehouse(config);
  const jobs = await startJobsRuntime(ds, config, logger, { worker: true, scheduler: false });
  process.stdout.write(`worker ${process.pid} ready (jobs backend: ${jobs.queue.backendName})\n`);
  drainOnSignal(jobs, ds, logger, config.jobs.shutdownDeadlineMs);
}

main().catch((err) => {
  process.stderr.write(`worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
