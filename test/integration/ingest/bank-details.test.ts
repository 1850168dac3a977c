/**
 * DistroKid bank details exports through IngestService into the warehouse, on SQLite and PostgreSQL.
 * Expected totals come from the sample generator's own bankDetailsTotals or from hand-written rows.
 */
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { describeEachDatabase } from '../../helpers/databases';
import {
  type Cells,
  exportOf,
  generatedLines,
  generatorTotals,
  type Harness,
  nano,
  NEW_HEADER_REORDERED,
  OLD_HEADER,
  openHarness,
  q,
  rollupTotals,
  statuses,
  transactionTotals,
  tsv,
} from './helpers';

const TRACKS: BankSampleOptions['tracks'] = [
  { artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' },
  { artist: 'SXNCTUARY', title: 'Static Bloom', isrc: 'QZTAW2496366', upc: '197368123457' },
  { artist: 'ZONE A0 X SXNCTUARY', title: 'Low Orbit', isrc: 'QZTAW2496367', upc: '197368123458' },
  { artist: 'pig1987', title: 'Paper Moons', isrc: 'QZTAW2496368', upc: '1973681234590' },
];
const E1: BankSampleOptions = { seed: 101, rows: 1200, months: ['2024-01', '2024-02', '2024-03'], artists: [], tracks: TRACKS };
const P2: BankSampleOptions = { seed: 202, rows: 700, months: ['2024-04', '2024-05'], artists: [], tracks: TRACKS };
const P3: BankSampleOptions = { seed: 303, rows: 500, months: ['2024-06'], artists: [], tracks: TRACKS };

interface TxRow {
  source_line: number;
  gross: string;
  net: string;
  withheld: string;
  quantity: number;
  platform: string;
  store: string;
  artist_id: number | null;
  track_id: number | null;
}

async function txRows(h: Harness): Promise<TxRow[]> {
  const rows = await q<Record<string, unknown>>(
    h.ds,
    `SELECT t.source_line, CAST(t.gross_nano AS TEXT) AS gross, CAST(t.net_nano AS TEXT) AS net, CAST(t.withheld_nano AS TEXT) AS withheld,
       t.quantity, p.code AS platform, s.name AS store, t.artist_id, t.track_id
     FROM transactions t JOIN platforms p ON p.id = t.platform_id JOIN stores s ON s.id = t.store_id ORDER BY t.source_line`,
  );
  return rows.map((r) => ({
    source_line: Number(r.source_line),
    gross: String(r.gross),
    net: String(r.net),
    withheld: String(r.withheld),
    quantity: Number(r.quantity),
    platform: String(r.platform),
    store: String(r.store),
    artist_id: r.artist_id === null ? null : Number(r.artist_id),
    track_id: r.track_id === null ? null : Number(r.track_id),
  }));
}

describeEachDatabase('DistroKid bank details → warehouse', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads one export with the exact row count, gross, net and quantity (transactions and monthly rollup)', async () => {
    const file = h.input('dk_bank_details_20250101_120000.tsv', [...bankDetailsChunks(E1)].join(''));
    const expected = generatorTotals(E1);
    const [s] = await h.ingest([file]);
    expect(statuses([s])).toEqual(['dk_bank_details_20250101_120000.tsv: loaded']);
    expect(s).toMatchObject({ service: 'distrokid', stream: 'bank_details', rowsRead: E1.rows, rowsLoaded: E1.rows, rowsSkipped: 0 });
    expect(await transactionTotals(h.ds)).toEqual(expected);
    expect(await rollupTotals(h.ds)).toEqual(expected);
  });

  it('skips the same file loaded again, under its own name and under another name, with totals unchanged', async () => {
    const content = [...bankDetailsChunks(E1)].join('');
    const file = h.input('dk_bank_details_20250101_120000.tsv', content);
    const copy = h.input('copy/my download.tsv', content);
    const expected = generatorTotals(E1);
    expect(statuses(await h.ingest([file]))).toEqual(['dk_bank_details_20250101_120000.tsv: loaded']);

    const again = await h.ingest([file]);
    expect(statuses(again)).toEqual(['dk_bank_details_20250101_120000.tsv: skipped']);
    expect(again[0].rowsLoaded).toBe(0);
    const renamed = await h.ingest([copy]);
    expect(statuses(renamed)).toEqual(['my download.tsv: skipped']);
    expect(renamed[0].rowsLoaded).toBe(0);

    expect(await transactionTotals(h.ds)).toEqual(expected);
    expect(await rollupTotals(h.ds)).toEqual(expected);
    const loaded = await q<{ n: number | string }>(h.ds, "SELECT COUNT(*) AS n FROM source_files WHERE status = 'loaded'");
    expect(Number(loaded[0].n)).toBe(1);
  });

  it('gives exactly the totals of the last of three consecutive full-history exports', async () => {
    const l1 = generatedLines(E1);
    const l2 = generatedLines(P2);
    const l3 = generatedLines(P3);
    const f1 = h.input('dk_bank_details_20240415_080000.tsv', exportOf(OLD_HEADER, l1));
    const f2 = h.input('dk_bank_details_20240615_080000.tsv', exportOf(OLD_HEADER, [...l1, ...l2]));
    // The newest download lists its history newest first: order must not matter.
    const f3 = h.input('dk_bank_details_20240815_080000.tsv', exportOf(OLD_HEADER, [...l1, ...l2, ...l3].reverse()));

    const [s1] = await h.ingest([f1]);
    expect(s1).toMatchObject({ status: 'loaded', rowsRead: E1.rows, rowsLoaded: E1.rows, rowsSkipped: 0 });
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1));

    const [s2] = await h.ingest([f2]);
    expect(s2).toMatchObject({ status: 'loaded', rowsRead: E1.rows + P2.rows, rowsLoaded: P2.rows, rowsSkipped: E1.rows });
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1, P2));

    const [s3] = await h.ingest([f3]);
    expect(s3).toMatchObject({
      status: 'loaded',
      rowsRead: E1.rows + P2.rows + P3.rows,
      rowsLoaded: P3.rows,
      rowsSkipped: E1.rows + P2.rows,
    });
    const last = generatorTotals(E1, P2, P3);
    expect(await transactionTotals(h.ds)).toEqual(last);
    expect(await rollupTotals(h.ds)).toEqual(last);
  });

  it('counts identical lines inside one file as separate transactions, and a later export with one more copy adds exactly one', async () => {
    const line = { 'Earnings (USD)': '0.01931943', Quantity: '14' };
    const f1 = h.input('dk_bank_details_20241101_000000.tsv', tsv(OLD_HEADER, [line, line, line]));
    const f2 = h.input('dk_bank_details_20241201_000000.tsv', tsv(OLD_HEADER, [line, line, line, line]));
    const [s1] = await h.ingest([f1]);
    expect(s1).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 3 });
    expect(await transactionTotals(h.ds)).toEqual({
      rows: '3',
      gross: String(3n * 19_319_430n),
      net: String(3n * 19_319_430n),
      quantity: '42',
    });
    const [s2] = await h.ingest([f2]);
    expect(s2).toMatchObject({ status: 'loaded', rowsRead: 4, rowsLoaded: 1, rowsSkipped: 3 });
    const four = { rows: '4', gross: String(4n * 19_319_430n), net: String(4n * 19_319_430n), quantity: '56' };
    expect(await transactionTotals(h.ds)).toEqual(four);
    expect(await rollupTotals(h.ds)).toEqual(four);
  });

  it('loads a header-only export as loaded with 0 rows (both header variants)', async () => {
    const oldFile = h.input('dk_bank_details_20250101_000000.tsv', tsv(OLD_HEADER, []));
    const newFile = h.input('dk_bank_details_20250102_000000.tsv', tsv(NEW_HEADER_REORDERED, []));
    const summaries = await h.ingest([oldFile, newFile]);
    expect(statuses(summaries)).toEqual(['dk_bank_details_20250101_000000.tsv: loaded', 'dk_bank_details_20250102_000000.tsv: loaded']);
    for (const s of summaries) expect(s).toMatchObject({ rowsRead: 0, rowsLoaded: 0, rowsSkipped: 0 });
    expect(await transactionTotals(h.ds)).toEqual({ rows: '0', gross: '0', net: '0', quantity: '0' });
  });

  it('maps the reordered newer header by name (withheld, team percentage and earnings in new positions)', async () => {
    const file = h.input(
      'dk_bank_details_20250301_000000.tsv',
      tsv(NEW_HEADER_REORDERED, [
        {
          'Earnings (USD)': '1.25000000',
          Quantity: '300',
          'Team Percentage': '50',
          'Songwriter Royalties Withheld (USD)': '0.10000000',
          'Recoup (USD)': '0',
        },
        { Store: 'Apple Music', 'Earnings (USD)': '0.75000000', Quantity: '100', 'Songwriter Royalties Withheld (USD)': '' },
      ]),
    );
    const [s] = await h.ingest([file]);
    expect(s).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 2 });
    const rows = await txRows(h);
    // 1.25 × 50 / 100 − 0.10 = 0.525; 0.75 at 100 % with nothing withheld stays 0.75.
    expect(rows.map((r) => [r.source_line, r.gross, r.withheld, r.net, r.quantity, r.platform])).toEqual([
      [2, String(nano('1.25')), String(nano('0.1')), String(nano('0.525')), 300, 'spotify'],
      [3, String(nano('0.75')), '0', String(nano('0.75')), 100, 'apple_music'],
    ]);
  });

  it('does not double count an old-format export followed by a new-format full export of the same rows', async () => {
    const rows: Cells[] = [
      { 'Earnings (USD)': '0.01931943', Quantity: '14' },
      { Store: 'Deezer', 'Earnings (USD)': '0.04500000', Quantity: '10', 'Country of Sale': 'DE' },
      {
        Store: 'Spotify',
        'Earnings (USD)': '-0.00500000',
        Quantity: '-1',
        'Team Percentage': '50',
        'Songwriter Royalties Withheld': '-0.00100000',
      },
    ];
    const extra: Cells = {
      Store: 'Tidal',
      'Earnings (USD)': '0.11000000',
      Quantity: '10',
      'Sale Month': '2024-09',
      'Reporting Date': '2024-11-03',
    };
    const oldFile = h.input('dk_bank_details_20241101_000000.tsv', tsv(OLD_HEADER, rows));
    const newFile = h.input('dk_bank_details_20241201_000000.tsv', tsv(NEW_HEADER_REORDERED, [...rows, extra]));

    const [s1] = await h.ingest([oldFile]);
    expect(s1).toMatchObject({ status: 'loaded', rowsLoaded: 3 });
    // gross 0.01931943 + 0.045 − 0.005; net 0.01931943 + 0.045 + (−0.0025 − (−0.001))
    const three = { rows: '3', gross: String(nano('0.05931943')), net: String(nano('0.06281943')), quantity: '23' };
    expect(await transactionTotals(h.ds)).toEqual(three);

    const [s2] = await h.ingest([newFile]);
    expect(s2).toMatchObject({ status: 'loaded', rowsRead: 4, rowsLoaded: 1, rowsSkipped: 3 });
    const four = { rows: '4', gross: String(nano('0.16931943')), net: String(nano('0.17281943')), quantity: '33' };
    expect(await transactionTotals(h.ds)).toEqual(four);
    expect(await rollupTotals(h.ds)).toEqual(four);
  });

  it('accepts a UTF-8 BOM before the header', async () => {
    const file = h.input(
      'dk_bank_details_20250101_000000.tsv',
      tsv(OLD_HEADER, [{ 'Earnings (USD)': '0.50000000', Quantity: '100' }, {}], { bom: true }),
    );
    const [s] = await h.ingest([file]);
    expect(s).toMatchObject({ status: 'loaded', rowsRead: 2, rowsLoaded: 2 });
    expect(await transactionTotals(h.ds)).toEqual({
      rows: '2',
      gross: String(nano('0.51931943')),
      net: String(nano('0.51931943')),
      quantity: '114',
    });
  });

  it('nets negative earnings (adjustments) against their sale month and platform', async () => {
    const file = h.input(
      'dk_bank_details_20241201_000000.tsv',
      tsv(OLD_HEADER, [
        { 'Sale Month': '2024-08', 'Reporting Date': '2024-10-05', Store: 'Spotify', 'Earnings (USD)': '0.50000000', Quantity: '100' },
        // A reversal reported a month later for the same sale month.
        { 'Sale Month': '2024-08', 'Reporting Date': '2024-11-02', Store: 'Spotify', 'Earnings (USD)': '-0.12500000', Quantity: '-25' },
        {
          'Sale Month': '2024-08',
          'Reporting Date': '2024-10-05',
          Store: 'Spotify',
          'Earnings (USD)': '0.01931943',
          Quantity: '14',
          'Country of Sale': 'GB',
        },
        { 'Sale Month': '2024-08', 'Reporting Date': '2024-10-05', Store: 'Apple Music', 'Earnings (USD)': '0.30000000', Quantity: '40' },
        { 'Sale Month': '2024-09', 'Reporting Date': '2024-11-05', Store: 'Spotify', 'Earnings (USD)': '0.70000000', Quantity: '200' },
        { 'Sale Month': '2024-09', 'Reporting Date': '2024-11-05', Store: 'Spotify', 'Earnings (USD)': '-0.70000000', Quantity: '-200' },
      ]),
    );
    const [s] = await h.ingest([file]);
    expect(s).toMatchObject({ status: 'loaded', rowsLoaded: 6 });
    const where = 'sale_month = ? AND platform_id = (SELECT id FROM platforms WHERE code = ?)';
    // 0.5 − 0.125 + 0.01931943
    expect(await rollupTotals(h.ds, where, ['2024-08-01', 'spotify'])).toEqual({
      rows: '3',
      gross: String(nano('0.39431943')),
      net: String(nano('0.39431943')),
      quantity: '89',
    });
    expect(await rollupTotals(h.ds, where, ['2024-08-01', 'apple_music'])).toEqual({
      rows: '1',
      gross: String(nano('0.3')),
      net: String(nano('0.3')),
      quantity: '40',
    });
    expect(await rollupTotals(h.ds, where, ['2024-09-01', 'spotify'])).toEqual({ rows: '2', gross: '0', net: '0', quantity: '0' });
    // The reversal is stored as negative revenue, not as a cost.
    const reversal = (await txRows(h)).find((r) => r.source_line === 3)!;
    expect(reversal).toMatchObject({ gross: String(nano('-0.125')), net: String(nano('-0.125')), quantity: -25 });
  });

  it('computes net = earnings × team % / 100 − withheld', async () => {
    const file = h.input(
      'dk_bank_details_20241201_000000.tsv',
      tsv(OLD_HEADER, [
        { 'Earnings (USD)': '0.01931943', 'Team Percentage': '50', 'Songwriter Royalties Withheld': '0.00100000' },
        { 'Earnings (USD)': '-0.01931943', Quantity: '-14', 'Team Percentage': '50', 'Songwriter Royalties Withheld': '-0.00100000' },
        { 'Earnings (USD)': '2.40000000', Quantity: '600', 'Team Percentage': '25', 'Songwriter Royalties Withheld': '' },
        { 'Earnings (USD)': '0.01931943', 'Team Percentage': '100', 'Songwriter Royalties Withheld': '0' },
      ]),
    );
    const [s] = await h.ingest([file]);
    expect(s).toMatchObject({ status: 'loaded', rowsLoaded: 4 });
    const rows = await txRows(h);
    expect(rows.map((r) => [r.source_line, r.gross, r.withheld, r.net])).toEqual([
      [2, String(nano('0.01931943')), String(nano('0.001')), String(nano('0.008659715'))], // 0.009659715 − 0.001
      [3, String(nano('-0.01931943')), String(nano('-0.001')), String(nano('-0.008659715'))],
      [4, String(nano('2.4')), '0', String(nano('0.6'))],
      [5, String(nano('0.01931943')), '0', String(nano('0.01931943'))], // 100 %, nothing withheld: gross = net
    ]);
    // gross 0.01931943 − 0.01931943 + 2.4 + 0.01931943; net 0.008659715 − 0.008659715 + 0.6 + 0.01931943
    expect(await rollupTotals(h.ds)).toEqual({
      rows: '4',
      gross: String(nano('2.41931943')),
      net: String(nano('0.61931943')),
      quantity: '614',
    });
  });

  it('creates a new platform for an unknown store (Boomplay) and never maps it to an existing one', async () => {
    const before = await q<{ id: number | string; code: string }>(h.ds, 'SELECT id, code FROM platforms');
    const row = { Store: 'Boomplay', 'Earnings (USD)': '0.03000000', Quantity: '30', 'Country of Sale': 'NG' };
    const f1 = h.input('dk_bank_details_20241201_000000.tsv', tsv(OLD_HEADER, [row]));
    const f2 = h.input('dk_bank_details_20250101_000000.tsv', tsv(OLD_HEADER, [row, { ...row, 'Sale Month': '2024-09' }]));
    expect(statuses(await h.ingest([f1, f2]))).toEqual([
      'dk_bank_details_20241201_000000.tsv: loaded',
      'dk_bank_details_20250101_000000.tsv: loaded',
    ]);

    const after = await q<{ id: number | string; code: string; name: string }>(h.ds, 'SELECT id, code, name FROM platforms');
    expect(after).toHaveLength(before.length + 1);
    const added = after.filter((p) => !before.some((b) => Number(b.id) === Number(p.id)));
    expect(added.map((p) => [p.code, p.name])).toEqual([['boomplay', 'Boomplay']]);
    const rows = await txRows(h);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect([r.store, r.platform]).toEqual(['Boomplay', 'boomplay']);
    const store = await q<{ code: string }>(
      h.ds,
      "SELECT p.code FROM stores s JOIN platforms p ON p.id = s.platform_id WHERE s.source = 'distrokid' AND s.name = 'Boomplay'",
    );
    expect(store).toEqual([{ code: 'boomplay' }]);
  });

  it('maps YouTube (Red) and YouTube (Ads) to platform youtube', async () => {
    const file = h.input(
      'dk_bank_details_20241201_000000.tsv',
      tsv(OLD_HEADER, [
        { Store: 'YouTube (Red)', 'Earnings (USD)': '0.06000000', Quantity: '10' },
        { Store: 'YouTube (Ads)', 'Earnings (USD)': '0.00800000', Quantity: '10' },
      ]),
    );
    await h.ingest([file]);
    expect((await txRows(h)).map((r) => [r.store, r.platform])).toEqual([
      ['YouTube (Red)', 'youtube'],
      ['YouTube (Ads)', 'youtube'],
    ]);
    expect(await rollupTotals(h.ds, 'platform_id = (SELECT id FROM platforms WHERE code = ?)', ['youtube'])).toEqual({
      rows: '2',
      gross: String(nano('0.068')),
      net: String(nano('0.068')),
      quantity: '20',
    });
  });

  const SPELLINGS = ['ZONE A0', 'zone.a0', 'Zone A0', 'zone_a0'];
  const spellingRows = () =>
    SPELLINGS.map((artist, i) => ({
      Artist: artist,
      Title: `Song ${i + 1}`,
      ISRC: `QZTAW249600${i}`,
      'Earnings (USD)': '0.01000000',
      Quantity: '3',
    }));

  it('makes ONE artist of the spellings ZONE A0, zone.a0, Zone A0 and zone_a0', async () => {
    await h.ingest([h.input('dk_bank_details_20241201_000000.tsv', tsv(OLD_HEADER, spellingRows()))]);
    const artists = await q<{ id: number | string; name: string }>(h.ds, 'SELECT id, name FROM artists');
    expect(artists).toHaveLength(1);
    const id = Number(artists[0].id);
    const rows = await txRows(h);
    expect(rows.map((r) => r.artist_id)).toEqual([id, id, id, id]);
    const primaries = await q<{ n: number | string }>(h.ds, 'SELECT COUNT(DISTINCT primary_artist_id) AS n FROM tracks');
    expect(Number(primaries[0].n)).toBe(1);
  });

  it('records every spelling seen as an alias of that one artist', async () => {
    await h.ingest([h.input('dk_bank_details_20241201_000000.tsv', tsv(OLD_HEADER, spellingRows()))]);
    const artists = await q<{ id: number | string }>(h.ds, 'SELECT id FROM artists');
    expect(artists).toHaveLength(1);
    const aliases = await q<{ alias: string; artist_id: number | string }>(
      h.ds,
      'SELECT alias, artist_id FROM artist_aliases ORDER BY alias',
    );
    expect(aliases.every((a) => Number(a.artist_id) === Number(artists[0].id))).toBe(true);
    expect(aliases.map((a) => a.alias).sort()).toEqual([...SPELLINGS].sort());
  });

  it('links both artists of a collaboration "ZONE A0 X SXNCTUARY" to the track', async () => {
    await h.ingest([
      h.input(
        'dk_bank_details_20241201_000000.tsv',
        tsv(OLD_HEADER, [
          { Artist: 'SXNCTUARY', Title: 'Static Bloom', ISRC: 'QZTAW2496366' },
          { Artist: 'ZONE A0 X SXNCTUARY', Title: 'Low Orbit', ISRC: 'QZTAW2496367' },
        ]),
      ),
    ]);
    const artists = await q<{ id: number | string; name: string }>(h.ds, 'SELECT id, name FROM artists ORDER BY name');
    expect(artists.map((a) => a.name)).toEqual(['SXNCTUARY', 'ZONE A0']);
    const idOf = (name: string) => Number(artists.find((a) => a.name === name)!.id);
    const links = await q<{ artist_id: number | string; role: string }>(
      h.ds,
      "SELECT ta.artist_id, ta.role FROM track_artists ta JOIN tracks t ON t.id = ta.track_id WHERE t.isrc = 'QZTAW2496367' ORDER BY ta.role DESC",
    );
    expect(links.map((l) => [Number(l.artist_id), l.role])).toEqual([
      [idOf('ZONE A0'), 'primary'],
      [idOf('SXNCTUARY'), 'featured'],
    ]);
    const collab = (await txRows(h)).find((r) => r.source_line === 3)!;
    expect(collab.artist_id).toBe(idOf('ZONE A0'));
  });

  it('stores QZ-TAW-24-96365 as QZTAW2496365, the same track as the unhyphenated code', async () => {
    await h.ingest([
      h.input(
        'dk_bank_details_20241201_000000.tsv',
        tsv(OLD_HEADER, [
          { ISRC: 'QZ-TAW-24-96365', 'Earnings (USD)': '0.02000000' },
          { ISRC: 'QZTAW2496365', 'Earnings (USD)': '0.03000000' },
        ]),
      ),
    ]);
    const tracks = await q<{ id: number | string; isrc: string }>(h.ds, 'SELECT id, isrc FROM tracks');
    expect(tracks.map((t) => t.isrc)).toEqual(['QZTAW2496365']);
    const rows = await txRows(h);
    expect(rows.map((r) => r.track_id)).toEqual([Number(tracks[0].id), Number(tracks[0].id)]);
  });
});
