import fs from 'node:fs';
import { LakeValidationError } from '../lake/validation-error';
import type { LoadContext } from '../source-stream';

/**
 * The whole landing file as text. Dashboard exports and captured API responses are small (a year
 * of days, a catalogue of songs), so they are read at once; a file far larger than the caller's
 * limit is not one of them and is refused before it is read into memory.
 */
export function readExportText(ctx: LoadContext, what: string, maxBytes: number): string {
  const file = ctx.landed.file;
  const { size } = fs.statSync(ctx.landed.absolutePath);
  if (size === 0) throw new LakeValidationError({ code: 'EMPTY_FILE', message: `the ${what} is empty`, file });
  if (size > maxBytes) {
    throw new LakeValidationError({ code: 'BAD_HEADER', message: `too large to be a ${what}`, file, expected: `at most ${maxBytes} bytes`, found: `${size} bytes` });
  }
  const buf = fs.readFileSync(ctx.landed.absolutePath);
  ctx.onBytes(size);
  const nul = buf.indexOf(0);
  if (nul !== -1) throw new LakeValidationError({ code: 'BINARY_CONTENT', message: `binary content in a ${what}`, file, found: `NUL byte at offset ${nul}` });
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new LakeValidationError({ code: 'EMPTY_FILE', message: `the ${what} holds only white space`, file });
  return text;
}
