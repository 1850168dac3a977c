/**
 * RFC 4180 records over the shared line splitter (text-lines.ts), which already handles BOM,
 * CRLF/LF/CR endings, binary content and endless lines. A quoted field may span lines: its
 * record is assembled here, with the embedded break kept as `\n`. Each record carries the
 * physical line it starts on, so errors point at the file as a person sees it.
 */
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { readLineBatches } from '../text-lines';

export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvOptions {
  file: string;
  onBytes?: (n: number) => void;
  /** A quoted field longer than this many lines is taken for a stray quote, not a real cell. */
  maxLinesPerRecord?: number;
}

const QUOTE = 34;

/** The delimiter of a header line: the most frequent of comma, semicolon and tab outside quotes (comma on a tie). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Yields batches of records; the delimiter is decided on the first non-blank line. */
export async function* readCsvRecords(input: AsyncIterable<Buffer | string>, opts: CsvOptions): AsyncGenerator<CsvRecord[]> {
  const maxLines = opts.maxLinesPerRecord ?? 1000;
  let delimiter: string | null = null;
  let fields: string[] = [];
  let cell = '';
  let open: { line: number; lines: number } | null = null; // inside a quoted cell that continues on the next line
  let startLine = 0;
  for await (const { firstLine, lines } of readLineBatches(input, { file: opts.file, onBytes: opts.onBytes })) {
    const out: CsvRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i];
      const line = firstLine + i;
      if (open === null) {
        if (text.trim() === '' && delimiter !== null) continue;
        if (delimiter === null) {
          if (text.trim() === '') continue;
          delimiter = detectDelimiter(text);
        }
        fields = [];
        cell = '';
        startLine = line;
      } else {
        cell += '\n';
        if (++open.lines > maxLines) {
          throw new LakeValidationError({
            code: 'BAD_VALUE',
            message: 'a quoted field never closes',
            file: opts.file,
            line: open.line,
            expected: 'a closing quote',
            found: `still open after ${maxLines} lines`,
          });
        }
      }
      open = parseLine(text, line, delimiter ?? ',', fields, cell, open, opts.file);
      if (open === null) {
        out.push({ line: startLine, fields });
      } else {
        cell = fields.pop()!;
      }
    }
    if (out.length > 0) yield out;
  }
  if (open !== null) {
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: 'the file ends inside a quoted field (truncated?)',
      file: opts.file,
      line: open.line,
      expected: 'a closing quote',
      found: 'end of file',
    });
  }
}

/**
 * Parses one physical line into `fields`, continuing `cell` when the previous line ended inside
 * quotes. Returns the open-quote state when the line ends inside a quoted cell (that partial cell
 * is pushed last), else null.
 */
function parseLine(
  text: string,
  line: number,
  delimiter: string,
  fields: string[],
  carried: string,
  open: { line: number; lines: number } | null,
  file: string,
): { line: number; lines: number } | null {
  const d = delimiter.charCodeAt(0);
  let k = 0;
  let cell = carried;
  let quoted = open !== null;
  let quoteStart = open;
  while (true) {
    if (quoted) {
      const q = text.indexOf('"', k);
      if (q === -1) {
        fields.push(cell + text.slice(k));
        return quoteStart ?? { line, lines: 0 };
      }
      cell += text.slice(k, q);
      if (text.charCodeAt(q + 1) === QUOTE) {
        cell += '"';
        k = q + 2;
        continue;
      }
      quoted = false;
      quoteStart = null;
      k = q + 1;
      if (k < text.length && text.charCodeAt(k) !== d) {
        throw new LakeValidationError({
          code: 'BAD_VALUE',
          message: 'text after the closing quote of a field',
          file,
          line,
          column: k + 1,
          expected: `the delimiter "${delimiter === '\t' ? '\\t' : delimiter}" or the end of the line`,
          found: excerpt(text.slice(k, k + 20)),
        });
      }
    } else if (k < text.length && text.charCodeAt(k) === QUOTE && cell === '') {
      quoted = true;
      quoteStart = { line, lines: 0 };
      k++;
      continue;
    } else {
      // Unquoted: up to the next delimiter. A stray quote inside is kept as written (lenient, as spreadsheets are).
      const next = text.indexOf(delimiter, k);
      cell += next === -1 ? text.slice(k) : text.slice(k, next);
      k = next === -1 ? text.length : next;
    }
    if (k >= text.length) {
      fields.push(cell);
      return null;
    }
    // At a delimiter.
    fields.push(cell);
    cell = '';
    k++;
    if (k === text.length) {
      fields.push('');
      return null;
    }
  }
}
