/**
 * TooLost monthly sales report CSVs → `transactions` (and the revenue rollups), on SQLite and
 * PostgreSQL: columns found by name in three header variants, exact money, month from the file
 * name when no column gives it, stores mapped to platforms, and no double count on re-download.
 */
import { salesReportSample } from '../../../demo/sample-exports/toolost';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, q, rollupTotals, statuses, transactionTotals } from '../ingest/helpers';

function expectTotals(t: ReturnType<typeof salesReportSample>['totals']) {
  return { rows: String(t.rows), gross: t.grossNano.toString(), net: t.netNano.toString(), quantity: String(t.quantity) };
}

async function netByPlatform(h: Harness): Promise<Record<string, string>> {
  const rows = await q<{ code: string; net: string }>(
    h.ds,
    `SELECT p.code, CAST(SUM(t.net_nano) AS TEXT) AS net FROM transactions t JOIN platforms p ON p.id = t.platform_id WHERE t.source = 'toolost' GROUP BY p.code ORDER BY p.code`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, String(r.net)]));
}

const PLATFORM_OF: Record<string, string> = {
  Spotify: 'spotify',
  'Apple Music': 'apple_music',
  'YouTube (Ads)': 'youtube',
  TikTok: 'tiktok',
  'Amazon Unlimited (Streaming)': 'amazon_music',
  Deezer: 'deezer',
  Tidal: 'tidal',
  Anghami: 'anghami',
};

