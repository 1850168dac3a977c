/**
 * The two ways streamed text is refused before it is parsed, shared by the line reader (which
 * splits lines) and TextPositions (which only follows them for csv-reader.ts), so both report
 * binary content and endless lines in the same words.
 */
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { REPLACEMENT } from './utf8-chunks';

/** How much of the line an error quotes before the bad character. */
export const QUOTED_CHARS = 30;

/** Where the first NUL is, or the first U+FFFD when `invalid` says the decoder put them there; -1 when neither. */
export function firstBadChar(text: string, invalid: boolean): number {
  const nul = text.indexOf('\0');
  const fffd = invalid ? text.indexOf(REPLACEMENT) : -1;
  if (nul === -1) return fffd;
  return fffd === -1 ? nul : Math.min(nul, fffd);
}

/** LINE_TOO_LONG at `line`: `complete` when the line ended (its size is known), else only a lower bound. */
export function lineTooLong(file: string, line: number, maxBytes: number, bytes: number, complete: boolean): LakeValidationError {
  return new LakeValidationError({
    code: 'LINE_TOO_LONG',
    message: `line is longer than ${maxBytes} bytes`,
    file,
    line,
    expected: `at most ${maxBytes} bytes per line`,
    found: complete ? `${bytes} bytes` : `more than ${bytes} bytes without a line break`,
  });
}

/** BINARY_CONTENT at `line`/`column`, quoting the end of `before` (the line up to the bad character). */
export function binaryContent(file: string, line: number, column: number, before: string, isNul: boolean): LakeValidationError {
  return new LakeValidationError({
    code: 'BINARY_CONTENT',
    message: isNul ? 'NUL byte in text: the file is binary or UTF-16' : 'invalid UTF-8 byte sequence',
    file,
    line,
    column,
    expected: 'UTF-8 text',
    found: excerpt(before.slice(-QUOTED_CHARS) + (isNul ? '\\0' : '\\ufffd')),
  });
}
