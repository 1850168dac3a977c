/**
 * Why an input entry could not be taken into the lake at all (nothing was landed): hostile or odd
 * folder entries, limits, a full disk. `status` says how the summary reports it: `skipped` for
 * entries that are not data files (a FIFO, a loop), `failed` for files the user meant to load.
 */
export type InputProblemCode =
  | 'NOT_FOUND'
  | 'DANGLING_SYMLINK'
  | 'SYMLINK_LOOP'
  | 'SYMLINK_OUTSIDE'
  | 'NOT_A_FILE'
  | 'UNREADABLE'
  | 'FILE_TOO_LARGE'
  | 'INSUFFICIENT_SPACE'
  | 'DISK_FULL'
  | 'NOT_ATTEMPTED'
  /** Anything else that went wrong with this entry (logged in full). */
  | 'INGEST_ERROR';

export class InputError extends Error {
  constructor(
    readonly code: InputProblemCode,
    message: string,
    readonly status: 'skipped' | 'failed' = 'failed',
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** ENOSPC or EDQUOT: no room left on the lake's file system. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
