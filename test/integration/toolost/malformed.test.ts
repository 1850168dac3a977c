/**
 * Malformed TooLost files are quarantined with the right reason code, naming the record/line and
 * field, while a valid file of the same batch loads; nothing of a bad file reaches raw, staging
 * or the warehouse.
 */
import fs from 'node:fs';
import { appleAnalyticsSample, salesReportSample, spotifyAnalyticsSample } from '../../../demo/sample-exports/toolost';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, statuses } from '../ingest/helpers';
import { dailyStreams, toolostCounts } from './helpers';

interface BadCase {
  name: string;
  content: () => string | Buffer;
  code: string;
  stream: string;
  field?: string | RegExp;
  line?: number;
  message?: RegExp;
}

const spotify = () => spotifyAnalyticsSample({ seed: 51, endDate: '2025-02-15' });
const apple = () =>
  appleAnalyticsSample({
    seed: 52,
    endDate: '2025-02-15',
    tracks: [{ isrc: 'QZTAW2496365', title: 'Night Drive', release: 'Night Drive' }],
  });
const sales = () => salesReportSample({ seed: 53, month: '01-2025', rows: 40 });

/** The spotify sample with one record's field replaced. */
function spotifyWith(
  mutate: (doc: { streams: Array<Record<string, unknown>>; discovery: Array<Record<string, unknown>> }) => void,
): string {
  const doc = JSON.parse(spotify().json) as { streams: Array<Record<string, unknown>>; discovery: Array<Record<string, unknown>> };
  mutate(doc);
  return JSON.stringify(doc);
}

const BAD: BadCase[] = [
  {
    name: 'toolost_spotify_20250216_000001.json',
    content: () => spotify().json.replace('"discovery"', '"discoveries"'),
    code: 'SCHEMA_DRIFT',
    stream: 'spotify_analytics',
    field: 'discovery',
    message: /missing key\(s\): discovery; unexpected key\(s\): discoveries/,
  },
  {
    name: 'toolost_spotify_20250216_000002.json',
    content: () => spotifyWith((d) => (d.streams[7].streams = '12a')),
    code: 'BAD_VALUE',
    stream: 'spotify_analytics',
    field: 'streams[7].streams',
  },
  {
    name: 'toolost_spotify_20250216_000003.json',
    content: () => spotifyWith((d) => (d.discovery[0].fees = 'two dollars')),
    code: 'BAD_VALUE',
    stream: 'spotify_analytics',
    field: 'discovery[0].fees',
  },
  {
    name: 'toolost_spotify_20250216_000004.json',
    content: () => spotifyWith((d) => (d.streams = d.streams.map(({ streams, ...rest }) => ({ ...rest, count: streams })))),
    code: 'SCHEMA_DRIFT',
    stream: 'spotify_analytics',
    field: 'streams[0].streams',
  },
  {
    name: 'toolost_spotify_20250216_000005.json',
    // A capture cut off mid-transfer.
    content: () => spotify().json.slice(0, 500),
    code: 'BAD_VALUE',
    stream: 'spotify_analytics',
    field: '(document)',
    line: 1,
  },
  { name: 'toolost_spotify_20250216_000006.json', content: () => '', code: 'EMPTY_FILE', stream: 'spotify_analytics' },
  {
    name: 'toolost_apple_20250216_000007.json',
    // Another endpoint's payload saved under the Apple name.
    content: () => JSON.stringify({ data: { totalViews: 10, timeseries: [] } }),
    code: 'SCHEMA_DRIFT',
    stream: 'apple_analytics',
    field: 'totalStreams, totalShazam, tracksTotal, countryTotal',
  },
  {
    name: 'toolost_apple_20250216_000008.json',
    content: () => apple().json.replace(/"country": "US"/, '"country": "United States"'),
    code: 'BAD_VALUE',
    stream: 'apple_analytics',
    field: 'countryTotal[0].country',
  },
  {
    name: 'toolost_apple_20250216_000009.json',
    content: () => Buffer.concat([Buffer.from('{"totalStreams": ['), Buffer.from([0, 0, 0xff, 0xfe])]),
    code: 'BINARY_CONTENT',
    stream: 'apple_analytics',
  },
  {
    name: 'toolost_sales_01-2025_20250216_000010.csv',
    content: () => sales().csv.replace('Earnings (USD)', 'Payout (EUR)'),
    code: 'SCHEMA_DRIFT',
    stream: 'sales_report',
    field: /^Earnings \(USD\), Payout \(EUR\)$/,
    line: 1,
  },
  {
    name: 'toolost_sales_01-2025_20250216_000011.csv',
    content: () => {
      const lines = sales().csv.split('\r\n');
      lines[5] = lines[5].replace(/,[^,]*$/, ',1.2.3');
      return lines.join('\r\n');
    },
    code: 'BAD_VALUE',
    stream: 'sales_report',
    field: 'Earnings (USD)',
    line: 6,
  },
  {
    name: 'toolost_sales_01-2025_20250216_000012.csv',
    // Truncated inside a quoted title.
    content: () => `${sales().csv.split('"Night Drive')[0]}"Night Dr`,
    code: 'BAD_VALUE',
    stream: 'sales_report',
    message: /ends inside a quoted field/,
  },
  {
    name: 'toolost_sales_01-2025_20250216_000013.csv',
    content: () => `${sales().csv}2025-01,Spotify,ZONE A0,Cut\r\n`,
    code: 'WRONG_FIELD_COUNT',
    stream: 'sales_report',
  },
  { name: 'toolost_sales_01-2025_20250216_000014.csv', content: () => '\ufeff\r\n\r\n', code: 'EMPTY_FILE', stream: 'sales_report' },
  {
    name: 'toolost_sales_20250216_000015.csv',
    // No period column and no MM-YYYY in the name: the month cannot be known.
    content: () => salesReportSample({ seed: 54, month: '01-2025', rows: 5, variant: 'no_period' }).csv,
    code: 'SCHEMA_DRIFT',
    stream: 'sales_report',
    field: /Period/,
  },
];

