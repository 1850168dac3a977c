import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { DataSource } from 'typeorm';
import { type AppConfig, withoutUrlPassword } from '../config/config';
import type { Logger } from '../config/logger';
import { buildAppSchema } from '../resolvers/schema';
import { authenticate, authenticateCaller } from './auth';
import type { RequestContext } from '../resolvers/context';
import { createRequestContext } from './context';
import { createErrorFormatter } from './errors';
import { compiledExecutionGateway } from './compiled-execution';
import { createLimitsPlugin, parseOptions, VALIDATION_OPTIONS, validationRules } from './limits';
import { jsonErrorHandler, notFoundHandler, sendError } from './http-errors';
import { RateLimiter, rateLimitKey } from './rate-limit';
import { playgroundRouter } from './playground';
import { dashboardRouter } from './dashboard';
import type { JobsRuntime } from '../jobs/jobs-runtime';
import { adminJobsRouter } from './admin-jobs';
import { renderMetrics } from './metrics';
import { attachSubscriptions } from './subscriptions';
import { credentialKey, credentialsFromHeaders } from './dashboard-session';
import { SessionStore } from './sessions';
import { watchWarehouseVersion } from '../db/warehouse-version-watch';
import { dateInTimeZone } from '../domain/date-range';
import { WAREHOUSE_QUERY_FIELDS } from '../resolvers/warehouse-fields';
import { type CacheScope, ResponseCache, responseCacheMiddleware, responseCachePlugin } from './response-cache';
import type { Principal } from '../access/principal';

export interface RunningServer {
  url: string;
  httpServer: http.Server;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** The ingestion admin; without it the admin mutations answer that it is not running here. */
  jobs?: JobsRuntime | null;
  /** The clock that decides the label's "today" (range presets, the response cache's day); tests move it. */
  now?: () => Date;
  /** Turns the speed-ups off one by one, for the bench to measure each against the same run (all on by default). */
  levers?: { rememberPassedChecks?: boolean; compiledExecution?: boolean; directFieldResolvers?: boolean };
  /** The session store, when it is shared with other HTTP processes (WEB_CONCURRENCY > 1); else one of its own. */
  sessions?: SessionStore;
}

/**
 * The HTTP server: GraphQL at POST /graphql (GraphiQL on GET from a browser, subscriptions over
 * graphql-ws on the same path), /healthz (process up), /readyz (database and job backend
 * reachable), /metrics (Prometheus), and Agendash at /admin/jobs for admins.
 * CSRF prevention stays on (Apollo's default) so browsers cannot send simple cross-site requests.
 */
