import type { RequestHandler } from 'express';

/**
 * Switches a test flips on a running simulator to reproduce what goes wrong on the real portals.
 * Each simulator documents which ones it honours. There is no wrong-TOTP switch: Spotify for
 * Artists, TikTok and Linktree have no TOTP secret in the config; `twoFactor` stands for their
 * SMS/e-mail codes, which the extractors cannot answer.
 */
export interface PortalFaults {
  /** Every session issued so far is dropped at the next request (valid cookies are sent to the login page); the switch then turns itself off so a fresh login works. */
  expiredSession: boolean;
  /** After a correct password the portal asks for a code sent by SMS/e-mail, which cannot be automated. */
  twoFactor: boolean;
  /** Data endpoints answer 429 with `Retry-After: 1`. */
  rateLimit: boolean;
  /** Data endpoints answer 500. */
  serverError: boolean;
  /** The main analytics page answers after `slowPageMs` (longer than the extractor's timeout in the tests). */
  slowPage: boolean;
  /** The button or control the extractor uses gets another id and text. */
  renamedElement: boolean;
  /** JSON endpoints answer a truncated document. */
  malformedJson: boolean;
  /** The export's header renames a column (or a JSON series renames a field). */
  changedColumn: boolean;
}

export function createFaults(): PortalFaults {
  return {
    expiredSession: false,
    twoFactor: false,
    rateLimit: false,
    serverError: false,
    slowPage: false,
    renamedElement: false,
    malformedJson: false,
    changedColumn: false,
  };
}

export function resetFaults(faults: PortalFaults): void {
  Object.assign(faults, createFaults());
}

/** 429 / 500 on the data endpoints it guards, as a throttled or failing portal answers. */
export function dataFaults(faults: PortalFaults): RequestHandler {
  return (_req, res, next) => {
    if (faults.rateLimit) {
      res.status(429).set('Retry-After', '1').type('text/plain').send('Too Many Requests');
      return;
    }
    if (faults.serverError) {
      res.status(500).type('text/plain').send('Internal Server Error');
      return;
    }
    next();
  };
}

/** Holds the response back while `slowPage` is on; the timer is dropped if the client goes away. */
export function slowWhenAsked(faults: PortalFaults, delayMs: number): RequestHandler {
  return (req, _res, next) => {
    if (!faults.slowPage) return next();
    const timer = setTimeout(next, delayMs);
    req.on('close', () => clearTimeout(timer));
  };
}

/** The first half of a JSON document: what a truncated or garbled answer looks like. */
export function truncatedJson(json: string): string {
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
}
