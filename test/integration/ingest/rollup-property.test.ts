/**
 * Property: whatever the filters and groupings, a revenue question answered from the monthly
 * rollups (RevenueService picks them for month-or-coarser questions without tracks) equals the
 * same question answered from the statement lines themselves. The lines are read back from the
 * fact table and aggregated here in JavaScript, independently of any SQL the service writes.
 * Loads include a full-history re-export (rollups are incremented per file) and a TooLost report.
 */
import { RevenueService, type RevenueDimension, type RevenueFilter, type DateBasis } from '../../../src/analytics/revenue.service';
import { type Grain, periodOf } from '../../../src/analytics/periods';
import { dateText, dialectOf } from '../../../src/db/dialect';
import { type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { seededRandom } from '../../../demo/seeded-random';
import { describeEachDatabase } from '../../helpers/databases';
import { exportOf, generatedLines, generatorTotals, type Harness, OLD_HEADER, openHarness, statuses } from './helpers';

const TRACKS: BankSampleOptions['tracks'] = [
  { artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' },
  { artist: 'SXNCTUARY', title: 'Static Bloom', isrc: 'QZTAW2496366', upc: '197368123457' },
  { artist: 'ZONE A0 X SXNCTUARY', title: 'Heaven Nightclub', isrc: 'QZTAW2496367', upc: '197368123458' },
];
const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08'];
const E1: BankSampleOptions = { seed: 71, rows: 1500, months: MONTHS.slice(0, 5), artists: [], tracks: TRACKS };
const E2: BankSampleOptions = { seed: 72, rows: 700, months: MONTHS.slice(4), artists: [], tracks: TRACKS };
const PROPERTY_RUNS = 60;

interface Line {
  source: string;
  saleMonth: string;
  reportingDate: string;
  platformId: number;
  platformCode: string;
  store: string;
  country: string | null;
  artistId: number | null;
  gross: bigint;
  net: bigint;
  quantity: bigint;
}

interface Sums {
  gross: bigint;
  net: bigint;
  quantity: bigint;
  count: number;
}

const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

describeEachDatabase('rollup answers equal fact-table answers', (kind) => {
  let h: Harness;
  let lines: Line[];

  beforeAll(async () => {
    h = await openHarness(kind);
    const first = await h.ingest([h.input('dk_bank_details_20240601_000000.tsv', exportOf(OLD_HEADER, generatedLines(E1)))]);
    // A later full-history export: only E2's lines are new, and the rollups are incremented by them alone.
    const second = await h.ingest([
      h.input('dk_bank_details_20240901_000000.tsv', exportOf(OLD_HEADER, [...generatedLines(E1), ...generatedLines(E2)])),
    ]);
    expect(statuses([...first, ...second])).toEqual([
      'dk_bank_details_20240601_000000.tsv: loaded',
      'dk_bank_details_20240901_000000.tsv: loaded',
    ]);
    const d = dialectOf(h.ds);
    const rows: Array<Record<string, unknown>> = await h.ds.query(
      `SELECT t.source, ${dateText(d, 't.sale_month')} AS sale_month, ${dateText(d, 't.reporting_date')} AS reporting_date, t.platform_id, p.code,
         s.name AS store, t.country, t.artist_id, CAST(t.gross_nano AS TEXT) AS gross, CAST(t.net_nano AS TEXT) AS net, t.quantity
       FROM transactions t JOIN platforms p ON p.id = t.platform_id JOIN stores s ON s.id = t.store_id`,
    );
    lines = rows.map((r) => ({
      source: String(r.source),
      saleMonth: String(r.sale_month),
      reportingDate: String(r.reporting_date),
      platformId: Number(r.platform_id),
      platformCode: String(r.code),
      store: String(r.store),
      country: r.country == null ? null : String(r.country),
      artistId: r.artist_id == null ? null : Number(r.artist_id),
      gross: BigInt(String(r.gross)),
      net: BigInt(String(r.net)),
      quantity: BigInt(String(r.quantity)),
    }));
    // The facts themselves hold exactly what the generator wrote (so the comparison below is not between two wrong answers).
    const expected = generatorTotals(E1, E2);
    expect(String(lines.length)).toBe(expected.rows);
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`agrees on ${PROPERTY_RUNS} random questions (filters, groupings, grains, date bases)`, async () => {
    const rng = seededRandom(kind === 'sqlite' ? 4242 : 4343);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    const some = <T>(xs: readonly T[]): T[] | null => (rng() < 0.5 ? null : xs.filter(() => rng() < 0.4));
    const distinct = <T>(xs: T[]) => [...new Set(xs)];
    const platforms = distinct(lines.map((l) => l.platformCode));
    const stores = distinct(lines.map((l) => l.store));
    const countries = distinct(lines.map((l) => l.country).filter((c): c is string => c !== null));
    const artists = distinct(lines.map((l) => l.artistId).filter((a): a is number => a !== null));
    const service = new RevenueService(h.ds);
    const dims: RevenueDimension[] = ['PLATFORM', 'STORE', 'COUNTRY', 'ARTIST', 'SOURCE'];
    let nonEmpty = 0;

    for (let run = 0; run < PROPERTY_RUNS; run++) {
      const grain: Grain = pick(['MONTH', 'QUARTER', 'YEAR'] as const);
      const dateBasis: DateBasis = pick(['SALE_MONTH', 'REPORTING_DATE'] as const);
      // Month-aligned ranges: those are the ones the rollups answer on either basis.
      const fromMonth = pick(['2023-12', ...MONTHS, '2024-09']);
      const toMonth = pick(['2024-03', '2024-06', '2024-10', '2024-12', '2025-02']);
      const range = { from: `${fromMonth}-01`, to: monthEnd(toMonth) };
      const filter: RevenueFilter = {
        platforms: some(platforms),
        stores: some(stores),
        countries: some(countries),
        artistIds: some(artists),
        sources: rng() < 0.2 ? ['distrokid'] : null,
      };
      const groupBy = dims.filter(() => rng() < 0.35);
      const question = JSON.stringify({ grain, dateBasis, range, filter, groupBy });

      const inScope = lines.filter((l) => {
        const date = dateBasis === 'SALE_MONTH' ? l.saleMonth : l.reportingDate;
        if (date < (dateBasis === 'SALE_MONTH' ? `${range.from.slice(0, 7)}-01` : range.from) || date > range.to) return false;
        if (filter.platforms?.length && !filter.platforms.includes(l.platformCode)) return false;
        if (filter.stores?.length && !filter.stores.includes(l.store)) return false;
        if (filter.countries?.length && (l.country === null || !filter.countries.includes(l.country))) return false;
        if (filter.artistIds?.length && (l.artistId === null || !filter.artistIds.includes(l.artistId))) return false;
        if (filter.sources?.length && !filter.sources.includes(l.source)) return false;
        return true;
      });
      const expected = new Map<string, Sums>();
      for (const l of inScope) {
        const period = periodOf(dateBasis === 'SALE_MONTH' ? l.saleMonth : l.reportingDate, grain);
        const key = [
          period,
          ...groupBy.map(
            (g) => ({ PLATFORM: l.platformId, STORE: l.store, COUNTRY: l.country, ARTIST: l.artistId, SOURCE: l.source, TRACK: null })[g],
          ),
        ].join('|');
        const s = expected.get(key) ?? { gross: 0n, net: 0n, quantity: 0n, count: 0 };
        s.gross += l.gross;
        s.net += l.net;
        s.quantity += l.quantity;
        s.count++;
        expected.set(key, s);
      }

      const points = await service.series({ range, filter, dateBasis }, grain, groupBy, 'PERIOD_ASC', 100_000);
      const got = new Map<string, Sums>();
      for (const p of points) {
        const key = [
          p.period,
          ...groupBy.map(
            (g) =>
              ({ PLATFORM: p.platformId, STORE: p.storeName, COUNTRY: p.country, ARTIST: p.artistId, SOURCE: p.source, TRACK: null })[g],
          ),
        ].join('|');
        expect(got.has(key)).toBe(false);
        got.set(key, { gross: p.grossNano, net: p.netNano, quantity: p.quantity, count: p.transactionCount });
      }
      expect({ question, answer: [...got].sort() }).toEqual({ question, answer: [...expected].sort() });

      const totals = await service.totals({ range, filter, dateBasis });
      const sum = inScope.reduce(
        (a, l) => ({ gross: a.gross + l.gross, net: a.net + l.net, quantity: a.quantity + l.quantity, count: a.count + 1 }),
        { gross: 0n, net: 0n, quantity: 0n, count: 0 },
      );
      expect({ question, totals: [totals.grossNano, totals.netNano, totals.quantity, totals.transactionCount] }).toEqual({
        question,
        totals: [sum.gross, sum.net, sum.quantity, sum.count],
      });
      if (inScope.length) nonEmpty++;
    }
    // The random questions must not all be trivially empty.
    expect(nonEmpty).toBeGreaterThan(PROPERTY_RUNS / 3);
  });
});
