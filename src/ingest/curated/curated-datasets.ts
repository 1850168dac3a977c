import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams, sumAsText } from '../../db/dialect';
import { AtomicFileWriter, csvLine } from '../lake/atomic-file';
import type { Lake } from '../lake/lake';
import { divideToDecimal, formatNano } from '../../domain/money';
import { DEFAULT_ARCHIVE_KEEP, pruneArchive } from './archive-retention';
import { engagementDatasets } from './engagement-datasets';
import { writePlatformComparisonParquet } from './platform-comparison-parquet';
import { appendTransactionParts } from './transaction-parts';

const PAGE = 20_000;
type Row = Record<string, string | number | null>;

/**
 * Reads a fact table page by page on its id, joined to its dimensions, so a dataset of millions of
 * rows never sits in memory. The page is cut in a subquery on the primary key first: joined
 * directly, planners may start from a dimension and sort every remaining row for each page.
 */
export async function* pagedById(
  ds: DataSource,
  table: string,
  select: (page: string) => string,
  sourceFileIds?: number[],
): AsyncGenerator<Row[]> {
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

/** Writes a rebuilt curated dataset atomically; the version it replaces goes to archive/ with a timestamp. */
async function writeDataset(lake: Lake, area: string, name: string, header: string[], rows: () => AsyncIterable<string[]>): Promise<void> {
  const writer = new AtomicFileWriter(lake.dir('curated', area, name));
  try {
    await writer.write(csvLine(header));
    for await (const lines of rows()) await writer.write(lines.join(''));
    await writer.commit({ archiveTo: lake.dir('archive', 'curated', area) });
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

async function* dailyStreams(ds: DataSource): AsyncGenerator<string[]> {
  const d = dialectOf(ds);
  for await (const page of pagedById(
    ds,
    'streams',
    (
      rows,
    ) => `SELECT t.id, ${dateText(d, 't.date')} AS date, a.name AS artist, tr.title AS track, pl.code AS platform, t.source, t.streams, t.country
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
  const groups = new Map<
    string,
    { month: string; platform: string; quantity: bigint; gross: bigint; net: bigint; top: [string, bigint] | null }
  >();
  for (const r of rows) {
    const key = `${r.month}|${r.platform}`;
    const g = groups.get(key) ?? {
      month: String(r.month).slice(0, 7),
      platform: String(r.platform),
      quantity: 0n,
      gross: 0n,
      net: 0n,
      top: null,
    };
    const net = BigInt(String(r.net));
    g.quantity += BigInt(String(r.quantity));
    g.gross += BigInt(String(r.gross));
    g.net += net;
    if (r.country && (!g.top || net > g.top[1])) g.top = [String(r.country), net];
    groups.set(key, g);
  }
  yield [...groups.values()].map((g) =>
    csvLine([
      g.month,
      g.platform,
      g.quantity,
      formatNano(g.gross),
      formatNano(g.net),
      g.quantity > 0n ? divideToDecimal(g.net, g.quantity * 10n ** 9n, 8) : '',
      g.top?.[0] ?? '',
    ]),
  );
}

export interface CuratedOptions {
  /** Archived versions kept per rebuilt dataset (CURATED_ARCHIVE_KEEP); default DEFAULT_ARCHIVE_KEEP. */
  archiveKeep?: number;
  /** Rewrite the append-only statement-line parts too, e.g. after an artist merge renamed lines already written. */
  full?: boolean;
}

/**
 * Brings every curated dataset up to date with the warehouse, the single source of truth: the
 * statement lines by appending one part per new file, the small aggregate datasets by rebuilding
 * them (their previous versions archived, then pruned to the retention rule).
 */
export async function rebuildCuratedDatasets(ds: DataSource, lake: Lake, options: CuratedOptions = {}): Promise<void> {
  await appendTransactionParts(ds, lake, { rewrite: options.full });
  await writeDataset(
    lake,
    'streaming',
    'daily_streams.csv',
    ['date', 'artist_name', 'track_name', 'platform', 'source', 'streams', 'country'],
    () => dailyStreams(ds),
  );
  await writeDataset(
    lake,
    'financial',
    'revenue_monthly.csv',
    ['month', 'platform', 'total_streams', 'gross_revenue_usd', 'net_revenue_usd', 'avg_payout_per_stream', 'top_country'],
    () => revenueMonthly(ds),
  );
  for (const spec of engagementDatasets(ds)) await writeDataset(lake, spec.area, spec.name, spec.header, spec.rows);
  await writePlatformComparisonParquet(ds, lake);
  pruneArchive(lake.dir('archive', 'curated'), options.archiveKeep ?? DEFAULT_ARCHIVE_KEEP);
}
