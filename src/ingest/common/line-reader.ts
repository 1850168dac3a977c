/**
 * Streaming line splitter for landing files. Exports arrive with bare CR, LF or CRLF endings,
 * sometimes a BOM, and occasionally as garbage (binary, one endless line); this turns any of
 * that into numbered lines or a LakeValidationError that says where it went wrong, while
 * holding at most one line (bounded by maxLineBytes) plus the current chunk in memory.
 *
 * Why this is not csv-reader.ts: DistroKid's bank details are tab-separated with no quoting, a
 * million rows and more, and the rows/s of that load is what issue 12 measures. Splitting lines
 * here and cells with indexOf took 0.76–1.2 s for 1M rows (122 MB); csv-parse took 4.8–7.2 s
 * for the same file with the cheapest options (no quotes, one record delimiter), so the whole
 * DistroKid parse would be ~2.5× slower. Quoted CSV goes through csv-reader.ts.
 */
import { binaryContent, firstBadChar, lineTooLong } from './text-faults';
import { decodeUtf8Chunks } from './utf8-chunks';

export interface ReadLinesOptions {
  file: string;
  /** Longest accepted line in UTF-8 bytes (terminator excluded); default 1 MiB. */
  maxLineBytes?: number;
  /** Called with the byte size of every chunk consumed, for progress reporting. */
  onBytes?: (n: number) => void;
}

export interface TextLine {
  text: string;
  line: number;
}

/** The lines completed by one input chunk; `firstLine` is the 1-based number of lines[0]. */
export interface LineBatch {
  firstLine: number;
  lines: string[];
}

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const CR = 13;
const LF = 10;

/**
 * Yields one line at a time. Convenient but pays an async-generator round trip per line;
 * hot paths should iterate readLineBatches instead.
 */
export async function* readLines(input: AsyncIterable<Buffer | string>, opts: ReadLinesOptions): AsyncGenerator<TextLine> {
  for await (const batch of readLineBatches(input, opts)) {
    for (let i = 0; i < batch.lines.length; i++) yield { text: batch.lines[i], line: batch.firstLine + i };
  }
}

/** Same splitting as readLines, but one array of lines per input chunk. */
export async function* readLineBatches(input: AsyncIterable<Buffer | string>, opts: ReadLinesOptions): AsyncGenerator<LineBatch> {
  const splitter = new LineSplitter(opts.file, opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  for await (const { text, invalid } of decodeUtf8Chunks(input, opts.onBytes)) {
    if (invalid) splitter.markInvalid();
    const lines = splitter.push(text);
    if (lines.length > 0) yield { firstLine: splitter.firstLineOfLastBatch, lines };
  }
  const last = splitter.finish();
  if (last !== null) yield { firstLine: splitter.firstLineOfLastBatch, lines: [last] };
}

class LineSplitter {
  private pending = '';
  private pendingBytes = 0;
  private nextLine = 1;
  private started = false;
  /** The previous text ended on CR: a LF at the start of the next text belongs to it. */
  private afterCr = false;
  /** The current text contains U+FFFD from invalid bytes, so U+FFFD is treated as binary. */
  private invalid = false;
  firstLineOfLastBatch = 1;

  constructor(
    private readonly file: string,
    private readonly maxBytes: number,
  ) {}

  markInvalid(): void {
    this.invalid = true;
  }

  push(input: string): string[] {
    let text = input;
    const out: string[] = [];
    this.firstLineOfLastBatch = this.nextLine;
    if (text.length === 0) return out;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const bad = firstBadChar(text, this.invalid);
    this.invalid = false;
    let pos = 0;
    if (this.afterCr && text.charCodeAt(0) === LF) pos = 1;
    this.afterCr = false;
    // Cached positions of the next CR/LF so each character is scanned by indexOf only once.
    let nextCr = text.indexOf('\r', pos);
    let nextLf = text.indexOf('\n', pos);
    while (true) {
      if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
      if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
      const end = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextCr, nextLf);
      if (end === -1) break;
      if (bad !== -1 && bad < end) this.throwBinary(text, bad, pos);
      const line = this.pending.length === 0 ? text.slice(pos, end) : this.pending + text.slice(pos, end);
      // UTF-16 length bounds UTF-8 size (1x..3x), so the exact byte count is rarely needed.
      if (this.pendingBytes + (end - pos) * 3 > this.maxBytes) {
        const bytes = this.pendingBytes + Buffer.byteLength(text.slice(pos, end), 'utf8');
        if (bytes > this.maxBytes) this.throwTooLong(bytes, true);
      }
      this.pending = '';
      this.pendingBytes = 0;
      out.push(line);
      this.nextLine++;
      if (text.charCodeAt(end) === CR) {
        if (end + 1 === text.length) this.afterCr = true;
        else if (text.charCodeAt(end + 1) === LF) {
          pos = end + 2;
          continue;
        }
      }
      pos = end + 1;
    }
    if (pos < text.length) {
      if (bad !== -1) this.throwBinary(text, bad, pos);
      const rest = text.slice(pos);
      const restBytes = Buffer.byteLength(rest, 'utf8');
      this.pending += rest;
      this.pendingBytes += restBytes;
      if (this.pendingBytes > this.maxBytes) this.throwTooLong(this.pendingBytes);
    }
    return out;
  }

  /** The unterminated last line, or null when the input ended with a terminator. */
  finish(): string | null {
    this.firstLineOfLastBatch = this.nextLine;
    if (this.pending.length === 0) return null;
    const last = this.pending;
    this.pending = '';
    this.pendingBytes = 0;
    this.nextLine++;
    return last;
  }

  private throwTooLong(bytes: number, complete = false): never {
    throw lineTooLong(this.file, this.nextLine, this.maxBytes, bytes, complete);
  }

  private throwBinary(text: string, bad: number, lineStart: number): never {
    const before = this.pending + text.slice(lineStart, bad);
    throw binaryContent(this.file, this.nextLine, before.length + 1, before, text.charCodeAt(bad) === 0);
  }
}
