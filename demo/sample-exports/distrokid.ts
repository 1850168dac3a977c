/**
 * Deterministic DistroKid bank-details exports for the demo, the tests and the bench. They
 * reproduce the quirks of the real exports (bare-CR lines, reversals, OU/blank countries,
 * hyphenated ISRCs, empty withheld cells, two header variants) so the parser is exercised on what
 * the portal really produces. Totals are computed from the generated values, never by parsing.
 */
import { seededRandom } from '../seeded-random';
import { addMonths, pad2 } from '../calendar-days';

export interface BankSampleOptions {
  seed: number;
  rows: number;
  months: string[];
  artists: string[];
  tracks: Array<{ artist: string; title: string; isrc: string; upc: string }>;
  headerVariant?: 'old' | 'new';
  adjustmentRate?: number;
  /**
   * Share of lines that are exact copies of an earlier line (default 0), as real exports have
   * (FORMATS.md: identical rows inside one file are separate transactions). Half repeat the line
   * just before, half one from anywhere earlier; a copy can be copied again (three or more alike).
   */
  repeatRate?: number;
}

export interface BankSampleTotals {
  rows: number;
  grossNano: bigint;
  netNano: bigint;
  quantity: number;
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

/** Store, share of rows, USD per unit, and whether units are downloads (few per row). */
const STORES: ReadonlyArray<readonly [string, number, number, boolean]> = [
  ['Spotify', 34, 0.0035, false],
  ['YouTube (Ads)', 9, 0.0008, false],
  ['YouTube (Red)', 4, 0.006, false],
  ['YouTube (Audio)', 5, 0.0012, false],
  ['Apple Music', 12, 0.0075, false],
  ['iTunes Songs', 2, 0.69, true],
  ['iTunes Match', 1, 0.004, false],
  ['TikTok', 8, 0.0004, false],
  ['Facebook', 4, 0.0006, false],
  ['Tidal', 2, 0.011, false],
  ['Deezer', 5, 0.0045, false],
  ['Amazon Unlimited (Streaming)', 5, 0.0048, false],
  ['Amazon Prime (Streaming)', 3, 0.0032, false],
  ['Pandora', 3, 0.0017, false],
  ['NetEase', 2, 0.0009, false],
  ['Flo', 1, 0.0021, false],
];
const STORE_WEIGHT = STORES.reduce((s, x) => s + x[1], 0);
const COUNTRIES = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'BR', 'MX', 'CA', 'AU', 'JP', 'SE', 'NL', 'IN', 'ES', 'IT', 'PL', 'KR', 'TR', 'ID'];

const OLD_HEADER = [
  'Reporting Date',
  'Sale Month',
  'Store',
  'Artist',
  'Title',
  'ISRC',
  'UPC',
  'Quantity',
  'Team Percentage',
  'Song/Album',
  'Country of Sale',
  'Songwriter Royalties Withheld',
  'Earnings (USD)',
];
const NEW_HEADER = [
  ...OLD_HEADER.slice(0, 11),
  'Songwriter Royalties Withheld (USD)',
  'Earnings (USD)',
  'Date Inserted',
  'Source Type',
  'Recoup (USD)',
];

export function bankDetailsHeader(variant: 'old' | 'new' = 'old'): string[] {
  return [...(variant === 'new' ? NEW_HEADER : OLD_HEADER)];
}

interface GeneratedRow {
  cells: string[];
  quantity: number;
  grossNano: bigint;
  netNano: bigint;
}

/** Earlier lines a far copy is drawn from: a uniform sample of every line so far, so memory stays flat whatever the file size. */
const REPEAT_POOL = 4096;

/** The export's `opts.rows` lines: fresh ones, with copies of earlier lines mixed in at `repeatRate`. */
function* generateRows(opts: BankSampleOptions): Generator<GeneratedRow> {
  const fresh = freshRows(opts);
  const rate = opts.repeatRate ?? 0;
  // Its own sequence: the fresh lines are those of the same seed without copies.
  const rng = seededRandom(opts.seed ^ 0x5eed);
  const pool: GeneratedRow[] = [];
  for (let r = 0; r < opts.rows; r++) {
    const copy = r > 0 && rate > 0 && rng() < rate;
    const row = copy ? (rng() < 0.5 ? pool[pool.length - 1] : pool[Math.floor(rng() * pool.length)]) : fresh.next().value;
    if (rate > 0) {
      // The last slot holds the line just before; the others a reservoir sample of the lines before it (each with the same chance).
      if (pool.length < REPEAT_POOL) pool.push(row);
      else {
        const at = Math.floor(rng() * r);
        if (at < REPEAT_POOL - 1) pool[at] = pool[REPEAT_POOL - 1];
        pool[REPEAT_POOL - 1] = row;
      }
    }
    yield row;
  }
}

