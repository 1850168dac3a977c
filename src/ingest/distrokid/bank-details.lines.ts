/**
 * The DistroKid bank details lines in the compact form that crosses from the parse worker to the
 * loading thread. Everything that needs no database is done on the parse side (read, parse and
 * validate, money, content hash, the raw and staging text, the curated part's lines but for their
 * dimension cells); the loading side only resolves dimensions, builds the facts and splices each
 * line's dimension cells into its part line. Structured clone costs the receiving thread per value,
 * so a batch is a few typed arrays and long strings instead of an object per row: numbers and money
 * in typed arrays (transferred, not copied), fixed-width cells (hash, dates) concatenated, repeated
 * cells (country, team percentage, product type) as codes into a dictionary sent once, and each
 * line's (billing, title, codes, store) combination as a number, described on first sight only.
 * The zone files' text crosses as UTF-8 bytes (transferred): the loading side writes it as it is.
 */
import fs from 'node:fs';
import { csvCell } from '../lake/atomic-file';
import { statementLineHead, statementLineTail } from '../curated/statement-line-csv';
import type { PartLinesText } from '../curated/transaction-part-stream';
import type { TransactionFact } from '../load-transactions';
import { type LineDimensions, lineHash, MEMO_LIMIT, memoKey, type StatementLine } from '../statement-lines';
import type { ProducedBatch } from '../common/worker-batches';
import { type BankDetailsRow, parseBankDetails } from './bank-details.parser';

export interface BankLinesBatch {
  rows: number;
  /** Per row: the source line, the quantity. */
  lines: Float64Array;
  quantities: Float64Array;
  /** Per row: gross, withheld, net (nano-units); a plain array when a value does not fit 64 bits. */
  money: BigInt64Array | bigint[];
  /** Per row: combination number, then dictionary codes of country, team percentage, product type (-1: null). */
  codes: Int32Array;
  /** Per row: the content hash (HASH_CHARS), concatenated. */
  hashes: string;
  /** Per row: reporting date and first day of the sale month (DATE_CHARS each), concatenated. */
  dates: string;
  /** Combinations first seen in this batch, in number order. */
  combos: NewCombination[];
  /** Dictionary entries new in this batch, in code order, after clearing the dictionary if `textsReset`. */
  texts: string[];
  textsReset: boolean;
  /** The raw zone's text and the staging zone's text of these rows, as UTF-8. */
  raw: Uint8Array;
  staging: Uint8Array;
  /** These rows' lines of the curated part, without their dimension cells; null once the loading side gave the part up. */
  part: PartLinesText | null;
}

/** What the parse worker is started with. */
export interface BankDetailsWorkerData {
  path: string;
  file: string;
  /** The flow counters of workerBatches. */
  flow: SharedArrayBuffer;
  /** The curated part's flag (see PartWanted). */
  partWanted: SharedArrayBuffer;
}

/**
 * Whether the loading side still writes the curated part. It gives the part up when a full-history
 * export turns out to repeat loaded lines; from then on the parse side formats and posts no part
 * lines (5–12 % of such a load's CPU at 1M lines), and the batches already in flight still carry
 * theirs. A shared flag, read once per batch: the loading thread raises it, the parse side only reads it.
 */
export class PartWanted {
  private readonly flag: Int32Array;

  constructor(readonly buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) {
    this.flag = new Int32Array(buffer);
  }

  get wanted(): boolean {
    return Atomics.load(this.flag, 0) === 0;
  }

  giveUp(): void {
    Atomics.store(this.flag, 0, 1);
  }
}

interface NewCombination {
  line: StatementLine;
  /** The resolver's memo is cleared before this one (it mirrors StatementLineResolver: same key, same limit). */
  clearBefore: boolean;
}

/** sha1 in base64url. */
const HASH_CHARS = 27;
const DATE_CHARS = 10;
/** Codes per row in `codes`. */
const CODES = 4;
/** Dictionary size past which it starts again (the cells it holds are a few hundred in practice). */
const TEXT_LIMIT = 4096;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const utf8 = new TextEncoder();

/**
 * The identity of a statement line: its core columns in canonical form (amounts as nano-units, so
 * `0.0100` and `0.01` agree). The newer export's extra columns are left out so that switching
 * export format does not make old lines look new.
 */
