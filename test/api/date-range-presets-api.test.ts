/**
 * DateRange presets over real HTTP on both databases. The server's clock is injected and the label
 * lives on Kiritimati (UTC+14): at 2025-07-31T12:00Z it is already 1 August there, so every preset
 * must resolve on 2025-08-01, not on the UTC date. Each preset answers exactly what the explicit
 * from/to computed here (an independent calendar) answers; platformComparison compares a preset
 * with its own previous period; the one-of rule answers BAD_USER_INPUT; and a cached preset
 * answer is not served once the label's day has turned.
 */
import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { CACHE_HEADER } from '../../src/server/response-cache';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { months, writeBankExport, writeStreamsPage } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

const TODAY = '2025-08-01'; // in Pacific/Kiritimati at the injected instant below

// The expected days of each preset on TODAY, worked out with plain Date arithmetic (not the product's code).
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const [Y, M, D] = TODAY.split('-').map(Number);
const EXPECTED: Record<string, { from: string; to: string; previous: { from: string; to: string } }> = {
  LAST_7_DAYS: { from: utc(Y, M, D - 6), to: TODAY, previous: { from: utc(Y, M, D - 13), to: utc(Y, M, D - 7) } },
  LAST_30_DAYS: { from: utc(Y, M, D - 29), to: TODAY, previous: { from: utc(Y, M, D - 59), to: utc(Y, M, D - 30) } },
  LAST_90_DAYS: { from: utc(Y, M, D - 89), to: TODAY, previous: { from: utc(Y, M, D - 179), to: utc(Y, M, D - 90) } },
  LAST_12_MONTHS: { from: utc(Y, M - 11, 1), to: TODAY, previous: { from: utc(Y - 1, M - 11, 1), to: utc(Y - 1, M, D) } },
  YEAR_TO_DATE: { from: utc(Y, 1, 1), to: TODAY, previous: { from: utc(Y - 1, 1, 1), to: utc(Y - 1, M, D) } },
  PREVIOUS_MONTH: { from: utc(Y, M - 1, 1), to: utc(Y, M, 0), previous: { from: utc(Y, M - 2, 1), to: utc(Y, M - 1, 0) } },
  PREVIOUS_QUARTER: { from: '2025-04-01', to: '2025-06-30', previous: { from: '2025-01-01', to: '2025-03-31' } },
  PREVIOUS_YEAR: { from: utc(Y - 1, 1, 1), to: utc(Y - 1, 12, 31), previous: { from: utc(Y - 2, 1, 1), to: utc(Y - 2, 12, 31) } },
};

const FIGURES = `query Figures($range: DateRange!) {
  revenueSummary(range: $range) { gross net quantity }
  streamSeries(range: $range, grain: MONTH, groupBy: [SOURCE]) { points { period source streams } totals { streams } }
  revenueSeries(range: $range, grain: MONTH, groupBy: [PLATFORM]) { points { period platform { code } net } }
  topTracks(range: $range, first: 5) { rank track { isrc } net units }
}`;
const COMPARISON = `query Cmp($range: DateRange!) { platformComparison(range: $range) { platform { code } streams net streamsGrowthPct revenueGrowthPct } }`;

interface PlatformRow {
  platform: { code: string };
  streams: number;
  net: string;
  streamsGrowthPct: string | null;
  revenueGrowthPct: string | null;
}

/** Percent change to 2 decimals, half away from zero, in BigInt on hundredths; null without a previous value. */
function growthPct(current: bigint, previous: bigint): string | null {
  if (previous === 0n) return null;
  const change = (current - previous) * 10000n;
  const abs = (v: bigint) => (v < 0n ? -v : v);
  const q = (2n * abs(change) + abs(previous)) / (2n * abs(previous));
  const negative = change !== 0n && change < 0n !== previous < 0n;
  return `${negative && q !== 0n ? '-' : ''}${q / 100n}.${String(q % 100n).padStart(2, '0')}`;
}
const nano = (decimal: string) => {
  const negative = decimal.startsWith('-');
  const [whole, frac = ''] = decimal.replace('-', '').split('.');
  const v = BigInt(whole) * 10n ** 9n + BigInt(frac.padEnd(9, '0'));
  return negative ? -v : v;
};

