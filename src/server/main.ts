/**
 * npm start: migrate the warehouse, then serve the API with the scheduler; the job worker runs in a
 * child process (the `npm run worker` program), so a large load never stalls the API's event loop.
 * WEB_CONCURRENCY=N (N > 1) serves HTTP from N processes on one port (see cluster-primary.ts).
 */
import '../config/production-mode';
import 'reflect-metadata';
import cluster from 'node:cluster';
import path from 'node:path';
import { loadConfigOrExit, withoutUrlPassword } from '../config/config';
import { createLogger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { drainOnSignal } from '../jobs/drain-on-signal';
import { startJobsRuntime } from '../jobs/jobs-runtime';
import { WorkerSupervisor } from '../jobs/worker-supervisor';
import { startHttpServer } from './app';
import { runClusterPrimary } from './cluster-primary';
import { runHttpProcess } from './http-process';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  if (config.webConcurrency > 1) return cluster.isPrimary ? runClusterPrimary(config, logger) : runHttpProcess(config, logger);
  const ds = await openWarehouse(config);
  const worker = new WorkerSupervisor({
    script: path.join(__dirname, '..', 'cli', 'worker.js'),
    logger,
    shutdownDeadlineMs: config.jobs.shutdownDeadlineMs,
  });
  // This process only queues; the child runs the jobs (jobs queued here wake it through the IPC pipe).
  const jobs = await startJobsRuntime(ds, config, logger, { worker: false, scheduler: true, notificationChannel: worker.channel });
  await worker.start(jobs);
  const server = await startHttpServer(ds, config, logger, { jobs });
  logger.info('server ready', {
    graphql: `${server.url}/graphql`,
    playground: `${server.url}/playground`,
    database: config.database.kind,
    jobs: jobs.queue.backendName,
    workerPid: worker.pid,
  });
  process.stdout.write(
    `GraphQL API at ${server.url}/graphql — playground at ${server.url}/playground — jobs admin at ${server.url}/admin/jobs\n`,
  );
  drainOnSignal(jobs, ds, logger, config.jobs.shutdownDeadlineMs, async () => {
    await server.close();
    await worker.stop();
  });
}

main().catch((err) => {
  process.stderr.write(`server failed to start: ${withoutUrlPassword(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});
