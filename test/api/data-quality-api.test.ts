/**
 * Data quality over real HTTP on both databases: a DistroKid bank export (18 sale months), a
 * real-shape streams page with three days cut out of its series, one page that fails validation
 * and is quarantined, and a second bank export with a bad amount on one line, quarantined with all
 * its rows. Every score is recomputed here from the files' own values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { DataQualityService } from '../../src/analytics/insights/data-quality.service';
import { seededRandom } from '../../demo/seeded-random';
import { realStreamsStatsHtml } from '../../demo/sample-exports/distrokid-streams-page';
import { IngestService } from '../../src/ingest/ingest-service';
import { type OracleRow, readBankExport } from '../helpers/bank-oracle';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { writeBankExport } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

interface Quality {
  service: string;
  from: string;
  to: string;
  overall: number;
  scores: Array<{ name: string; score: number; weight: number; rule: string }>;
  failedChecks: Array<{ check: string; detail: string; count: number }>;
}
const FIELDS = 'service from to overall scores { name score weight rule } failedChecks { check detail count }';
const QUERY = `query($service: Service!, $range: DateRange) { dataQuality(service: $service, range: $range) { ${FIELDS} } }`;
const RANGE = { from: '2024-01-01', to: '2025-06-30' };
const CAPTURE = '2025-07-01T09:00:00Z';

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const MISSING = ['2024-10-10', '2025-02-03', '2025-02-04'];

function pageSeries(): Array<{ date: string; streams: number }> {
  const rng = seededRandom(3);
  const out: Array<{ date: string; streams: number }> = [];
  for (let date = '2024-09-01'; date <= '2025-06-30'; date = addDays(date, 1))
    if (!MISSING.includes(date)) out.push({ date, streams: 300 + Math.floor(rng() * 900) });
  return out;
}

describeEachDatabase('data quality API over HTTP', (kind) => {
  let server: TestServer;
  let rows: OracleRow[];
  const series = pageSeries();
  /** Data lines of the bank export with a bad row: what validity must count as rejected. */
  let badFileRows = 0;
  const BAD_BANK = 'dk_bank_details_20250615_090000.tsv';

  beforeAll(async () => {
    server = await startTestServer(kind);
    const dir = tempDir('quality');
    const bank = writeBankExport(dir, 'dk_bank_details_20250701_090000.tsv', { rows: 2000 });
    rows = readBankExport(bank.file);
    const page = path.join(dir, 'streams_stats_20250701_090000.html');
    fs.writeFileSync(page, realStreamsStatsHtml({ seed: 4, series }));
    const broken = path.join(dir, 'streams_stats_20250630_090000.html');
    fs.writeFileSync(
      broken,
      '<html><body>Sorry, something went wrong. var trend365day = AmCharts.makeChart("trend365day", {</body></html>',
    );
    // A real export with one bad amount (line 17): the whole file is quarantined, its rows rejected with it.
    const badBank = writeBankExport(dir, BAD_BANK, { rows: 400, seed: 11 }).file;
    const lines = fs.readFileSync(badBank, 'utf8').split(/\r\n|\r|\n/);
    const cells = lines[16].split('\t');
    cells[cells.length - 1] = 'twelve dollars';
    lines[16] = cells.join('\t');
    fs.writeFileSync(badBank, lines.join('\r'));
    badFileRows = lines.filter((l) => l.trim() !== '').length - 1;
    expect(badFileRows).toBe(400);
    const summaries = await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest(
      [bank.file, page, broken, badBank],
      {
        service: 'distrokid',
      },
    );
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded', 'quarantined', 'quarantined']);
    expect(summaries[3].reason).toMatchObject({ line: 17 });
  });
  afterAll(async () => server?.close());

  const ask = async (): Promise<Quality> => {
    const res = await server.gql<{ dataQuality: Quality }>(QUERY, { service: 'DISTROKID', range: RANGE });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.dataQuality;
  };
  const score = (q: Quality, name: string) => q.scores.find((s) => s.name === name)!.score;
  /** The validity rule by hand: 2 of 4 files good; rows accepted against those rejected with the bad export. */
  const validity = (accepted: number) => (2 / 4 + accepted / (accepted + badFileRows)) / 2;

  it('completeness counts the days cut from the series and the statement months', async () => {
    const q = await ask();
    const months = new Set(rows.map((r) => r.saleMonth.slice(0, 7)));
    const spanDays = Math.round((Date.parse('2025-06-30') - Date.parse('2024-09-01')) / 86_400_000) + 1;
    // Sale months of the export are contiguous here, so only the cut days are missing.
    expect(score(q, 'completeness')).toBeCloseTo((series.length + months.size) / (spanDays + months.size), 4);
    expect(q.failedChecks).toContainEqual(expect.objectContaining({ check: 'missing_days', count: MISSING.length }));
  });

  it("accuracy, consistency and validity follow their rules on the files' own values", async () => {
    const q = await ask();
    const inRange = rows.filter((r) => r.saleMonth >= '2024-01' && r.saleMonth.slice(0, 7) <= '2025-06');
    const badLines = inRange.filter((r) => r.gross >= 0n && r.net > r.gross).length;
    const perPlatformMonth = new Map<string, { net: bigint; q: bigint }>();
    for (const r of inRange) {
      const key = `${r.platform}|${r.saleMonth.slice(0, 7)}`;
      const cur = perPlatformMonth.get(key) ?? { net: 0n, q: 0n };
      perPlatformMonth.set(key, { net: cur.net + r.net, q: cur.q + r.quantity });
    }
    const rates = new Map<string, number[]>();
    for (const [key, v] of perPlatformMonth)
      if (v.q > 0n) rates.set(key.split('|')[0], [...(rates.get(key.split('|')[0]) ?? []), Number(v.net) / 1e9 / Number(v.q)]);
    let payouts = 0;
    let outOfBand = 0;
    for (const list of rates.values()) {
      const m = median(list);
      payouts += list.length;
      outOfBand += list.filter((x) => m > 0 && (x > m * 3 || x < m / 3)).length;
    }
    const checked = inRange.length + payouts + series.length;
    expect(score(q, 'accuracy')).toBeCloseTo((checked - badLines - outOfBand) / checked, 4);

    const streamsByMonth = new Map<string, number>();
    for (const d of series) streamsByMonth.set(d.date.slice(0, 7), (streamsByMonth.get(d.date.slice(0, 7)) ?? 0) + d.streams);
    const quantity = new Map<string, number>();
    for (const r of inRange.filter((x) => x.platform === 'spotify'))
      quantity.set(r.saleMonth.slice(0, 7), (quantity.get(r.saleMonth.slice(0, 7)) ?? 0) + Number(r.quantity));
    const pairs = [...quantity].filter(([m]) => streamsByMonth.has(m));
    const ok = pairs.filter(([m, qty]) => Math.abs(qty - streamsByMonth.get(m)!) / streamsByMonth.get(m)! <= 0.25).length;
    expect(pairs.length).toBeGreaterThan(0);
    expect(score(q, 'consistency')).toBeCloseTo((1 + ok / pairs.length) / 2, 4);

    // Files: 2 of 4 quarantined. Rows: the bank export's and the page's days read, against the bad export's rows.
    const accepted = rows.length + series.length;
    expect(score(q, 'validity')).toBeCloseTo(validity(accepted), 4);
    const files = q.failedChecks.find((c) => c.check === 'rejected_files')!;
    expect(files.count).toBe(2);
    expect(files.detail).toContain(`${BAD_BANK} (quarantined, BAD_VALUE line 17, ${badFileRows} rows)`);
    expect(files.detail).toContain('streams_stats_20250630_090000.html (quarantined');
    expect(q.failedChecks).toContainEqual({
      check: 'rejected_rows',
      detail: `${badFileRows} of ${accepted + badFileRows} rows rejected: ${BAD_BANK} ${badFileRows} rows`,
      count: badFileRows,
    });
    expect(q.scores.find((s) => s.name === 'validity')!.rule).toMatch(/files neither quarantined nor failed.*rows accepted ÷ rows seen/);
    // Captured in July 2025: long stale today.
    expect(score(q, 'timeliness')).toBe(0);
    const weights = Object.fromEntries(q.scores.map((s) => [s.name, s.weight]));
    expect(weights).toEqual({ completeness: 0.25, accuracy: 0.3, consistency: 0.2, timeliness: 0.15, validity: 0.1 });
    expect(q.overall).toBeCloseTo(
      q.scores.reduce((s, x) => s + x.score * x.weight, 0),
      3,
    );
    for (const s of q.scores) expect(s.rule.length).toBeGreaterThan(20);
  });

  it('timeliness falls from 1 at the stale threshold to 0 at twice its age', async () => {
    const quality = new DataQualityService(server.ds, server.config.health);
    const hours = server.config.health.staleAfterHours.distrokid;
    const at = (h: number) => new Date(Date.parse(CAPTURE) + h * 3_600_000);
    const timeliness = async (h: number) =>
      (await quality.compute('distrokid', RANGE, at(h))).scores.find((s) => s.name === 'timeliness')!.score;
    expect(await timeliness(hours / 2)).toBe(1);
    expect(await timeliness(hours * 1.5)).toBeCloseTo(0.5, 4);
    expect(await timeliness(hours * 3)).toBe(0);
  });

  it('recordDataQuality stores a snapshot that dataQualityHistory returns; viewers may not record', async () => {
    const recorded = await server.gql<{ recordDataQuality: Quality }>(
      `mutation { recordDataQuality(service: DISTROKID, range: {from: "${RANGE.from}", to: "${RANGE.to}"}) { overall } }`,
      undefined,
      server.adminToken,
    );
    expect(recorded.body.errors).toBeUndefined();
    const history = await server.gql<{ dataQualityHistory: Array<{ overall: number; from: string; to: string; validity: number }> }>(
      `{ dataQualityHistory(service: DISTROKID) { overall from to validity } }`,
    );
    expect(history.body.errors).toBeUndefined();
    expect(history.body.data!.dataQualityHistory).toEqual([
      {
        overall: expect.closeTo(recorded.body.data!.recordDataQuality.overall, 4),
        from: RANGE.from,
        to: RANGE.to,
        validity: expect.closeTo(validity(rows.length + series.length), 4),
      },
    ]);
    const viewer = await server.gql(`mutation { recordDataQuality(service: DISTROKID) { overall } }`);
    expect(viewer.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("pipelineHealth carries each service's overall score (empty warehouse: everything but timeliness is perfect)", async () => {
    const admin = await startTestServer(kind, {}, { worker: false });
    try {
      const res = await admin.gql<{ pipelineHealth: Array<{ service: string; dataQuality: number }> }>(
        `{ pipelineHealth { service dataQuality } }`,
      );
      expect(res.body.errors).toBeUndefined();
      const w = admin.config.health.qualityWeights;
      expect(res.body.data!.pipelineHealth.map((h) => h.dataQuality)).toEqual(
        res.body.data!.pipelineHealth.map(() => expect.closeTo(1 - w.timeliness, 4)),
      );
      expect(res.body.data!.pipelineHealth).toHaveLength(6);
    } finally {
      await admin.close();
    }
  });

  it('bad input gets coded errors', async () => {
    const reversed = await server.gql(QUERY, { service: 'DISTROKID', range: { from: '2025-06-30', to: '2024-01-01' } });
    expect(reversed.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await server.gql(`{ dataQualityHistory(service: DISTROKID, first: 1001) { overall } }`);
    expect(tooMany.body.errors?.[0].extensions?.code).toBe('PAGE_TOO_LARGE');
    const anonymous = await server.gql(QUERY, { service: 'DISTROKID' }, null);
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(() => loadConfig({ DATA_QUALITY_WEIGHTS: 'accuracy=0.5' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_QUALITY_WEIGHTS: 'beauty=0.1' })).toThrow(/DATA_QUALITY_WEIGHTS/);
    expect(loadConfig({ DATA_QUALITY_WEIGHTS: 'accuracy=0.2,validity=0.2' }).health.qualityWeights.validity).toBe(0.2);
  });
});
