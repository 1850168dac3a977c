import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams } from '../../db/dialect';
import { sqliteHandle } from '../../db/sqlite-handle';
import { AtomicFileWriter, archiveExisting, csvCell, csvLine } from '../lake/atomic-file';
import type { Lake } from '../lake/lake';
import { statementLineHead, statementLineTail } from './statement-line-csv';

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

/** Anything that runs a query: the data source, or a load's transaction manager. */
interface Queryable {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * The small dimension tables the lines refer to, read once per build instead of joined per line,
 * each name already as its CSV cell (quoted when needed), so a line only concatenates cells.
 */
export async function dimensionCells(q: Queryable) {
  const cells = async (sql: string, col: string) =>
    new Map((await q.query<Row[]>(sql)).map((r) => [Number(r.id), csvCell(r[col])] as const));
  return {
    stores: await cells(`SELECT id, name FROM stores`, 'name'),
    platforms: await cells(`SELECT id, code FROM platforms`, 'code'),
    artists: await cells(`SELECT id, name FROM artists`, 'name'),
    trackTitles: await cells(`SELECT id, title FROM tracks`, 'title'),
    trackIsrcs: await cells(`SELECT id, isrc FROM tracks`, 'isrc'),
    releases: await cells(`SELECT id, upc FROM releases`, 'upc'),
  };
}
export type DimensionCells = Awaited<ReturnType<typeof dimensionCells>>;

/** The dimension ids of a line, as stored on the fact. */
export interface LineDimensionIds {
  storeId: number | string | null;
  platformId: number | string | null;
  artistId: number | string | null;
  trackId: number | string | null;
  releaseId: number | string | null;
}

const dimCell = (m: Map<number, string>, id: unknown): string => (id == null ? '' : (m.get(Number(id)) ?? ''));

/** The six dimension cells of a line (store … upc), joined: the part of a line that repeats across a catalogue. */
export function dimensionCellsOf(names: DimensionCells, d: LineDimensionIds): string {
  return `${dimCell(names.stores, d.storeId)},${dimCell(names.platforms, d.platformId)},${dimCell(names.artists, d.artistId)},${dimCell(names.trackTitles, d.trackId)},${dimCell(names.trackIsrcs, d.trackId)},${dimCell(names.releases, d.releaseId)}`;
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
 * One file's lines, in the file's line order: the order the load writes its part in as the facts
 * stream (ids follow the row key instead), so a part rebuilt later is byte for byte the one the load
 * wrote. Neither database has an index on (source_file_id, source_line): each sorts the file's rows
 * once per part, with the source_file_id index to find them.
 */
function linesOfFile(ds: DataSource, sourceFileId: number, sourcePath: string, names: DimensionCells): AsyncGenerator<string> {
  const d = dialectOf(ds);
  const fileCell = csvCell(sourcePath);
  // `t` qualifies the columns (the SQLite page joins its ordering table).
  const columns = (t: string) => `${dateText(d, `${t}reporting_date`)} AS reporting_date, ${dateText(d, `${t}sale_month`)} AS sale_month,
         ${t}store_id, ${t}platform_id, ${t}artist_id, ${t}track_id, ${t}release_id, ${t}country, ${t}quantity, ${t}team_percentage,
         ${nanoColumn(d, `${t}gross_nano`)} AS gross, ${nanoColumn(d, `${t}withheld_nano`)} AS withheld, ${nanoColumn(d, `${t}net_nano`)} AS net,
         ${t}currency, ${t}source_line`;
  const format = (rows: Cells[]): string => {
    const out: string[] = new Array<string>(rows.length + 1);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      const dims = dimensionCellsOf(names, {
        storeId: r[3],
        platformId: r[4],
        artistId: r[5],
        trackId: r[6],
        releaseId: r[7],
      });
      out[k] =
        `${statementLineHead(r[1], r[2])},${dims},${statementLineTail(r[8], r[9], r[10], String(r[11]), String(r[12]), String(r[13]), r[14], fileCell, r[15])}`;
    }
    out[rows.length] = '';
    return out.join('\n');
  };
  return d === 'sqlite' ? sqliteLinesOfFile(ds, sourceFileId, columns, format) : postgresLinesOfFile(ds, sourceFileId, columns, format);
}

type PartColumns = (qualifier: string) => string;
type PartFormat = (rows: Cells[]) => string;

/**
 * SQLite: a file's lines have consecutive ids (loads are serialized), found on the source_file_id
 * index; their ids are sorted by line once into a temporary table (`+source_file_id` keeps the
 * planner off the index and its per-row lookups), then read a page at a time in that order. One
 * prepared statement answering arrays (no ORM row objects); a page at a time with all(), never an
 * open iterator, so other queries on the shared connection can run between pages.
 */
async function* sqliteLinesOfFile(ds: DataSource, sourceFileId: number, columns: PartColumns, format: PartFormat): AsyncGenerator<string> {
  const db = sqliteHandle(ds);
  const range = db.prepare(`SELECT MIN(id) AS lo, MAX(id) AS hi FROM transactions WHERE source_file_id = ?`).get(sourceFileId) as {
    lo: number | null;
    hi: number | null;
  };
  if (range.lo === null || range.hi === null) return;
  db.exec(`DROP TABLE IF EXISTS temp.part_order`);
  db.prepare(
    `CREATE TEMP TABLE part_order AS SELECT id FROM transactions WHERE id >= ? AND id <= ? AND +source_file_id = ? ORDER BY source_line`,
  ).run(range.lo, range.hi, sourceFileId);
  try {
    const page = db
      .prepare(
        `SELECT o.rowid, ${columns('t.')}
         FROM temp.part_order o JOIN transactions t ON t.id = o.id WHERE o.rowid > ? ORDER BY o.rowid LIMIT ${PAGE}`,
      )
      .raw(true);
    for (let after = 0; ;) {
      const rows = page.all(after) as Cells[];
      if (!rows.length) return;
      yield format(rows);
      after = Number(rows[rows.length - 1][0]);
      if (rows.length < PAGE) return;
    }
  } finally {
    db.exec(`DROP TABLE IF EXISTS temp.part_order`);
  }
}

/**
 * PostgreSQL: the file's rows (on the source_file_id index, or a scan when the file is most of the
 * table) are sorted by line by the server once and read through a cursor a page at a time: a keyset
 * page per query would sort them again for every page. At 1M rows the sort adds ~1-3 s to a ~2 s
 * read on this 2-core machine (a larger work_mem sorted in memory, no faster than the spill to
 * disk). The cursor lives in a transaction on its own connection and reads one snapshot; its first
 * fetch runs the sort, which may outlast the API's statement timeout on a large file.
 */
async function* postgresLinesOfFile(
  ds: DataSource,
  sourceFileId: number,
  columns: PartColumns,
  format: PartFormat,
): AsyncGenerator<string> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SET LOCAL statement_timeout = 0`);
    const p = new SqlParams('postgres');
    await runner.query(
      `DECLARE part_lines NO SCROLL CURSOR FOR
       SELECT id, ${columns('')} FROM transactions WHERE source_file_id = ${p.add(sourceFileId)} ORDER BY source_line`,
      p.values,
    );
    for (;;) {
      const objects = (await runner.query(`FETCH ${PAGE} FROM part_lines`)) as Row[];
      if (!objects.length) break;
      yield format(objects.map((r) => CELL_ORDER.map((c) => r[c])));
      if (objects.length < PAGE) break;
    }
    await runner.commitTransaction();
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
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
