import type http from 'node:http';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import { DomainError } from '../errors/domain-error';
import type { JobsRuntime } from '../jobs/jobs-runtime';
import type { Principal } from '../access/principal';
import { authenticate } from './auth';
import { createRequestContext } from './context';
import { createErrorFormatter } from './errors';
import { prepareOperation } from './limits';
import { type RateLimiter, rateLimitKey } from './rate-limit';

/** graphql-ws frames carry at most this much: a subscription document is small (HTTP allows 1 MB for queries). */
const MAX_FRAME_BYTES = 256 * 1024;
import { type Credentials, credentialKey, credentialsFromHeaders } from './dashboard-session';
import type { SessionStore } from './sessions';

/**
 * GraphQL over graphql-ws on /graphql. The token travels in the connection's
 * `connectionParams.authorization` ("Bearer …"), since browsers cannot set headers on a WebSocket;
 * a bad or missing token closes the connection before any operation runs. Every operation goes
 * through the same pipeline as HTTP (token budget, shape limits, validation, arguments, cost) and
 * the same rate limit, and its errors are formatted by the same formatter.
 */
export function attachSubscriptions(
  httpServer: http.Server,
  schema: GraphQLSchema,
  ds: DataSource,
  config: AppConfig,
  logger: Logger,
  jobs: JobsRuntime | null,
  rateLimiter: RateLimiter,
  sessions: SessionStore,
) {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: MAX_FRAME_BYTES });
  const principals = new WeakMap<object, { principal: Principal; key: string }>();
  const format = createErrorFormatter(logger);
  const toClient = (e: GraphQLError) => {
    const f = format(e.toJSON(), e);
    return new GraphQLError(f.message, { extensions: f.extensions });
  };
  return useServer<Record<string, unknown> | undefined>(
    {
      schema,
      onConnect: async (ctx) => {
        const param = ctx.connectionParams?.authorization;
        // Else the dashboard's session cookie, which a same-origin WebSocket upgrade carries.
        const credentials: Credentials =
          typeof param === 'string'
            ? { authorization: param }
            : credentialsFromHeaders(ctx.extra.request.headers, sessions, { requireSameOrigin: true });
        const key = rateLimitKey(credentialKey(credentials), ctx.extra.request.socket.remoteAddress);
        if (rateLimiter.take(key) !== null) return false;
        try {
          const principal = await authenticate(ds, credentials, config.allowAnonymousRead);
          if (!principal.role) return false;
          principals.set(ctx.extra, { principal, key });
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const caller = principals.get(ctx.extra);
        const retryAfter = caller ? rateLimiter.take(caller.key) : null;
        if (retryAfter !== null)
          return [new GraphQLError(`too many requests; retry after ${retryAfter} s`, { extensions: { code: 'RATE_LIMITED', retryAfter } })];
        const variables = payload.variables ?? undefined;
        const operationName = payload.operationName ?? undefined;
        const prepared = prepareOperation(schema, payload.query, operationName, variables, config.limits);
        if ('errors' in prepared) return prepared.errors.map(toClient);
        return {
          schema,
          document: prepared.document,
          operationName,
          variableValues: variables,
          contextValue: createRequestContext(ds, config, logger, caller?.principal ?? { role: null, name: 'anonymous' }, jobs),
        };
      },
      // A domain error thrown while a subscription iterates reaches the client through graphql-ws's own wrapper: mapped the same way.
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => (e.originalError instanceof DomainError ? toClient(e) : e)),
      onNext: (_ctx, _id, _payload, _args, result) => {
        // Resolver errors are masked over WebSocket as over HTTP: coded errors pass, anything else gets a reference.
        if (!('errors' in result) || !result.errors?.length) return undefined;
        return { ...result, errors: result.errors.map((e) => format(e.toJSON(), e)) };
      },
    },
    wss,
  );
}