describeEachDatabase('TooLost malformed files → quarantine', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('quarantines every bad file with its reason while the valid files of the batch load', async () => {
    const good = spotify();
    const goodSales = sales();
    const inputs = [
      h.input('toolost_spotify_20250216_120000.json', good.json),
      ...BAD.map((b) => h.input(b.name, b.content())),
      h.input('toolost_sales_01-2025_20250216_120000.csv', goodSales.csv),
    ];
    const summaries = await h.ingest(inputs);
    expect(summaries).toHaveLength(BAD.length + 2);
    expect(summaries[0]).toMatchObject({ status: 'loaded', stream: 'spotify_analytics' });
    expect(summaries[summaries.length - 1]).toMatchObject({ status: 'loaded', stream: 'sales_report' });
    BAD.forEach((b, i) => {
      const s = summaries[i + 1];
      expect({ name: b.name, status: s.status, stream: s.stream, code: s.reason?.code }).toEqual({
        name: b.name,
        status: 'quarantined',
        stream: b.stream,
        code: b.code,
      });
      expect(s.reason?.file).toBe(s.landingFile);
      if (typeof b.field === 'string') expect(s.reason?.field).toBe(b.field);
      if (b.field instanceof RegExp) expect(s.reason?.field).toMatch(b.field);
      if (b.line !== undefined) expect(s.reason?.line).toBe(b.line);
      if (b.message) expect(s.reason?.message).toMatch(b.message);
    });

    // The warehouse holds exactly the two valid files.
    expect(await dailyStreams(h, 'toolost', 'spotify')).toEqual(good.days);
    const counts = await toolostCounts(h);
    expect(counts).toMatchObject({
      streams: good.days.length,
      promotion_costs: good.discovery.length,
      platform_daily_metrics: 0,
      stream_period_totals: 0,
      transactions: goodSales.totals.rows,
    });
    expect(statuses(summaries).filter((s) => s.endsWith(': loaded'))).toHaveLength(2);

    // Quarantine holds each bad file (with its reason); raw and staging only the good ones.
    const quarantined = listFiles(`${h.lakeDir}/quarantine/toolost`);
    for (const b of BAD) expect(quarantined.some((f) => f.includes(b.name.replace(/\.[a-z]+$/, '')))).toBe(true);
    const raw = listFiles(`${h.lakeDir}/raw/toolost`);
    expect(raw).toEqual([
      'sales_report/toolost_sales_01-2025_20250216_120000.ndjson',
      'spotify_analytics/toolost_spotify_20250216_120000.ndjson',
    ]);
    expect(listFiles(`${h.lakeDir}/staging/toolost`).every((f) => f.includes('_20250216_120000'))).toBe(true);
    expect(fs.existsSync(`${h.lakeDir}/landing/toolost/spotify_analytics/toolost_spotify_20250216_000001.json`)).toBe(true);
  });
});