function contentHash(r: BankDetailsRow, withheld: string): string {
  return lineHash([
    r.reportingDate,
    r.saleMonth,
    r.store,
    r.artist,
    r.title,
    r.isrc,
    r.upc,
    r.quantity,
    r.teamPercentage,
    r.songOrAlbum,
    r.country,
    withheld,
    r.earningsNano,
  ]);
}

/** A row's amounts as nano-unit text: the hash, staging and the curated part all write them (a BigInt to text costs). */
interface NanoTexts {
  gross: string;
  withheld: string;
  net: string;
}

/**
 * The staging line of a row, as csvLine would write it. Only the free-text cells can need quoting;
 * dates, codes and numbers were validated by the parser (a team percentage is a plain decimal), so
 * they are written as they are, which spares a quoting test per cell on millions of lines.
 */
function stagingLine(r: BankDetailsRow, hash: string, nano: NanoTexts): string {
  return `${r.line},${hash},${r.reportingDate},${r.saleMonth},${csvCell(r.store)},${csvCell(r.artist)},${csvCell(r.title)},${r.isrc ?? ''},${r.upc ?? ''},${r.quantity},${csvCell(r.teamPercentage)},${csvCell(r.songOrAlbum)},${r.country ?? ''},${nano.gross},${nano.withheld},${nano.net},USD\n`;
}

/**
 * Parse side: the file's lines as batches (one per parser batch, so the loading side's batches are
 * the parser's). `file` is the landing file as errors and the curated part's source_file cell name it.
 */
export async function* encodeBankDetails(
  path: string,
  opts: { file: string; onBytes?: (n: number) => void; partWanted?: PartWanted },
): AsyncGenerator<ProducedBatch<BankLinesBatch>> {
  // Combinations are numbered in order of first sight, never reused (the loading side spots a new one by its number).
  const combos = new Map<string, number>();
  let combinations = 0;
  const texts = new Map<string, number>();
  const fileCell = csvCell(opts.file);
  const input = fs.createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const rows of parseBankDetails(input, opts)) {
    const n = rows.length;
    const withPart = opts.partWanted?.wanted ?? true;
    const batch: BankLinesBatch = {
      rows: n,
      lines: new Float64Array(n),
      quantities: new Float64Array(n),
      money: new BigInt64Array(n * 3),
      codes: new Int32Array(n * CODES),
      hashes: '',
      dates: '',
      combos: [],
      texts: [],
      textsReset: texts.size >= TEXT_LIMIT,
      // Set after the rows (each batch has buffers of its own: a transferred one is gone from this thread).
      raw: new Uint8Array(0),
      staging: new Uint8Array(0),
      part: withPart ? { text: '', cuts: new Int32Array(n) } : null,
    };
    if (batch.textsReset) texts.clear();
    const code = (text: string | null): number => {
      if (text === null) return -1;
      let c = texts.get(text);
      if (c === undefined) {
        c = texts.size;
        texts.set(text, c);
        batch.texts.push(text);
      }
      return c;
    };
    const money: bigint[] = new Array<bigint>(n * 3);
    let fits = true;
    const rawLines = new Array<string>(n);
    const stagingLines = new Array<string>(n);
    let hashes = '';
    let dates = '';
    let part = '';
    for (let k = 0; k < n; k++) {
      const r = rows[k];
      const nano: NanoTexts = { gross: String(r.grossNano), withheld: String(r.withheldNano), net: String(r.netNano) };
      const hash = contentHash(r, nano.withheld);
      const line: StatementLine = {
        billing: r.artist,
        title: r.title,
        isrc: r.isrc,
        upc: r.upc,
        store: r.store,
        isAlbum: /^album$/i.test(r.songOrAlbum),
        releaseTitle: null,
      };
      const key = memoKey(line);
      let combo = combos.get(key);
      if (combo === undefined) {
        const clearBefore = combos.size >= MEMO_LIMIT;
        if (clearBefore) combos.clear();
        combo = combinations++;
        combos.set(key, combo);
        batch.combos.push({ line, clearBefore });
      }
      batch.lines[k] = r.line;
      batch.quantities[k] = r.quantity;
      money[k * 3] = r.grossNano;
      money[k * 3 + 1] = r.withheldNano;
      money[k * 3 + 2] = r.netNano;
      fits &&= inInt64(r.grossNano) && inInt64(r.withheldNano) && inInt64(r.netNano);
      batch.codes[k * CODES] = combo;
      batch.codes[k * CODES + 1] = code(r.country);
      batch.codes[k * CODES + 2] = code(r.teamPercentage);
      batch.codes[k * CODES + 3] = code(r.songOrAlbum || null);
      hashes += hash;
      dates += `${r.reportingDate}${r.saleMonth}-01`;
      rawLines[k] = r.rawText;
      stagingLines[k] = stagingLine(r, hash, nano);
      if (batch.part) {
        part += `${statementLineHead(r.reportingDate, r.saleMonth)},`;
        batch.part.cuts[k] = part.length;
        part += `,${statementLineTail(r.country, r.quantity, r.teamPercentage, nano.gross, nano.withheld, nano.net, 'USD', fileCell, r.line)}\n`;
      }
    }
    batch.hashes = hashes;
    batch.dates = dates;
    if (fits) (batch.money as BigInt64Array).set(money);
    else batch.money = money;
    batch.raw = utf8.encode(n ? `${rawLines.join('\n')}\n` : '');
    batch.staging = utf8.encode(stagingLines.join(''));
    const buffers = [batch.lines.buffer, batch.quantities.buffer, batch.codes.buffer, batch.raw.buffer, batch.staging.buffer];
    if (batch.part) {
      batch.part.text = part;
      buffers.push(batch.part.cuts.buffer);
    }
    if (batch.money instanceof BigInt64Array) buffers.push(batch.money.buffer);
    const transfer = buffers as ArrayBuffer[];
    yield { batch, transfer };
  }
}

