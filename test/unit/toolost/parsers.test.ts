/** Unit checks of the TooLost value parsers, the CSV record reader and the recognisers. */
import { parseAppleAnalytics } from '../../../src/ingest/toolost/apple-analytics.parser';
import { toolostAppleAnalytics } from '../../../src/ingest/toolost/apple-analytics.stream';
import { DETECT_DELIMITER, readCsvRecords } from '../../../src/ingest/common/csv-reader';
import { parseSpotifyAnalytics } from '../../../src/ingest/toolost/spotify-analytics.parser';
import { toolostSalesReport } from '../../../src/ingest/toolost/sales-report.stream';
import { foldHeader, monthFromFileName, parseSalesReport, type SalesRow } from '../../../src/ingest/toolost/sales-report.parser';
import { toolostSpotifyAnalytics } from '../../../src/ingest/toolost/spotify-analytics.stream';
import { parseMonth } from '../../../src/ingest/common/dates';
import { MISSING, parseCount, parseMoney } from '../../../src/ingest/toolost/values';
import { bytesIn, chunksOf, reasonOf } from '../distrokid/helpers';

async function records(text: string, chunk = 7): Promise<Array<{ line: number; fields: string[] }>> {
  const out: Array<{ line: number; fields: string[] }> = [];
  for await (const batch of readCsvRecords(chunksOf(...bytesIn(text, chunk)), { file: 't.csv', delimiter: DETECT_DELIMITER }))
    out.push(...batch);
  return out;
}

async function salesRows(text: string, names: string[] = ['toolost_sales_04-2025_20250505_000000.csv']): Promise<SalesRow[]> {
  const out: SalesRow[] = [];
  for await (const b of parseSalesReport(chunksOf(text), { file: 't.csv', names })) out.push(...b.rows);
  return out;
}

describe('TooLost values', () => {
  it('parses counts written as strings, with separators, and treats blanks/NaN as missing', () => {
    expect([parseCount('1095'), parseCount('12,345'), parseCount(8), parseCount(' 7 ')]).toEqual([1095, 12345, 8, 7]);
    expect([parseCount(''), parseCount('NaN'), parseCount(null)]).toEqual([MISSING, MISSING, MISSING]);
    expect([parseCount('12a'), parseCount('1,2,3'), parseCount(-1), parseCount(1.5), parseCount(true)]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('parses money exactly, in every spelling a report uses', () => {
    expect(parseMoney('2.93076245')).toBe(2_930_762_450n);
    expect(parseMoney('1,234.5')).toBe(1_234_500_000_000n);
    expect(parseMoney('-$0.01')).toBe(-10_000_000n);
    expect(parseMoney('(3.10)')).toBe(-3_100_000_000n);
    expect(parseMoney('1.5E-05')).toBe(15_000n);
    expect(parseMoney('2E3')).toBe(2_000_000_000_000n);
    expect(parseMoney(0.1)).toBe(100_000_000n);
    expect([parseMoney('1.2.3'), parseMoney('12,34.5'), parseMoney('abc'), parseMoney('0.0000000001')]).toEqual([null, null, null, null]);
  });

  it('reads months in the spellings reports use', () => {
    expect(['2025-04', '04-2025', '4/2025', '2025-04-17', 'Apr 2025', 'April 2025', 'sept 2025'].map(parseMonth)).toEqual([
      '2025-04-01',
      '2025-04-01',
      '2025-04-01',
      '2025-04-01',
      '2025-04-01',
      '2025-04-01',
      '2025-09-01',
    ]);
    expect(['2025-13', '2025-02-30', 'Aprx 2025', '13-2025'].map(parseMonth)).toEqual([null, null, null, null]);
    expect(monthFromFileName('toolost_sales_04-2025_20250505_101500.csv')).toBe('2025-04-01');
    expect(monthFromFileName('Your 12-2024 Sales report.csv')).toBe('2024-12-01');
    expect(monthFromFileName('toolost_sales_20250505_101500.csv')).toBeNull();
  });
});

describe('CSV records', () => {
  it('handles BOM, CRLF/LF/CR, quoted commas, doubled quotes and line breaks inside quotes, across chunk borders', async () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\n2,"multi\r\nline",\r3,,""\r\n';
    expect(await records(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'multi\nline', ''] },
      { line: 5, fields: ['3', '', ''] },
    ]);
  });

  it('detects semicolon-separated files and refuses text after a closing quote', async () => {
    expect(await records('a;b\n"1;2";3\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1;2', '3'] },
    ]);
    const reason = await reasonOf(() => records('a,b\n"1"x,2\n'));
    expect(reason).toMatchObject({ code: 'BAD_VALUE', line: 2, column: 4 });
  });
});

