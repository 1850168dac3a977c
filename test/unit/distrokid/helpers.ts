import type { ValidationReason } from '../../../src/ingest/lake/validation-error';
import { LakeValidationError } from '../../../src/ingest/lake/validation-error';

/** Runs `fn` and returns the validation reason it fails with; fails the test if it does not. */
export async function reasonOf(fn: () => unknown): Promise<ValidationReason> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof LakeValidationError) return e.reason;
    throw e;
  }
  throw new Error('expected a LakeValidationError');
}

export async function* chunksOf(...chunks: Array<Buffer | string>): AsyncGenerator<Buffer | string> {
  for (const chunk of chunks) yield chunk;
}

/** Splits a buffer into pieces of `size` bytes, so multi-byte characters and CRLF straddle chunks. */
export function bytesIn(text: string | Buffer, size: number): Buffer[] {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const out: Buffer[] = [];
  for (let k = 0; k < buf.length; k += size) out.push(buf.subarray(k, k + size));
  return out;
}
