/**
 * A DistroKid bank export large enough to be parsed on a worker thread, through IngestService on
 * SQLite and PostgreSQL: it loads what an independent oracle reads from the file, a bad row many
 * batches deep is quarantined with the same coded error as the parse on the loading thread gives
 * and leaves the warehouse as it was, and in both cases no thread outlives the load.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { TransactionPartStream } from '../../../src/ingest/curated/transaction-part-stream';
import { parseBankDetails } from '../../../src/ingest/distrokid/bank-details.parser';
import { PARSE_WORKER_MIN_BYTES } from '../../../src/ingest/distrokid/bank-details.stream';
import { LakeValidationError } from '../../../src/ingest/lake/validation-error';
import { readBankExport } from '../../helpers/bank-oracle';
import { describeEachDatabase } from '../../helpers/databases';
import {
  AWKWARD,
  exportOf,
  generatedLines,
  type Harness,
  listFiles,
  openHarness,
  q,
  rollupTotals,
  sourceFileByPath,
  statuses,
  tableCounts,
  transactionTotals,
  tsv,
  tsvLine,
  OLD_HEADER,
} from './helpers';

const BIG: BankSampleOptions = {
  seed: 5150,
  rows: 50_000,
  months: ['2024-10', '2024-11', '2024-12'],
  artists: [],
  tracks: [
    { artist: 'WORKER ARTIST', title: 'Two Cores', isrc: 'QZWRK2400001', upc: '199998000001' },
    { artist: 'WORKER ARTIST X ZONE A0', title: 'One Thread Each', isrc: 'QZWRK2400002', upc: '199998000002' },
    { artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' },
  ],
};

/** Odd lines for the outputs below: quoted, repeated, negative, unknown or empty country, album, non-ASCII names. */
const ODD_LINES = [
  ...AWKWARD,
  { Artist: 'Sigur Rós X Björk', Title: 'Hoppípolla – ñ 日本', ISRC: 'QZTAW2400003', UPC: '197368000003', 'Earnings (USD)': '-12.5' },
  { Store: 'Tidal', 'Country of Sale': 'XK', Quantity: '0', 'Earnings (USD)': '0' },
].map((r) => tsvLine(OLD_HEADER, r));

/**
 * What a load leaves, as sha256 digests: the raw and staging zone files, the curated part (the
 * landing path it names replaced by <file>, as it holds the capture time) and the warehouse's
 * lines with their dimension cells. Recorded from the load before the parse worker formatted
 * the part itself: the outputs must not change with where the work is done.
 */
async function loadDigests(h: Harness, landingFile: string, base: string): Promise<Record<string, string>> {
  const digest = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
  const zone = (z: string, ext: string) => fs.readFileSync(path.join(h.lakeDir, z, 'distrokid/bank_details', `${base}.${ext}`), 'utf8');
  const partsDir = path.join(h.lakeDir, 'curated/financial/distrokid_transactions');
  const parts = listFiles(partsDir).map((f) => fs.readFileSync(path.join(partsDir, f), 'utf8'));
  const rows = await q<Record<string, unknown>>(
    h.ds,
    `SELECT t.row_key, CAST(t.reporting_date AS TEXT) AS reporting_date, CAST(t.sale_month AS TEXT) AS sale_month, s.name AS store,
       p.code AS platform, a.name AS artist, tr.title, tr.isrc, r.upc, r.title AS release_title, t.country, t.quantity, t.product_type,
       t.team_percentage, CAST(t.gross_nano AS TEXT) AS gross, CAST(t.withheld_nano AS TEXT) AS withheld, CAST(t.net_nano AS TEXT) AS net,
       t.currency, t.source_line
     FROM transactions t JOIN stores s ON s.id = t.store_id JOIN platforms p ON p.id = t.platform_id
       LEFT JOIN artists a ON a.id = t.artist_id LEFT JOIN tracks tr ON tr.id = t.track_id LEFT JOIN releases r ON r.id = t.release_id
     ORDER BY t.source_line`,
  );
  return {
    raw: digest(zone('raw', 'tsv')),
    staging: digest(zone('staging', 'csv')),
    part: digest(parts.join('').split(landingFile).join('<file>')),
    warehouse: digest(
      rows
        .map((r) =>
          Object.values(r)
            .map((v) => (v === null ? '\\N' : String(v)))
            .join('\t'),
        )
        .join('\n'),
    ),
  };
}

