import { createLogger } from '../../src/config/logger';
import { dialectOf, SqlParams } from '../../src/db/dialect';
import { IngestService } from '../../src/ingest/ingest-service';
import { type OracleRow, readBankExport, nano as toNano } from '../helpers/bank-oracle';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { months, writeBankExport } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

/** Campaign rows are written with SQL: this is about the API's arithmetic and attribution, not Meta ingestion. */
describeEachDatabase('campaigns and campaign performance', (kind) => {
  let server: TestServer;
  let rows: OracleRow[];
  let isrc: string;
  // 10 days in March 2025: spend 2.50 + i cents, impressions 1000 + 10i, clicks 20 + i, reach 800 + i.
  const days = Array.from({ length: 10 }, (_, i) => ({
    date: `2025-03-${String(11 + i).padStart(2, '0')}`,
    spend: `${2 + i}.5`,
    impressions: 1000 + 10 * i,
    clicks: 20 + i,
    reach: 800 + i,
    purchase: i % 2,
  }));

  beforeAll(async () => {
    // This suite writes facts with raw SQL (not through a load) and counts statements: no response cache.
    server = await startTestServer(kind, { RESPONSE_CACHE_ENTRIES: '0' });
    const dir = tempDir('camp');
    const bank = writeBankExport(dir, 'dk_bank_details_20250601_000000.tsv', { rows: 3000, months: months('2025-01', 4) });
    rows = readBankExport(bank.file);
    await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([bank.file]);
    isrc = rows.find((r) => r.isrc)!.isrc!;
    const [{ id: trackId }] = await server.ds.query(`SELECT id FROM tracks WHERE isrc = '${isrc}'`);
    const [{ id: meta }] = await server.ds.query(`SELECT id FROM platforms WHERE code = 'meta_ads'`);
    await server.ds.query(
      `INSERT INTO source_files (service, stream, path, original_name, sha256, size_bytes, status, extracted_at) VALUES ('meta_ads', 'insights', 'm', 'm', 'm', 0, 'loaded', '2025-04-01')`,
    );
    const [{ id: fileId }] = await server.ds.query(`SELECT id FROM source_files WHERE path = 'm'`);
    let p = new SqlParams(dialectOf(server.ds));
    await server.ds.query(
      `INSERT INTO campaigns (platform_id, external_id, name, objective, status, track_id, daily_budget_minor, currency) VALUES (${p.list([meta, '120200', 'TRACK - Streaming', 'OUTCOME_TRAFFIC', 'ACTIVE', trackId, '500', 'USD'])})`,
      p.values,
    );
    const [{ id: campaignId }] = await server.ds.query(`SELECT id FROM campaigns WHERE external_id = '120200'`);
    for (const d of days) {
      p = new SqlParams(dialectOf(server.ds));
      const spendNano = toNano(d.spend).toString();
      await server.ds.query(
        `INSERT INTO campaign_daily (campaign_id, date, spend_nano, impressions, clicks, reach, purchase, source_file_id, extracted_at)
         VALUES (${p.list([campaignId, d.date, spendNano, d.impressions, d.clicks, d.reach, d.purchase, fileId, '2025-04-01 00:00:00'])})`,
        p.values,
      );
    }
  });
  afterAll(async () => server?.close());

  /** Counts the SQL statements the DataSource runs while `fn` runs (token lookups aside). */
  async function statements(fn: () => Promise<unknown>): Promise<number> {
    let n = 0;
    const original = server.ds.logger;
    Object.assign(server.ds, { logger: { ...original, logQuery: (q: string) => void (/api_tokens/.test(q) ? 0 : n++) } });
    try {
      await fn();
    } finally {
      Object.assign(server.ds, { logger: original });
    }
    return n;
  }

  it('lists a campaign with its daily delivery and exact cost ratios', async () => {
    const res = await server.gql<{
      campaigns: {
        edges: Array<{
          node: {
            name: string;
            dailyBudgetMinor: string;
            daily: Array<{ date: string; spend: string; cpc: string; ctr: string; reach: number }>;
          };
        }>;
      };
    }>(
      `{ campaigns { edges { node { name dailyBudgetMinor daily(range: {from: "2025-03-01", to: "2025-03-31"}) { date spend cpc ctr reach } } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const node = res.body.data!.campaigns.edges[0].node;
    expect(node.dailyBudgetMinor).toBe('500');
    expect(node.daily).toHaveLength(10);
    expect(node.daily[0]).toEqual({ date: '2025-03-11', spend: '2.50', cpc: '0.1250', ctr: '0.020000', reach: 800 });
  });

  it('sums delivery, keeps reach non-additive, and attributes prorated revenue of the campaign track', async () => {
    const res = await server.gql<{
      campaignPerformance: Array<{
        spend: string;
        impressions: number;
        clicks: number;
        reach: number;
        cpm: string;
        events: { purchase: number };
        attribution: {
          target: string;
          windowStart: string;
          windowEnd: string;
          revenueDuring: string;
          revenueBefore: string;
          revenueUplift: string;
          roi: string;
        };
      }>;
    }>(`{ campaignPerformance(range: {from: "2025-03-01", to: "2025-03-31"}) { spend impressions clicks reach cpm events { purchase }
          attribution { target windowStart windowEnd revenueDuring revenueBefore revenueUplift roi } } }`);
    expect(res.body.errors).toBeUndefined();
    const [c] = res.body.data!.campaignPerformance;
    const spend = days.reduce((s, d) => s + toNano(d.spend), 0n);
    expect(toNano(c.spend)).toBe(spend);
    expect(c.impressions).toBe(days.reduce((s, d) => s + d.impressions, 0));
    expect(c.reach).toBe(809);
    expect(c.events.purchase).toBe(5);
    expect(c.attribution).toMatchObject({ target: 'TRACK', windowStart: '2025-03-11', windowEnd: '2025-03-20' });
    // During: 10 of March's 31 days. Before: 2025-03-01…2025-03-10, 10 days of March too.
    const marchNet = rows.filter((r) => r.isrc === isrc && r.saleMonth === '2025-03').reduce((s, r) => s + r.net, 0n);
    expect(toNano(c.attribution.revenueDuring)).toBe((marchNet * 10n) / 31n);
    expect(toNano(c.attribution.revenueBefore)).toBe((marchNet * 10n) / 31n);
    expect(toNano(c.attribution.revenueUplift)).toBe(0n);
    expect(c.attribution.roi).toBe('-1.0000');
  });

  it('answers any number of campaigns in the same number of statements', async () => {
    const [{ id: meta }] = await server.ds.query(`SELECT id FROM platforms WHERE code = 'meta_ads'`);
    const tracks: Array<{ id: number }> = await server.ds.query(`SELECT id FROM tracks WHERE isrc IS NOT NULL ORDER BY id LIMIT 3`);
    const [{ id: fileId }] = await server.ds.query(`SELECT id FROM source_files WHERE path = 'm'`);
    const query = `{ campaignPerformance(range: {from: "2025-03-01", to: "2025-03-31"}) { spend attribution { revenueDuring streamsDuring } } }`;
    const one = await statements(() => server.gql(query));
    for (const [i, t] of tracks.entries()) {
      let p = new SqlParams(dialectOf(server.ds));
      await server.ds.query(
        `INSERT INTO campaigns (platform_id, external_id, name, track_id) VALUES (${p.list([meta, `extra-${i}`, `Extra ${i}`, t.id])})`,
        p.values,
      );
      const [{ id }] = await server.ds.query(`SELECT id FROM campaigns WHERE external_id = 'extra-${i}'`);
      p = new SqlParams(dialectOf(server.ds));
      await server.ds.query(
        `INSERT INTO campaign_daily (campaign_id, date, spend_nano, source_file_id, extracted_at) VALUES (${p.list([id, `2025-03-0${i + 2}`, '1000000000', fileId, '2025-04-01 00:00:00'])})`,
        p.values,
      );
    }
    let answer: unknown;
    const four = await statements(async () => (answer = await server.gql(query)));
    expect((answer as { body: { data: { campaignPerformance: unknown[] } } }).body.data.campaignPerformance).toHaveLength(4);
    expect(four).toBe(one);
  });
});
