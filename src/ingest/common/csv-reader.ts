/**
 * The one CSV reader: every quoted, comma- (or semicolon-/tab-) separated export goes through
 * csv-parse here, so quoting rules live in one maintained parser rather than in each source.
 * What this adds around it is what the lake needs:
 * - records carry the physical line they start on (bare CR, LF and CRLF all end a line; a
 *   quoted line break is kept as `\n` and counted), so coded errors point at the file as a
 *   person sees it;
 * - a leading BOM is dropped; blank lines are skipped;
 * - streamed input is checked as it goes (BINARY_CONTENT, LINE_TOO_LONG at a line and column,
 *   see text-positions.ts) and read a chunk at a time, never whole;
 * - a stray quote inside an unquoted cell is kept as written (as spreadsheets do), while text
 *   after the closing quote of a quoted cell is a BAD_VALUE at its line and column.
 * DistroKid's unquoted TSV takes the faster line-reader.ts instead (see there for why).
 */
import { type Options, parse } from 'csv-parse';
import { parse as parseText } from 'csv-parse/sync';
import { type CsvRecord, type RawRecord, RecordLines } from './csv-record-lines';
import { DEFAULT_MAX_LINE_BYTES } from './line-reader';
import { TextPositions } from './text-positions';
import { decodeUtf8Chunks } from './utf8-chunks';

export interface CsvReadOptions {
  file: string;
  /** The field delimiter, or 'detect' to take the most frequent of `,` `;` and tab on the first non-blank line. Default `,`. */
  delimiter?: string;
  /**
   * Whether a quoted cell may span lines (default true). Line-oriented exports say false: a quote
   * left open at the end of its line is then an error on that line, not a cell that runs on.
   */
  multilineFields?: boolean;
  /** Longest physical line, in UTF-8 bytes, and longest record, in characters; default 1 MiB. */
  maxLineBytes?: number;
  /** Called with the byte size of every chunk consumed, for progress reporting. */
  onBytes?: (n: number) => void;
}

export const DETECT_DELIMITER = 'detect';

/**
 * Records of a streamed file, one batch per input chunk. Holds the current chunk and at most
 * one unfinished record in memory.
 */
export async function* readCsvRecords(input: AsyncIterable<Buffer | string>, opts: CsvReadOptions): AsyncGenerator<CsvRecord[]> {
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const positions = new TextPositions(opts.file, maxLineBytes);
  let reader: StreamedCsv | null = null;
  let head = '';
  let started = false;
  for await (const chunk of decodeUtf8Chunks(input, opts.onBytes)) {
    let text = chunk.text;
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    positions.push(text, chunk.invalid);
    if (reader === null) {
      // The delimiter is decided on the first non-blank line: wait until it is complete.
      head += text;
      const delimiter = resolveDelimiter(opts.delimiter, head, head.length > maxLineBytes);
      if (delimiter === null) continue;
      reader = new StreamedCsv(opts, delimiter, maxLineBytes);
      text = head;
      head = '';
    }
    const records = await reader.write(text);
    if (records.length > 0) yield records;
  }
  reader ??= new StreamedCsv(opts, resolveDelimiter(opts.delimiter, head, true) ?? ',', maxLineBytes);
  const records = head.length > 0 ? await reader.write(head) : [];
  records.push(...(await reader.end()));
  if (records.length > 0) yield records;
}

/** Records of a text already in memory (a small export read whole under its size limit). */
export function readCsvText(text: string, opts: CsvReadOptions): CsvRecord[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = resolveDelimiter(opts.delimiter, body, true) ?? ',';
  const records = new RecordLines(opts, delimiter);
  try {
    parseText(body, parserOptions(delimiter, opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, records));
  } catch (err) {
    throw records.failure ?? records.reasonFor(err);
  }
  if (records.failure) throw records.failure;
  return records.take();
}

/** The cells of one line (a header line in a recogniser or an extractor's check); null when a quoted cell does not close on it. */
export function splitCsvLine(line: string): string[] | null {
  try {
    const [cells] = parseText(line, { relax_quotes: true, relax_column_count: true, record_delimiter: ['\r\n', '\r', '\n'] });
    return cells ?? [''];
  } catch {
    return null;
  }
}

/** The delimiter of a header line: the most frequent of comma, semicolon and tab outside quotes (comma on a tie). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** The delimiter to parse `head` with; null while `head` does not yet hold a complete non-blank line (and more may come). */
function resolveDelimiter(option: string | undefined, head: string, final: boolean): string | null {
  if (option !== DETECT_DELIMITER) return option ?? ',';
  const start = head.search(/\S/);
  if (start === -1) return final ? ',' : null;
  const lineStart = Math.max(head.lastIndexOf('\n', start), head.lastIndexOf('\r', start)) + 1;
  const rest = head.slice(lineStart);
  const end = rest.search(/[\r\n]/);
  if (end === -1 && !final) return null;
  return detectDelimiter(end === -1 ? rest : rest.slice(0, end));
}

function parserOptions(delimiter: string, maxRecordChars: number, records: RecordLines): Options {
  return {
    delimiter,
    record_delimiter: ['\r\n', '\r', '\n'],
    relax_quotes: true,
    relax_column_count: true,
    raw: true,
    max_record_size: maxRecordChars,
    on_record: (value: unknown) => {
      records.accept(value as RawRecord);
      // Records are collected by RecordLines; the parser itself keeps nothing.
      return null;
    },
  };
}

/** csv-parse as a writable a chunk at a time; each write answers the records it completed. */
class StreamedCsv {
  private readonly records: RecordLines;
  private readonly parser;

  constructor(opts: CsvReadOptions, delimiter: string, maxLineBytes: number) {
    this.records = new RecordLines(opts, delimiter);
    this.parser = parse(parserOptions(delimiter, maxLineBytes, this.records));
    // Errors reach the write and end callbacks; the event would otherwise go unhandled.
    this.parser.on('error', () => undefined);
  }

  async write(text: string): Promise<CsvRecord[]> {
    await this.settle((done) => this.parser.write(text, done));
    return this.records.take();
  }

  async end(): Promise<CsvRecord[]> {
    await this.settle((done) => this.parser.end(done));
    return this.records.take();
  }

  private async settle(start: (done: (err?: Error | null) => void) => void): Promise<void> {
    const err = await new Promise<Error | null | undefined>((resolve) => start(resolve));
    if (this.records.failure) throw this.records.failure;
    if (err) throw this.records.reasonFor(err);
  }
}
