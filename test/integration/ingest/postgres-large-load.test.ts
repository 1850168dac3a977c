/**
 * PostgreSQL: a load whose new lines are at least as many as `transactions` holds drops the table's
 * secondary indexes (the row key's unique index included), inserts, and rebuilds them in the same
 * transaction (src/ingest/postgres-large-load.ts). Whether an index was rebuilt is seen from its
 * oid (a rebuilt index is a new relation); the definitions, the totals and the row key's uniqueness
 * must be what they were. Expected totals come from the sample generator.
 */
import { Client } from 'pg';
import { testEnv } from '../../helpers/test-env';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import {
  exportOf,
  generatedLines,
  generatorTotals,
  type Harness,
  OLD_HEADER,
  openHarness,
  q,
  rollupTotals,
  statuses,
  TRACKS,
  transactionTotals,
} from './helpers';

const E1: BankSampleOptions = { seed: 11, rows: 900, months: ['2024-01', '2024-02'], artists: [], tracks: TRACKS };
const P2: BankSampleOptions = { seed: 22, rows: 400, months: ['2024-03'], artists: [], tracks: TRACKS };

interface IndexRow {
  name: string;
  oid: string;
  definition: string;
}

async function indexes(h: Harness): Promise<IndexRow[]> {
  return q<IndexRow>(
    h.ds,
    `SELECT c.relname AS name, CAST(c.oid AS text) AS oid, pg_get_indexdef(c.oid) AS definition
     FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = 'transactions'::regclass ORDER BY c.relname`,
  );
}

const definitions = (rows: IndexRow[]) => rows.map(({ name, definition }) => ({ name, definition }));
/** Names of the indexes whose relation changed between two listings (rebuilt ones). */
const rebuilt = (before: IndexRow[], after: IndexRow[]) =>
  after.filter((a) => before.find((b) => b.name === a.name)?.oid !== a.oid).map((a) => a.name);

const SECONDARY = [
  'IDX_transactions_artist',
  'IDX_transactions_net_above_gross',
  'IDX_transactions_reporting_date_id',
  'IDX_transactions_sale_month_id',
  'IDX_transactions_source_file',
  'IDX_transactions_track_reporting_date_id',
  'UQ_transactions_source_row_key',
];

