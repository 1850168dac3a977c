import type { IncomingHttpHeaders } from 'node:http';

import type { SessionStore } from './sessions';

/** The dashboard's HttpOnly session cookie: the id of a server-side session, never the API token. */
export const SESSION_COOKIE = 'dashboard_session';

/** What a request presents: its own Authorization header, else the token hash behind its session cookie. */
export interface Credentials {
  authorization?: string;
  sessionTokenHash?: string;
}

export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name && v.length > 0) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The credentials a request carries: its own Authorization header first, else the dashboard
 * session cookie. Used by HTTP GraphQL and by the graphql-ws upgrade (a same-origin WebSocket sends
 * cookies). An unknown or expired session id counts as no session.
 */
export function credentialsFromHeaders(
  headers: IncomingHttpHeaders,
  sessions: SessionStore,
  options: { requireSameOrigin?: boolean } = {},
): Credentials {
  if (headers.authorization) return { authorization: headers.authorization };
  // WebSockets escape CORS: a cookie counts only when the page that opened the socket is ours.
  if (options.requireSameOrigin && !isSameOrigin(headers)) return {};
  const tokenHash = sessions.tokenHashOf(readCookie(headers.cookie, SESSION_COOKIE));
  return tokenHash ? { sessionTokenHash: tokenHash } : {};
}

/** The rate limiter's identity of a caller: its header, or its session's token (hashed by the limiter again). */
export function credentialKey(credentials: Credentials): string | undefined {
  return credentials.authorization ?? (credentials.sessionTokenHash ? `session ${credentials.sessionTokenHash}` : undefined);
}

/** True when the Origin header names the host the request was sent to (any scheme). */
export function isSameOrigin(headers: IncomingHttpHeaders): boolean {
  if (!headers.origin || !headers.host) return false;
  try {
    return new URL(headers.origin).host === headers.host;
  } catch {
    return false;
  }
}
