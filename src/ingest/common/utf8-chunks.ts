/**
 * UTF-8 decoding of a landing file's chunks for the readers in this folder. Decoding alone would
 * silently turn invalid bytes into U+FFFD; this also says whether a chunk held any, so a reader
 * can refuse the file as BINARY_CONTENT at the right line instead of loading mojibake.
 */
import { StringDecoder } from 'string_decoder';

export interface DecodedChunk {
  text: string;
  /** The text holds U+FFFD that came from undecodable bytes, not from the file spelling it out. */
  invalid: boolean;
}

export const REPLACEMENT = '\ufffd';
const REPLACEMENT_BYTES = Buffer.from(REPLACEMENT, 'utf8');

/**
 * Decodes chunks in order, reporting each chunk's byte size through `onBytes`. A multi-byte
 * character split between chunks is completed by the next one; whatever is left undecoded at
 * the end is an incomplete sequence and comes out as a last, invalid chunk.
 */
export async function* decodeUtf8Chunks(
  input: AsyncIterable<Buffer | string>,
  onBytes?: (n: number) => void,
): AsyncGenerator<DecodedChunk> {
  const decoder = new StringDecoder('utf8');
  // Last bytes of the previous buffer: a genuine U+FFFD (EF BF BD) may straddle two chunks.
  let tail: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      onBytes?.(Buffer.byteLength(chunk, 'utf8'));
      // A string chunk cannot continue a partially decoded byte sequence: flush it first.
      const text = decoder.end() + chunk;
      tail = Buffer.alloc(0);
      yield { text, invalid: false };
      continue;
    }
    onBytes?.(chunk.length);
    const text = decoder.write(chunk);
    const invalid = text.includes(REPLACEMENT) && hasUndecodableBytes(text, Buffer.concat([tail, chunk]));
    tail = chunk.length >= 2 ? chunk.subarray(chunk.length - 2) : Buffer.concat([tail, chunk]).subarray(-2);
    yield { text, invalid };
  }
  const rest = decoder.end();
  if (rest.length > 0) yield { text: rest, invalid: true };
}

/**
 * True when the decoder produced more U+FFFD than the raw bytes spell out, i.e. some came
 * from invalid UTF-8. Only runs on chunks that contain U+FFFD at all, so it costs nothing
 * on clean input.
 */
function hasUndecodableBytes(decoded: string, raw: Buffer): boolean {
  let produced = 0;
  for (let i = decoded.indexOf(REPLACEMENT); i !== -1; i = decoded.indexOf(REPLACEMENT, i + 1)) produced++;
  let genuine = 0;
  for (let i = raw.indexOf(REPLACEMENT_BYTES); i !== -1; i = raw.indexOf(REPLACEMENT_BYTES, i + 3)) genuine++;
  return produced > genuine;
}
