import type { IncomingHttpHeaders } from 'node:http';

/** The dashboard's HttpOnly session cookie holds the API token itself (as /admin/login's cookie does). */
export const SESSION_COOKIE = 'dashboard_session';

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
 * The Authorization a request carries: its own header first, else the dashboard session cookie.
 * Used by HTTP GraphQL and by the graphql-ws upgrade (a same-origin WebSocket sends cookies).
 */
export function authorizationFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  if (headers.authorization) return headers.authorization;
  const token = readCookie(headers.cookie, SESSION_COOKIE);
  return token ? `Bearer ${token}` : undefined;
}
