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

export interface RunningServer {
  url: string;
  httpServer: http.Server;
  close(): Promise<void>;
}

/**
 * The HTTP server: GraphQL at POST /graphql (GraphiQL on GET from a browser), health at /healthz.
 * CSRF prevention stays on (Apollo's default) so browsers cannot send simple cross-site requests.
 */
export async function startHttpServer(ds: DataSource, config: AppConfig, logger: Logger): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const schema = await buildAppSchema();
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
  // CORS first, so preflights get answered before any GET route of the playground.
  app.use('/graphql', cors<cors.CorsRequest>({ origin: (origin, cb) => cb(null, !origin || config.corsOrigins.includes(origin)), credentials: true }));
  app.use(playgroundRouter());
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createRequestContext(ds, config, logger, await authenticate(ds, req.headers.authorization, config.allowAnonymousRead)),
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