describeEachDatabase('DateRange presets over HTTP', (kind) => {
  let server: TestServer;
  let clock = new Date('2025-07-31T12:00:00Z');

  beforeAll(async () => {
    server = await startTestServer(kind, { LABEL_TIME_ZONE: 'Pacific/Kiritimati' }, undefined, { now: () => clock });
    const dir = tempDir('presets');
    const bank = writeBankExport(dir, 'dk_bank_details_20250801_000000.tsv', { rows: 3000, months: months('2023-11', 21) });
    const page = writeStreamsPage(dir, 'streams_stats_20250801_000000.html', '2025-07-31');
    await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([bank.file, page.file]);
  });
  afterAll(async () => server?.close());
  beforeEach(() => {
    clock = new Date('2025-07-31T12:00:00Z');
  });

  it("resolves every preset on the label's today (already 1 August on Kiritimati at 12:00 UTC on 31 July)", async () => {
    for (const [preset, expected] of Object.entries(EXPECTED)) {
      const res = await server.gql<{ resolvedDateRange: Record<string, unknown> }>(
        `query R($range: DateRange!) { resolvedDateRange(range: $range) { from to preset today timeZone previous { from to } } }`,
        { range: { preset } },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.resolvedDateRange).toEqual({ ...expected, preset, today: TODAY, timeZone: 'Pacific/Kiritimati' });
    }
  });

  it.each(Object.keys(EXPECTED))('%s answers exactly what its explicit from/to answers', async (preset) => {
    const { from, to } = EXPECTED[preset];
    const byPreset = await server.gql(FIGURES, { range: { preset } });
    const explicit = await server.gql(FIGURES, { range: { from, to } });
    expect(byPreset.body.errors).toBeUndefined();
    expect(explicit.body.errors).toBeUndefined();
    expect(byPreset.body.data).toEqual(explicit.body.data);
    // previous: true is the preset's previous period, as explicit days.
    const previous = await server.gql(FIGURES, { range: { preset, previous: true } });
    const explicitPrevious = await server.gql(FIGURES, { range: EXPECTED[preset].previous });
    expect(previous.body.errors).toBeUndefined();
    expect(previous.body.data).toEqual(explicitPrevious.body.data);
  });

  it('has data in the ranges compared (the assertions above compare figures, not empty answers)', async () => {
    for (const preset of ['LAST_30_DAYS', 'LAST_12_MONTHS', 'PREVIOUS_QUARTER', 'YEAR_TO_DATE']) {
      const res = await server.gql<{ revenueSummary: { quantity: number }; streamSeries: { totals: { streams: number } } }>(FIGURES, {
        range: { preset },
      });
      expect(res.body.data!.streamSeries.totals.streams).toBeGreaterThan(0);
      if (preset !== 'LAST_30_DAYS') expect(res.body.data!.revenueSummary.quantity).toBeGreaterThan(0);
    }
  });

  it.each(['LAST_12_MONTHS', 'YEAR_TO_DATE', 'PREVIOUS_MONTH', 'PREVIOUS_QUARTER', 'LAST_30_DAYS'])(
    "platformComparison for %s grows versus the preset's own previous period",
    async (preset) => {
      const res = await server.gql<{ platformComparison: PlatformRow[] }>(COMPARISON, { range: { preset } });
      const current = await server.gql<{ platformComparison: PlatformRow[] }>(COMPARISON, {
        range: { from: EXPECTED[preset].from, to: EXPECTED[preset].to },
      });
      const previous = await server.gql<{ platformComparison: PlatformRow[] }>(COMPARISON, { range: EXPECTED[preset].previous });
      expect(res.body.errors).toBeUndefined();
      const rows = res.body.data!.platformComparison;
      expect(rows.length).toBeGreaterThan(0);
      const before = new Map(previous.body.data!.platformComparison.map((p) => [p.platform.code, p]));
      // The current figures are those of the explicit days…
      expect(rows.map((p) => [p.platform.code, p.streams, p.net])).toEqual(
        current.body.data!.platformComparison.map((p) => [p.platform.code, p.streams, p.net]),
      );
      // …and growth is against the preset's previous period, computed here from that period's own figures.
      for (const p of rows) {
        const b = before.get(p.platform.code);
        expect(p.streamsGrowthPct).toBe(growthPct(BigInt(p.streams), BigInt(b?.streams ?? 0)));
        expect(p.revenueGrowthPct).toBe(growthPct(nano(p.net), b ? nano(b.net) : 0n));
      }
      expect(rows.some((p) => p.revenueGrowthPct !== null || p.streamsGrowthPct !== null)).toBe(true);
    },
  );

  it.each([
    ['preset with from and to', '{ preset: LAST_7_DAYS, from: "2025-01-01", to: "2025-01-31" }', 'range.preset'],
    ['preset with from only', '{ preset: LAST_7_DAYS, from: "2025-01-01" }', 'range.preset'],
    ['nothing', '{}', 'range'],
    ['from without to', '{ from: "2025-01-01" }', 'range.to'],
    ['to without from', '{ to: "2025-01-31" }', 'range.from'],
  ])('refuses %s as BAD_USER_INPUT naming the field', async (_what, literal, field) => {
    const res = await server.gql(`{ revenueSummary(range: ${literal}) { net } }`);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(res.body.errors![0].message).toMatch(new RegExp(`^${field.replace('.', '\\.')}`));
  });

  it("does not serve a preset answer cached yesterday once the label's day turns (10:00 UTC on Kiritimati)", async () => {
    const post = async (range: Record<string, unknown>) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.viewerToken}` },
        body: JSON.stringify({
          query: `query C($range: DateRange!) { resolvedDateRange(range: $range) { from to } revenueSummary(range: $range) { net } }`,
          variables: { range },
        }),
      });
      const body = (await res.json()) as { data: { resolvedDateRange: { from: string; to: string } } };
      return { cache: res.headers.get(CACHE_HEADER), range: body.data.resolvedDateRange };
    };
    clock = new Date('2025-08-01T09:59:00Z'); // still 1 August on Kiritimati (23:59)
    expect(await post({ preset: 'LAST_7_DAYS' })).toEqual({ cache: 'miss', range: { from: '2025-07-26', to: '2025-08-01' } });
    expect((await post({ preset: 'LAST_7_DAYS' })).cache).toBe('hit');
    clock = new Date('2025-08-01T10:00:00Z'); // 2 August on Kiritimati, still 1 August in UTC
    expect(await post({ preset: 'LAST_7_DAYS' })).toEqual({ cache: 'miss', range: { from: '2025-07-27', to: '2025-08-02' } });
    expect((await post({ preset: 'LAST_7_DAYS' })).cache).toBe('hit');
  });
});
