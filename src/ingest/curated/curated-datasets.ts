import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams, sumAsText } from '../../db/dialect';
import { AtomicFileWriter, csvLine } from '../lake/atomic-file';
import type { Lake } from '../lake/lake';
import { divideToDecimal, formatNano } from '../money';

const PAGE = 20_000;
type Row = Record<string, string | number | null>;

/** Reads a query page by page on its `id` column, so a dataset of millions of rows never sits in memory. */
async function* pagedById(ds: DataSource, select: (p: SqlParams, afterId: string) => string): AsyncGenerator<Row[]> {
  let after = 0;
  for (;;) {
    const p = new SqlParams(dialectOf(ds));
    const rows: Row[] = await ds.query(`${select(p, p.add(after))} ORDER BY t.id LIMIT ${PAGE}`, p.values);
    if (!rows.length) return;
    yield rows;
    after = Number(rows[rows.length - 1].id);
    if (rows.length < PAGE) return;
  }
}

/** Writes a curated dataset atomically; the version it replaces goes to archive/ with a timestamp. */
async function writeDataset(lake: Lake, area: string, name: string, header: string[], rows: AsyncIterable<string[]>): Promise<void> {
  const writer = new AtomicFileWriter(lake.dir('curated', area, name));
  try {
    await writer.write(csvLine(header));
    for await (const lines of rows) await writer.write(lines.join(''));
    await writer.commit({ archiveTo: lake.dir('archive', 'curated', area) });
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

async function* distrokidTransactions(ds: DataSource): AsyncGenerator<string[]> {
  const d = dialectOf(ds);
  for await (const page of pagedById(
    ds,
    (_p, after) => `SELECT t.id, ${dateText(d, 't.reporting_date')} AS reporting_date, ${dateText(d, 't.sale_month')} AS sale_month,
        s.name AS store, pl.code AS platform, a.name AS artist, tr.title, tr.isrc, r.upc, t.country, t.quantity, t.team_percentage,
        CAST(t.gross_nano AS TEXT) AS gross, CAST(t.withheld_nano AS TEXT) AS withheld, CAST(t.net_nano AS TEXT) AS net, t.currency,
        f.path AS source_file, t.source_line
      FROM transactions t JOIN stores s ON s.id = t.store_id JOIN platforms pl ON pl.id = t.platform_id
      LEFT JOIN artists a ON a.id = t.artist_id LEFT JOIN tracks tr ON tr.id = t.track_id LEFT JOIN releases r ON r.id = t.release_id
      JOIN source_files f ON f.id = t.source_file_id
      WHERE t.source = 'distrokid' AND t.id > ${after}`,
  )) {
    yield page.map((r) =>
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
    (_p, after) => `SELECT t.id, ${dateText(d, 't.date')} AS date, a.name AS artist, tr.title AS track, pl.code AS platform, t.source, t.streams, t.country
      FROM streams t JOIN platforms pl ON pl.id = t.platform_id LEFT JOIN artists a ON a.id = t.artist_id LEFT JOIN tracks tr ON tr.id = t.track_id
      WHERE t.id > ${after}`,
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

/** Rebuilds every curated dataset from the warehouse, the single source of truth after loading. */
export async function rebuildCuratedDatasets(ds: DataSource, lake: Lake): Promise<void> {
  await writeDataset(
    lake, 'financial', 'distrokid_transactions.csv',
    ['reporting_date', 'sale_month', 'store', 'platform', 'artist', 'title', 'isrc', 'upc', 'country', 'quantity', 'team_percentage',
      'gross_usd', 'withheld_usd', 'net_usd', 'currency', 'source_file', 'source_line'],
    distrokidTransactions(ds),
  );
  await writeDataset(lake, 'streaming', 'daily_streams.csv', ['date', 'artist_name', 'track_name', 'platform', 'source', 'streams', 'country'], dailyStreams(ds));
  await writeDataset(
    lake, 'financial', 'revenue_monthly.csv',
    ['month', 'platform', 'total_streams', 'gross_revenue_usd', 'net_revenue_usd', 'avg_payout_per_stream', 'top_country'],
    revenueMonthly(ds),
  );
}
