/** npm start: migrate the warehouse, then serve the API with the scheduler and a worker in the same process. */
import 'reflect-metadata';
import { loadConfigOrExit, withoutUrlPassword } from '../config/config';
import { createLogger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { drainOnSignal } from '../jobs/drain-on-signal';
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
  drainOnSignal(jobs, ds, logger, config.jobs.shutdownDeadlineMs, () => server.close());
}

main().catch((err) => {
  process.stderr.write(`server failed to start: ${withoutUrlPassword(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});
