/**
 * The data-quality checks answer their statement-line questions from `revenue_platform_rollup` and
 * the partial index IDX_transactions_net_above_gross; the report must be the one the fact table
 * gives (test/helpers/quality-checks-fact-table.ts: the checks' former SQL on `transactions`).
 * Crafted DistroKid exports, loaded for real (a first load, then a staged one adding reporting
 * months to sale months already there): lines with net above gross (gross 0 among them) and
 * negative-gross lines with net above gross that must not count, sale months missing inside the
 * range, four platforms with one out-of-band payout month, a platform-month whose quantity sums to
 * less than one, and a streams page for the Spotify comparison.
 */
import { realStreamsStatsHtml } from '../../../demo/sample-exports/distrokid-streams-page';
import { DataQualityService } from '../../../src/analytics/insights/data-quality.service';
import { accuracy, completeness, consistency } from '../../../src/analytics/insights/quality-checks';
import type { DateRange } from '../../../src/analytics/periods';
import { loadConfig } from '../../../src/config/config';
import { describeEachDatabase } from '../../helpers/databases';
import { accuracyFromFacts, completenessFromFacts, consistencyFromFacts } from '../../helpers/quality-checks-fact-table';
import { type Cells, type Harness, OLD_HEADER, openHarness, tsv } from '../ingest/helpers';

/** Sale months with lines; 2024-04 and 2024-09 are missing inside the span, 2023-11 lies before it. */
const MONTHS = ['2023-11', '2024-01', '2024-02', '2024-03', '2024-05', '2024-06', '2024-07', '2024-08', '2024-10', '2024-11', '2024-12'];
/** Store, units per line and payout per unit: a platform each. */
const PLATFORMS = [
  { store: 'Spotify', quantity: 15_000, rate: 0.004 },
  { store: 'Apple Music', quantity: 2_000, rate: 0.008 },
  { store: 'Deezer', quantity: 1_000, rate: 0.005 },
  { store: 'TikTok', quantity: 8_000, rate: 0.0005 },
];
const money = (x: number) => x.toFixed(8);

/** Two lines per platform and sale month, reported in two different months. */
function regularLines(): Cells[] {
  const rows: Cells[] = [];
  for (const m of MONTHS)
    for (const p of PLATFORMS)
      for (const [k, reported] of [`${m}-20`, `${m}-27`].entries()) {
        // Deezer pays ten times its usual rate in 2024-06; Spotify's 2024-05 quantity is far below the streams page.
        const rate = p.store === 'Deezer' && m === '2024-06' ? p.rate * 10 : p.rate;
        const quantity = p.store === 'Spotify' && m === '2024-05' ? 2_500 : p.quantity;
        const reportingDate = new Date(Date.parse(`${reported}T00:00:00Z`) + (k + 1) * 40 * 86_400_000).toISOString().slice(0, 10);
        rows.push({
          'Reporting Date': reportingDate,
          'Sale Month': m,
          Store: p.store,
          Title: `Track ${k}`,
          ISRC: `QZTAW24${String(k).padStart(5, '0')}`,
          Quantity: String(quantity),
          'Earnings (USD)': money(quantity * rate),
        });
      }
  return rows;
}

/** Net is earnings minus withheld (times the team share): a negative withheld puts net above gross. */
const NET_ABOVE_GROSS: Cells[] = [
  {
    'Sale Month': '2024-02',
    'Reporting Date': '2024-04-02',
    Store: 'Spotify',
    Quantity: '3',
    'Earnings (USD)': '0.50000000',
    'Songwriter Royalties Withheld': '-0.10000000',
  },
  {
    'Sale Month': '2024-07',
    'Reporting Date': '2024-09-02',
    Store: 'Apple Music',
    Quantity: '1',
    'Earnings (USD)': '0.00000000',
    'Songwriter Royalties Withheld': '-0.01000000',
  },
  {
    'Sale Month': '2023-11',
    'Reporting Date': '2024-01-09',
    Store: 'Deezer',
    Quantity: '2',
    'Earnings (USD)': '0.30000000',
    'Songwriter Royalties Withheld': '-0.10000000',
  },
];
/** Net above gross but gross negative (an adjustment), or net at most gross: not counted. */
const NOT_COUNTED: Cells[] = [
  {
    'Sale Month': '2024-03',
    'Reporting Date': '2024-05-03',
    Store: 'TikTok',
    Quantity: '-2',
    'Earnings (USD)': '-0.50000000',
    'Songwriter Royalties Withheld': '-0.20000000',
  },
  {
    'Sale Month': '2024-10',
    'Reporting Date': '2024-12-03',
    Store: 'Spotify',
    Quantity: '-1',
    'Earnings (USD)': '-0.01000000',
    'Songwriter Royalties Withheld': '-0.00500000',
  },
  {
    'Sale Month': '2024-12',
    'Reporting Date': '2025-02-03',
    Store: 'TikTok',
    Quantity: '4',
    'Team Percentage': '50',
    'Earnings (USD)': '1.00000000',
    'Songwriter Royalties Withheld': '-0.20000000',
  },
  // Boomplay's only platform-month sums to a negative quantity: no payout rate is checked for it.
  { 'Sale Month': '2024-05', 'Reporting Date': '2024-07-03', Store: 'Boomplay', Quantity: '-2', 'Earnings (USD)': '-0.01000000' },
];
/** A later export: more reporting months for sale months already loaded (the rollup rows are added to), one more bad line. */
const LATER: Cells[] = [
  { 'Sale Month': '2024-03', 'Reporting Date': '2025-01-10', Store: 'Spotify', Quantity: '700', 'Earnings (USD)': '2.80000000' },
  { 'Sale Month': '2024-08', 'Reporting Date': '2025-01-11', Store: 'Deezer', Quantity: '90', 'Earnings (USD)': '0.45000000' },
  {
    'Sale Month': '2024-08',
    'Reporting Date': '2025-01-12',
    Store: 'Spotify',
    Quantity: '5',
    'Earnings (USD)': '0.20000000',
    'Songwriter Royalties Withheld': '-0.05000000',
  },
];

