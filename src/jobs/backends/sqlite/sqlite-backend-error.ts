export type SqliteBackendErrorCode =
  /** A repository or logger method ran before connect() or after disconnect(). */
  | 'NOT_CONNECTED'
  /** The file could not be created or opened, switched to WAL, or given the job tables. */
  | 'OPEN_FAILED'
  /** The backend was constructed with neither a path nor a database, or with both. */
  | 'INVALID_CONFIG'
  /** A date, id or filter handed to the repository cannot be stored or matched. */
  | 'INVALID_VALUE'
  /** saveJobState() addressed a job that no longer exists (removed while it ran). */
  | 'JOB_NOT_FOUND';

/** Every failure of the SQLite job backend, with a code callers can branch on. */
export class SqliteBackendError extends Error {
  readonly code: SqliteBackendErrorCode;
  constructor(code: SqliteBackendErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SqliteBackendError';
    this.code = code;
  }
}
