/**
 * TooLost monthly sales report: the CSV attached to "Your MM-YYYY Sales report has been generated".
 * The report's columns are not fixed (docs/SOURCES.md#toolost-monthly-sales-report), so they are found BY NAME. Names are compared folded
 * (case, spacing and punctuation ignored; a "USD" / "in USD" marker dropped), so `Earnings (USD)`,
 * `earnings_usd` and `EARNINGS` are one name. Accepted columns (first spelling is the canonical one):
 *
 *   required
 *     Store          store, store name, dsp, dsp name, platform, platform name, service, retailer, outlet, shop
 *     Quantity       quantity, qty, units, units sold, unit count, total units, streams, plays, count
 *     Title / ISRC   at least one of
 *                    Title: title, track, track title, track name, song, song title, song name, asset title, recording
 *                    ISRC:  isrc, isrc code, track isrc
 *     an amount      at least one of
 *                    Net:    net, net revenue, net earnings, net amount, net royalty/royalties, net income, net payable,
 *                            earnings, royalty, royalties, payable, payout, amount due, your earnings, your share, artist share
 *                    Gross:  gross, gross revenue, gross earnings, gross amount, gross sales, gross royalty/royalties, gross income
 *                    Amount: revenue, amount, total, total revenue, total amount, income, sales, value
 *                    Net = Net, else Amount, else Gross. Gross = Gross, else Amount when a Net column exists, else Net
 *                    (one amount: gross = net). Amounts must be USD.
 *   optional
 *     Period         period, sale month, sales month, sale period, sales period, reporting month, reporting period,
 *                    report month, statement month, statement period, accounting period, usage period, activity month, month
 *                    (2025-04, 04-2025, 04/2025, 2025-04-17, Apr 2025, April 2025)
 *     Sale Date      sale date, sales date, date, transaction date, activity date, usage date, stream date (YYYY-MM-DD)
 *     Reporting Date reporting date, report date, statement date, date reported, payment date, posted date (YYYY-MM-DD)
 *     Artist         artist, artists, artist name(s), primary artist, release artist, track artist, main artist
 *     Release        release, release title, release name, album, album title, album name, product, product title
 *     UPC            upc, ean, upc ean, upc code, barcode, release upc, album upc, product upc (12-13 digits)
 *     Country        country, territory, country of sale, country code, sale country, territory code, market
 *                    (ISO alpha-2; blank, OU, ZZ, XX, WW, WORLDWIDE, ROW = unknown)
 *     Product Type   song album, product type, sale type, sales type, type, format, usage type, transaction type,
 *                    release type, content type, source type
 *     Currency       currency, currency code (must be USD or blank)
 *
 * The sale month is Period, else the month of Sale Date, else the `MM-YYYY` in the file name. The
 * reporting date is Reporting Date, else the first day of the file name's month, else of the sale
 * month. Columns with other names are tolerated and ignored (kept in raw): the format is not
 * documented and a new informational column must not stop the money; a required column that is
 * missing, or two columns claiming the same role, is SCHEMA_DRIFT naming them. Blank/NaN quantities
 * count 0; a line with blank title and ISRC that says "Total" (store blank or "Total") is the
 * report's summary line and is skipped; fully blank lines are skipped.
 */
import { LakeValidationError, excerpt } from '../lake/validation-error';
import { normaliseIsrc } from '../../domain/names';
import { DETECT_DELIMITER, readCsvRecords } from '../common/csv-reader';
import type { CsvRecord } from '../common/csv-record-lines';
import { parseDate, parseMonth } from '../common/dates';
import { isMissing, parseMoney, parseSignedInteger } from './values';

export interface SalesRow {
  line: number;
  saleMonth: string;
  reportingDate: string;
  /** The cells that identify the line beyond the derived values (reporting/sale date as written). */
  reportingDateCell: string;
  saleDateCell: string;
  store: string;
  artist: string;
  title: string;
  release: string;
  isrc: string | null;
  upc: string | null;
  country: string | null;
  quantity: number;
  productType: string;
  grossNano: bigint;
  netNano: bigint;
  currency: string;
  rawFields: string[];
}

type Key =
  | 'period'
  | 'saleDate'
  | 'reportingDate'
  | 'store'
  | 'artist'
  | 'title'
  | 'release'
  | 'isrc'
  | 'upc'
  | 'country'
  | 'quantity'
  | 'productType'
  | 'currency'
  | 'gross'
  | 'net'
  | 'amount';

