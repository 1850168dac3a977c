import { DomainError, isRetryable } from '../../errors/domain-error';

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

/** Anything else that stopped a run: database and file-system trouble a later attempt may not meet again is TRANSIENT. */
export class UnexpectedRunError extends DomainError<'TRANSIENT' | 'INTERNAL'> {
  readonly clientCode = 'INTERNAL_SERVER_ERROR' as const;
  override readonly retryable: boolean;
  constructor(message: string) {
    const transient = /SQLITE_BUSY|database is locked|ECONNRESET|ECONNREFUSED|ETIMEDOUT|Connection terminated|deadlock/i.test(message);
    super(transient ? 'TRANSIENT' : 'INTERNAL', message);
    this.retryable = transient;
  }
}

/** Whatever stopped a run, as one of our errors: its code, message and retry decision are then read by type. */
export function runErrorOf(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  return new UnexpectedRunError(err instanceof Error ? err.message : String(err));
}

export interface ClassifiedError {
  code: string;
  retryable: boolean;
  message: string;
}

/** The code, retry decision and message of whatever stopped a run. */
export function classifyRunError(err: unknown): ClassifiedError {
  const error = runErrorOf(err);
  return { code: error.code, retryable: isRetryable(error), message: error.message };
}