const RECORDED_SMALL = {
  raw: '5d4cd0e45e2a282fa85dc138bc05feb4a3414390175fac937c6167d0f1972107',
  staging: '3e43c203c1937b6eff423f983bed368d378d85c4f19b7c34a060d6e1f61d6b51',
  part: 'bb8ae34eab7bee09a3a19ba5243a544ad8ffe92475b0e6b334a66781ce7d5744',
  warehouse: '44d557fa09fab8c3c7a0a23e45c1b1f6882ac1ff8a89175d1daa37073c191fe6',
};
const RECORDED_BIG = {
  raw: '09922c3cef472d227f58875168f8f7280d11ed5f1cde309e12e1ad22eaa54502',
  staging: '2a26412a5c2f8dc8f7e713962df44ec6e2f31219e4e4a95f143a5a44e8039f34',
  part: 'b90393ee228236cae3d1dcd234d5cb3a17670eb050be263c638532729d495ed5',
  warehouse: 'df638f8ea14d5e678508789b7366b1bc71df0ddb25a6a152b2fa480fdb56c63d',
};

/** The threads of this process (Linux): a worker thread is one more while it lives. */
const threads = (): number => fs.readdirSync('/proc/self/task').length;

/** Runs `load` while sampling the thread count; answers the most seen during it and the count once it settled after. */
async function watchThreads<T>(load: () => Promise<T>): Promise<{ result: T; before: number; most: number; after: number }> {
  const before = threads();
  let most = before;
  const poll = setInterval(() => (most = Math.max(most, threads())), 2);
  const result = await load().finally(() => clearInterval(poll));
  // A terminated thread is joined promptly; give the OS a moment rather than failing on a race.
  let after = threads();
  for (let i = 0; i < 100 && after > before; i++) {
    await new Promise((r) => setTimeout(r, 20));
    after = threads();
  }
  return { result, before, most, after };
}

/** The coded error the parse gives on this thread, for comparison. */
async function parseErrorOf(file: string, name: string): Promise<LakeValidationError> {
  try {
    for await (const batch of parseBankDetails(fs.createReadStream(file), { file: name })) void batch;
  } catch (err) {
    if (err instanceof LakeValidationError) return err;
    throw err;
  }
  throw new Error('the file parsed without an error');
}