const COLUMNS: ReadonlyArray<{ key: Key; label: string; names: string[] }> = [
  {
    key: 'period',
    label: 'Period',
    names: [
      'period',
      'sale month',
      'sales month',
      'sale period',
      'sales period',
      'reporting month',
      'reporting period',
      'report month',
      'statement month',
      'statement period',
      'accounting period',
      'usage period',
      'activity month',
      'month',
    ],
  },
  {
    key: 'saleDate',
    label: 'Sale Date',
    names: ['sale date', 'sales date', 'date', 'transaction date', 'activity date', 'usage date', 'stream date'],
  },
  {
    key: 'reportingDate',
    label: 'Reporting Date',
    names: ['reporting date', 'report date', 'statement date', 'date reported', 'payment date', 'posted date'],
  },
  {
    key: 'store',
    label: 'Store',
    names: ['store', 'store name', 'dsp', 'dsp name', 'platform', 'platform name', 'service', 'retailer', 'outlet', 'shop'],
  },
  {
    key: 'artist',
    label: 'Artist',
    names: ['artist', 'artists', 'artist name', 'artist names', 'primary artist', 'release artist', 'track artist', 'main artist'],
  },
  {
    key: 'title',
    label: 'Title',
    names: [
      'title',
      'track',
      'track title',
      'track name',
      'song',
      'song title',
      'song name',
      'asset title',
      'recording',
      'recording title',
    ],
  },
  {
    key: 'release',
    label: 'Release',
    names: ['release', 'release title', 'release name', 'album', 'album title', 'album name', 'product', 'product title'],
  },
  { key: 'isrc', label: 'ISRC', names: ['isrc', 'isrc code', 'track isrc'] },
  { key: 'upc', label: 'UPC', names: ['upc', 'ean', 'upc ean', 'upc code', 'barcode', 'release upc', 'album upc', 'product upc'] },
  {
    key: 'country',
    label: 'Country',
    names: ['country', 'territory', 'country of sale', 'country code', 'sale country', 'territory code', 'market', 'country territory'],
  },
  {
    key: 'quantity',
    label: 'Quantity',
    names: ['quantity', 'qty', 'units', 'units sold', 'unit count', 'total units', 'streams', 'plays', 'count'],
  },
  {
    key: 'productType',
    label: 'Product Type',
    names: [
      'song album',
      'product type',
      'sale type',
      'sales type',
      'type',
      'format',
      'usage type',
      'transaction type',
      'release type',
      'content type',
      'source type',
    ],
  },
  { key: 'currency', label: 'Currency', names: ['currency', 'currency code'] },
  {
    key: 'gross',
    label: 'Gross (USD)',
    names: ['gross', 'gross revenue', 'gross earnings', 'gross amount', 'gross sales', 'gross royalty', 'gross royalties', 'gross income'],
  },
  {
    key: 'net',
    label: 'Earnings (USD)',
    names: [
      'net',
      'net revenue',
      'net earnings',
      'net amount',
      'net royalty',
      'net royalties',
      'net income',
      'net payable',
      'earnings',
      'royalty',
      'royalties',
      'payable',
      'payout',
      'amount due',
      'your earnings',
      'your share',
      'artist share',
    ],
  },
  {
    key: 'amount',
    label: 'Revenue (USD)',
    names: ['revenue', 'amount', 'total', 'total revenue', 'total amount', 'income', 'sales', 'value'],
  },
];

