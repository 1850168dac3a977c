/**
 * Streaming parser for the DistroKid bank details export (TSV, bare-CR lines, full history).
 * Columns are located by header name because DistroKid has renamed and added columns over
 * time; anything it does not recognise is rejected with a reason rather than guessed at.
 */
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { isCalendarDate, isYearMonth } from '../../domain/calendar';
import { parseAmount, parseWholeNumber } from '../common/amounts';
import { headerDriftError, normaliseHeaderName } from '../common/header-columns';
import { readLineBatches } from '../common/line-reader';

export interface BankDetailsRow {
  line: number;
  reportingDate: string;
  saleMonth: string;
  store: string;
  artist: string;
  title: string;
  isrc: string | null;
  upc: string | null;
  quantity: number;
  teamPercentage: string;
  songOrAlbum: string;
  country: string | null;
  withheldNano: bigint;
  earningsNano: bigint;
  grossNano: bigint;
  netNano: bigint;
  recoupNano: bigint | null;
  dateInserted: string | null;
  sourceType: string | null;
  rawFields: string[];
  /** The line as it was read (its cells joined by tabs), for the raw zone without re-joining. */
  rawText: string;
}

export interface ParseBankDetailsOptions {
  file: string;
  batchSize?: number;
  onBytes?: (n: number) => void;
}

type ColumnKey =
  | 'reportingDate'
  | 'saleMonth'
  | 'store'
  | 'artist'
  | 'title'
  | 'isrc'
  | 'upc'
  | 'quantity'
  | 'teamPercentage'
  | 'songOrAlbum'
  | 'country'
  | 'withheld'
  | 'earnings'
  | 'dateInserted'
  | 'sourceType'
  | 'recoup';

interface ColumnSpec {
  key: ColumnKey;
  /** Every header spelling DistroKid has used; the first is the canonical one. */
  names: readonly string[];
  required: boolean;
}

const COLUMNS: readonly ColumnSpec[] = [
  { key: 'reportingDate', names: ['Reporting Date'], required: true },
  { key: 'saleMonth', names: ['Sale Month'], required: true },
  { key: 'store', names: ['Store'], required: true },
  { key: 'artist', names: ['Artist'], required: true },
  { key: 'title', names: ['Title'], required: true },
  { key: 'isrc', names: ['ISRC'], required: true },
  { key: 'upc', names: ['UPC'], required: true },
  { key: 'quantity', names: ['Quantity'], required: true },
  { key: 'teamPercentage', names: ['Team Percentage'], required: true },
  { key: 'songOrAlbum', names: ['Song/Album'], required: true },
  { key: 'country', names: ['Country of Sale'], required: true },
  { key: 'withheld', names: ['Songwriter Royalties Withheld', 'Songwriter Royalties Withheld (USD)'], required: true },
  { key: 'earnings', names: ['Earnings (USD)'], required: true },
  { key: 'dateInserted', names: ['Date Inserted'], required: false },
  { key: 'sourceType', names: ['Source Type'], required: false },
  { key: 'recoup', names: ['Recoup (USD)'], required: false },
];

export const BANK_DETAILS_REQUIRED_COLUMNS: readonly string[] = COLUMNS.filter((c) => c.required).map((c) => c.names[0]);
export const BANK_DETAILS_OPTIONAL_COLUMNS: readonly string[] = COLUMNS.filter((c) => !c.required).map((c) => c.names[0]);

const SPEC_BY_NAME = new Map<string, ColumnSpec>(COLUMNS.flatMap((c) => c.names.map((n) => [normaliseHeaderName(n), c] as const)));

/** A header with fewer recognised names than this is "not a header" rather than a drifted one. */
const MIN_KNOWN_FOR_DRIFT = 3;
/**
 * Rows per batch. Small on purpose: a batch stays alive across the awaits of the load, so every young
 * GC copies it; 5000 rows made scavenges copy megabytes each time (GC ~20 % of an ingest's CPU).
 * A multiple of the loader's rows per insert (64), so no batch ends in single-row inserts.
 */
const DEFAULT_BATCH_SIZE = 256;

/** Content sniffing: lenient on purpose, so a drifted export still reaches this parser and gets a precise SCHEMA_DRIFT. */
export function looksLikeBankDetails(firstLine: string): boolean {
  const line = firstLine.replace(/^\ufeff/, '').split(/[\r\n]/, 1)[0];
  if (!line.includes('\t')) return false;
  const known = new Set(
    line
      .split('\t')
      .map((c) => SPEC_BY_NAME.get(normaliseHeaderName(c))?.key)
      .filter((k) => k !== undefined),
  );
  return known.size >= 5 && (known.has('earnings') || known.has('reportingDate'));
}

interface Layout {
  width: number;
  names: string[];
  idx: Record<ColumnKey, number>;
}

