/**
 * Shared harness for the ingest integration tests: a fresh warehouse (SQLite or PostgreSQL) plus
 * a fresh data lake and input folder, an IngestService over them, and small independent helpers
 * (TSV builder, decimal parsing, totals queries) so expected values never come from the code
 * under test.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig, type Service } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';
import { dialectOf, SqlParams } from '../../../src/db/dialect';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { type FileSummary, IngestService } from '../../../src/ingest/ingest-service';
import { bankDetailsChunks, bankDetailsTotals, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { createTestDatabase, tempDir, type TestDatabase } from '../../helpers/databases';

export type Kind = 'sqlite' | 'postgres';

export interface Harness {
  kind: Kind;
  db: TestDatabase;
  ds: DataSource;
  lakeDir: string;
  inputDir: string;
  service: IngestService;
  ingest(paths: string[], service?: Service): Promise<FileSummary[]>;
  /** Writes a file into the input folder and returns its absolute path. */
  input(name: string, content: string | Buffer): string;
  close(): Promise<void>;
}

export async function openHarness(kind: Kind): Promise<Harness> {
  const db = await createTestDatabase(kind);
  const lakeDir = tempDir('lake');
  const inputDir = tempDir('input');
  const ds = await openWarehouse(loadConfig({ DATABASE_URL: db.url, DATA_LAKE_DIR: lakeDir }));
  const service = new IngestService(ds, lakeDir, createLogger('silent'));
  return {
    kind,
    db,
    ds,
    lakeDir,
    inputDir,
    service,
    ingest: (paths, svc) => service.ingest(paths, svc ? { service: svc } : {}),
    input(name, content) {
      const file = path.join(inputDir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    },
    async close() {
      await ds.destroy();
      await db.drop();
      fs.rmSync(lakeDir, { recursive: true, force: true });
      fs.rmSync(inputDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Bank details TSV, written independently of the generator: bare CR line ends.

export const OLD_HEADER = [
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

/** The newer export: renamed withheld column, three extra columns, and a different column order. */
export const NEW_HEADER_REORDERED = [
  'Date Inserted',
  'Reporting Date',
  'Store',
  'Sale Month',
  'Title',
  'Artist',
  'UPC',
  'ISRC',
  'Song/Album',
  'Quantity',
  'Country of Sale',
  'Team Percentage',
  'Earnings (USD)',
  'Songwriter Royalties Withheld (USD)',
  'Source Type',
  'Recoup (USD)',
];

export type Cells = Record<string, string>;

export const BASE_ROW: Cells = {
  'Reporting Date': '2024-10-05',
  'Sale Month': '2024-08',
  Store: 'Spotify',
  Artist: 'ZONE A0',
  Title: 'Night Drive',
  ISRC: 'QZTAW2496365',
  UPC: '197368123456',
  Quantity: '14',
  'Team Percentage': '100',
  'Song/Album': 'Song',
  'Country of Sale': 'US',
  'Songwriter Royalties Withheld': '0',
  'Earnings (USD)': '0.01931943',
  'Date Inserted': '2024-10-06',
  'Source Type': 'Streaming',
  'Recoup (USD)': '',
};

/** Lines whose cells need quoting, or are empty, negative, repeated: what a part must render exactly as the rebuild does. */
export const AWKWARD: Cells[] = [
  { Artist: 'Smith, "Jr."', Title: 'Hello, World', ISRC: 'QZTAW2400001', UPC: '197368000001' },
  { Artist: 'Smith, "Jr."', Title: 'Hello, World', ISRC: 'QZTAW2400001', UPC: '197368000001' },
  { 'Country of Sale': 'OU', 'Earnings (USD)': '-0.00000001', Quantity: '-1' },
  { 'Song/Album': 'Album', Title: 'The "Album"', ISRC: '', UPC: '197368000002', 'Team Percentage': '33.5' },
  { Store: 'Boomplay', 'Earnings (USD)': '123456.78901234', 'Songwriter Royalties Withheld': '0.5' },
  { 'Country of Sale': '', Title: 'No Code', ISRC: '', UPC: '' },
];

/** One data line in the column order of `header`; both spellings of the withheld column take the same value. */
export function tsvLine(header: string[], overrides: Cells = {}): string {
  const r = { ...BASE_ROW, ...overrides };
  const withheld =
    overrides['Songwriter Royalties Withheld'] ??
    overrides['Songwriter Royalties Withheld (USD)'] ??
    BASE_ROW['Songwriter Royalties Withheld'];
  return header
    .map((h) => (h === 'Songwriter Royalties Withheld' || h === 'Songwriter Royalties Withheld (USD)' ? withheld : (r[h] ?? '')))
    .join('\t');
}

/** A whole export: header then lines, each ended by a bare CR (as DistroKid serves it). */
export function tsv(header: string[], rows: Cells[], opts: { bom?: boolean } = {}): string {
  return (opts.bom ? '\ufeff' : '') + [header.join('\t'), ...rows.map((r) => tsvLine(header, r))].map((l) => `${l}\r`).join('');
}

/** Builds an export from already formatted data lines. */
/** Two tracks of two artists, for generated exports (`BankSampleOptions.tracks`). */
export const TRACKS: BankSampleOptions['tracks'] = [
  { artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' },
  { artist: 'SXNCTUARY', title: 'Static Bloom', isrc: 'QZTAW2496366', upc: '197368123457' },
];

export function exportOf(header: string[], lines: string[]): string {
  return [header.join('\t'), ...lines].map((l) => `${l}\r`).join('');
}

/** The data lines the sample generator produces for `opts` (header dropped). */
export function generatedLines(opts: BankSampleOptions): string[] {
  const lines = [...bankDetailsChunks(opts)].join('').split('\r');
  expect(lines[lines.length - 1]).toBe('');
  return lines.slice(1, -1);
}

export interface Totals {
  rows: string;
  gross: string;
  net: string;
  quantity: string;
}

/** Sum of the generator's own totals over several option sets, as decimal strings of nano-units. */
export function generatorTotals(...opts: BankSampleOptions[]): Totals {
  let rows = 0n;
  let gross = 0n;
  let net = 0n;
  let quantity = 0n;
  for (const o of opts) {
    const t = bankDetailsTotals(o);
    rows += BigInt(t.rows);
    gross += t.grossNano;
    net += t.netNano;
    quantity += BigInt(t.quantity);
  }
  return { rows: rows.toString(), gross: gross.toString(), net: net.toString(), quantity: quantity.toString() };
}

/** Hand-written decimal → nano-units, independent of src/ingest/money.ts. */
export function nano(decimal: string): bigint {
  const neg = decimal.startsWith('-');
  const [whole, frac = ''] = decimal.replace(/^[-+]/, '').split('.');
  if (frac.length > 9) throw new Error(`too many decimals in ${decimal}`);
  const v = BigInt(whole) * 1_000_000_000n + BigInt(frac.padEnd(9, '0'));
  return neg ? -v : v;
}

/** Exact sum of decimal strings ("1.5", "-0.25", "3") as a canonical decimal string with `scale` decimals. */
export function addDecimals(values: string[], scale = 9): string {
  let total = 0n;
  for (const v of values) {
    if (v === '') continue;
    const neg = v.startsWith('-');
    const [whole, frac = ''] = v.replace(/^[-+]/, '').split('.');
    if (frac.length > scale) throw new Error(`too many decimals in ${v}`);
    const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, '0') || '0');
    total += neg ? -units : units;
  }
  return total.toString();
}

// ---------------------------------------------------------------------------------------------
// Warehouse queries

/** Runs a query with `?`-style placeholders translated for the dialect. */
export async function q<T = Record<string, unknown>>(ds: DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
  const p = new SqlParams(dialectOf(ds));
  let i = 0;
  const text = sql.replace(/\?/g, () => p.add(params[i++]));
  return ds.query(text, p.values);
}

export async function transactionTotals(ds: DataSource, where = '1 = 1', params: unknown[] = []): Promise<Totals> {
  const [r] = await q<Totals>(
    ds,
    `SELECT CAST(COUNT(*) AS TEXT) AS rows, CAST(COALESCE(SUM(gross_nano), 0) AS TEXT) AS gross,
       CAST(COALESCE(SUM(net_nano), 0) AS TEXT) AS net, CAST(COALESCE(SUM(quantity), 0) AS TEXT) AS quantity
     FROM transactions WHERE ${where}`,
    params,
  );
  return { rows: String(r.rows), gross: String(r.gross), net: String(r.net), quantity: String(r.quantity) };
}

export async function rollupTotals(ds: DataSource, where = '1 = 1', params: unknown[] = []): Promise<Totals> {
  const [r] = await q<Totals>(
    ds,
    `SELECT CAST(COALESCE(SUM(transaction_count), 0) AS TEXT) AS rows, CAST(COALESCE(SUM(gross_nano), 0) AS TEXT) AS gross,
       CAST(COALESCE(SUM(net_nano), 0) AS TEXT) AS net, CAST(COALESCE(SUM(quantity), 0) AS TEXT) AS quantity
     FROM revenue_monthly_rollup WHERE ${where}`,
    params,
  );
  return { rows: String(r.rows), gross: String(r.gross), net: String(r.net), quantity: String(r.quantity) };
}

export const WAREHOUSE_TABLES = [
  'transactions',
  'revenue_monthly_rollup',
  'artists',
  'artist_aliases',
  'tracks',
  'track_artists',
  'releases',
  'platforms',
  'stores',
  'streams',
] as const;

export async function tableCounts(ds: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of WAREHOUSE_TABLES) {
    const [r] = await q<{ n: string | number }>(ds, `SELECT COUNT(*) AS n FROM ${t}`);
    out[t] = Number(r.n);
  }
  return out;
}

export async function sourceFileByPath(
  ds: DataSource,
  landingFile: string,
): Promise<{ id: number; status: string; error: string | null; sha256: string }> {
  const rows = await q<{ id: number | string; status: string; error: string | null; sha256: string }>(
    ds,
    'SELECT id, status, error, sha256 FROM source_files WHERE path = ?',
    [landingFile],
  );
  expect(rows).toHaveLength(1);
  return { ...rows[0], id: Number(rows[0].id) };
}

// ---------------------------------------------------------------------------------------------
// Files

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file under `dir`, relative and '/'-separated, sorted; [] when the folder does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** Asserts every summary has the expected status, with a readable failure message. */
export function statuses(summaries: FileSummary[]): string[] {
  return summaries.map(
    (s) => `${path.basename(s.input)}: ${s.status}${s.status === 'loaded' || s.status === 'skipped' ? '' : ` (${s.message})`}`,
  );
}

/** The curated statement lines dataset: its parts (one per loaded file) in name order, joined under one header. */
export function curatedTransactionsText(lakeDir: string): string {
  const dir = path.join(lakeDir, 'curated/financial/distrokid_transactions');
  const parts = listFiles(dir).filter((f) => /^part-\d{10}\.csv$/.test(f));
  if (!parts.length) return '';
  const texts = parts.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const header = texts[0].slice(0, texts[0].indexOf('\n') + 1);
  for (const t of texts) expect(t.startsWith(header)).toBe(true);
  return header + texts.map((t) => t.slice(header.length)).join('');
}

/**
 * Row keys as their definition gives them, checked without the loader's code: in line order, a
 * line's key is its content hash and the number of identical lines before it in the file, and two
 * lines share a hash exactly when their text is the same. `lines` are the file's data lines.
 */
export function expectKeysNumberLines(keys: ReadonlyArray<{ row_key: string; source_line: number }>, lines: readonly string[]): void {
  const ordered = [...keys].sort((a, b) => a.source_line - b.source_line);
  expect(ordered).toHaveLength(lines.length);
  const hashOf = new Map<string, string>();
  const seen = new Map<string, number>();
  ordered.forEach((k, i) => {
    const [hash, occurrence] = k.row_key.split(':');
    const n = seen.get(lines[i]) ?? 0;
    seen.set(lines[i], n + 1);
    expect(`${i}: ${occurrence}`).toBe(`${i}: ${n}`);
    expect(hashOf.get(lines[i]) ?? hash).toBe(hash);
    hashOf.set(lines[i], hash);
  });
  expect(new Set(hashOf.values()).size).toBe(hashOf.size);
}
