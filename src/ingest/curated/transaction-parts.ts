import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams } from '../../db/dialect';
import { sqliteHandle } from '../../db/sqlite-handle';
import { AtomicFileWriter, archiveExisting, csvCell, csvLine } from '../lake/atomic-file';
import type { Lake } from '../lake/lake';

export const TRANSACTIONS_HEADER = [
  'reporting_date',
  'sale_month',
  'store',
  'platform',
  'artist',
  'title',
  'isrc',
  'upc',
  'country',
  'quantity',
  'team_percentage',
  'gross_usd',
  'withheld_usd',
  'net_usd',
  'currency',
  'source_file',
  'source_line',
];

/** Folder of the DistroKid statement lines dataset: one CSV part per loaded file, named after its source file id. */
export const TRANSACTION_PARTS_DIR = ['financial', 'distrokid_transactions'] as const;
const LEGACY_SINGLE_FILE = 'distrokid_transactions.csv';
const PAGE = 20_000;

/**
 * Nano-units as text (an integer, maybe negative) to a decimal string with at least two decimals,
 * exactly as money.formatNano writes it, by moving the decimal point in the text (no BigInt per cell).
 */
export function nanoTextToDecimal(nano: string): string {
  const neg = nano.charCodeAt(0) === 45;
  const digits = (neg ? nano.slice(1) : nano).padStart(10, '0');
  const whole = digits.slice(0, -9).replace(/^0+(?=\d)/, '');
  let frac = digits.slice(-9);
  let end = 9;
  while (end > 2 && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  return `${neg && !/^0\.?0*$/.test(`${whole}.${frac}`) ? '-' : ''}${whole}.${frac}`;
}

/** `part-0000000042.csv`: zero-padded so that name order is load order. */
export const partName = (sourceFileId: number): string => `part-${String(sourceFileId).padStart(10, '0')}.csv`;

type Row = Record<string, string | number | null>;
/** One line's cells in the order of the SELECT below. */
type Cells = Array<string | number | null>;
const CELL_ORDER = [
  'id',
  'reporting_date',
  'sale_month',
  'store_id',
  'platform_id',
  'artist_id',
  'track_id',
  'release_id',
  'country',
  'quantity',
  'team_percentage',
  'gross',
  'withheld',
  'net',
  'currency',
  'source_line',
] as const;

/**
 * The small dimension tables the lines refer to, read once per build instead of joined per line,
 * each name already as its CSV cell (quoted when needed), so a line only concatenates cells.
 */
async function dimensionCells(ds: DataSource) {
  const cells = async (sql: string, col: string) =>
    new Map((await ds.query<Row[]>(sql)).map((r) => [Number(r.id), csvCell(r[col])] as const));
  return {
    stores: await cells(`SELECT id, name FROM stores`, 'name'),
    platforms: await cells(`SELECT id, code FROM platforms`, 'code'),
    artists: await cells(`SELECT id, name FROM artists`, 'name'),
    trackTitles: await cells(`SELECT id, title FROM tracks`, 'title'),
    trackIsrcs: await cells(`SELECT id, isrc FROM tracks`, 'isrc'),
    releases: await cells(`SELECT id, upc FROM releases`, 'upc'),
  };
}

/**
 * A nano-unit column read exactly: SQLite answers it as a number while a double holds it exactly (the
 * usual case, and cheaper than converting every value to text), as text beyond; PostgreSQL as text.
 */
function nanoColumn(d: ReturnType<typeof dialectOf>, column: string): string {
  return d === 'sqlite'
    ? `CASE WHEN ${column} BETWEEN ${-Number.MAX_SAFE_INTEGER} AND ${Number.MAX_SAFE_INTEGER} THEN ${column} ELSE CAST(${column} AS TEXT) END`
    : `CAST(${column} AS TEXT)`;
}

/**
 * One file's lines, in id (load) order. The id range of the file is found on the source_file_id
 * index first; on SQLite a file's lines have consecutive ids (loads are serialized), so the pages
 * are then read straight off the table in rowid order (`+source_file_id` keeps the planner off the
 * index and its per-row lookups). On PostgreSQL concurrent loads interleave ids: the index is used.
 */
async function* linesOfFile(
  ds: DataSource,
  sourceFileId: number,
  sourcePath: string,
  names: Awaited<ReturnType<typeof dimensionCells>>,
): AsyncGenerator<string> {
  const d = dialectOf(ds);
  const bounds = new SqlParams(d);
  const [range] = await ds.query<Array<{ lo: number | string | null; hi: number | string | null }>>(
    `SELECT MIN(id) AS lo, MAX(id) AS hi FROM transactions WHERE source_file_id = ${bounds.add(sourceFileId)}`,
    bounds.values,
  );
  if (range.lo === null || range.hi === null) return;
  let after = Number(range.lo) - 1;
  const last = Number(range.hi);
  const fileColumn = d === 'sqlite' ? '+source_file_id' : 'source_file_id';
  const cell = (m: Map<number, string>, id: unknown): string => (id == null ? '' : (m.get(Number(id)) ?? ''));
  const fileCell = csvCell(sourcePath);
  const columns = `id, ${dateText(d, 'reporting_date')} AS reporting_date, ${dateText(d, 'sale_month')} AS sale_month, store_id, platform_id, artist_id,
         track_id, release_id, country, quantity, team_percentage, ${nanoColumn(d, 'gross_nano')} AS gross, ${nanoColumn(d, 'withheld_nano')} AS withheld,
         ${nanoColumn(d, 'net_nano')} AS net, currency, source_line`;
  // SQLite: one prepared statement answering arrays (no ORM row objects); a page at a time with all(),
  // never an open iterator, so other queries on the shared connection can run between pages.
  const page =
    d === 'sqlite'
      ? sqliteHandle(ds)
          .prepare(`SELECT ${columns} FROM transactions WHERE id > ? AND id <= ? AND ${fileColumn} = ? ORDER BY id LIMIT ${PAGE}`)
          .raw(true)
      : null;
  for (;;) {
    let rows: Cells[];
    if (page) rows = page.all(after, last, sourceFileId) as Cells[];
    else {
      const p = new SqlParams(d);
      const objects: Row[] = await ds.query(
        `SELECT ${columns} FROM transactions WHERE id > ${p.add(after)} AND id <= ${p.add(last)} AND ${fileColumn} = ${p.add(sourceFileId)} ORDER BY id LIMIT ${PAGE}`,
        p.values,
      );
      rows = objects.map((r) => CELL_ORDER.map((c) => r[c]));
    }
    if (!rows.length) return;
    const out: string[] = new Array<string>(rows.length);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      // The cells of csvLine(TRANSACTIONS_HEADER order); the dimension cells are quoted already, nano texts never need quotes.
      out[k] = [
        csvCell(r[1]),
        csvCell(String(r[2]).slice(0, 7)),
        cell(names.stores, r[3]),
        cell(names.platforms, r[4]),
        cell(names.artists, r[5]),
        cell(names.trackTitles, r[6]),
        cell(names.trackIsrcs, r[6]),
        cell(names.releases, r[7]),
        csvCell(r[8]),
        csvCell(r[9]),
        csvCell(r[10]),
        nanoTextToDecimal(String(r[11])),
        nanoTextToDecimal(String(r[12])),
        nanoTextToDecimal(String(r[13])),
        csvCell(r[14]),
        fileCell,
        csvCell(r[15]),
      ].join(',');
    }
    out.push('');
    yield out.join('\n');
    after = Number(rows[rows.length - 1][0]);
    if (rows.length < PAGE || after >= last) return;
  }
}

