import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import type { JobsRuntime } from '../jobs/jobs-runtime';
import { authenticate, type Principal } from './auth';
import { createRequestContext } from './context';
import { authorizationFromHeaders } from './dashboard-session';

/**
 * GraphQL subscriptions over graphql-ws on /graphql. The token travels in the connection's
 * `connectionParams.authorization` ("Bearer …"), since browsers cannot set headers on a WebSocket;
 * a bad token closes the connection before any operation runs.
 */
export function attachSubscriptions(httpServer: http.Server, schema: GraphQLSchema, ds: DataSource, config: AppConfig, logger: Logger, jobs: JobsRuntime | null) {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const principals = new WeakMap<object, Principal>();
  return useServer<Record<string, unknown> | undefined>(
    {
      schema,
      onConnect: async (ctx) => {
        const param = ctx.connectionParams?.authorization;
        // Else the dashboard's session cookie, which a same-origin WebSocket upgrade carries.
        const header = typeof param === 'string' ? param : authorizationFromHeaders(ctx.extra.request.headers, { requireSameOrigin: true });
        try {
          const principal = await authenticate(ds, header, config.allowAnonymousRead);
          if (!principal.role) return false;
          principals.set(ctx.extra, principal);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) => createRequestContext(ds, config, logger, principals.get(ctx.extra) ?? { role: null, name: 'anonymous' }, jobs),
    },
    wss,
  );
}
