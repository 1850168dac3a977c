import type { Request, RequestHandler } from 'express';
import type { PortalFaults } from './faults';

/** The request's cookies by name (values URL-decoded). */
export function cookiesOf(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return out;
}

/** The `expiredSession` switch: drops every session at the next request, then turns itself off so a fresh login works. */
export function expireSessionsWhenAsked(faults: PortalFaults, dropAll: () => void): RequestHandler {
  return (_req, _res, next) => {
    if (faults.expiredSession) {
      dropAll();
      faults.expiredSession = false;
    }
    next();
  };
}
