/**
 * Why an extraction stopped. The code decides whether a retry can help: network trouble, 5xx
 * and rate limits are transient; a refused login, a missing 2FA code, an expired session the
 * product cannot renew, and a portal that changed its layout or payloads are not.
 */
export type ExtractionErrorCode =
  | 'NETWORK'
  | 'HTTP_5XX'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'LOGIN_FAILED'
  | 'CREDENTIALS_MISSING'
  | 'TWO_FACTOR_REQUIRED'
  | 'TWO_FACTOR_FAILED'
  | 'SESSION_EXPIRED'
  | 'SESSION_KEY_MISSING'
  | 'TOKEN_INVALID'
  | 'LAYOUT_DRIFT'
  | 'SCHEMA_DRIFT'
  | 'BROWSER_NOT_FOUND'
  | 'EXTRACTOR_NOT_AVAILABLE';

const RETRYABLE: ReadonlySet<ExtractionErrorCode> = new Set(['NETWORK', 'HTTP_5XX', 'RATE_LIMITED', 'TIMEOUT']);

export class ExtractionError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly code: ExtractionErrorCode,
    message: string,
    /** Server-requested wait before a retry (Retry-After), when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ExtractionError';
    this.retryable = RETRYABLE.has(code);
  }
}

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
  if (status === 401 || status === 403) return new ExtractionError('SESSION_EXPIRED', `${where} answered HTTP ${status}: the session is no longer valid`);
  return new ExtractionError('SCHEMA_DRIFT', `${where} answered HTTP ${status}`);
}

/** Retry-After in seconds or as an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
