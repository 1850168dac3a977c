import { DomainError } from '../../errors/domain-error';

/** The run was cancelled through `cancelRun` while it was running. */
export class RunCancelledError extends DomainError<'CANCELLED'> {
  readonly clientCode = 'INTERNAL_SERVER_ERROR' as const;
  constructor() {
    super('CANCELLED', 'the run was cancelled');
  }
}

/** The job stopped reporting progress for longer than its lock lifetime: treated as hung. */
export class RunTimeoutError extends DomainError<'JOB_TIMEOUT'> {
  readonly clientCode = 'INTERNAL_SERVER_ERROR' as const;
  constructor(lockLifetimeMs: number) {
    super('JOB_TIMEOUT', `no progress for ${Math.round(lockLifetimeMs / 1000)} s (the job's lock lifetime): the run was given up as hung`);
  }
}

/** Some landing files could not be loaded (a database error, not a validation failure): a later attempt may load them. */
export class LoadFailedError extends DomainError<'LOAD_FAILED'> {
  readonly clientCode = 'INTERNAL_SERVER_ERROR' as const;
  override readonly retryable = true;
  constructor(detail: string) {
    super('LOAD_FAILED', detail);
  }
}

/** Database or file-system trouble (a busy database, a dropped connection) that a later attempt may not meet again. */
export class TransientRunError extends DomainError<'TRANSIENT'> {
  readonly clientCode = 'INTERNAL_SERVER_ERROR' as const;
  override readonly retryable = true;
  constructor(message: string) {
    super('TRANSIENT', message);
  }
}

/** Anything else that stopped a run: not one of ours, so nothing says a retry would help. */
export class InternalRunError extends DomainError<'INTERNAL'> {
  readonly clientCode = 'INTERNAL_SERVER_ERROR' as const;
  constructor(message: string) {
    super('INTERNAL', message);
  }
}

const TRANSIENT = /SQLITE_BUSY|database is locked|ECONNRESET|ECONNREFUSED|ETIMEDOUT|Connection terminated|deadlock/i;

/**
 * Whatever stopped a run, as one of our errors: the ledger records its code and message, and the
 * retry policy decides by `isRetryable` on it (its type), Retry-After included when it has one.
 */
export function classifyRunError(err: unknown): DomainError {
  // `instanceof` on `unknown` yields DomainError<any>; every code is a string.
  if (err instanceof DomainError) return err as DomainError;
  const message = err instanceof Error ? err.message : String(err);
  return TRANSIENT.test(message) ? new TransientRunError(message) : new InternalRunError(message);
}