function parseHeader(text: string, line: number, file: string): Layout {
  const names = text.split('\t').map((c) => c.replace(/^\ufeff/, '').trim());
  // A trailing tab after the last column is harmless; any other nameless column is drift.
  let width = names.length;
  while (width > 0 && names[width - 1] === '') width--;
  const idx = Object.fromEntries(COLUMNS.map((c) => [c.key, -1])) as Record<ColumnKey, number>;
  const unexpected: string[] = [];
  let known = 0;
  for (let i = 0; i < width; i++) {
    const spec = SPEC_BY_NAME.get(normaliseHeaderName(names[i]));
    if (spec && idx[spec.key] === -1) {
      idx[spec.key] = i;
      known++;
    } else unexpected.push(names[i] === '' ? `(empty, column ${i + 1})` : spec ? `${names[i]} (duplicate)` : names[i]);
  }
  const missing = COLUMNS.filter((c) => c.required && idx[c.key] === -1).map((c) => c.names[0]);
  const expected = `tab-separated header with ${BANK_DETAILS_REQUIRED_COLUMNS.join(', ')} (optionally ${BANK_DETAILS_OPTIONAL_COLUMNS.join(', ')})`;
  if (known < MIN_KNOWN_FOR_DRIFT) {
    throw new LakeValidationError({
      code: 'BAD_HEADER',
      message: 'first line is not a DistroKid bank details header',
      file,
      line,
      expected,
      found: excerpt(text, 120),
    });
  }
  if (missing.length > 0 || unexpected.length > 0) {
    throw headerDriftError({
      file,
      line,
      missing,
      unexpected,
      field: (missing.length ? missing : unexpected).join(', '),
      expected,
      found: excerpt(names.slice(0, width).join(' | '), 300),
    });
  }
  return { width: names.length, names, idx };
}

export async function* parseBankDetails(
  input: AsyncIterable<Buffer | string>,
  opts: ParseBankDetailsOptions,
): AsyncGenerator<BankDetailsRow[]> {
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  let parser: RowParser | null = null;
  let batch: BankDetailsRow[] = [];
  for await (const { firstLine, lines } of readLineBatches(input, { file: opts.file, onBytes: opts.onBytes })) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i];
      const line = firstLine + i;
      if (parser === null) {
        // Blank lines before the header are tolerated; "only whitespace" ends as EMPTY_FILE.
        if (text.trim() === '') continue;
        parser = new RowParser(parseHeader(text, line, opts.file), opts.file);
        continue;
      }
      if (text.length === 0) continue;
      const row = parser.parse(text, line);
      if (row === null) continue;
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (parser === null) {
    throw new LakeValidationError({
      code: 'EMPTY_FILE',
      message: 'file is empty',
      file: opts.file,
      expected: 'a header line',
      found: 'no content',
    });
  }
  if (batch.length > 0) yield batch;
}

const HUNDRED_PERCENT_NANO = 100_000_000_000n;
const ISRC_RE = /^[A-Z]{2}[A-Z0-9]{3}\d{7}$/;

class RowParser {
  private readonly i: Record<ColumnKey, number>;
  // Team percentage is nearly always the same few strings: parse each once.
  private readonly teamCache = new Map<string, bigint>();

  constructor(
    private readonly layout: Layout,
    private readonly file: string,
  ) {
    this.i = layout.idx;
  }

  /** Returns null for a whitespace-only line. */
  parse(text: string, line: number): BankDetailsRow | null {
    const f = splitFields(text, this.layout.width);
    const { i } = this;
    if (typeof f === 'number') {
      if (text.trim() === '') return null;
      throw new LakeValidationError({
        code: 'WRONG_FIELD_COUNT',
        message: f < this.layout.width ? 'row has too few fields (truncated?)' : 'row has too many fields',
        file: this.file,
        line,
        expected: `${this.layout.width} tab-separated fields`,
        found: `${f} fields`,
      });
    }

    const reportingDate = clean(f[i.reportingDate]);
    if (!isCalendarDate(reportingDate)) this.bad(line, i.reportingDate, 'a calendar date YYYY-MM-DD', reportingDate);
    const saleMonth = clean(f[i.saleMonth]);
    if (!isYearMonth(saleMonth)) this.bad(line, i.saleMonth, 'a month YYYY-MM', saleMonth);
    const store = clean(f[i.store]);
    if (store === '') this.bad(line, i.store, 'a store name', store);

    const quantityText = clean(f[i.quantity]);
    const quantity = parseWholeNumber(quantityText, true);
    if (quantity === null) this.bad(line, i.quantity, 'an integer', quantityText);

    const teamPercentage = clean(f[i.teamPercentage]);
    let teamNano = this.teamCache.get(teamPercentage);
    if (teamNano === undefined) {
      const parsed = teamPercentage === '' ? null : parseAmount(teamPercentage);
      if (parsed === null || parsed < 0n || parsed > HUNDRED_PERCENT_NANO)
        this.bad(line, i.teamPercentage, 'a percentage between 0 and 100', teamPercentage);
      teamNano = parsed;
      if (this.teamCache.size < 256) this.teamCache.set(teamPercentage, teamNano);
    }

    const earningsText = clean(f[i.earnings]);
    const earningsNano = earningsText === '' ? null : parseAmount(earningsText);
    if (earningsNano === null) this.bad(line, i.earnings, 'a decimal amount', earningsText);
    const withheldText = clean(f[i.withheld]);
    const withheldNano = withheldText === '' ? 0n : parseAmount(withheldText);
    if (withheldNano === null) this.bad(line, i.withheld, 'a decimal amount or empty', withheldText);

    let recoupNano: bigint | null = null;
    if (i.recoup !== -1) {
      const recoupText = clean(f[i.recoup]);
      if (recoupText !== '') {
        recoupNano = parseAmount(recoupText);
        if (recoupNano === null) this.bad(line, i.recoup, 'a decimal amount or empty', recoupText);
      }
    }

    return {
      line,
      reportingDate,
      saleMonth,
      store,
      artist: clean(f[i.artist]),
      title: clean(f[i.title]),
      isrc: this.isrc(f[i.isrc], line),
      upc: this.upc(f[i.upc], line),
      quantity,
      teamPercentage,
      songOrAlbum: clean(f[i.songOrAlbum]),
      country: this.country(f[i.country], line),
      withheldNano,
      earningsNano,
      grossNano: earningsNano,
      netNano: netOf(earningsNano, teamNano, withheldNano),
      recoupNano,
      dateInserted: this.optionalText(f, i.dateInserted),
      sourceType: this.optionalText(f, i.sourceType),
      rawFields: f,
      rawText: text,
    };
  }

