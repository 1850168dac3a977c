/**
 * The base of every coded error the product raises on purpose. It sits below every layer so
 * analytics, ingest, jobs and extractors can throw without knowing about GraphQL; the API maps
 * these to GraphQL errors in one place (`server/errors.ts`).
 *
 * - `code`: the machine-readable reason, stable across releases.
 * - `clientCode`: how the API classifies it for a client (`BAD_USER_INPUT`, `NOT_FOUND`, …);
 *   `INTERNAL_SERVER_ERROR` means the message is not for the client, unless `exposesMessage` says
 *   a subclass writes every message for its callers (the ingestion admin's "queue unavailable").
 * - `details`: extra fields safe to show a client (`field`, `reason`, limits); never secrets.
 * - `retryable`: whether trying the same thing again later may succeed.
 */
export type ClientErrorCode =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'RANGE_TOO_LONG' | 'PAGE_TOO_LARGE' | 'INTERNAL_SERVER_ERROR';

export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly clientCode: ClientErrorCode;
  readonly retryable: boolean = false;

  /** Whether a client may read the message: by default only when it can act on it (not INTERNAL_SERVER_ERROR). */
  get exposesMessage(): boolean {
    return this.clientCode !== 'INTERNAL_SERVER_ERROR';
  }

  constructor(
    readonly code: Code,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Whether an error is one of ours and says a later attempt may succeed. */
export function isRetryable(error: unknown): boolean {
  return error instanceof DomainError && error.retryable;
}
