import { ExtractionError } from '../../ingest/extract/extraction-error';

/** The run was cancelled through `cancelRun` while it was running. */
export class RunCancelledError extends Error {
  readonly code = 'CANCELLED';
  constructor() {
    super('the run was cancelled');
    this.name = 'RunCancelledError';
  }
}

/** The job stopped reporting progress for longer than its lock lifetime: treated as hung. */
export class RunTimeoutError extends Error {
  readonly code = 'JOB_TIMEOUT';
  constructor(lockLifetimeMs: number) {
    super(`no progress for ${Math.round(lockLifetimeMs / 1000)} s (the job's lock lifetime): the run was given up as hung`);
    this.name = 'RunTimeoutError';
  }
}

/** Some landing files could not be loaded (a database error, not a validation failure). */
export class LoadFailedError extends Error {
  readonly code = 'LOAD_FAILED';
  constructor(detail: string) {
    super(detail);
    this.name = 'LoadFailedError';
  }
}

export interface ClassifiedError {
  code: string;
  retryable: boolean;
  message: string;
}

/** The code, retry decision and message of whatever stopped a run. */
export function classifyRunError(err: unknown): ClassifiedError {
  if (err instanceof ExtractionError) return { code: err.code, retryable: err.retryable, message: err.message };
  if (err instanceof RunTimeoutError || err instanceof RunCancelledError) return { code: err.code, retryable: false, message: err.message };
  if (err instanceof LoadFailedError) return { code: err.code, retryable: true, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  // Database and file system trouble that a later attempt may not meet again.
  const transient = /SQLITE_BUSY|database is locked|ECONNRESET|ECONNREFUSED|ETIMEDOUT|Connection terminated|deadlock/i.test(message);
  return { code: transient ? 'TRANSIENT' : 'INTERNAL', retryable: transient, message };
}
