/**
 * Follows the physical lines of streamed text so a reader that does not split lines itself
 * (csv-reader.ts) still refuses binary content and endless lines the way the line reader does:
 * BINARY_CONTENT at the line and column of the first NUL or undecodable byte, LINE_TOO_LONG at
 * the line that passes the limit, before the text is handed on.
 */
import { binaryContent, firstBadChar, lineTooLong, QUOTED_CHARS } from './text-faults';

const CR = 13;
const LF = 10;

export class TextPositions {
  private line = 1;
  private lineChars = 0;
  private lineBytes = 0;
  /** The end of the current line so far, for the excerpt of a BINARY_CONTENT reason. */
  private lineTail = '';
  /** The previous text ended on CR: a LF at the start of the next text belongs to it. */
  private afterCr = false;

  constructor(
    private readonly file: string,
    private readonly maxLineBytes: number,
  ) {}

  /** Follows `text`; `invalid` says the text holds U+FFFD from undecodable bytes. */
  push(text: string, invalid: boolean): void {
    if (text.length === 0) return;
    const bad = firstBadChar(text, invalid);
    let pos = 0;
    if (this.afterCr && text.charCodeAt(0) === LF) pos = 1;
    this.afterCr = false;
    let nextCr = text.indexOf('\r', pos);
    let nextLf = text.indexOf('\n', pos);
    while (true) {
      if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
      if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
      const end = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextCr, nextLf);
      const segmentEnd = end === -1 ? text.length : end;
      if (bad !== -1 && bad >= pos && bad < segmentEnd) this.throwBinary(text, pos, bad);
      if (end === -1) {
        this.follow(text, pos, text.length, false);
        return;
      }
      this.follow(text, pos, end, true);
      this.line++;
      this.lineChars = 0;
      this.lineBytes = 0;
      this.lineTail = '';
      if (text.charCodeAt(end) === CR) {
        if (end + 1 === text.length) this.afterCr = true;
        else if (text.charCodeAt(end + 1) === LF) {
          pos = end + 2;
          continue;
        }
      }
      pos = end + 1;
    }
  }

  private follow(text: string, from: number, to: number, complete: boolean): void {
    const chars = to - from;
    // UTF-16 length bounds UTF-8 size (1x..3x), so the exact byte count is rarely needed.
    if (complete && this.lineBytes + chars * 3 <= this.maxLineBytes) return;
    const bytes = this.lineBytes + Buffer.byteLength(text.slice(from, to), 'utf8');
    if (bytes > this.maxLineBytes) throw lineTooLong(this.file, this.line, this.maxLineBytes, bytes, complete);
    this.lineBytes = bytes;
    this.lineChars += chars;
    this.lineTail = (this.lineTail + text.slice(Math.max(from, to - QUOTED_CHARS), to)).slice(-QUOTED_CHARS);
  }

  private throwBinary(text: string, lineStart: number, bad: number): never {
    const before = this.lineTail + text.slice(Math.max(lineStart, bad - QUOTED_CHARS), bad);
    throw binaryContent(this.file, this.line, this.lineChars + (bad - lineStart) + 1, before, text.charCodeAt(bad) === 0);
  }
}
