import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { type OracleRow, readBankExport, nano as toNano } from '../helpers/bank-oracle';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { months, writeBankExport, writeStreamsPage } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

describeEachDatabase('platform comparison and top tracks', (kind) => {
  let server: TestServer;
  let rows: OracleRow[];
  let series: Array<{ date: string; streams: number }>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const dir = tempDir('cmp');
    const bank = writeBankExport(dir, 'dk_bank_details_20250801_000000.tsv', { rows: 3000, months: months('2024-07', 12) });
    rows = readBankExport(bank.file);
    const page = writeStreamsPage(dir, 'streams_stats_20250801_000000.html', '2025-07-31');
    series = page.series;
    await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([bank.file, page.file]);
  });
  afterAll(async () => server?.close());

  it('compares platforms with exact shares and growth against the previous range of the same length', async () => {
    const res = await server.gql<{
      platformComparison: Array<{
        platform: { code: string };
        streams: number;
        units: number;
        net: string;
        streamShare: string;
        revenueGrowthPct: string | null;
        streamsGrowthPct: string | null;
      }>;
    }>(
      `{ platformComparison(range: {from: "2025-01-01", to: "2025-06-30"}) { platform { code } streams units net streamShare revenueGrowthPct streamsGrowthPct } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const list = res.body.data!.platformComparison;
    const current = rows.filter((r) => r.saleMonth >= '2025-01' && r.saleMonth <= '2025-06');
    const previous = rows.filter((r) => r.saleMonth >= '2024-07' && r.saleMonth <= '2024-12');
    const youtube = list.find((p) => p.platform.code === 'youtube')!;
    const net = (rs: OracleRow[]) => rs.filter((r) => r.platform === 'youtube').reduce((s, r) => s + r.net, 0n);
    expect(toNano(youtube.net)).toBe(net(current));
    expect(youtube.units).toBe(Number(current.filter((r) => r.platform === 'youtube').reduce((s, r) => s + r.quantity, 0n)));
    // Percent change to 2 decimals, rounded half away from zero, computed here with plain BigInt.
    const change = (net(current) - net(previous)) * 10000n;
    const prev = net(previous);
    const absq = (2n * (change < 0n ? -change : change) + (prev < 0n ? -prev : prev)) / (2n * (prev < 0n ? -prev : prev));
    const hundredths = change < 0n !== prev < 0n ? -absq : absq;
    expect(youtube.revenueGrowthPct).toBe(
      `${hundredths < 0n ? '-' : ''}${(hundredths < 0n ? -hundredths : hundredths) / 100n}.${String((hundredths < 0n ? -hundredths : hundredths) % 100n).padStart(2, '0')}`,
    );
    // Only Spotify has daily stream facts here (the DistroKid streams page): it holds every stream.
    const spotify = list.find((p) => p.platform.code === 'spotify')!;
    expect(spotify.streams).toBe(series.filter((d) => d.date >= '2025-01-01' && d.date <= '2025-06-30').reduce((s, d) => s + d.streams, 0));
    expect(spotify.streamShare).toBe('1.000000');
    const prevStreams = series.filter((d) => d.date >= '2024-07-04' && d.date <= '2024-12-31').reduce((s, d) => s + d.streams, 0);
    expect(Number(spotify.streamsGrowthPct)).toBeCloseTo(((spotify.streams - prevStreams) / prevStreams) * 100, 1);
    expect(list.reduce((s, p) => s + toNano(p.net), 0n)).toBe(current.reduce((s, r) => s + r.net, 0n));
  });

  it('ranks tracks by net revenue and by units', async () => {
    const byNet = await server.gql<{ topTracks: Array<{ rank: number; track: { isrc: string }; net: string; units: number }> }>(
      `{ topTracks(range: {from: "2024-07-01", to: "2025-06-30"}, metric: NET_REVENUE, first: 5) { rank track { isrc } net units } }`,
    );
    expect(byNet.body.errors).toBeUndefined();
    const perTrack = new Map<string, { net: bigint; units: bigint }>();
    for (const r of rows.filter((x) => x.isrc)) {
      const t = perTrack.get(r.isrc!) ?? { net: 0n, units: 0n };
      t.net += r.net;
      t.units += r.quantity;
      perTrack.set(r.isrc!, t);
    }
    const expected = [...perTrack].sort((a, b) => (b[1].net > a[1].net ? 1 : b[1].net < a[1].net ? -1 : 0)).slice(0, 5);
    expect(byNet.body.data!.topTracks.map((t) => [t.rank, t.track.isrc, toNano(t.net)])).toEqual(
      expected.map(([isrc, t], i) => [i + 1, isrc, t.net]),
    );
    const byUnits = await server.gql<{ topTracks: Array<{ track: { isrc: string }; units: number }> }>(
      `{ topTracks(range: {from: "2024-07-01", to: "2025-06-30"}, metric: STREAMS, first: 3) { track { isrc } units } }`,
    );
    const units = [...perTrack].sort((a, b) => Number(b[1].units - a[1].units)).slice(0, 3);
    expect(byUnits.body.data!.topTracks.map((t) => t.units)).toEqual(units.map(([, t]) => Number(t.units)));
  });
});
