import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { bankDetailsTotals } from '../../demo/sample-exports/distrokid';
import { type OracleRow, decimalString, readBankExport, sumBy, nano as toNano } from '../helpers/bank-oracle';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { writeBankExport, writeStreamsPage } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

type Point = {
  period: string;
  platform: { code: string } | null;
  country: string | null;
  artist: { name: string } | null;
  track: { isrc: string } | null;
  store: string | null;
  net: string;
  gross: string;
  quantity: number;
};

describeEachDatabase('revenue and stream API over HTTP', (kind) => {
  let server: TestServer;
  let rows: OracleRow[];
  let totals: ReturnType<typeof bankDetailsTotals>;
  let streamsSeries: Array<{ date: string; streams: number }>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const dir = tempDir('api-fixtures');
    const bank = writeBankExport(dir, 'dk_bank_details_20250701_090000.tsv', { rows: 4000 });
    totals = bankDetailsTotals(bank.opts);
    rows = readBankExport(bank.file);
    const page = writeStreamsPage(dir, 'streams_stats_20250701_090000.html', '2025-06-30');
    streamsSeries = page.series;
    const summaries = await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([bank.file, page.file]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded']);
  });
  afterAll(async () => server?.close());

  const sum = (points: Point[], field: 'net' | 'gross') => decimalString(points.reduce((s, p) => s + toNano(p[field]), 0n));

  it('revenueSummary answers the exact totals of the export', async () => {
    const res = await server.gql<{
      revenueSummary: {
        gross: string;
        net: string;
        quantity: number;
        transactionCount: number;
        topCountry: string;
        payoutPerStream: string;
      };
    }>('{ revenueSummary { gross net quantity transactionCount topCountry payoutPerStream } }');
    expect(res.body.errors).toBeUndefined();
    const s = res.body.data!.revenueSummary;
    expect(toNano(s.net)).toBe(totals.netNano);
    expect(toNano(s.gross)).toBe(totals.grossNano);
    expect(s.quantity).toBe(totals.quantity);
    expect(s.transactionCount).toBe(totals.rows);
    const byCountry = [
      ...sumBy(
        rows.filter((r) => r.country),
        (r) => r.country!,
        (r) => r.net,
      ),
    ].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0));
    expect(s.topCountry).toBe(byCountry[0][0]);
    expect(s.payoutPerStream).toMatch(/^-?\d+\.\d{8}$/);
  });

  it('revenueSeries by month and platform matches an independent reading of the file, cell by cell', async () => {
    const res = await server.gql<{ revenueSeries: { points: Point[]; totals: { net: string } } }>(
      `{ revenueSeries(range: {from: "2024-01-01", to: "2025-06-30"}, grain: MONTH, groupBy: [PLATFORM]) {
          points { period platform { code } net gross quantity } totals { net } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const expected = sumBy(
      rows,
      (r) => `${r.saleMonth}|${r.platform}`,
      (r) => r.net,
    );
    const got = new Map(res.body.data!.revenueSeries.points.map((p) => [`${p.period}|${p.platform!.code}`, toNano(p.net)]));
    expect(got).toEqual(expected);
    expect(toNano(res.body.data!.revenueSeries.totals.net)).toBe(totals.netNano);
  });

  it('the fact-table path (by track, by reporting day) agrees with the rollup path', async () => {
    const byTrack = await server.gql<{ revenueSeries: { points: Point[] } }>(
      `{ revenueSeries(range: {from: "2024-01-01", to: "2025-12-31"}, grain: YEAR, groupBy: [TRACK], first: 10000) { points { track { isrc } net } } }`,
    );
    expect(byTrack.body.errors).toBeUndefined();
    const expected = sumBy(
      rows,
      (r) => r.isrc ?? 'none',
      (r) => r.net,
    );
    const got = new Map<string, bigint>();
    for (const p of byTrack.body.data!.revenueSeries.points) {
      const key = p.track?.isrc ?? 'none';
      got.set(key, (got.get(key) ?? 0n) + toNano(p.net));
    }
    expect(got).toEqual(expected);

    const first = rows.map((r) => r.reportingDate).sort()[0];
    const daily = await server.gql<{ revenueSeries: { points: Point[] } }>(
      `query($from: Date!, $to: Date!) { revenueSeries(range: {from: $from, to: $to}, grain: DAY, dateBasis: REPORTING_DATE, first: 10000) { points { period net } } }`,
      { from: first, to: '2026-06-30' },
    );
    expect(daily.body.errors).toBeUndefined();
    expect(sum(daily.body.data!.revenueSeries.points, 'net')).toBe(decimalString(totals.netNano));
  });

  it('filters by platform code, store and country', async () => {
    const res = await server.gql<{ revenueSummary: { net: string } }>(
      `{ revenueSummary(filter: {platforms: ["youtube"], countries: ["us"]}) { net } }`,
    );
    const expected = rows.filter((r) => r.platform === 'youtube' && r.country === 'US').reduce((s, r) => s + r.net, 0n);
    expect(toNano(res.body.data!.revenueSummary.net)).toBe(expected);
    const red = await server.gql<{ revenueSeries: { points: Point[] } }>(
      `{ revenueSeries(range: {from: "2024-01-01", to: "2025-12-31"}, grain: YEAR, groupBy: [STORE], filter: {stores: ["YouTube (Red)"]}) { points { store net } } }`,
    );
    expect(new Set(red.body.data!.revenueSeries.points.map((p) => p.store))).toEqual(new Set(['YouTube (Red)']));
    expect(red.body.data!.revenueSeries.points.reduce((s, p) => s + toNano(p.net), 0n)).toBe(
      rows.filter((r) => r.store === 'YouTube (Red)').reduce((s, r) => s + r.net, 0n),
    );
  });

  it('quarter and week grains label periods as documented', async () => {
    const q = await server.gql<{ revenueSeries: { points: Point[] } }>(
      `{ revenueSeries(range: {from: "2024-01-01", to: "2024-12-31"}, grain: QUARTER) { points { period net } } }`,
    );
    expect(q.body.data!.revenueSeries.points.map((p) => p.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    const expectedQ1 = rows.filter((r) => r.saleMonth >= '2024-01' && r.saleMonth <= '2024-03').reduce((s, r) => s + r.net, 0n);
    expect(toNano(q.body.data!.revenueSeries.points[0].net)).toBe(expectedQ1);

    const w = await server.gql<{ streamSeries: { points: Array<{ period: string; streams: number }>; totals: { streams: number } } }>(
      `{ streamSeries(range: {from: "2025-06-02", to: "2025-06-29"}, grain: WEEK) { points { period streams } totals { streams } } }`,
    );
    expect(w.body.errors).toBeUndefined();
    expect(w.body.data!.streamSeries.points.map((p) => p.period)).toEqual(['2025-06-02', '2025-06-09', '2025-06-16', '2025-06-23']);
    const expectedWeek = streamsSeries.filter((d) => d.date >= '2025-06-02' && d.date <= '2025-06-08').reduce((s, d) => s + d.streams, 0);
    expect(w.body.data!.streamSeries.points[0].streams).toBe(expectedWeek);
  });

  it('streamSeries counts stream facts only (never statement quantities) and fills gaps on request', async () => {
    const res = await server.gql<{
      streamSeries: { points: Array<{ period: string; streams: number; platform: { code: string } }>; totals: { streams: number } };
    }>(
      `{ streamSeries(range: {from: "2024-01-01", to: "2025-12-31"}, grain: MONTH, groupBy: [PLATFORM], fillGaps: true) { points { period streams platform { code } } totals { streams } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const total = streamsSeries.reduce((s, d) => s + d.streams, 0);
    expect(res.body.data!.streamSeries.totals.streams).toBe(total);
    const points = res.body.data!.streamSeries.points;
    expect(points).toHaveLength(24);
    expect(new Set(points.map((p) => p.platform.code))).toEqual(new Set(['spotify']));
    expect(points.find((p) => p.period === '2024-01')!.streams).toBe(0);
  });

  it('adds period-over-period growth per point when asked, including for the first period', async () => {
    const res = await server.gql<{
      revenueSeries: { points: Array<{ period: string; net: string; previous: string; change: string; changePct: string | null }> };
    }>(
      `{ revenueSeries(range: {from: "2024-03-01", to: "2024-05-31"}, grain: MONTH) { points { period net previous change changePct } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const monthNet = (m: string) => rows.filter((r) => r.saleMonth === m).reduce((s, r) => s + r.net, 0n);
    const points = res.body.data!.revenueSeries.points;
    expect(points.map((p) => p.period)).toEqual(['2024-03', '2024-04', '2024-05']);
    expect(toNano(points[0].previous)).toBe(monthNet('2024-02'));
    expect(toNano(points[1].previous)).toBe(monthNet('2024-03'));
    expect(toNano(points[2].change)).toBe(monthNet('2024-05') - monthNet('2024-04'));
    const streams = await server.gql<{
      streamSeries: { points: Array<{ period: string; streams: number; previous: number; change: number }>; totals: { streams: number } };
    }>(
      `{ streamSeries(range: {from: "2025-06-09", to: "2025-06-22"}, grain: WEEK) { points { period streams previous change } totals { streams } } }`,
    );
    expect(streams.body.errors).toBeUndefined();
    const week = (from: string, to: string) =>
      streamsSeries.filter((d) => d.date >= from && d.date <= to).reduce((s, d) => s + d.streams, 0);
    expect(streams.body.data!.streamSeries.points[0]).toEqual({
      period: '2025-06-09',
      streams: week('2025-06-09', '2025-06-15'),
      previous: week('2025-06-02', '2025-06-08'),
      change: week('2025-06-09', '2025-06-15') - week('2025-06-02', '2025-06-08'),
    });
    expect(streams.body.data!.streamSeries.totals.streams).toBe(week('2025-06-09', '2025-06-22'));
  });

  it('answers growth asked through fragments (named and inline) as it answers it asked directly', async () => {
    const direct = await server.gql(
      `{ revenueSeries(range: {from: "2024-03-01", to: "2024-05-31"}, grain: MONTH) { points { period previous change changePct } }
         streamSeries(range: {from: "2025-06-09", to: "2025-06-22"}, grain: WEEK) { points { period previous change } } }`,
    );
    expect(direct.body.errors).toBeUndefined();
    expect(direct.body.data).toMatchObject({ revenueSeries: { points: [{ previous: expect.any(String) }, {}, {}] } });
    const throughFragments = await server.gql(
      `{ revenueSeries(range: {from: "2024-03-01", to: "2024-05-31"}, grain: MONTH) { points { period ...Growth } }
         streamSeries(range: {from: "2025-06-09", to: "2025-06-22"}, grain: WEEK) { ... on StreamSeries { points { period ... on StreamPoint { previous change } } } } }
       fragment Growth on RevenuePoint { previous change changePct }`,
    );
    expect(throughFragments.body).toEqual(direct.body);
  });

  it('rejects ranges beyond the configured maximum and day grains on sale months', async () => {
    const long = await server.gql(
      `{ revenueSeries(range: {from: "2020-01-01", to: "2024-01-01"}, grain: DAY, dateBasis: REPORTING_DATE) { totals { net } } }`,
    );
    expect(long.body.errors![0].extensions!.code).toBe('RANGE_TOO_LONG');
    expect(long.body.errors![0].message).toMatch(/at most 3 years/);
    const decade = await server.gql(`{ revenueSeries(range: {from: "2010-01-01", to: "2021-01-01"}, grain: MONTH) { totals { net } } }`);
    expect(decade.body.errors![0].extensions!.code).toBe('RANGE_TOO_LONG');
    const saleDay = await server.gql(`{ revenueSeries(range: {from: "2024-01-01", to: "2024-02-01"}, grain: DAY) { totals { net } } }`);
    expect(saleDay.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const reversed = await server.gql(`{ revenueSummary(range: {from: "2024-02-01", to: "2024-01-01"}) { net } }`);
    expect(reversed.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const badDate = await server.gql(`{ revenueSummary(range: {from: "2024-02-30", to: "2024-03-01"}) { net } }`);
    expect(badDate.body.errors![0].message).toMatch(/YYYY-MM-DD/);
  });

  it('pages through every transaction with cursors, without gaps or repeats', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let net = 0n;
    let count: number | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const res: {
        body: {
          data?: {
            transactions: {
              totalCount: number;
              edges: Array<{ cursor: string; node: { id: string; net: string } }>;
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          };
          errors?: unknown;
        };
      } = await server.gql(
        `query($after: String) { transactions(first: 500, after: $after) { totalCount edges { cursor node { id net } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(res.body.errors).toBeUndefined();
      const t = res.body.data!.transactions;
      count = t.totalCount;
      for (const e of t.edges) {
        expect(seen.has(e.node.id)).toBe(false);
        seen.add(e.node.id);
        net += toNano(e.node.net);
      }
      if (!t.pageInfo.hasNextPage) break;
      after = t.pageInfo.endCursor;
    }
    expect(seen.size).toBe(totals.rows);
    expect(count).toBe(totals.rows);
    expect(net).toBe(totals.netNano);
    const bad = await server.gql(`{ transactions(first: 5, after: "not-a-cursor") { edges { cursor } } }`);
    expect(bad.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const big = await server.gql(`{ transactions(first: 100000) { edges { cursor } } }`);
    expect(big.body.errors![0].extensions!.code).toBe('PAGE_TOO_LARGE');
  });

  it('resolves artist spellings to one artist with aliases, and tracks by hyphenated ISRC', async () => {
    const res = await server.gql<{
      artists: { totalCount: number; edges: Array<{ node: { name: string; aliases: string[]; tracks: Array<{ isrc: string }> } }> };
    }>(`{ artists(first: 50) { totalCount edges { node { name aliases tracks { isrc } } } } }`);
    expect(res.body.errors).toBeUndefined();
    const names = res.body.data!.artists.edges.map((e) => e.node.name).sort();
    expect(names).toEqual(['IWARY', 'PIG1987', 'SXNCTUARY', 'ZONE A0']);
    const zone = res.body.data!.artists.edges.find((e) => e.node.name === 'ZONE A0')!.node;
    const zoneIsrcs = new Set(rows.filter((r) => r.artist.startsWith('ZONE A0') && r.isrc).map((r) => r.isrc));
    expect(new Set(zone.tracks.map((t) => t.isrc).filter(Boolean))).toEqual(zoneIsrcs);
    const isrc = [...zoneIsrcs][0]!;
    const hyphenated = `${isrc.slice(0, 2)}-${isrc.slice(2, 5)}-${isrc.slice(5, 7)}-${isrc.slice(7)}`;
    const track = await server.gql<{ track: { isrc: string; artists: Array<{ role: string; artist: { name: string } }> } }>(
      `query($isrc: String) { track(isrc: $isrc) { isrc artists { role artist { name } } } }`,
      { isrc: hyphenated },
    );
    expect(track.body.data!.track.isrc).toBe(isrc);
    expect(track.body.data!.track.artists[0]).toEqual({ role: 'primary', artist: { name: 'ZONE A0' } });
  });
});
