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
export function authorizationFromHeaders(headers: IncomingHttpHeaders, options: { requireSameOrigin?: boolean } = {}): string | undefined {
  if (headers.authorization) return headers.authorization;
  // WebSockets escape CORS: a cookie counts only when the page that opened the socket is ours.
  if (options.requireSameOrigin && !isSameOrigin(headers)) return undefined;
  const token = readCookie(headers.cookie, SESSION_COOKIE);
  return token ? `Bearer ${token}` : undefined;
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
