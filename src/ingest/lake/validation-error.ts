/**
 * A file failed validation. Carries a machine-readable reason so the quarantine record can say
 * exactly where (file, line, column/field) and what was expected versus what was found.
 */
export type ValidationCode =
  | 'EMPTY_FILE'
  | 'BINARY_CONTENT'
  | 'LINE_TOO_LONG'
  | 'BAD_HEADER'
  | 'SCHEMA_DRIFT'
  | 'WRONG_FIELD_COUNT'
  | 'BAD_VALUE'
  | 'MISSING_SECTION'
  | 'UNKNOWN_SOURCE'
  | 'UNSUPPORTED_STREAM'
  /** A manifest beside an input file that cannot say when the file was captured. */
  | 'BAD_MANIFEST'
  /** A portal page saved while signed out: the public page instead of the account's data. */
  | 'NOT_SIGNED_IN'

  /** The source changed while it was copied into landing: it was still being written. */
  | 'INCOMPLETE';

export interface ValidationReason {
  code: ValidationCode;
  message: string;
  file: string;
  line?: number;
  column?: number;
  field?: string;
  expected?: string;
  found?: string;
}

export class LakeValidationError extends Error {
  readonly reason: ValidationReason;
  constructor(reason: ValidationReason) {
    super(describeReason(reason));
    this.name = 'LakeValidationError';
    this.reason = reason;
  }
}

export function describeReason(r: ValidationReason): string {
  const where = [
    r.file,
    r.line !== undefined ? `line ${r.line}` : '',
    r.column !== undefined ? `column ${r.column}` : '',
    r.field ? `field "${r.field}"` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const detail = r.expected !== undefined || r.found !== undefined ? ` (expected ${r.expected ?? '?'}, found ${r.found ?? '?'})` : '';
  return `${where}: ${r.message}${detail}`;
}

/** Shortens a found value for a reason: garbage can be megabytes long. */
export function excerpt(value: string, max = 60): string {
  const printable = value.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}