function* freshRows(opts: BankSampleOptions): Generator<GeneratedRow, never> {
  const rng = seededRandom(opts.seed);
  const tracks = opts.tracks.length > 0 ? opts.tracks : syntheticTracks(opts.artists);
  if (tracks.length === 0 || opts.months.length === 0) throw new Error('sample needs at least one track (or artist) and one month');
  const adjustmentRate = opts.adjustmentRate ?? 0.15;
  const isNew = opts.headerVariant === 'new';
  for (;;) {
    const track = pick(rng, tracks);
    const saleMonth = pick(rng, opts.months);
    const reportingDate = `${addMonths(saleMonth, 2)}-${pad2(1 + Math.floor(rng() * 28))}`;
    const [store, , rate, download] = pickStore(rng);
    const album = download && rng() < 0.25;
    let quantity = download ? 1 + Math.floor(rng() * 3) : Math.max(1, Math.floor(Math.exp(rng() * 7.5)));
    let earnings8 = Math.max(1, Math.round(quantity * rate * (album ? 8 : 1) * (0.7 + rng() * 0.6) * 1e8));
    if (rng() < adjustmentRate) {
      quantity = -quantity;
      earnings8 = -earnings8;
    }
    const split = rng() < 0.1;
    // Withheld follows the sign of the earnings so a reversal also reverses what was withheld.
    const withheld8 = split ? Math.round(earnings8 * (0.05 + rng() * 0.2)) : 0;
    const roll = rng();
    const country = roll < 0.03 ? 'OU' : roll < 0.05 ? '' : pick(rng, COUNTRIES);
    const isrc = album ? '' : rng() < 0.01 ? hyphenateIsrc(track.isrc) : track.isrc;
    const withheldCell = !split && rng() < 0.01 ? '' : formatUnits8(withheld8);
    // An album line is titled with the release, not a track, as on real statements.
    const title = album ? `Release ${track.upc}` : track.title;
    const cells = [
      reportingDate,
      saleMonth,
      store,
      track.artist,
      title,
      isrc,
      track.upc,
      String(quantity),
      split ? '50' : '100',
      album ? 'Album' : 'Song',
      country,
      withheldCell,
      formatUnits8(earnings8),
    ];
    if (isNew) cells.push(reportingDate, download ? 'Download' : 'Streaming', rng() < 0.9 ? '0' : '');
    const grossNano = BigInt(earnings8) * 10n;
    // 8-decimal amounts are multiples of 10 nano, so halving them is exact.
    const netNano = (split ? grossNano / 2n : grossNano) - BigInt(withheld8) * 10n;
    yield { cells, quantity, grossNano, netNano };
  }
}

/** The TSV as the portal serves it: header first, every line ended by a bare CR, ~256 KB per chunk. */
export function* bankDetailsChunks(opts: BankSampleOptions): Generator<string> {
  const target = 256 * 1024;
  let parts: string[] = [bankDetailsHeader(opts.headerVariant).join('\t'), '\r'];
  let size = 0;
  for (const row of generateRows(opts)) {
    const text = row.cells.join('\t');
    parts.push(text, '\r');
    size += text.length + 1;
    if (size >= target) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

export function bankDetailsTotals(opts: BankSampleOptions): BankSampleTotals {
  const totals: BankSampleTotals = { rows: 0, grossNano: 0n, netNano: 0n, quantity: 0 };
  for (const row of generateRows(opts)) {
    totals.rows++;
    totals.grossNano += row.grossNano;
    totals.netNano += row.netNano;
    totals.quantity += row.quantity;
  }
  return totals;
}

function pickStore(rng: Rng): readonly [string, number, number, boolean] {
  let x = rng() * STORE_WEIGHT;
  for (const s of STORES) {
    x -= s[1];
    if (x < 0) return s;
  }
  return STORES[0];
}

function syntheticTracks(artists: string[]): BankSampleOptions['tracks'] {
  return artists.flatMap((artist, a) =>
    [0, 1, 2].map((t) => ({
      artist,
      title: `Track ${t + 1}`,
      isrc: `QZTAW24${String(a * 10 + t).padStart(5, '0')}`,
      upc: `19${String(a * 10 + t).padStart(10, '0')}`,
    })),
  );
}

const hyphenateIsrc = (isrc: string): string => `${isrc.slice(0, 2)}-${isrc.slice(2, 5)}-${isrc.slice(5, 7)}-${isrc.slice(7)}`;

function formatUnits8(units: number): string {
  const abs = Math.abs(units);
  const whole = Math.floor(abs / 1e8);
  return `${units < 0 ? '-' : ''}${whole}.${String(abs - whole * 1e8).padStart(8, '0')}`;
}