describeEachDatabase('TooLost sales reports → transactions', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('loads a report with one amount: exact totals, gross = net, stores mapped to platforms (unknown store → its own platform)', async () => {
    const sample = salesReportSample({ seed: 41, month: '04-2025', rows: 300 });
    expect(sample.csv.startsWith('\ufeff')).toBe(true);
    expect(sample.csv).toContain('\r\n');
    expect(sample.csv).toContain('"Night Drive, Pt. 2"');
    expect(sample.csv).toContain('"He Said ""Go"""');
    const [s] = await h.ingest([h.input('toolost_sales_04-2025_20250505_101500.csv', sample.csv)]);
    expect(s).toMatchObject({
      status: 'loaded',
      service: 'toolost',
      stream: 'sales_report',
      rowsRead: sample.totals.rows + 1,
      rowsLoaded: sample.totals.rows,
    });
    expect(await transactionTotals(h.ds, "source = 'toolost'")).toEqual({
      ...expectTotals(sample.totals),
      gross: sample.totals.netNano.toString(),
    });
    expect(await rollupTotals(h.ds, "source = 'toolost'")).toEqual({
      ...expectTotals(sample.totals),
      gross: sample.totals.netNano.toString(),
    });
    const expectedByPlatform: Record<string, string> = {};
    for (const [store, net] of sample.totals.netByStore) {
      const code = PLATFORM_OF[store];
      expectedByPlatform[code] = (BigInt(expectedByPlatform[code] ?? '0') + net).toString();
    }
    expect(await netByPlatform(h)).toEqual(expectedByPlatform);
    const months = await q<{ m: string }>(h.ds, `SELECT DISTINCT CAST(sale_month AS TEXT) AS m FROM transactions`);
    expect(months.map((r) => r.m)).toEqual(['2025-04-01']);
    // Collaboration billings resolve every spelling to one artist.
    const artists = await q<{ name: string }>(h.ds, 'SELECT name FROM artists ORDER BY name');
    expect(artists.map((a) => a.name)).toEqual(['Pig 1987', 'SXNCTUARY', 'ZONE A0']);
    expect(listFiles(`${h.lakeDir}/raw/toolost/sales_report`)).toEqual(['toolost_sales_04-2025_20250505_101500.ndjson']);
    expect(listFiles(`${h.lakeDir}/staging/toolost/sales_report`)).toEqual(['toolost_sales_04-2025_20250505_101500.csv']);
  });

  it('loads a report with gross and net columns, synonyms and an unknown column', async () => {
    const sample = salesReportSample({ seed: 42, month: '03-2025', rows: 200, variant: 'gross_net' });
    expect(sample.totals.grossNano).not.toBe(sample.totals.netNano);
    const [s] = await h.ingest([h.input('toolost_sales_03-2025_20250405_101500.csv', sample.csv)]);
    expect(s.status).toBe('loaded');
    expect(await transactionTotals(h.ds, "source = 'toolost'")).toEqual(expectTotals(sample.totals));
  });

  it('takes the month from the file name when no column gives it (LF line ends, Platform/Track/Streams/Revenue)', async () => {
    const sample = salesReportSample({ seed: 43, month: '02-2025', rows: 150, variant: 'no_period' });
    const [s] = await h.ingest([h.input('toolost_sales_02-2025_20250305_101500.csv', sample.csv)]);
    expect(s.status).toBe('loaded');
    expect(await transactionTotals(h.ds, "source = 'toolost'")).toEqual({
      ...expectTotals(sample.totals),
      gross: sample.totals.netNano.toString(),
    });
    const months = await q<{ m: string; r: string }>(
      h.ds,
      `SELECT DISTINCT CAST(sale_month AS TEXT) AS m, CAST(reporting_date AS TEXT) AS r FROM transactions`,
    );
    expect(months).toEqual([{ m: '2025-02-01', r: '2025-02-01' }]);
  });

  it('never double counts: the same report again is skipped, a re-download that repeats its lines adds only the new ones', async () => {
    const april = salesReportSample({ seed: 44, month: '04-2025', rows: 120 });
    const may = salesReportSample({ seed: 45, month: '05-2025', rows: 80 });
    await h.ingest([
      h.input('toolost_sales_04-2025_20250505_101500.csv', april.csv),
      h.input('toolost_sales_05-2025_20250605_101500.csv', may.csv),
    ]);
    const [same] = await h.ingest([h.input('again/toolost_sales_04-2025_20250505_101500.csv', april.csv)]);
    expect(same.status).toBe('skipped');

    // A re-generated April report: the same lines plus three late ones, written with LF instead of CRLF.
    const extra = [
      '2025-04,Spotify,ZONE A0,Late Line,QZTAW2496399,,US,10,0.03500000',
      '2025-04,Spotify,ZONE A0,Late Line,QZTAW2496399,,US,10,0.03500000',
      '2025-04,Deezer,ZONE A0,Late Line,QZTAW2496399,,FR,"1,000",4.50000000',
    ];
    const lines = april.csv.replace(/\r\n/g, '\n').split('\n');
    const regenerated = [...lines.slice(0, -2), ...extra, lines[lines.length - 2], ''].join('\n');
    const [s] = await h.ingest([h.input('toolost_sales_04-2025_20250601_090000.csv', regenerated)]);
    expect(s).toMatchObject({ status: 'loaded', rowsLoaded: 3, rowsSkipped: april.totals.rows + 1 });
    const expected = {
      rows: String(april.totals.rows + may.totals.rows + 3),
      gross: (april.totals.netNano + may.totals.netNano + 4_570_000_000n).toString(),
      net: (april.totals.netNano + may.totals.netNano + 4_570_000_000n).toString(),
      quantity: String(april.totals.quantity + may.totals.quantity + 1020),
    };
    expect(await transactionTotals(h.ds, "source = 'toolost'")).toEqual(expected);
    expect(await rollupTotals(h.ds, "source = 'toolost'")).toEqual(expected);
  });

  it('keeps TooLost and DistroKid statement lines apart', async () => {
    const sample = salesReportSample({ seed: 46, month: '04-2025', rows: 50 });
    const dk = [
      'Reporting Date\tSale Month\tStore\tArtist\tTitle\tISRC\tUPC\tQuantity\tTeam Percentage\tSong/Album\tCountry of Sale\tSongwriter Royalties Withheld\tEarnings (USD)',
      '2025-06-05\t2025-04\tSpotify\tZONE A0\tNight Drive\tQZTAW2496365\t197368123456\t3\t100\tSong\tUS\t0\t0.02',
    ]
      .map((l) => `${l}\r`)
      .join('');
    const summaries = await h.ingest([
      h.input('dk_bank_details_20250606_000000.tsv', dk),
      h.input('toolost_sales_04-2025_20250505_101500.csv', sample.csv),
    ]);
    expect(statuses(summaries)).toEqual([
      'dk_bank_details_20250606_000000.tsv: loaded',
      'toolost_sales_04-2025_20250505_101500.csv: loaded',
    ]);
    expect((await transactionTotals(h.ds, "source = 'toolost'")).net).toBe(sample.totals.netNano.toString());
    expect(await transactionTotals(h.ds, "source = 'distrokid'")).toEqual({ rows: '1', gross: '20000000', net: '20000000', quantity: '3' });
  });
});