export async function startHttpServer(
  ds: DataSource,
  config: AppConfig,
  logger: Logger,
  options: HttpServerOptions = {},
): Promise<RunningServer> {
  const jobs = options.jobs ?? null;
  const now = options.now ?? (() => new Date());
  const app = express();
  app.disable('x-powered-by');
  // No ETag on res.send's answers (GraphQL, JSON): it hashed every answer (38 kB for a 500-point series) for a
  // conditional GET that POSTed queries never make. Static files keep theirs (express.static and sendFile set their own).
  app.set('etag', false);
  // Decides whether X-Forwarded-Proto/For are believed (req.secure, req.ip): only behind a configured proxy.
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  const schema = await buildAppSchema({ directFieldResolvers: options.levers?.directFieldResolvers });
  const rateLimiter = new RateLimiter(config.limits.rateLimitPerMinute, config.limits.rateLimitBurst);
  // One store of server-side sessions for the jobs admin's and the dashboard's cookies.
  const sessions = options.sessions ?? new SessionStore(config.admin.sessionHours * 3600_000);
  const subscriptions = attachSubscriptions(httpServer, schema, ds, config, logger, jobs, rateLimiter, sessions);
  const responseCache = new ResponseCache(config.responseCache.maxEntries, config.responseCache.maxBytes);
  // The version is read per request (a worker process loads while this one answers), cheaply (see
  // watchWarehouseVersion); the label's day is in the key for answers relative to today (range
  // presets, defaults): a new day, new keys.
  const versions = await watchWarehouseVersion(ds, (err) =>
    logger.warn('warehouse version notifications lost; reading the version per request until they are back', {
      error: withoutUrlPassword(err.message),
    }),
  );
  // Once per request: a miss is scoped by the middleware, then by the plugin, for the same principal
  // object (authenticate builds a new one per request, so this never outlives the request).
  const scopes = new WeakMap<Principal, Promise<CacheScope>>();
  const cacheScope = (principal: Principal, today: string): Promise<CacheScope> => {
    let scope = scopes.get(principal);
    if (!scope) {
      scope = versions.read().then((version) => ({
        visibility: principal.role ?? 'anonymous',
        version: `${version}:${today}`,
      }));
      scopes.set(principal, scope);
    }
    return scope;
  };
  const labelToday = () => dateInTimeZone(now(), config.labelTimeZone);
  // Authenticated once per request, whether the cache answers it or Apollo does.
  const callers = new WeakMap<express.Request, Promise<Principal>>();
  const callerOf = (req: express.Request): Promise<Principal> => {
    let principal = callers.get(req);
    if (!principal) {
      // The dashboard's session cookie stands in for the Authorization header.
      principal = authenticateCaller(ds, credentialsFromHeaders(req.headers, sessions), config.allowAnonymousRead);
      callers.set(req, principal);
    }
    return principal;
  };
  const apollo = new ApolloServer<RequestContext>({
    // Queries run as compiled plans (see compiled-execution.ts); the lever is for the bench.
    ...((options.levers?.compiledExecution ?? true) ? { gateway: compiledExecutionGateway(schema) } : { schema }),
    csrfPrevention: true,
    // The entry points own signal handling (drain, then close the database).
    stopOnTerminationSignals: false,
    // Introspection follows the data's rules: callers without a token never get past the context (see authenticateCaller).
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // One pipeline with graphql-ws (see limits.ts): token budget while parsing, shape limits before graphql-js's own rules.
    parseOptions: parseOptions(config.limits),
    validationRules: validationRules(config.limits),
    validationOptions: VALIDATION_OPTIONS,
    formatError: createErrorFormatter(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await subscriptions.dispose()) }) },
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching hints are used; the plugin would otherwise wrap every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      createLimitsPlugin(schema, config.limits, (options.levers?.rememberPassedChecks ?? true) ? 1000 : 0),
      ...(config.responseCache.maxEntries > 0
        ? [
            responseCachePlugin<RequestContext>(responseCache, {
              cacheableRootFields: WAREHOUSE_QUERY_FIELDS,
              // The day the request's ranges were resolved on, not a second reading of the clock.
              scope: async (context) => cacheScope(context.principal, context.today),
            }),
          ]
        : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    // Why a dependency is down (host names, database names) is for admins; everyone else learns up or down.
    const admin = req.headers.authorization
      ? (await authenticate(ds, req.headers.authorization, false).catch(() => null))?.role === 'ADMIN'
      : false;
    const check = async (what: string, probe: () => Promise<unknown>) =>
      probe().then(
        () => 'ok',
        (err: Error) => {
          const detail = withoutUrlPassword(err.message.split('\n')[0]);
          logger.warn('readiness probe failed', { dependency: what, error: detail });
          return admin ? `unreachable: ${detail}` : 'unreachable: see the server log';
        },
      );
    const database = await check('database', () => ds.query('SELECT 1'));
    const jobBackend = jobs ? await check('jobs', () => jobs.queue.ping()) : 'not running in this process';
    const ready = database === 'ok' && (jobBackend === 'ok' || !jobs);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', database, jobs: jobBackend, jobsBackend: jobs?.queue.backendName ?? null });
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
  if (jobs) app.use(adminJobsRouter(ds, jobs, logger, config.admin, sessions));
  // CORS first, so preflights get answered before any GET route of the playground.
  app.use(
    '/graphql',
    cors<cors.CorsRequest>({ origin: (origin, cb) => cb(null, !origin || config.corsOrigins.includes(origin)), credentials: true }),
  );
  app.use(dashboardRouter(ds, config, logger, sessions));
  app.use(playgroundRouter());
  app.use(
    '/graphql',
    (req, res, next) => {
      // Counted before the body is read or the token looked up: a flood costs us a hash and a Map lookup.
      const retryAfter = rateLimiter.take(rateLimitKey(credentialKey(credentialsFromHeaders(req.headers, sessions)), req.ip));
      if (retryAfter === null) return next();
      sendError(res, 429, 'RATE_LIMITED', `too many requests; retry after ${retryAfter} s`, { 'Retry-After': String(retryAfter) });
    },
    express.json({ limit: '1mb' }),
    ...(config.responseCache.maxEntries > 0
      ? [
          responseCacheMiddleware(responseCache, (req) =>
            callerOf(req).then(
              (principal) => cacheScope(principal, labelToday()),
              () => null,
            ),
          ),
        ]
      : []),
    expressMiddleware(apollo, {
      // Authentication comes first: an anonymous caller is refused before its document is parsed.
      context: async ({ req }) => createRequestContext(ds, config, logger, await callerOf(req), jobs, now()),
    }),
  );
  app.use(notFoundHandler);
  app.use(jsonErrorHandler(logger));

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
      await versions.close();
    },
  };
}
