import fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams, sumAsText } from '../../db/dialect';
import { AtomicFileWriter, csvLine } from '../lake/atomic-file';
import type { Lake } from '../lake/lake';
import { divideToDecimal, formatNano } from '../money';
import { engagementDatasets } from './engagement-datasets';
import { writePlatformComparisonParquet } from './platform-comparison-parquet';

const PAGE = 20_000;
type Row = Record<string, string | number | null>;

/**
 * Reads a fact table page by page on its id, joined to its dimensions, so a dataset of millions of
 * rows never sits in memory. The page is cut in a subquery on the primary key first: joined
 * directly, planners may start from a dimension and sort every remaining row for each page.
 */
export async function* pagedById(ds: DataSource, table: string, select: (page: string) => string, sourceFileIds?: number[]): AsyncGenerator<Row[]> {
  let after = 0;
  for (;;) {
    const p = new SqlParams(dialectOf(ds));
    // Placeholders are positional on SQLite: add the values in the order they appear.
    const afterId = p.add(after);
    const only = sourceFileIds ? ` AND source_file_id IN (${p.list(sourceFileIds)})` : '';
    const page = `(SELECT * FROM ${table} WHERE id > ${afterId}${only} ORDER BY id LIMIT ${PAGE})`;
    const rows: Row[] = await ds.query(`${select(page)} ORDER BY t.id`, p.values);
    if (!rows.length) return;
    yield rows;
    after = Number(rows[rows.length - 1].id);
    if (rows.length < PAGE) return;
  }
}

function firstLine(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const text = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    const end = text.indexOf('\n');
    return end === -1 ? null : text.slice(0, end + 1);
  } finally {
    fs.closeSync(fd);
  }
}

/** How to extend an append-only dataset: the rows to add, and the state to record once written. */
interface Extension {
  rows: AsyncIterable<string[]>;
  includedSourceFileIds: number[];
}

/** What an append-only dataset already holds, kept beside it; `bytes` ties it to one version of the file. */
interface DatasetState {
  bytes: number;
  includedSourceFileIds: number[];
}

function readState(target: string): DatasetState | null {
  try {
    const state = JSON.parse(fs.readFileSync(`${target}.state.json`, 'utf8')) as DatasetState;
    return fs.statSync(target).size === state.bytes && Array.isArray(state.includedSourceFileIds) ? state : null;
  } catch {
    return null;
  }
}

/**
 * Writes a curated dataset atomically; the version it replaces goes to archive/ with a timestamp.
 * An append-only dataset (`plan` given) is extended from a copy of its current version when that
 * version and its state agree, and rebuilt in full otherwise (first run, or an interrupted one).
 */
async function writeDataset(
  lake: Lake, area: string, name: string, header: string[], full: () => AsyncIterable<string[]>,
  plan?: (state: DatasetState | null) => Promise<Extension | null>,
): Promise<void> {
  const target = lake.dir('curated', area, name);
  const state = plan && firstLine(target) === csvLine(header) ? readState(target) : null;
  const extension = plan ? await plan(state) : null;
  const writer = new AtomicFileWriter(target);
  try {
    if (extension && state) await writer.copyFrom(target);
    else await writer.write(csvLine(header));
    for await (const lines of extension?.rows ?? full()) await writer.write(lines.join(''));
    await writer.commit({ archiveTo: lake.dir('archive', 'curated', area) });
  } catch (err) {
    await writer.abort();
    throw err;
  }
  if (extension) {
    const next: DatasetState = { bytes: fs.statSync(target).size, includedSourceFileIds: extension.includedSourceFileIds };
    fs.writeFileSync(`${target}.state.json.tmp`, JSON.stringify(next));
    fs.renameSync(`${target}.state.json.tmp`, `${target}.state.json`);
  }
}

async function* distrokidTransactions(ds: DataSource, sourceFileIds?: number[]): AsyncGenerator<string[]> {
  const d = dialectOf(ds);
  for await (const page of pagedById(
    ds,
    'transactions',
    (rows) => `SELECT t.id, t.source, ${dateText(d, 't.reporting_date')} AS reporting_date, ${dateText(d, 't.sale_month')} AS sale_month,
        s.name AS store, pl.code AS platform, a.name AS artist, tr.title, tr.isrc, r.upc, t.country, t.quantity, t.team_percentage,
        CAST(t.gross_nano AS TEXT) AS gross, CAST(t.withheld_nano AS TEXT) AS withheld, CAST(t.net_nano AS TEXT) AS net, t.currency,
        f.path AS source_file, t.source_line
      FROM ${rows} t JOIN stores s ON s.id = t.store_id JOIN platforms pl ON pl.id = t.platform_id
      LEFT JOIN artists a ON a.id = t.artist_id LEFT JOIN tracks tr ON tr.id = t.track_id LEFT JOIN releases r ON r.id = t.release_id
      JOIN source_files f ON f.id = t.source_file_id`,
    sourceFileIds,
  )) {
    yield page.filter((r) => r.source === 'distrokid').map((r) =>
      csvLine([
        r.reporting_date, String(r.sale_month).slice(0, 7), r.store, r.platform, r.artist, r.title, r.isrc, r.upc, r.country, r.quantity,
        r.team_percentage, formatNano(String(r.gross)), formatNano(String(r.withheld)), formatNano(String(r.net)), r.currency, r.source_file, r.source_line,
      ]),
    );
  }
}

