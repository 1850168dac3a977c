/**
 * npm run worker: a worker-only process (no HTTP) that runs ingestion jobs from the shared job
 * backend, for scale-out next to `npm start` (JOBS_BACKEND=postgres, or mongo). SIGTERM drains
 * running jobs up to SHUTDOWN_DEADLINE_MS before exiting.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '../config/config';
import { createLogger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { startJobsRuntime } from '../jobs/jobs-runtime';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const ds = await openWarehouse(config);
  const jobs = await startJobsRuntime(ds, config, logger, { worker: true, scheduler: false });
  process.stdout.write(`worker ${process.pid} ready (jobs backend: ${jobs.queue.backendName})\n`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('worker draining', { signal, deadlineMs: config.jobs.shutdownDeadlineMs });
    const { stillRunning } = await jobs.stop();
    if (stillRunning) logger.warn('jobs still running at the shutdown deadline', { stillRunning });
    await ds.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
