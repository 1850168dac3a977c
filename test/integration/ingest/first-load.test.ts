/**
 * A first load (src/ingest/first-load.ts): into an empty warehouse the lines go straight into
 * `transactions` with every index dropped, then repeated lines are numbered, the indexes rebuilt
 * and the rollups inserted. Whether a load took that path is seen from the ids: it writes file
 * order, a staged load writes row-key order. Row keys, counts, rollups and a failure's rollback
 * must be what the staged path gives. Expected totals come from the sample generator or from
 * hand-counted copies, never from the loader.
 */
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { lineRowKey, numberRepeatedLines } from '../../../src/ingest/row-keys';
import { SQLITE_APPEND_CACHE_KIB, TransactionLoader } from '../../../src/ingest/load-transactions';
import { describeEachDatabase } from '../../helpers/databases';
import {
  expectKeysNumberLines,
  exportOf,
  generatedLines,
  generatorTotals,
  type Harness,
  listFiles,
  OLD_HEADER,
  openHarness,
  q,
  rollupTotals,
  TRACKS,
  transactionTotals,
  tsvLine,
} from './helpers';

const E1: BankSampleOptions = { seed: 11, rows: 900, months: ['2024-01', '2024-02'], artists: [], tracks: TRACKS };
const P2: BankSampleOptions = { seed: 22, rows: 400, months: ['2024-03'], artists: [], tracks: TRACKS };
const EMPTY = { rows: '0', gross: '0', net: '0', quantity: '0' };