(testEnv.postgresAvailable ? describe : describe.skip)('PostgreSQL large loads: indexes dropped and rebuilt [postgres]', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness('postgres');
  });
  afterEach(async () => {
    await h?.close();
  });

  it('rebuilds every secondary index of a first load with the same definitions, and the row key stays unique', async () => {
    const before = await indexes(h);
    const [s] = await h.ingest([h.input('dk_bank_details_20250101_120000.tsv', [...bankDetailsChunks(E1)].join(''))]);
    expect(s).toMatchObject({ status: 'loaded', rowsLoaded: E1.rows, rowsSkipped: 0 });
    const after = await indexes(h);
    expect(definitions(after)).toEqual(definitions(before));
    // The partial index comes back partial: pg_get_indexdef keeps its WHERE.
    expect(after.find((i) => i.name === 'IDX_transactions_net_above_gross')?.definition).toMatch(
      / WHERE \(\(gross_nano >= 0\) AND \(net_nano > gross_nano\)\)$/,
    );
    expect(rebuilt(before, after)).toEqual(SECONDARY);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1));
    expect(await rollupTotals(h.ds)).toEqual(generatorTotals(E1));
    // The rebuilt unique index is enforced.
    await expect(
      h.ds.query(
        `INSERT INTO transactions (source, row_key, reporting_date, sale_month, store_id, platform_id, quantity, team_percentage,
           gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line)
         SELECT source, row_key, reporting_date, sale_month, store_id, platform_id, quantity, team_percentage,
           gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line FROM transactions LIMIT 1`,
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('rebuilds the indexes only when the new lines are at least as many as the table holds, not for a full-history export', async () => {
    const l1 = generatedLines(E1);
    const l2 = generatedLines(P2);
    const l3 = generatedLines({ ...P2, seed: 24, rows: 100 });
    await h.ingest([h.input('dk_bank_details_20240315_080000.tsv', exportOf(OLD_HEADER, l2))]);
    const first = await indexes(h);

    // 900 new lines (and 400 known) into a table of 400: the large-load path, with rows already in the table.
    const [s2] = await h.ingest([h.input('dk_bank_details_20240415_080000.tsv', exportOf(OLD_HEADER, [...l1, ...l2].reverse()))]);
    expect(s2).toMatchObject({ status: 'loaded', rowsRead: E1.rows + P2.rows, rowsLoaded: E1.rows, rowsSkipped: P2.rows });
    const second = await indexes(h);
    expect(rebuilt(first, second)).toEqual(SECONDARY);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1, P2));

    // The next full-history export: every earlier line again and 100 new ones. The indexes stay.
    const [s3] = await h.ingest([h.input('dk_bank_details_20240515_080000.tsv', exportOf(OLD_HEADER, [...l2, ...l1, ...l3]))]);
    expect(s3).toMatchObject({ status: 'loaded', rowsRead: E1.rows + P2.rows + 100, rowsLoaded: 100, rowsSkipped: E1.rows + P2.rows });
    const third = await indexes(h);
    expect(rebuilt(second, third)).toEqual([]);

    // A smaller re-export adds nothing and keeps them too.
    const [s4] = await h.ingest([h.input('dk_bank_details_20240615_080000.tsv', exportOf(OLD_HEADER, [...l1].reverse()))]);
    expect(s4).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsSkipped: E1.rows });
    expect(rebuilt(third, await indexes(h))).toEqual([]);
    const all = { ...P2, rows: 100, seed: 24 };
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1, P2, all));
    expect(await rollupTotals(h.ds)).toEqual(generatorTotals(E1, P2, all));
  });

  it('rolls a failed large load back with its indexes: the warehouse is as it was', async () => {
    await h.ingest([h.input('dk_bank_details_20240315_080000.tsv', exportOf(OLD_HEADER, generatedLines(P2)))]);
    const before = await indexes(h);
    const totals = await transactionTotals(h.ds);
    // Cut off after its last amount: it parses and loads (indexes dropped and rebuilt), then the missing line break rolls it back.
    const cut = exportOf(OLD_HEADER, [...generatedLines(E1), ...generatedLines(P2)]).slice(0, -1);
    const [s] = await h.ingest([h.input('dk_bank_details_20240415_080000.tsv', cut)]);
    expect(statuses([s])[0]).toMatch(/quarantined/);
    const after = await indexes(h);
    expect(after).toEqual(before); // same relations: the drop was rolled back
    expect(await transactionTotals(h.ds)).toEqual(totals);
    expect(await rollupTotals(h.ds)).toEqual(totals);
  });

  it('loads a file of several COPY batches exactly, and the same lines again in another order add nothing', async () => {
    const big: BankSampleOptions = { seed: 33, rows: 45_000, months: ['2024-01', '2024-02', '2024-03'], artists: [], tracks: TRACKS };
    const lines = generatedLines(big);
    const [s1] = await h.ingest([h.input('dk_bank_details_20240415_080000.tsv', exportOf(OLD_HEADER, lines))]);
    expect(s1).toMatchObject({ status: 'loaded', rowsLoaded: big.rows, rowsSkipped: 0 });
    const [s2] = await h.ingest([h.input('dk_bank_details_20240515_080000.tsv', exportOf(OLD_HEADER, [...lines].reverse()))]);
    expect(s2).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsSkipped: big.rows });
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(big));
    expect(await rollupTotals(h.ds)).toEqual(generatorTotals(big));
  });

  it('keeps the indexes when a reader holds the table (the load does not queue readers behind it)', async () => {
    const before = await indexes(h);
    const reader = new Client({ connectionString: h.db.url });
    await reader.connect();
    try {
      await reader.query('BEGIN');
      await reader.query('SELECT COUNT(*) FROM transactions');
      const [s] = await h.ingest([h.input('dk_bank_details_20250101_120000.tsv', [...bankDetailsChunks(E1)].join(''))]);
      expect(s).toMatchObject({ status: 'loaded', rowsLoaded: E1.rows });
    } finally {
      await reader.query('ROLLBACK');
      await reader.end();
    }
    expect(rebuilt(before, await indexes(h))).toEqual([]);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1));
    expect(await rollupTotals(h.ds)).toEqual(generatorTotals(E1));
  });
  it('numbers identical lines of a first load (no window over the file, no anti-join) as a load with the row key index does, and a reload adds nothing', async () => {
    const lines = generatedLines(E1);
    // Lines 0 and 2 appear three times inside the file, line 1 twice: the copies apart and next to each other.
    const repeated = [lines[0], ...lines.slice(0, 300), lines[1], lines[0], ...lines.slice(300), lines[2], lines[2]];
    const file = exportOf(OLD_HEADER, repeated);
    const keysOf = (ds: Harness['ds']) =>
      q<{ row_key: string; source_line: number }>(
        ds,
        `SELECT t.row_key, t.source_line FROM transactions t JOIN source_files f ON f.id = t.source_file_id
         WHERE f.original_name = 'dk_bank_details_20240615_080000.tsv' ORDER BY t.source_line`,
      );

    // Into the empty warehouse: the first-load path (indexes dropped, every line new).
    const before = await indexes(h);
    const [s1] = await h.ingest([h.input('dk_bank_details_20240615_080000.tsv', file)]);
    expect(s1).toMatchObject({ status: 'loaded', rowsLoaded: repeated.length, rowsSkipped: 0 });
    expect(rebuilt(before, await indexes(h))).toEqual(SECONDARY);
    const firstLoad = await keysOf(h.ds);
    const totals = await transactionTotals(h.ds);
    expect(totals.rows).toBe(String(repeated.length));
    expect(await rollupTotals(h.ds)).toEqual(totals);
    const occurrences = firstLoad.map((r) => Number(r.row_key.split(':')[1]));
    expect(occurrences.filter((n) => n > 0).sort()).toEqual([1, 1, 1, 2, 2]);

    // The same lines again, reversed (a byte-identical file would be skipped as already landed): the
    // large-load path into a table that holds them (anti-join) adds nothing.
    const [s2] = await h.ingest([h.input('dk_bank_details_20240715_080000.tsv', exportOf(OLD_HEADER, [...repeated].reverse()))]);
    expect(s2).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsSkipped: repeated.length });
    expect(await transactionTotals(h.ds)).toEqual(totals);
    expect(await rollupTotals(h.ds)).toEqual(totals);

    // Into a warehouse that already holds more rows: the indexes stay and the window numbers the lines.
    const other = await openHarness('postgres');
    try {
      await other.ingest([
        other.input(
          'dk_bank_details_20240315_080000.tsv',
          exportOf(OLD_HEADER, [...generatedLines(P2), ...generatedLines({ ...P2, seed: 23, rows: 700 })]),
        ),
      ]);
      const kept = await indexes(other);
      const [s3] = await other.ingest([other.input('dk_bank_details_20240615_080000.tsv', file)]);
      expect(s3).toMatchObject({ status: 'loaded', rowsLoaded: repeated.length, rowsSkipped: 0 });
      expect(rebuilt(kept, await indexes(other))).toEqual([]);
      expect(await keysOf(other.ds)).toEqual(firstLoad);
    } finally {
      await other.close();
    }
  });

  it('rolls a failed first load back: the empty warehouse keeps its indexes and stays empty', async () => {
    const before = await indexes(h);
    const cut = exportOf(OLD_HEADER, generatedLines(E1)).slice(0, -1);
    const [s] = await h.ingest([h.input('dk_bank_details_20240415_080000.tsv', cut)]);
    expect(statuses([s])[0]).toMatch(/quarantined/);
    expect(await indexes(h)).toEqual(before);
    expect(await transactionTotals(h.ds)).toEqual({ rows: '0', gross: '0', net: '0', quantity: '0' });
    expect(await rollupTotals(h.ds)).toEqual({ rows: '0', gross: '0', net: '0', quantity: '0' });
  });
});
