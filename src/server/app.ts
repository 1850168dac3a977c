import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import { buildAppSchema } from '../resolvers/schema';
import { authenticate } from './auth';
import { createRequestContext, type RequestContext } from './context';
import { createErrorFormatter } from './errors';
import { createLimitsPlugin } from './limits';
import { playgroundRouter } from './playground';
import { dashboardRouter } from './dashboard';
import type { JobsRuntime } from '../jobs/jobs-runtime';
import { adminJobsRouter } from './admin-jobs';
import { renderMetrics } from './metrics';
import { attachSubscriptions } from './subscriptions';

export interface RunningServer {
  url: string;
  httpServer: http.Server;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** The ingestion admin; without it the admin mutations answer that it is not running here. */
  jobs?: JobsRuntime | null;
}

/**
 * The HTTP server: GraphQL at POST /graphql (GraphiQL on GET from a browser, subscriptions over
 * graphql-ws on the same path), /healthz (process up), /readyz (database and job backend
 * reachable), /metrics (Prometheus), and Agendash at /admin/jobs for admins.
 * CSRF prevention stays on (Apollo's default) so browsers cannot send simple cross-site requests.
 */
export async function startHttpServer(ds: DataSource, config: AppConfig, logger: Logger, options: HttpServerOptions = {}): Promise<RunningServer> {
  const jobs = options.jobs ?? null;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const schema = await buildAppSchema();
  const subscriptions = attachSubscriptions(httpServer, schema, ds, config, logger, jobs);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    csrfPrevention: true,
    // The entry points own signal handling (drain, then close the database).
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await subscriptions.dispose()) }) },
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching hints are used; the plugin would otherwise wrap every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      createLimitsPlugin(schema, config.limits),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const check = async (probe: () => Promise<unknown>) => probe().then(() => 'ok', (err: Error) => `unreachable: ${err.message.split('\n')[0]}`);
    const database = await check(() => ds.query('SELECT 1'));
    const jobBackend = jobs ? await check(() => jobs.queue.ping()) : 'not running in this process';
    const ready = database === 'ok' && (jobBackend === 'ok' || !jobs);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', database, jobs: jobBackend, jobsBackend: jobs?.queue.backendName ?? null });
  });
  app.get('/metrics', async (req, res) => {
    // Metrics carry no secrets, but they describe the business: a valid token (any role) is required.
    const principal = await authenticate(ds, req.headers.authorization, config.allowAnonymousRead).catch(() => null);
    if (!principal?.role) {
      res.status(401).type('text').send('a bearer token is required\n');
      return;
    }
    res.type('text/plain; version=0.0.4').send(await renderMetrics(ds, jobs));
  });
  if (jobs) app.use(adminJobsRouter(ds, jobs, logger));
  // CORS first, so preflights get answered before any GET route of the playground.
  app.use('/graphql', cors<cors.CorsRequest>({ origin: (origin, cb) => cb(null, !origin || config.corsOrigins.includes(origin)), credentials: true }));
  app.use(dashboardRouter(ds, config, logger));
  app.use(playgroundRouter());
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createRequestContext(ds, config, logger, await authenticate(ds, req.headers.authorization, config.allowAnonymousRead), jobs),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    httpServer,
    close: async () => {
      await apollo.stop();
    },
  };
}