async function* dailyStreams(ds: DataSource): AsyncGenerator<string[]> {
  const d = dialectOf(ds);
  for await (const page of pagedById(
    ds,
    'streams',
    (rows) => `SELECT t.id, ${dateText(d, 't.date')} AS date, a.name AS artist, tr.title AS track, pl.code AS platform, t.source, t.streams, t.country
      FROM ${rows} t JOIN platforms pl ON pl.id = t.platform_id LEFT JOIN artists a ON a.id = t.artist_id LEFT JOIN tracks tr ON tr.id = t.track_id`,
  )) {
    yield page.map((r) => csvLine([r.date, r.artist, r.track, r.platform, r.source, r.streams, r.country]));
  }
}

/** Month × platform from the rollup (sale-month basis): quantities, exact money, payout per unit and the top country by net. */
async function* revenueMonthly(ds: DataSource): AsyncGenerator<string[]> {
  const d = dialectOf(ds);
  const rows: Row[] = await ds.query(
    `SELECT ${dateText(d, 'r.sale_month')} AS month, pl.code AS platform, r.country, ${sumAsText(d, 'r.quantity')} AS quantity,
       ${sumAsText(d, 'r.gross_nano')} AS gross, ${sumAsText(d, 'r.net_nano')} AS net
     FROM revenue_monthly_rollup r JOIN platforms pl ON pl.id = r.platform_id
     GROUP BY r.sale_month, pl.code, r.country ORDER BY 1, 2, 3`,
    new SqlParams(d).values,
  );
  const groups = new Map<string, { month: string; platform: string; quantity: bigint; gross: bigint; net: bigint; top: [string, bigint] | null }>();
  for (const r of rows) {
    const key = `${r.month}|${r.platform}`;
    const g = groups.get(key) ?? { month: String(r.month).slice(0, 7), platform: String(r.platform), quantity: 0n, gross: 0n, net: 0n, top: null };
    const net = BigInt(String(r.net));
    g.quantity += BigInt(String(r.quantity));
    g.gross += BigInt(String(r.gross));
    g.net += net;
    if (r.country && (!g.top || net > g.top[1])) g.top = [String(r.country), net];
    groups.set(key, g);
  }
  yield [...groups.values()].map((g) =>
    csvLine([
      g.month, g.platform, g.quantity, formatNano(g.gross), formatNano(g.net),
      g.quantity > 0n ? divideToDecimal(g.net, g.quantity * 10n ** 9n, 8) : '', g.top?.[0] ?? '',
    ]),
  );
}

/**
 * Statement lines are insert-only, each tagged with its source file: the transactions dataset is
 * extended with the lines of files it does not hold yet instead of being rewritten every load.
 */
function transactionsExtension(ds: DataSource) {
  return async (state: DatasetState | null): Promise<Extension> => {
    const loaded: Array<{ id: number | string }> = await ds.query(`SELECT id FROM source_files WHERE status = 'loaded' AND service = 'distrokid' ORDER BY id`);
    const all = loaded.map((r) => Number(r.id));
    const held = new Set(state?.includedSourceFileIds ?? []);
    const missing = all.filter((id) => !held.has(id));
    return { includedSourceFileIds: all, rows: state ? (missing.length ? distrokidTransactions(ds, missing) : emptyRows()) : distrokidTransactions(ds) };
  };
}

async function* emptyRows(): AsyncGenerator<string[]> {}

/** Brings every curated dataset up to date with the warehouse, the single source of truth. */
/** `full`: rewrite even the append-only datasets, e.g. after an artist merge renamed rows already written. */
export async function rebuildCuratedDatasets(ds: DataSource, lake: Lake, opts: { full?: boolean } = {}): Promise<void> {
  await writeDataset(
    lake, 'financial', 'distrokid_transactions.csv',
    ['reporting_date', 'sale_month', 'store', 'platform', 'artist', 'title', 'isrc', 'upc', 'country', 'quantity', 'team_percentage',
      'gross_usd', 'withheld_usd', 'net_usd', 'currency', 'source_file', 'source_line'],
    () => distrokidTransactions(ds),
    opts.full ? undefined : transactionsExtension(ds),
  );
  await writeDataset(lake, 'streaming', 'daily_streams.csv', ['date', 'artist_name', 'track_name', 'platform', 'source', 'streams', 'country'], () => dailyStreams(ds));
  await writeDataset(
    lake, 'financial', 'revenue_monthly.csv',
    ['month', 'platform', 'total_streams', 'gross_revenue_usd', 'net_revenue_usd', 'avg_payout_per_stream', 'top_country'],
    () => revenueMonthly(ds),
  );
  for (const spec of engagementDatasets(ds)) await writeDataset(lake, spec.area, spec.name, spec.header, spec.rows);
  await writePlatformComparisonParquet(ds, lake);
}