/** Folds a header cell: `Earnings (USD)` → `earnings`, `Song/Album` → `song album`. */
export function foldHeader(name: string): string {
  return name
    .replace(/^\ufeff/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(?:in )?usd\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const KEY_BY_NAME = new Map<string, Key>(COLUMNS.flatMap((c) => c.names.map((n) => [n, c.key] as const)));
const LABEL: Record<Key, string> = Object.fromEntries(COLUMNS.map((c) => [c.key, c.label])) as Record<Key, string>;

/**
 * Content sniffing on the header line: a store, a quantity, an amount and a title or ISRC, by
 * name. Only comma- or semicolon-separated headers: a tab-separated statement with these columns
 * is DistroKid's bank details export, which must not be taken for TooLost's (even under
 * `--service toolost`, where DistroKid's recogniser is not asked first).
 */
export function looksLikeSalesReport(headerLine: string): boolean {
  const line = headerLine.replace(/^\ufeff/, '');
  if (line.includes('\t')) return false;
  const delimiter = line.includes(';') && !line.includes(',') ? ';' : ',';
  const keys = new Set(line.split(delimiter).map((c) => KEY_BY_NAME.get(foldHeader(c.replace(/^"|"$/g, '')))));
  return (
    keys.has('store') &&
    (keys.has('net') || keys.has('gross') || keys.has('amount')) &&
    (keys.has('title') || keys.has('isrc')) &&
    keys.has('quantity')
  );
}

/** `…_04-2025…` in a file name → `2025-04-01`; null when the name carries no month. */
export function monthFromFileName(name: string): string | null {
  const m = /(?:^|[^0-9])(0[1-9]|1[0-2])-(\d{4})(?![0-9])/.exec(name);
  return m ? `${m[2]}-${m[1]}-01` : null;
}

interface Layout {
  width: number;
  names: string[];
  idx: Partial<Record<Key, number>>;
  net: number;
  gross: number;
}

function parseHeader(rec: CsvRecord, file: string, nameMonth: string | null): Layout {
  const names = rec.fields.map((f) => f.replace(/^\ufeff/, '').trim());
  const idx: Partial<Record<Key, number>> = {};
  const duplicates: string[] = [];
  const unknown: string[] = [];
  names.forEach((name, i) => {
    if (name === '') return;
    const key = KEY_BY_NAME.get(foldHeader(name));
    if (key === undefined) unknown.push(name);
    else if (idx[key] !== undefined) duplicates.push(`${names[idx[key]]} / ${name} (both ${LABEL[key]})`);
    else idx[key] = i;
  });
  const known = Object.keys(idx).length;
  const expected = 'a header naming at least Store, Quantity, Title or ISRC, and an amount (Earnings/Net/Revenue/Gross, USD)';
  if (known < 2) {
    throw new LakeValidationError({
      code: 'BAD_HEADER',
      message: 'first line is not a sales report header',
      file,
      line: rec.line,
      expected,
      found: excerpt(names.join(' | '), 200),
    });
  }
  const missing: string[] = [];
  if (idx.store === undefined) missing.push('Store');
  if (idx.quantity === undefined) missing.push('Quantity');
  if (idx.title === undefined && idx.isrc === undefined) missing.push('Title');
  if (idx.net === undefined && idx.gross === undefined && idx.amount === undefined) missing.push('Earnings (USD)');
  if (idx.period === undefined && idx.saleDate === undefined && nameMonth === null) missing.push('Period');
  if (missing.length > 0 || duplicates.length > 0) {
    const parts = [
      missing.length ? `missing column(s): ${missing.join(', ')}` : '',
      duplicates.length ? `ambiguous column(s): ${duplicates.join('; ')}` : '',
      unknown.length ? `unrecognised column(s): ${unknown.join(', ')}` : '',
      missing.includes('Period') ? 'the file name carries no MM-YYYY either' : '',
    ];
    throw new LakeValidationError({
      code: 'SCHEMA_DRIFT',
      message: `sales report columns changed: ${parts.filter(Boolean).join('; ')}`,
      file,
      line: rec.line,
      field: [...missing, ...duplicates, ...(missing.length ? unknown : [])].join(', '),
      expected,
      found: excerpt(names.join(' | '), 300),
    });
  }
  const net = idx.net ?? idx.amount ?? idx.gross!;
  const gross = idx.gross ?? (idx.net !== undefined && idx.amount !== undefined ? idx.amount : net);
  return { width: names.length, names, idx, net, gross };
}

const UNKNOWN_COUNTRY = new Set(['', 'OU', 'ZZ', 'XX', 'WW', 'WORLDWIDE', 'WORLD', 'ROW', '-', '--']);
const TOTAL_RE = /^\s*(?:grand\s+)?totals?\s*:?\s*$/i;

export interface ParseSalesOptions {
  file: string;
  /** The original and landing names: the month is read from them when no column gives it. */
  names: string[];
  onBytes?: (n: number) => void;
}

export interface SalesBatch {
  rows: SalesRow[];
  /** Summary and blank lines left out. */
  skipped: number;
  header: string[];
}

export async function* parseSalesReport(input: AsyncIterable<Buffer | string>, opts: ParseSalesOptions): AsyncGenerator<SalesBatch> {
  const nameMonth = opts.names.map(monthFromFileName).find((m) => m !== null) ?? null;
  let layout: Layout | null = null;
  for await (const records of readCsvRecords(input, { file: opts.file, delimiter: DETECT_DELIMITER, onBytes: opts.onBytes })) {
    const rows: SalesRow[] = [];
    let skipped = 0;
    for (const rec of records) {
      if (layout === null) {
        layout = parseHeader(rec, opts.file, nameMonth);
        continue;
      }
      const row = parseRow(rec, layout, opts.file, nameMonth);
      if (row === null) skipped++;
      else rows.push(row);
    }
    if (layout !== null && (rows.length > 0 || skipped > 0)) yield { rows, skipped, header: layout.names };
  }
  if (layout === null) {
    throw new LakeValidationError({
      code: 'EMPTY_FILE',
      message: 'the report is empty',
      file: opts.file,
      expected: 'a header line',
      found: 'no content',
    });
  }
}

function parseRow(rec: CsvRecord, l: Layout, file: string, nameMonth: string | null): SalesRow | null {
  const f = rec.fields;
  if (f.every((c) => c.trim() === '')) return null;
  if (f.length < l.width || f.slice(l.width).some((c) => c.trim() !== '')) {
    throw new LakeValidationError({
      code: 'WRONG_FIELD_COUNT',
      message: f.length < l.width ? 'row has too few fields (truncated?)' : 'row has too many fields (an unquoted comma?)',
      file,
      line: rec.line,
      expected: `${l.width} fields`,
      found: `${f.length} fields`,
    });
  }
  const cell = (key: Key): string => (l.idx[key] === undefined ? '' : f[l.idx[key]].trim());
  function bad(index: number, expected: string, found: string): never {
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: `invalid ${l.names[index]}`,
      file,
      line: rec.line,
      column: index + 1,
      field: l.names[index],
      expected,
      found: found === '' ? '(empty)' : excerpt(found),
    });
  }

  const store = cell('store');
  const title = cell('title');
  const isrcCell = cell('isrc');
  // The summary line names no recording and says "Total" somewhere (sometimes in the store column).
  if (title === '' && isrcCell === '' && (store === '' || TOTAL_RE.test(store)) && f.some((c) => TOTAL_RE.test(c))) return null;
  if (store === '') bad(l.idx.store!, 'a store name', store);

  const saleDateCell = cell('saleDate');
  let saleDate: string | null = null;
  if (saleDateCell !== '') saleDate = parseDate(saleDateCell) ?? bad(l.idx.saleDate!, 'a date YYYY-MM-DD', saleDateCell);
  const periodCell = cell('period');
  let saleMonth: string | null = null;
  if (periodCell !== '') saleMonth = parseMonth(periodCell) ?? bad(l.idx.period!, 'a month (YYYY-MM, MM-YYYY, Apr 2025, …)', periodCell);
  saleMonth ??= saleDate ? `${saleDate.slice(0, 7)}-01` : nameMonth;
  if (saleMonth === null) bad(l.idx.period ?? l.idx.saleDate!, 'a sale month (no MM-YYYY in the file name to fall back on)', periodCell);

  const reportingDateCell = cell('reportingDate');
  let reportingDate = nameMonth ?? saleMonth;
  if (reportingDateCell !== '')
    reportingDate = parseDate(reportingDateCell) ?? bad(l.idx.reportingDate!, 'a date YYYY-MM-DD', reportingDateCell);

  let isrc: string | null = null;
  if (isrcCell !== '') isrc = normaliseIsrc(isrcCell) ?? bad(l.idx.isrc!, 'an ISRC of 12 characters (CC-XXX-YY-NNNNN)', isrcCell);
  const upcCell = cell('upc').replace(/^'/, '');
  if (upcCell !== '' && !/^\d{12,13}$/.test(upcCell)) bad(l.idx.upc!, 'a UPC/EAN of 12-13 digits', upcCell);
  const countryCell = cell('country').toUpperCase();
  if (!UNKNOWN_COUNTRY.has(countryCell) && !/^[A-Z]{2}$/.test(countryCell))
    bad(l.idx.country!, 'an ISO 3166 alpha-2 code (or blank/OU)', cell('country'));

  const quantityCell = cell('quantity');
  let quantity = 0;
  if (!isMissing(quantityCell))
    quantity = parseSignedInteger(quantityCell.replace(/\.0+$/, '')) ?? bad(l.idx.quantity!, 'an integer', quantityCell);

  const netCell = f[l.net].trim();
  const netNano = parseMoney(netCell) ?? bad(l.net, 'a decimal amount in USD', netCell);
  let grossNano = netNano;
  if (l.gross !== l.net) {
    const grossCell = f[l.gross].trim();
    // A blank gross beside a net amount means "same as net"; garbage is still refused.
    grossNano = isMissing(grossCell) ? netNano : (parseMoney(grossCell) ?? bad(l.gross, 'a decimal amount in USD', grossCell));
  }
  const currency = cell('currency').toUpperCase() || 'USD';
  if (currency !== 'USD') bad(l.idx.currency!, 'USD (amounts in other currencies are not loaded)', currency);

  return {
    line: rec.line,
    saleMonth,
    reportingDate,
    reportingDateCell,
    saleDateCell: saleDate ?? '',
    store,
    artist: cell('artist'),
    title,
    release: cell('release'),
    isrc,
    upc: upcCell === '' ? null : upcCell,
    country: UNKNOWN_COUNTRY.has(countryCell) ? null : countryCell,
    quantity,
    productType: cell('productType'),
    grossNano,
    netNano,
    currency,
    rawFields: f,
  };
}