describeEachDatabase('DistroKid bank details parsed on a worker thread', (kind) => {
  let h: Harness;
  const content = [...bankDetailsChunks(BIG)].join('');
  beforeAll(async () => {
    // Starts libuv's thread pool (all its threads at once) so that it does not count as a thread of the load.
    await fs.promises.readFile(__filename);
  });
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads what the oracle reads, writes raw as read, and leaves no thread behind', async () => {
    expect(Buffer.byteLength(content)).toBeGreaterThanOrEqual(PARSE_WORKER_MIN_BYTES);
    const file = h.input('dk_bank_details_20250301_000000.tsv', content);
    const { result, before, most, after } = await watchThreads(() => h.ingest([file]));
    const [s] = result;
    expect(statuses([s])).toEqual(['dk_bank_details_20250301_000000.tsv: loaded']);
    expect(s).toMatchObject({ rowsRead: BIG.rows, rowsLoaded: BIG.rows, rowsSkipped: 0 });
    expect(most).toBeGreaterThan(before);
    expect(after).toBe(before);

    const oracle = readBankExport(file);
    expect(oracle).toHaveLength(BIG.rows);
    const sum = (f: (r: (typeof oracle)[number]) => bigint) => oracle.reduce((a, r) => a + f(r), 0n).toString();
    const expected = { rows: String(BIG.rows), gross: sum((r) => r.gross), net: sum((r) => r.net), quantity: sum((r) => r.quantity) };
    expect(await transactionTotals(h.ds)).toEqual(expected);
    expect(await rollupTotals(h.ds)).toEqual(expected);
    const lines = await q<{ source_line: number | string }>(h.ds, 'SELECT source_line FROM transactions ORDER BY source_line');
    expect(lines.map((r) => Number(r.source_line))).toEqual(Array.from({ length: BIG.rows }, (_, i) => i + 2));

    // raw/ keeps the validated lines as read, each ended by LF; staging/ one line per row after its header.
    const dataLines = content.split('\r').slice(1, -1);
    const raw = fs.readFileSync(path.join(h.lakeDir, 'raw/distrokid/bank_details/dk_bank_details_20250301_000000.tsv'), 'utf8');
    expect(raw).toBe(`${dataLines.join('\n')}\n`);
    const staging = fs.readFileSync(path.join(h.lakeDir, 'staging/distrokid/bank_details/dk_bank_details_20250301_000000.csv'), 'utf8');
    expect(staging.split('\n')).toHaveLength(BIG.rows + 2);
  });

  it.each([
    ['below the worker threshold (parsed on the loading thread)', 1_000, RECORDED_SMALL],
    ['above it (parsed on the worker thread)', BIG.rows, RECORDED_BIG],
  ])('writes raw, staging, the curated part and the warehouse lines as recorded, %s', async (_, rows, recorded) => {
    const keep = jest.spyOn(TransactionPartStream.prototype, 'keep');
    const lines = [...ODD_LINES, ...generatedLines({ ...BIG, rows }), ...ODD_LINES];
    const text = exportOf(OLD_HEADER, lines);
    expect(Buffer.byteLength(text) >= PARSE_WORKER_MIN_BYTES).toBe(rows === BIG.rows);
    const [s] = await h.ingest([h.input('dk_bank_details_20250301_000000.tsv', text)]);
    expect(s).toMatchObject({ status: 'loaded', rowsLoaded: lines.length });
    // The part checked is the one the load streamed, not one the rebuild wrote in its place.
    await expect(keep.mock.results[0].value).resolves.toBe(true);
    keep.mockRestore();
    expect(await loadDigests(h, s.landingFile!, 'dk_bank_details_20250301_000000')).toEqual(recorded);
  });

  it('quarantines a bad row after many batches with the same coded error, leaving the warehouse as it was', async () => {
    const small = h.input('dk_bank_details_20250101_000000.tsv', tsv(OLD_HEADER, [{}, { Store: 'Deezer' }]));
    expect(statuses(await h.ingest([small]))).toEqual(['dk_bank_details_20250101_000000.tsv: loaded']);
    const countsBefore = await tableCounts(h.ds);
    const totalsBefore = await transactionTotals(h.ds);
    const rollupBefore = await rollupTotals(h.ds);

    const lines = content.split('\r');
    const cells = lines[42_000].split('\t');
    cells[7] = '12x'; // Quantity, line 42,001
    lines[42_000] = cells.join('\t');
    const file = h.input('dk_bank_details_20250401_000000.tsv', lines.join('\r'));
    const { result, before, most, after } = await watchThreads(() => h.ingest([file]));
    const [s] = result;
    expect(s.status).toBe('quarantined');
    expect(s.reason).toMatchObject({ code: 'BAD_VALUE', line: 42_001, column: 8, field: 'Quantity', found: '12x' });
    const local = await parseErrorOf(path.join(h.lakeDir, s.landingFile!), s.reason!.file);
    expect(s.reason).toEqual(local.reason);
    expect(s.message).toContain(local.message);
    expect(most).toBeGreaterThan(before);
    expect(after).toBe(before);

    expect(await tableCounts(h.ds)).toEqual(countsBefore);
    expect(await transactionTotals(h.ds)).toEqual(totalsBefore);
    expect(await rollupTotals(h.ds)).toEqual(rollupBefore);
    expect(await q(h.ds, "SELECT id FROM tracks WHERE isrc LIKE 'QZWRK%'")).toEqual([]);
    const rec = await sourceFileByPath(h.ds, s.landingFile!);
    expect(rec.status).toBe('quarantined');
    expect(JSON.parse(rec.error!)).toEqual(local.reason);
    expect(listFiles(path.join(h.lakeDir, 'raw'))).toEqual(['distrokid/bank_details/dk_bank_details_20250101_000000.tsv']);
    expect(listFiles(path.join(h.lakeDir, 'staging'))).toEqual(['distrokid/bank_details/dk_bank_details_20250101_000000.csv']);
  });
});