const inInt64 = (v: bigint): boolean => v >= INT64_MIN && v <= INT64_MAX;

/** Loading side: turns batches back into facts, resolving each combination's dimensions on first sight. */
export class BankLinesDecoder {
  private readonly dims = new Map<number, LineDimensions>();
  private nextCombination = 0;
  private texts: string[] = [];

  /** `resolve` is called for each new combination in file order, as the single-threaded load did per line. */
  constructor(private readonly resolve: (line: StatementLine) => LineDimensions | Promise<LineDimensions>) {}

  async decode(b: BankLinesBatch): Promise<{ facts: TransactionFact[]; dims: LineDimensions[] }> {
    if (b.textsReset) this.texts = [];
    for (const t of b.texts) this.texts.push(t);
    const texts = this.texts;
    const text = (c: number): string | null => (c === -1 ? null : texts[c]);
    const facts = new Array<TransactionFact>(b.rows);
    const factDims = new Array<LineDimensions>(b.rows);
    let fresh = 0;
    for (let k = 0; k < b.rows; k++) {
      const combo = b.codes[k * CODES];
      let d: LineDimensions;
      if (combo === this.nextCombination) {
        const { line, clearBefore } = b.combos[fresh++];
        if (clearBefore) this.dims.clear();
        d = await this.resolve(line);
        this.dims.set(combo, d);
        this.nextCombination++;
      } else d = this.dims.get(combo)!;
      const at = k * DATE_CHARS * 2;
      facts[k] = {
        source: 'distrokid',
        contentHash: b.hashes.slice(k * HASH_CHARS, (k + 1) * HASH_CHARS),
        reportingDate: b.dates.slice(at, at + DATE_CHARS),
        saleMonth: b.dates.slice(at + DATE_CHARS, at + DATE_CHARS * 2),
        storeId: d.storeId,
        platformId: d.platformId,
        trackId: d.trackId,
        artistId: d.artistId,
        releaseId: d.releaseId,
        country: text(b.codes[k * CODES + 1]),
        quantity: b.quantities[k],
        productType: text(b.codes[k * CODES + 3]),
        teamPercentage: text(b.codes[k * CODES + 2])!,
        grossNano: b.money[k * 3],
        withheldNano: b.money[k * 3 + 1],
        netNano: b.money[k * 3 + 2],
        currency: 'USD',
        sourceLine: b.lines[k],
      };
      factDims[k] = d;
    }
    return { facts, dims: factDims };
  }
}
