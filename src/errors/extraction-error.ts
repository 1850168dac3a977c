import { DomainError } from './domain-error';

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

export class ExtractionError extends DomainError<ExtractionErrorCode> {
  // Run failures reach clients through the run ledger, never as a thrown GraphQL error.
  readonly clientCode = 'INTERNAL_SERVER_ERROR' as const;
  override readonly retryable: boolean;

  constructor(
    code: ExtractionErrorCode,
    message: string,
    /** Server-requested wait before a retry (Retry-After), when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(code, message);
    this.retryable = RETRYABLE.has(code);
  }
}