describe('sales report parser', () => {
  it('folds header names and maps synonyms', async () => {
    expect(foldHeader('\ufeffEarnings (USD)')).toBe('earnings');
    expect(foldHeader('Net Revenue in USD')).toBe('net revenue');
    const rows = await salesRows('DSP;Track Name;ISRC;Territory;Units;Royalties (USD)\nSpotify;X;qz-taw-24-96365;us;"1,200";1,234.5\n');
    expect(rows[0]).toMatchObject({
      store: 'Spotify',
      title: 'X',
      isrc: 'QZTAW2496365',
      country: 'US',
      quantity: 1200,
      netNano: 1_234_500_000_000n,
      grossNano: 1_234_500_000_000n,
      saleMonth: '2025-04-01',
    });
  });

  it('names ambiguous and missing columns', async () => {
    const reason = await reasonOf(() => salesRows('Store,Track,Title,Quantity,Amount\nSpotify,a,b,1,0.1\n'));
    expect(reason).toMatchObject({ code: 'SCHEMA_DRIFT', line: 1 });
    expect(reason.message).toMatch(/Track \/ Title \(both Title\)/);
    const missing = await reasonOf(() => salesRows('Store,Title,Units Played,Earnings\nSpotify,a,1,0.1\n'));
    expect(missing).toMatchObject({ code: 'SCHEMA_DRIFT', field: 'Quantity, Units Played' });
  });
});

describe('TooLost recognition', () => {
  const sp = toolostSpotifyAnalytics.recognise;
  const ap = toolostAppleAnalytics.recognise;
  const sa = toolostSalesReport.recognise;

  it('recognises names and contents', () => {
    expect(sp('toolost_spotify_20250517_120000.json', '', '')).toBe(true);
    expect(sp('spotify_20250517_120000.json', '{"streams": [{"date": "2025-05-17", "streams": "1095"}], "discovery": []}', '')).toBe(true);
    expect(ap('toolost_apple_20250517_120000.json', '', '')).toBe(true);
    expect(ap('x.json', '{\n  "totalStreams": [],\n  "totalShazam": [],\n  "tracksTotal": []\n}', '')).toBe(true);
    expect(sa('toolost_sales_04-2025_20250505_101500.csv', '', '')).toBe(true);
    expect(sa('report.csv', '"Sale Month","Store","Title","Quantity","Earnings (USD)"', '')).toBe(true);
  });

  it('never takes another source for TooLost', () => {
    const others = [
      [
        'linktree_20250201_120000.json',
        '{"data": {"getAccountAnalytics": {"overview": {"totalViews": 15, "totalClicks": 7, "timeseries": [{"date": "2025-01-15", "totalViews": 15}]}}}}',
      ],
      ['insights.json', '[{"campaign_id": "1", "spend": "3.41", "impressions": "1000", "date_start": "2025-01-01"}]'],
      ['spotify_songs_1day_20250201_120000.json', '{"songs": [{"id": "x", "trackName": "Night Drive", "numStreams": "12,345"}]}'],
      ['spotify_audience_62owJQCD2XzVB2o19CVsFM_20250201_120000.csv', 'date,listeners,streams,followers'],
      ['ads.csv', 'Reporting starts,Reporting ends,Campaign name,Amount spent (USD),Impressions,Reach,Clicks,Results'],
      [
        'dk_bank_details_20250101_000000.tsv',
        'Reporting Date\tSale Month\tStore\tArtist\tTitle\tISRC\tUPC\tQuantity\tTeam Percentage\tSong/Album\tCountry of Sale\tSongwriter Royalties Withheld\tEarnings (USD)',
      ],
    ];
    for (const [name, head] of others) {
      expect([name, sp(name, head, ''), ap(name, head, ''), sa(name, head, '')]).toEqual([name, false, false, false]);
    }
  });
});

describe('Spotify analytics parser', () => {
  it('refuses two different values for one day, naming both records', async () => {
    const reason = await reasonOf(() =>
      parseSpotifyAnalytics(
        {
          streams: [
            { date: '2025-01-01', streams: '5' },
            { date: '2025-01-01', streams: '6' },
          ],
          discovery: [],
        },
        'f.json',
      ),
    );
    expect(reason).toMatchObject({ code: 'BAD_VALUE', field: 'streams[1]', found: 'streams[0] and streams[1] both for 2025-01-01' });
  });
});

describe('Apple analytics parser', () => {
  it('flags, without failing, a streamTotal that lags the daily series', () => {
    const doc = (streamTotal: number) => ({
      totalStreams: [
        { date: '2025-01-01', streams: 8 },
        { date: '2025-01-02', streams: '2' },
      ],
      totalShazam: [{ date: '2025-01-01', streams: '3' }],
      tracksTotal: [{ isrc: 'QZ-TAW-24-96365', streams: 10, track: 'Night Drive', release: 'Night Drive', cover: 'x' }],
      countryTotal: [{ country: 'us', streams: 10 }],
      streamTotal,
    });
    expect(parseAppleAnalytics(doc(10), 'a.json')).toMatchObject({
      streamTotal: 10,
      streamTotalMatches: true,
      countries: [{ country: 'US', streams: 10 }],
    });
    expect(parseAppleAnalytics(doc(9), 'a.json')).toMatchObject({
      streamTotal: 9,
      streamTotalMatches: false,
      tracks: [{ isrc: 'QZTAW2496365', streams: 10 }],
    });
  });
});
