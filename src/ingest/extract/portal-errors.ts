/**
 * How what a portal does wrong becomes an ExtractionError with a code: a missing element is
 * layout drift, a changed payload schema drift, an HTTP status its code, and whatever Playwright
 * throws (outside the flow's own checks) is classified here once.
 */
import type { Response } from 'playwright-core';
import { BrowserNotFoundError } from '../../browser/launch-chromium';
import { ExtractionError } from '../../errors/extraction-error';

/** Layout drift: an element or response the flow relies on is missing. Names what was expected and where. */
export function layoutDrift(what: string, where: string): ExtractionError {
  return new ExtractionError('LAYOUT_DRIFT', `expected ${what} on ${where}, not found (the portal's layout may have changed)`);
}

/** Schema drift: a payload no longer has the shape the cleaners read. */
export function schemaDrift(what: string, detail: string): ExtractionError {
  return new ExtractionError('SCHEMA_DRIFT', `${what}: ${detail}`);
}

/** Classifies an HTTP status from a portal or API. */
export function httpError(status: number, where: string, retryAfterMs?: number): ExtractionError {
  if (status === 429) return new ExtractionError('RATE_LIMITED', `${where} answered 429 Too Many Requests`, retryAfterMs);
  if (status >= 500) return new ExtractionError('HTTP_5XX', `${where} answered HTTP ${status}`, retryAfterMs);
  if (status === 401 || status === 403)
    return new ExtractionError('SESSION_EXPIRED', `${where} answered HTTP ${status}: the session is no longer valid`);
  return new ExtractionError('SCHEMA_DRIFT', `${where} answered HTTP ${status}`);
}

/** Retry-After in seconds or as an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const retryAfterOf = (res: Response): number | undefined => parseRetryAfter(res.headers()['retry-after']);

/** The HTTP error a response stands for, naming `where`. */
export const httpErrorOf = (res: Response, where: string): ExtractionError => httpError(res.status(), where, retryAfterOf(res));

export const isTimeout = (err: unknown): boolean => err instanceof Error && err.name === 'TimeoutError';

/** Maps what Playwright throws to our codes when the flow did not classify it itself. */
export function classifyBrowserError(err: unknown, step: string): ExtractionError {
  if (err instanceof ExtractionError) return err;
  if (err instanceof BrowserNotFoundError) return new ExtractionError('BROWSER_NOT_FOUND', err.message);
  const message = err instanceof Error ? err.message : String(err);
  if (/net::ERR_|ECONNREFUSED|ECONNRESET|ENOTFOUND|socket hang up/i.test(message))
    return new ExtractionError('NETWORK', `${step}: ${message.split('\n')[0]}`);
  if (isTimeout(err)) return new ExtractionError('TIMEOUT', `${step}: ${message.split('\n')[0]}`);
  return new ExtractionError('LAYOUT_DRIFT', `${step}: ${message.split('\n')[0]}`);
}

/** Playwright's own failures (a click or wait outside the checks), by name or message. */
export function isBrowserFailure(err: unknown): boolean {
  return (
    err instanceof Error &&
    (isTimeout(err) || /^(?:locator|page|frame|browser|browserContext|elementHandle|download|response|request)\.\w+:/.test(err.message))
  );
}
