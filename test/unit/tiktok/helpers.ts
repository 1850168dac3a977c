import { LakeValidationError, type ValidationReason } from '../../../src/ingest/lake/validation-error';

/** Runs `fn` and returns the validation reason it fails with; fails the test if it does not. */
export function reasonOf(fn: () => unknown): ValidationReason {
  try {
    fn();
  } catch (e) {
    if (e instanceof LakeValidationError) return e.reason;
    throw e;
  }
  throw new Error('expected a LakeValidationError');
}

/** Overview.csv written by hand: BOM, every value quoted, CRLF. */
export function csvOf(rows: string[][], header = ['Date', 'Video Views', 'Profile Views', 'Likes', 'Comments', 'Shares']): string {
  const q = (cells: string[]) => cells.map((c) => `"${c}"`).join(',');
  return `\ufeff${[q(header), ...rows.map(q)].join('\r\n')}\r\n`;
}
