/** npm start: migrate the warehouse, then serve the API with the scheduler and a worker in the same process. */
import 'reflect-metadata';
import { loadConfigOrExit } from '../config/config';
import { createLogger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { startJobsRuntime } from '../jobs/jobs-runtime';
import { startHttpServer } from './app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const ds = await openWarehouse(config);
  const jobs = await startJobsRuntime(ds, config, logger, { worker: true, scheduler: true });
  const server = await startHttpServer(ds, config, logger, { jobs });
  logger.info('server ready', { graphql: `${server.url}/graphql`, playground: `${server.url}/playground`, database: config.database.kind, jobs: jobs.queue.backendName });
  process.stdout.write(`GraphQL API at ${server.url}/graphql — playground at ${server.url}/playground — jobs admin at ${server.url}/admin/jobs\n`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: draining running jobs', { signal, deadlineMs: config.jobs.shutdownDeadlineMs });
    await server.close();
    const { stillRunning } = await jobs.stop();
    if (stillRunning) logger.warn('jobs still running at the shutdown deadline; another worker takes them over when their lock expires', { stillRunning });
    await ds.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`server failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
