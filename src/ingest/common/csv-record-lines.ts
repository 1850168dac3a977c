/**
 * What csv-reader.ts adds to each record csv-parse completes: the physical line it starts on
 * (csv-parse counts a quoted CRLF as two lines, so lines are counted here from the cells), the
 * quoted line breaks kept as `\n`, blank lines dropped, and the coded reasons for what csv-parse
 * lets through leniently or refuses.
 */
import { type CsvError, parse as parseText } from 'csv-parse/sync';
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { DEFAULT_MAX_LINE_BYTES } from './line-reader';

export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  fields: string[];
}

/** A record as csv-parse hands it over with `raw: true`. */
export interface RawRecord {
  record: string[];
  raw: string;
}

/** The reader options these checks depend on. */
export interface RecordRules {
  file: string;
  multilineFields?: boolean;
  maxLineBytes?: number;
}

const QUOTE = 34;
const LINE_BREAK_RE = /\r\n|\r|\n/g;

/**
 * Numbers records by physical line and checks what csv-parse lets through leniently. The first
 * bad record is kept as `failure` (a parser callback must not throw) and ends the read.
 */
export class RecordLines {
  private nextLine = 1;
  private out: CsvRecord[] = [];
  failure: LakeValidationError | null = null;

  constructor(
    private readonly opts: RecordRules,
    private readonly delimiter: string,
  ) {}

  take(): CsvRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  accept({ record: fields, raw }: RawRecord): void {
    if (this.failure) return;
    const line = this.nextLine;
    let spanned = 0;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f.indexOf('\n') === -1 && f.indexOf('\r') === -1) continue;
      // Only a quoted cell holds a line break: each one is a physical line of this record.
      spanned += f.match(LINE_BREAK_RE)!.length;
      fields[i] = f.replace(LINE_BREAK_RE, '\n');
    }
    this.nextLine += 1 + spanned;
    if (spanned > 0 && this.opts.multilineFields === false) {
      this.failure = this.unterminated(line, raw);
      return;
    }
    if (fields.length === 1 && fields[0].trim() === '') return;
    for (const f of fields) {
      if (f.charCodeAt(0) === QUOTE) {
        // A cell value starting with a quote is either an escaped quote or csv-parse keeping text after a closing quote.
        const bad = textAfterClosingQuote(raw, this.delimiter);
        if (bad !== -1) this.failure = this.afterQuote(line, raw, bad);
        break;
      }
    }
    if (!this.failure) this.out.push({ line, fields });
  }

  /** The reason for an error csv-parse raised; the record it was reading starts at nextLine. */
  reasonFor(err: unknown): LakeValidationError {
    if (err instanceof LakeValidationError) return err;
    const code = (err as Partial<CsvError>).code;
    const line = this.nextLine;
    if (code === 'CSV_QUOTE_NOT_CLOSED') {
      if (this.opts.multilineFields === false) return this.unterminated(line, '');
      return new LakeValidationError({
        code: 'BAD_VALUE',
        message: 'the file ends inside a quoted field (truncated?)',
        file: this.opts.file,
        line,
        expected: 'a closing quote',
        found: 'end of file',
      });
    }
    if (code === 'CSV_MAX_RECORD_SIZE') {
      return new LakeValidationError({
        code: 'BAD_VALUE',
        message: 'a quoted field never closes',
        file: this.opts.file,
        line,
        expected: 'a closing quote',
        found: `still open after ${this.opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES} characters`,
      });
    }
    return new LakeValidationError({
      code: 'BAD_VALUE',
      message: err instanceof Error ? err.message : String(err),
      file: this.opts.file,
      line,
      expected: 'RFC 4180 CSV',
    });
  }

  private unterminated(line: number, raw: string): LakeValidationError {
    return new LakeValidationError({
      code: 'BAD_VALUE',
      message: 'unterminated quoted value',
      file: this.opts.file,
      line,
      expected: 'a closing double quote on the same line',
      found: excerpt(raw.split(/\r\n|\r|\n/, 1)[0]),
    });
  }

  private afterQuote(line: number, raw: string, bad: number): LakeValidationError {
    const before = raw.slice(0, bad);
    const breaks = before.match(LINE_BREAK_RE)?.length ?? 0;
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    const shown = this.delimiter === '\t' ? '\\t' : this.delimiter;
    return new LakeValidationError({
      code: 'BAD_VALUE',
      message: 'text after the closing quote of a field',
      file: this.opts.file,
      line: line + breaks,
      column: bad - lineStart + 1,
      expected: `the delimiter "${shown}" or the end of the line`,
      found: excerpt(raw.slice(bad, bad + 20)),
    });
  }
}

/**
 * Where text follows the closing quote of a quoted cell in one raw record, or -1. csv-parse in
 * strict mode finds it; the shortest prefix it refuses ends on the offending character.
 */
function textAfterClosingQuote(raw: string, delimiter: string): number {
  const body = raw.replace(/(?:\r\n|\r|\n)$/, '');
  const refused = (n: number): boolean => {
    try {
      parseText(body.slice(0, n), { delimiter, record_delimiter: ['\r\n', '\r', '\n'], relax_column_count: true });
      return false;
    } catch (err) {
      return (err as Partial<CsvError>).code === 'CSV_INVALID_CLOSING_QUOTE';
    }
  };
  if (!refused(body.length)) return -1;
  let lo = 1;
  let hi = body.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (refused(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}
