import fs from 'node:fs';
import type { LoadContext } from '../source-stream';
import { LakeValidationError } from './validation-error';

/**
 * The whole landing file as text, for exports that are small by nature (a page, an API response,
 * a year of days): refused before reading when far larger than `maxBytes`, and refused when empty,
 * binary (NUL bytes) or not UTF-8. A BOM is dropped.
 */
export function readLandedText(ctx: LoadContext, what: string, maxBytes: number): string {
  const file = ctx.landed.file;
  const { size } = fs.statSync(ctx.landed.absolutePath);
  if (size === 0)
    throw new LakeValidationError({ code: 'EMPTY_FILE', message: `the ${what} is empty`, file, expected: what, found: '0 bytes' });
  if (size > maxBytes) {
    throw new LakeValidationError({
      code: 'BAD_HEADER',
      message: `too large to be a ${what}`,
      file,
      expected: `at most ${maxBytes} bytes`,
      found: `${size} bytes`,
    });
  }
  const buf = fs.readFileSync(ctx.landed.absolutePath);
  ctx.onBytes(size);
  const nul = buf.indexOf(0);
  if (nul !== -1)
    throw new LakeValidationError({
      code: 'BINARY_CONTENT',
      message: `binary content in a ${what}`,
      file,
      expected: 'UTF-8 text',
      found: `NUL byte at offset ${nul}`,
    });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new LakeValidationError({
      code: 'BINARY_CONTENT',
      message: `invalid UTF-8 in a ${what}`,
      file,
      expected: 'UTF-8 text',
      found: 'undecodable bytes',
    });
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '')
    throw new LakeValidationError({
      code: 'EMPTY_FILE',
      message: `the ${what} holds only white space`,
      file,
      expected: what,
      found: 'white space',
    });
  return text;
}
