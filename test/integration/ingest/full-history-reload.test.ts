/**
 * The label's usual DistroKid load: the next full-history export, which repeats every earlier line
 * and adds the new ones (FORMATS.md). The staged load numbers the file's lines in its temporary
 * table and inserts only what the warehouse lacks, keeping the indexes of `transactions` (they are
 * rebuilt only when the new lines are at least as many as the table holds). Expected keys and
 * totals come from the file's text and the sample generator, never from the loader.
 */
import type { BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { type TransactionFact, TransactionLoader } from '../../../src/ingest/load-transactions';
import { numberStagedRepeatedLines } from '../../../src/ingest/row-keys';
import { describeEachDatabase } from '../../helpers/databases';
import {
  curatedTransactionsText,
  expectKeysNumberLines,
  exportOf,
  generatedLines,
  generatorTotals,
  type Harness,
  OLD_HEADER,
  openHarness,
  q,
  rollupTotals,
  TRACKS,
  transactionTotals,
} from './helpers';

/** 1 % of the lines copy an earlier one: the new part of the next export copies lines of the first too. */
const HISTORY: BankSampleOptions = {
  seed: 71,
  rows: 30_000,
  months: ['2024-01', '2024-02', '2024-03'],
  artists: [],
  tracks: TRACKS,
  repeatRate: 0.01,
};
/** The generator is prefix-stable: the next export's first 30,000 lines are the first export's. */
const NEXT: BankSampleOptions = { ...HISTORY, rows: 31_000 };

/** Each index of `transactions` and what shows a rebuild (SQLite: its root page; PostgreSQL: its relation). */
async function indexRelations(h: Harness): Promise<Array<Record<string, string>>> {
  return h.kind === 'postgres'
    ? q(
        h.ds,
        `SELECT c.relname AS name, CAST(c.oid AS text) AS rel FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
               WHERE x.indrelid = 'transactions'::regclass ORDER BY c.relname`,
      )
    : q(
        h.ds,
        `SELECT name, CAST(rootpage AS TEXT) AS rel FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' ORDER BY name`,
      );
}

const allKeys = async (h: Harness) =>
  (await q<{ row_key: string; source_line: number | string }>(h.ds, `SELECT row_key, source_line FROM transactions`)).map((r) => ({
    row_key: r.row_key,
    source_line: Number(r.source_line),
  }));

describeEachDatabase('the next full-history export', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('adds only its new lines, copies of earlier lines among them, keeps the indexes, and a third download adds nothing', async () => {
    const history = generatedLines(HISTORY);
    const next = generatedLines(NEXT);
    expect(next.slice(0, HISTORY.rows)).toEqual(history);
    const fresh = next.slice(HISTORY.rows);
    // Some new lines are identical to lines of the first export: new occurrences, so new transactions.
    expect(fresh.filter((line) => history.includes(line)).length).toBeGreaterThan(0);

    await h.ingest([h.input('dk_bank_details_20240401_080000.tsv', exportOf(OLD_HEADER, history))]);
    const before = await indexRelations(h);

    const [s] = await h.ingest([h.input('dk_bank_details_20240501_080000.tsv', exportOf(OLD_HEADER, next))]);
    expect(s).toMatchObject({ status: 'loaded', rowsRead: NEXT.rows, rowsLoaded: NEXT.rows - HISTORY.rows, rowsSkipped: HISTORY.rows });
    expect(await indexRelations(h)).toEqual(before);
    // Both files number lines from the same header, so the warehouse's keys are the next export's, line by line.
    expectKeysNumberLines(await allKeys(h), next);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(NEXT));
    expect(await rollupTotals(h.ds)).toEqual(generatorTotals(NEXT));

    // Every line is in one curated part once: the second file's holds only its new lines (written by the rebuild, not while it streamed).
    const parts = curatedTransactionsText(h.lakeDir).trimEnd().split('\n');
    expect(parts.length).toBe(1 + NEXT.rows);

    const [again] = await h.ingest([h.input('dk_bank_details_20240601_080000.tsv', exportOf(OLD_HEADER, [...next].reverse()))]);
    expect(again).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsSkipped: NEXT.rows });
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(NEXT));
    expect(await rollupTotals(h.ds)).toEqual(generatorTotals(NEXT));
  });

  it('numbers provisional keys in the temporary table as the definition says, also after a false "seen"', async () => {
    const lines = ['a', 'b', 'a', 'c', 'a', 'b', 'd', 'e', 'e'];
    const hashOf = (line: string) => `H${line}`;
    // As the loader writes them when its filter answers "seen": the copies, and falsely the only 'c', the only 'd' and the first 'e'.
    const staged = lines.map((line, k) => {
      const sourceLine = k + 2;
      const first = lines.indexOf(line) === k;
      return { sourceLine, rowKey: first && !['c', 'd', 'e'].includes(line) ? `${hashOf(line)}:0` : `~${hashOf(line)}:${sourceLine}` };
    });
    const keys = await h.ds.transaction(async (m) => {
      const text = kind === 'postgres' ? 'text' : 'TEXT';
      await m.query(`CREATE TEMPORARY TABLE load_transactions (source ${text}, row_key ${text}, source_line integer)`);
      for (const r of staged) await m.query(`INSERT INTO load_transactions VALUES ('distrokid', '${r.rowKey}', ${r.sourceLine})`);
      await numberStagedRepeatedLines(m, kind);
      const rows = await m.query<Array<{ row_key: string; source_line: number }>>(
        `SELECT row_key, source_line FROM load_transactions ORDER BY source_line`,
      );
      await m.query(`DROP TABLE load_transactions`);
      return rows.map((r) => ({ row_key: r.row_key, source_line: Number(r.source_line) }));
    });
    expect(keys.map((k) => k.row_key)).toEqual(['Ha:0', 'Hb:0', 'Ha:1', 'Hc:0', 'Ha:2', 'Hb:1', 'Hd:0', 'He:0', 'He:1']);
    expectKeysNumberLines(keys, lines);
  });

  it('notices a line the warehouse has on a sample of the lines (one in 4,096)', async () => {
    const fact = (hash: string, k: number): TransactionFact => ({
      source: 'distrokid',
      contentHash: hash,
      reportingDate: '2024-03-05',
      saleMonth: '2024-01-01',
      storeId: 1,
      platformId: 1,
      trackId: null,
      artistId: null,
      releaseId: null,
      country: null,
      quantity: 1,
      productType: null,
      teamPercentage: '100',
      grossNano: 1n,
      withheldNano: 0n,
      netNano: 1n,
      currency: 'USD',
      sourceLine: k + 2,
    });
    const fresh = (from: number, n: number) => Array.from({ length: n }, (_, k) => fact(`fresh${from + k}`, from + k));
    /** metKnownLine after each batch of a load that is then rolled back. */
    const noticed = async (batches: TransactionFact[][]): Promise<boolean[]> => {
      const rollback = new Error('rolled back on purpose');
      const seen: boolean[] = [];
      await expect(
        h.ds.transaction(async (m) => {
          const loader = await TransactionLoader.start(m, kind, 1);
          for (const batch of batches) {
            await loader.add(batch);
            seen.push(loader.metKnownLine);
          }
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      return seen;
    };
    await h.ingest([h.input('dk_bank_details_20240401_080000.tsv', exportOf(OLD_HEADER, generatedLines({ ...HISTORY, rows: 500 })))]);
    const [{ row_key: loaded }] = await q<{ row_key: string }>(h.ds, `SELECT row_key FROM transactions WHERE row_key LIKE '%:0' LIMIT 1`);
    const known = (k: number) => fact(loaded.split(':')[0], k);
    // Lines 0 and 4,096 are sampled: a loaded line in between goes unnoticed until a sampled one is loaded too.
    expect(
      await noticed([
        [...fresh(0, 100), known(100), ...fresh(101, 3995)],
        [known(4096), ...fresh(4097, 10)],
      ]),
    ).toEqual([false, true]);
  });
});