/**
 * Statement lines are insert-only and each belongs to one source file, so the dataset is a folder
 * of append-only parts: a load adds the part of each file that added lines and never rewrites or
 * archives an older one. The lake grows with the data, not with the number of loads. A part is
 * written under a temporary name and renamed, so its presence is its own state: an interrupted
 * build simply writes the missing parts next time. The single-file layout of earlier versions is
 * moved to archive/ once. `rewrite` writes every part again (after an artist merge renamed lines).
 */
export async function appendTransactionParts(ds: DataSource, lake: Lake, opts: { rewrite?: boolean } = {}): Promise<number> {
  const dir = lake.dir('curated', ...TRANSACTION_PARTS_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const legacy = lake.dir('curated', TRANSACTION_PARTS_DIR[0], LEGACY_SINGLE_FILE);
  if (fs.existsSync(legacy)) {
    archiveExisting(legacy, lake.dir('archive', 'curated', TRANSACTION_PARTS_DIR[0]));
    fs.rmSync(`${legacy}.state.json`, { force: true });
  }
  // A rewrite writes every part again (each replaced atomically); parts of files no longer loaded stay as they were.
  const present = new Set(opts.rewrite ? [] : fs.readdirSync(dir));
  const files: Array<{ id: number | string; path: string }> = await ds.query(
    `SELECT id, path FROM source_files WHERE status = 'loaded' AND service = 'distrokid' AND stream = 'bank_details' AND rows_loaded > 0 ORDER BY id`,
  );
  const missing = files.filter((f) => !present.has(partName(Number(f.id))));
  if (!missing.length) return 0;
  const names = await dimensionCells(ds);
  for (const f of missing) {
    const writer = new AtomicFileWriter(path.join(dir, partName(Number(f.id))));
    try {
      await writer.write(csvLine(TRANSACTIONS_HEADER));
      for await (const chunk of linesOfFile(ds, Number(f.id), f.path, names)) await writer.write(chunk);
      await writer.commit();
    } catch (err) {
      await writer.abort();
      throw err;
    }
  }
  return missing.length;
}