/** About 30 000 Spotify streams a month on the streams page, 2024-01 to 2024-12. */
function streamsSeries(): Array<{ date: string; streams: number }> {
  const out: Array<{ date: string; streams: number }> = [];
  for (let t = Date.parse('2024-01-01T00:00:00Z'); t <= Date.parse('2024-12-31T00:00:00Z'); t += 86_400_000)
    out.push({ date: new Date(t).toISOString().slice(0, 10), streams: 950 + ((t / 86_400_000) % 100) });
  return out;
}

const RANGES: Array<[string, DateRange]> = [
  ['the whole of 2024', { from: '2024-01-01', to: '2024-12-31' }],
  ['every sale month', { from: '2023-01-01', to: '2025-12-31' }],
  ['mid-month ends', { from: '2024-02-15', to: '2024-10-10' }],
  ['a single month', { from: '2024-06-01', to: '2024-06-30' }],
  ['no statement line', { from: '2022-01-01', to: '2022-12-31' }],
];
const NOW = new Date('2025-02-01T12:00:00Z');
const STATEMENT_CHECKS = ['missing_statement_months', 'net_above_gross', 'payout_per_stream_out_of_band', 'statement_vs_daily_streams'];

describeEachDatabase('data quality from the rollups and the partial index', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(kind);
    const summaries = await h.ingest(
      [
        h.input('dk_bank_details_20250105_090000.tsv', tsv(OLD_HEADER, [...regularLines(), ...NET_ABOVE_GROSS, ...NOT_COUNTED])),
        h.input('streams_stats_20250105_090000.html', realStreamsStatsHtml({ seed: 5, series: streamsSeries() })),
        h.input('dk_bank_details_20250201_090000.tsv', tsv(OLD_HEADER, LATER)),
      ],
      'distrokid',
    );
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded', 'loaded']);
  });
  afterAll(async () => h?.close());

  it.each(RANGES)('completeness, accuracy and consistency equal the fact-table definition over %s', async (_name, range) => {
    expect(await completeness(h.ds, 'distrokid', range)).toEqual(await completenessFromFacts(h.ds, 'distrokid', range));
    expect(await accuracy(h.ds, 'distrokid', range)).toEqual(await accuracyFromFacts(h.ds, 'distrokid', range));
    expect(await consistency(h.ds, 'distrokid', range)).toEqual(await consistencyFromFacts(h.ds, 'distrokid', range));
  });

  it("the service's report has the definition's scores and failed checks, and they are the crafted ones", async () => {
    const range = { from: '2023-01-01', to: '2025-12-31' };
    const report = await new DataQualityService(h.ds, loadConfig({}).health).compute('distrokid', range, NOW);
    const expected = {
      completeness: await completenessFromFacts(h.ds, 'distrokid', range),
      accuracy: await accuracyFromFacts(h.ds, 'distrokid', range),
      consistency: await consistencyFromFacts(h.ds, 'distrokid', range),
    };
    for (const [name, check] of Object.entries(expected))
      expect(report.scores.find((s) => s.name === name)).toMatchObject({
        score: Math.round(check.score * 10_000) / 10_000,
        rule: check.rule,
      });
    expect(report.failedChecks.filter((c) => STATEMENT_CHECKS.includes(c.check))).toEqual(
      [...expected.completeness.failed, ...expected.accuracy.failed, ...expected.consistency.failed].filter((c) =>
        STATEMENT_CHECKS.includes(c.check),
      ),
    );
    // Not vacuous: each statement-line check found what was crafted.
    const failed = (check: string) => report.failedChecks.filter((c) => c.check === check);
    expect(failed('missing_statement_months')).toEqual([
      { check: 'missing_statement_months', detail: 'no statement lines for sale months 2023-12, 2024-04, 2024-09', count: 3 },
    ]);
    expect(failed('net_above_gross')).toEqual([{ check: 'net_above_gross', detail: '4 statement lines have net above gross', count: 4 }]);
    expect(failed('payout_per_stream_out_of_band')).toEqual([
      expect.objectContaining({ count: 1, detail: expect.stringMatching(/^deezer: 2024-06 /) }),
    ]);
    expect(failed('statement_vs_daily_streams')).toEqual([
      expect.objectContaining({ count: 1, detail: expect.stringContaining('2024-05 (5000 vs ') }),
    ]);
  });
});