  private isrc(cell: string, line: number): string | null {
    const raw = clean(cell);
    if (raw === '') return null;
    if (raw.length === 12 && isIsrc(raw)) return raw;
    const normalised = raw.toUpperCase().replace(/[-\s]/g, '');
    if (!ISRC_RE.test(normalised)) this.bad(line, this.i.isrc, 'an ISRC of 12 characters (CC-XXX-YY-NNNNN)', raw);
    return normalised;
  }

  private upc(cell: string, line: number): string | null {
    const raw = clean(cell);
    if (raw === '') return null;
    if ((raw.length !== 12 && raw.length !== 13) || !allDigits(raw, 0, raw.length))
      this.bad(line, this.i.upc, 'a UPC/EAN of 12-13 digits', raw);
    return raw;
  }

  private country(cell: string, line: number): string | null {
    const raw = clean(cell);
    if (raw === '') return null;
    const code = raw.toUpperCase();
    if (code.length !== 2 || !isLetter(code.charCodeAt(0)) || !isLetter(code.charCodeAt(1))) {
      this.bad(line, this.i.country, 'an ISO 3166 alpha-2 code, OU or empty', raw);
    }
    return code === 'OU' ? null : code;
  }

  private optionalText(f: string[], index: number): string | null {
    if (index === -1) return null;
    const v = clean(f[index]);
    return v === '' ? null : v;
  }

  private bad(line: number, index: number, expected: string, found: string): never {
    const field = this.layout.names[index];
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: `invalid ${field}`,
      file: this.file,
      line,
      column: index + 1,
      field,
      expected,
      found: found === '' ? '(empty)' : excerpt(found),
    });
  }
}

/**
 * The cells of a row when it has exactly `width` of them, else the number it has. Twice as
 * fast as String#split here, which matters at a million rows.
 */
function splitFields(text: string, width: number): string[] | number {
  const out = new Array<string>(width);
  let start = 0;
  let n = 0;
  for (let tab = text.indexOf('\t'); tab !== -1; tab = text.indexOf('\t', start)) {
    if (n === width - 1) return text.split('\t').length;
    out[n++] = text.slice(start, tab);
    start = tab + 1;
  }
  out[n++] = text.slice(start);
  return n === width ? out : n;
}

/** earnings × team% / 100 − withheld, rounded half away from zero to a nano-unit. */
function netOf(earnings: bigint, teamNano: bigint, withheld: bigint): bigint {
  if (teamNano === HUNDRED_PERCENT_NANO) return withheld === 0n ? earnings : earnings - withheld;
  const product = earnings * teamNano;
  const abs = product < 0n ? -product : product;
  const share = (abs * 2n + HUNDRED_PERCENT_NANO) / (2n * HUNDRED_PERCENT_NANO);
  return (product < 0n ? -share : share) - withheld;
}

/** trim() that skips the call for the usual cell without surrounding whitespace. */
function clean(cell: string): string {
  const n = cell.length;
  return n === 0 || (cell.charCodeAt(0) > 32 && cell.charCodeAt(n - 1) > 32) ? cell : cell.trim();
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean => isDigit(c) || isLetter(c);

/** Same as ISRC_RE on already upper-case input, without the regex engine in the hot loop. */
function isIsrc(s: string): boolean {
  return (
    isLetter(s.charCodeAt(0)) &&
    isLetter(s.charCodeAt(1)) &&
    isAlnum(s.charCodeAt(2)) &&
    isAlnum(s.charCodeAt(3)) &&
    isAlnum(s.charCodeAt(4)) &&
    allDigits(s, 5, 12)
  );
}
const isLetter = (c: number): boolean => c >= 65 && c <= 90;

function allDigits(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isDigit(s.charCodeAt(k))) return false;
  return true;
}
