/**
 * Errors that cross from a worker thread to the thread that started it. Structured clone keeps only
 * the message of an Error, not its class or fields, so the worker sends a plain description and the
 * receiving thread rebuilds the same error: a LakeValidationError with the same reason (file, line,
 * field: the quarantine record reads it), a system error with its code and errno.
 */
import { LakeValidationError, type ValidationReason } from '../lake/validation-error';

export type ThreadError =
  | { kind: 'validation'; reason: ValidationReason }
  | { kind: 'other'; name: string; message: string; stack?: string; code?: string; errno?: number; syscall?: string; path?: string };

export function describeThreadError(err: unknown): ThreadError {
  if (err instanceof LakeValidationError) return { kind: 'validation', reason: { ...err.reason } };
  const e = (err instanceof Error ? err : new Error(String(err))) as NodeJS.ErrnoException;
  return {
    kind: 'other',
    name: e.name,
    message: e.message,
    stack: e.stack,
    code: e.code,
    errno: e.errno,
    syscall: e.syscall,
    path: e.path,
  };
}

export function rebuildThreadError(d: ThreadError): Error {
  if (d.kind === 'validation') return new LakeValidationError(d.reason);
  const err = new Error(d.message) as NodeJS.ErrnoException;
  if (d.name !== 'Error') err.name = d.name;
  // The worker's stack says where it failed; this thread's would only show the message handler.
  if (d.stack) err.stack = d.stack;
  for (const key of ['code', 'errno', 'syscall', 'path'] as const) if (d[key] !== undefined) Object.assign(err, { [key]: d[key] });
  return err;
}
