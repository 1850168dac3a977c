/** npm start: migrate the warehouse, then serve the API until SIGINT/SIGTERM. */
import 'reflect-metadata';
import { loadConfigOrExit } from '../config/config';
import { createLogger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { startHttpServer } from './app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  const ds = await openWarehouse(config);
  const server = await startHttpServer(ds, config, logger);
  logger.info('server ready', { graphql: `${server.url}/graphql`, playground: `${server.url}/playground`, database: config.database.kind });
  process.stdout.write(`GraphQL API at ${server.url}/graphql — playground at ${server.url}/playground\n`);
  const shutdown = async (signal: string) => {
    logger.info('shutting down', { signal });
    await server.close();
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