/** The indexes of `transactions` as the database describes them (PostgreSQL: with their relation, which a rebuild changes). */
async function indexes(h: Harness): Promise<Array<Record<string, string>>> {
  return h.kind === 'postgres'
    ? q(
        h.ds,
        `SELECT c.relname AS name, CAST(c.oid AS text) AS oid, pg_get_indexdef(c.oid) AS definition
         FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = 'transactions'::regclass ORDER BY c.relname`,
      )
    : q(h.ds, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' ORDER BY name`);
}

const withoutOids = (rows: Array<Record<string, string>>) => rows.map(({ oid: _oid, ...rest }) => rest);
/** The partial index of the lines with net above gross, as either database prints it: a rebuild must keep its WHERE. */
const PARTIAL_INDEX =
  /^CREATE INDEX "?IDX_transactions_net_above_gross"? ON .* WHERE \(*"?gross_nano"? >= 0\)? AND \(*"?net_nano"? > "?gross_nano"?\)*$/;
const definitionsOf = (rows: Array<Record<string, string>>) => rows.map((r) => r.sql ?? r.definition);

/** A file's lines in id order: a first load wrote them in file order. */
async function keysInIdOrder(h: Harness, originalName: string): Promise<Array<{ row_key: string; source_line: number }>> {
  const rows = await q<{ row_key: string; source_line: number | string }>(
    h.ds,
    `SELECT t.row_key, t.source_line FROM transactions t JOIN source_files f ON f.id = t.source_file_id
     WHERE f.original_name = ? ORDER BY t.id`,
    [originalName],
  );
  return rows.map((r) => ({ row_key: r.row_key, source_line: Number(r.source_line) }));
}

const byLine = <T extends { source_line: number }>(rows: T[]) => [...rows].sort((a, b) => a.source_line - b.source_line);
const inFileOrder = (rows: Array<{ source_line: number }>) => rows.every((r, k) => k === 0 || r.source_line > rows[k - 1].source_line);

/** Both rollups against the same grouping done here over `transactions`. */
async function expectRollupsOfFacts(h: Harness): Promise<void> {
  const pg = h.kind === 'postgres';
  const month = pg ? `CAST(date_trunc('month', reporting_date) AS date)` : `substr(reporting_date, 1, 7) || '-01'`;
  const sums = `CAST(SUM(gross_nano) AS TEXT) AS gross, CAST(SUM(net_nano) AS TEXT) AS net, CAST(SUM(quantity) AS TEXT) AS quantity`;
  const monthly = (from: string, count: string) =>
    q(
      h.ds,
      `SELECT source, CAST(sale_month AS TEXT) AS sale_month, CAST(rm AS TEXT) AS rm, platform_id, store_id, country, artist_id,
         ${sums}, CAST(${count} AS TEXT) AS n
       FROM ${from} GROUP BY source, sale_month, rm, platform_id, store_id, country, artist_id
       ORDER BY source, sale_month, rm, platform_id, store_id, country, artist_id`,
    );
  const facts = await monthly(
    `(SELECT source, sale_month, ${month} AS rm, platform_id, store_id, COALESCE(country, '') AS country, COALESCE(artist_id, 0) AS artist_id,
        gross_nano, net_nano, quantity, 1 AS one FROM transactions) t`,
    'SUM(one)',
  );
  const rollup = await monthly(
    `(SELECT source, sale_month, reporting_month AS rm, platform_id, store_id, country, artist_id, gross_nano, net_nano, quantity,
        transaction_count FROM revenue_monthly_rollup) r`,
    'SUM(transaction_count)',
  );
  expect(rollup).toEqual(facts);
  expect(facts.length).toBeGreaterThan(10);
  const platform = (from: string, count: string) =>
    q(
      h.ds,
      `SELECT source, CAST(sale_month AS TEXT) AS sale_month, CAST(rm AS TEXT) AS rm, platform_id, ${sums}, CAST(${count} AS TEXT) AS n
       FROM ${from} GROUP BY source, sale_month, rm, platform_id ORDER BY source, sale_month, rm, platform_id`,
    );
  expect(
    await platform(
      `(SELECT source, sale_month, reporting_month AS rm, platform_id, gross_nano, net_nano, quantity, transaction_count FROM revenue_platform_rollup) p`,
      'SUM(transaction_count)',
    ),
  ).toEqual(
    await platform(
      `(SELECT source, sale_month, ${month} AS rm, platform_id, gross_nano, net_nano, quantity, 1 AS one FROM transactions) t`,
      'SUM(one)',
    ),
  );
}

describeEachDatabase('first load straight into transactions', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('gives identical lines the row keys of the staged load (adjacent, far apart, three copies), and a reload adds nothing', async () => {
    const lines = generatedLines(E1);
    // Line 0 appears three times (apart, then far), line 1 twice, line 2 three times in a row at the end.
    const repeated = [lines[0], ...lines.slice(0, 300), lines[1], lines[0], ...lines.slice(300), lines[2], lines[2]];
    const file = exportOf(OLD_HEADER, repeated);
    const before = await indexes(h);
    expect(definitionsOf(before)).toContainEqual(expect.stringMatching(PARTIAL_INDEX));

    const [s1] = await h.ingest([h.input('dk_bank_details_20240615_080000.tsv', file)]);
    expect(s1).toMatchObject({ status: 'loaded', rowsRead: repeated.length, rowsLoaded: repeated.length, rowsSkipped: 0 });
    const first = await keysInIdOrder(h, 'dk_bank_details_20240615_080000.tsv');
    expect(inFileOrder(first)).toBe(true); // the first-load path
    expect(withoutOids(await indexes(h))).toEqual(withoutOids(before));
    const occurrences = first.map((r) => Number(r.row_key.split(':')[1]));
    expect(occurrences.filter((n) => n > 0).sort()).toEqual([1, 1, 1, 2, 2]);
    // Line 2 is at position 3, its copies are the last two lines: occurrences 0, 1 and 2 in line order.
    const hash = first[3].row_key.split(':')[0];
    expect([first[3], ...first.slice(-2)].map((r) => r.row_key)).toEqual([`${hash}:0`, `${hash}:1`, `${hash}:2`]);
    expectKeysNumberLines(first, repeated);
    const totals = await transactionTotals(h.ds);
    expect(totals.rows).toBe(String(repeated.length));
    expect(await rollupTotals(h.ds)).toEqual(totals);
    await expectRollupsOfFacts(h);

    // The same lines again, reversed (a byte-identical file would be skipped as already landed): a staged load, nothing new.
    const [s2] = await h.ingest([h.input('dk_bank_details_20240715_080000.tsv', exportOf(OLD_HEADER, [...repeated].reverse()))]);
    expect(s2).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsSkipped: repeated.length });
    expect(await transactionTotals(h.ds)).toEqual(totals);
    expect(await rollupTotals(h.ds)).toEqual(totals);

    // The same file into a warehouse that already holds more rows: the staged load, which numbers the lines in its temporary table.
    const other = await openHarness(kind);
    try {
      await other.ingest([
        other.input(
          'dk_bank_details_20240315_080000.tsv',
          exportOf(OLD_HEADER, [...generatedLines(P2), ...generatedLines({ ...P2, seed: 23, rows: 700 })]),
        ),
      ]);
      const [s3] = await other.ingest([other.input('dk_bank_details_20240615_080000.tsv', file)]);
      expect(s3).toMatchObject({ status: 'loaded', rowsLoaded: repeated.length, rowsSkipped: 0 });
      const staged = await keysInIdOrder(other, 'dk_bank_details_20240615_080000.tsv');
      expect(inFileOrder(staged)).toBe(false); // key order: the staged path
      expect(byLine(staged)).toEqual(first);
      expectKeysNumberLines(staged, repeated);
    } finally {
      await other.close();
    }
  });

  it('keeps every index definition, the partial index with its WHERE, through a first load and a larger staged one', async () => {
    const before = await indexes(h);
    expect(definitionsOf(before)).toContainEqual(expect.stringMatching(PARTIAL_INDEX));
    // A line with net above gross (a negative withholding) for the partial index to hold.
    const netAboveGross = tsvLine(OLD_HEADER, { 'Earnings (USD)': '0.50000000', 'Songwriter Royalties Withheld': '-0.10000000' });
    await h.ingest([h.input('dk_bank_details_20240315_080000.tsv', exportOf(OLD_HEADER, [...generatedLines(E1), netAboveGross]))]);
    expect(withoutOids(await indexes(h))).toEqual(withoutOids(before));
    // More lines than the table holds: the large-load path drops the secondary indexes and recreates them from their definitions.
    const [s2] = await h.ingest([
      h.input(
        'dk_bank_details_20240415_080000.tsv',
        exportOf(OLD_HEADER, [...generatedLines(P2), ...generatedLines({ ...P2, seed: 23, rows: 700 })]),
      ),
    ]);
    expect(s2).toMatchObject({ status: 'loaded', rowsLoaded: 1100 });
    expect(withoutOids(await indexes(h))).toEqual(withoutOids(before));
    const [{ n }] = await q<{ n: string | number }>(
      h.ds,
      'SELECT COUNT(*) AS n FROM transactions WHERE gross_nano >= 0 AND net_nano > gross_nano',
    );
    expect(Number(n)).toBe(1);
  });

  it('numbers provisional keys as the staged load would, also after a false "seen" (a hash new in the file)', async () => {
    const lines = generatedLines(E1);
    // Line 0 twice at the start, line 5 at position 6 and twice at the end.
    const repeated = [lines[0], lines[0], ...lines.slice(1, 50), lines[5], lines[5]];
    await h.ingest([h.input('dk_bank_details_20240615_080000.tsv', exportOf(OLD_HEADER, repeated))]);
    const keys = await keysInIdOrder(h, 'dk_bank_details_20240615_080000.tsv');
    expect(keys.map((r) => r.row_key.split(':')[1]).join('')).toBe(`01${'0'.repeat(49)}12`);
    // As a first load writes them when its filter answers "seen": every copy, and falsely the first line
    // of line 5's hash and a line that is alone in the file.
    const provisional = keys.filter((r, k) => !r.row_key.endsWith(':0') || k === 6 || k === 20);
    const placeholders = h.kind === 'postgres' ? ['$1', '$2'] : ['?', '?'];
    await h.ds.transaction(async (m) => {
      for (const r of provisional)
        await m.query(`UPDATE transactions SET row_key = ${placeholders[0]} WHERE source_line = ${placeholders[1]}`, [
          lineRowKey(r.row_key.split(':')[0], r.source_line, true),
          r.source_line,
        ]);
      await numberRepeatedLines(m, h.kind);
    });
    expect(await keysInIdOrder(h, 'dk_bank_details_20240615_080000.tsv')).toEqual(keys);
  });

  it('loads a file of many batches with exact totals and rollups equal to the facts grouped', async () => {
    const big: BankSampleOptions = { ...E1, seed: 33, rows: 45_000, months: ['2024-01', '2024-02', '2024-03'], repeatRate: 0.01 };
    const [s] = await h.ingest([h.input('dk_bank_details_20240415_080000.tsv', exportOf(OLD_HEADER, generatedLines(big)))]);
    expect(s).toMatchObject({ status: 'loaded', rowsRead: big.rows, rowsLoaded: big.rows, rowsSkipped: 0 });
    expect(inFileOrder(await keysInIdOrder(h, 'dk_bank_details_20240415_080000.tsv'))).toBe(true);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(big));
    expect(await rollupTotals(h.ds)).toEqual(generatorTotals(big));
    await expectRollupsOfFacts(h);
    const [{ n }] = await q<{ n: string | number }>(h.ds, `SELECT COUNT(*) AS n FROM transactions WHERE row_key NOT LIKE '%:0'`);
    expect(Number(n)).toBeGreaterThan(300); // ~1 % of the lines are copies
  });

  it('rolls a bad row deep in the file back to the empty warehouse, with all its indexes, and the lake unchanged', async () => {
    const before = await indexes(h);
    const big: BankSampleOptions = { ...E1, seed: 44, rows: 45_000, repeatRate: 0.01 };
    const lines = generatedLines(big);
    const broken = lines[40_000].split('\t');
    broken[12] = '12.3O'; // a letter O for a zero, line 40,002: after many batches went into the table
    lines[40_000] = broken.join('\t');
    const [s] = await h.ingest([h.input('dk_bank_details_20240415_080000.tsv', exportOf(OLD_HEADER, lines))]);
    expect(s.status).toBe('quarantined');
    expect(s.reason).toMatchObject({ code: 'BAD_VALUE', line: 40_002 });
    expect(await indexes(h)).toEqual(before); // PostgreSQL: the same relations, the drop was rolled back
    expect(await transactionTotals(h.ds)).toEqual(EMPTY);
    expect(await rollupTotals(h.ds)).toEqual(EMPTY);
    expect(await q(h.ds, 'SELECT * FROM revenue_platform_rollup')).toEqual([]);
    expect(listFiles(path.join(h.lakeDir, 'raw'))).toEqual([]);
    expect(listFiles(path.join(h.lakeDir, 'staging'))).toEqual([]);
    expect(listFiles(path.join(h.lakeDir, 'curated')).filter((f) => /part-\d+\.csv$/.test(f))).toEqual([]);

    // The warehouse works as before: the file without the bad line loads by the first-load path.
    lines.splice(40_000, 1);
    const [ok] = await h.ingest([h.input('dk_bank_details_20240416_080000.tsv', exportOf(OLD_HEADER, lines))]);
    expect(ok).toMatchObject({ status: 'loaded', rowsLoaded: lines.length, rowsSkipped: 0 });
    expect(inFileOrder(await keysInIdOrder(h, 'dk_bank_details_20240416_080000.tsv'))).toBe(true);
  });

  it('stages the load when a rollup holds rows while transactions is empty (the rollups are sums of transactions)', async () => {
    await h.ingest([h.input('dk_bank_details_20240315_080000.tsv', exportOf(OLD_HEADER, generatedLines(P2)))]);
    await q(h.ds, 'DELETE FROM transactions');
    const [stray] = await q<{ rows: string }>(h.ds, 'SELECT CAST(SUM(transaction_count) AS TEXT) AS rows FROM revenue_monthly_rollup');
    expect(stray.rows).toBe(String(P2.rows));

    const [s] = await h.ingest([h.input('dk_bank_details_20240415_080000.tsv', exportOf(OLD_HEADER, generatedLines(E1)))]);
    expect(s).toMatchObject({ status: 'loaded', rowsLoaded: E1.rows, rowsSkipped: 0 });
    expect(inFileOrder(await keysInIdOrder(h, 'dk_bank_details_20240415_080000.tsv'))).toBe(false);
    // Added to what the rollup held, as every staged load does.
    expect(await rollupTotals(h.ds)).toEqual(generatorTotals(E1, P2));
  });
});

describe('a first load on SQLite: its page cache', () => {
  let h: Harness;
  beforeAll(async () => (h = await openHarness('sqlite')));
  afterAll(async () => h?.close());

  const cacheSize = async (m: EntityManager) => Number((await m.query<Array<{ cache_size: number }>>('PRAGMA cache_size'))[0].cache_size);

  // Appends touch only the table's last pages: a large cache beside the parse worker raised the load's peak RSS by ~20 MB (bench).
  it('appends with a small page cache and gives the connection its own back when it finishes', async () => {
    await h.ds.transaction(async (m) => {
      const own = await cacheSize(m);
      const loader = await TransactionLoader.start(m, 'sqlite', 1);
      expect(await cacheSize(m)).toBe(-SQLITE_APPEND_CACHE_KIB);
      await loader.add([]);
      expect(await loader.finish()).toEqual({ inserted: 0, skipped: 0 });
      expect(await cacheSize(m)).toBe(own);
    });
  });
});
