import fs from 'node:fs';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { createLogger } from '../../../src/config/logger';
import { IngestService } from '../../../src/ingest/ingest-service';
import { nano, readBankExport } from '../../helpers/bank-oracle';
import { describeEachDatabase, tempDir } from '../../helpers/databases';
import { months, writeBankExport, writeStreamsPage } from '../../helpers/fixtures';
import { startTestServer, type TestServer } from '../../helpers/server';

describeEachDatabase('curated platform comparison (Parquet)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('is a real Parquet file whose money columns hold the exact warehouse sums per month and platform', async () => {
    const dir = tempDir('pq');
    const bank = writeBankExport(dir, 'dk_bank_details_20250401_000000.tsv', { rows: 1500, months: months('2025-01', 3) });
    const page = writeStreamsPage(dir, 'streams_stats_20250401_000000.html', '2025-03-31');
    await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([bank.file, page.file]);
    const file = path.join(server.lakeDir, 'curated/analytics/platform_comparison.parquet');
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const rows = (await parquetReadObjects({ file: buffer })) as Array<Record<string, unknown>>;
    const oracle = readBankExport(bank.file);
    const feb = rows.find((r) => r.month === '2025-02' && r.platform === 'youtube')!;
    const expected = oracle.filter((r) => r.saleMonth === '2025-02' && r.platform === 'youtube').reduce((s, r) => s + r.net, 0n);
    expect(nano(String(feb.net_revenue_usd))).toBe(expected);
    const spotifyMar = rows.find((r) => r.month === '2025-03' && r.platform === 'spotify')!;
    expect(Number(spotifyMar.streams)).toBe(page.series.filter((d) => d.date.startsWith('2025-03')).reduce((s, d) => s + d.streams, 0));
    expect(spotifyMar.stream_share).toBe(1);
    expect(typeof spotifyMar.streams_growth_pct).toBe('number');
  });
});
