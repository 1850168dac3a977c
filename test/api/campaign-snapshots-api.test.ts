/**
 * The spend of Meta Ads dump folders, shown by the API over real HTTP: dumps are ingested for real
 * (both folder names, both grains, two successive dumps, two dumps of one day) beside daily
 * insights for some campaigns, then Campaign.latestSnapshot / snapshots and campaignPerformance
 * are asked for ranges that contain a snapshot window, fall between two snapshots, or cut one.
 * Expected figures are sums of the sample's own daily values, computed here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { metaAdsSample, type SampleDay } from '../../demo/sample-exports/meta_ads';
import { dumpFolder } from '../../demo/sample-exports/meta_ads-dump-folder';
import { insightsJson } from '../../demo/sample-exports/meta_ads-graph-pages';
import { nano as toNano } from '../helpers/bank-oracle';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { seedCatalogue } from '../integration/meta_ads/helpers';

const sample = metaAdsSample({ seed: 61, startDate: '2025-03-01', days: 30, campaigns: 4 });
// Campaign 0: daily insights for all its days. Campaign 1: daily insights from 2025-03-11 on only. Campaign 2: dumps only.
const [full, lateDaily, dumpOnly] = sample.campaigns.map((c) => c.id);
const daysOf = (id: string, from = '0000-00-00', to = '9999-99-99'): SampleDay[] =>
  sample.days.filter((d) => d.campaignId === id && d.date >= from && d.date <= to);
const spendOf = (days: SampleDay[]): bigint => days.reduce((s, d) => s + BigInt(d.spendCents) * 10_000_000n, 0n);
const sum = (days: SampleDay[], k: 'impressions' | 'clicks'): number => days.reduce((s, d) => s + d[k], 0);
const firstDay = (id: string): string => daysOf(id)[0].date;

interface Perf {
  campaign: { externalId: string };
  coverage: { basis: string; from: string | null; to: string | null; note: string | null };
  spend: string | null;
  impressions: number | null;
  clicks: number | null;
  reach: number | null;
  cpc: string | null;
  events: { purchase: number } | null;
  attribution: { target: string; windowStart: string; windowEnd: string; roi: string | null };
}

describeEachDatabase('campaign spend from Meta dump snapshots, over HTTP', (kind) => {
  let server: TestServer;
  let statedReach: Map<string, number>;
  let adsetRows: Map<string, number>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    await seedCatalogue(server);
    const dir = tempDir('snapapi');
    const write = (folder: string, files: Record<string, string>) => {
      for (const [name, content] of Object.entries(files)) {
        fs.mkdirSync(path.join(dir, folder), { recursive: true });
        fs.writeFileSync(path.join(dir, folder, name), content);
      }
      return path.join(dir, folder);
    };
    const d1 = dumpFolder(sample, { seed: 1, dateStop: '2025-03-10', grain: 'campaign' });
    const d2Campaign = dumpFolder(sample, { seed: 2, dateStop: '2025-03-20', grain: 'campaign' });
    const d2Adset = dumpFolder(sample, { seed: 3, dateStop: '2025-03-20', grain: 'adset' });
    statedReach = new Map(
      (JSON.parse(d1.files['insights.json']) as Array<Record<string, string>>).map((r) => [r.campaign_id, Number(r.reach)]),
    );
    adsetRows = new Map();
    for (const r of JSON.parse(d2Adset.files['insights.json']) as Array<Record<string, string>>)
      adsetRows.set(r.campaign_id, (adsetRows.get(r.campaign_id) ?? 0) + 1);
    const daily = insightsJson(sample, {
      seed: 4,
      days: [...daysOf(full), ...daysOf(lateDaily, '2025-03-11')],
      campaigns: sample.campaigns.slice(0, 2),
    });
    const ingest = new IngestService(server.ds, server.lakeDir, createLogger('silent'));
    const summaries = await ingest.ingest([
      write('meta_ads_dump_20250311_060000', d1.files),
      // Same as-of day at both grains: the ad set dump is the newer capture and wins.
      write('meta_ads_dump_20250320_230000', d2Campaign.files),
      write('20250321_060000', d2Adset.files),
      write('daily', { 'meta_insights_20250401_000000.json': daily }),
    ]);
    expect(summaries.filter((s) => s.status !== 'loaded' && s.status !== 'skipped')).toEqual([]);
  });
  afterAll(async () => server?.close());

  async function performance(from: string, to: string): Promise<Map<string, Perf>> {
    const res = await server.gql<{ campaignPerformance: Perf[] }>(
      `{ campaignPerformance(range: {from: "${from}", to: "${to}"}) { campaign { externalId } coverage { basis from to note } spend impressions clicks reach cpc
         events { purchase } attribution { target windowStart windowEnd roi } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    return new Map(res.body.data!.campaignPerformance.map((p) => [p.campaign.externalId, p]));
  }

  it('shows the latest snapshot on the campaign, and every snapshot oldest first (newest capture of a day kept)', async () => {
    const res = await server.gql<{
      campaigns: {
        edges: Array<{
          node: { externalId: string; latestSnapshot: Record<string, unknown> | null; snapshots: Array<Record<string, unknown>> };
        }>;
      };
    }>(
      `{ campaigns(first: 50) { edges { node { externalId latestSnapshot { asOf since spend impressions clicks reach currency grain adsetCount capturedAt }
         snapshots { asOf grain spend reach capturedAt } } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const nodes = new Map(res.body.data!.campaigns.edges.map((e) => [e.node.externalId, e.node]));
    for (const id of [full, lateDaily, dumpOnly]) {
      const n = nodes.get(id)!;
      const upTo20 = daysOf(id, '0000', '2025-03-20');
      expect(n.latestSnapshot).toEqual({
        asOf: '2025-03-20',
        since: firstDay(id),
        spend: expect.any(String),
        impressions: sum(upTo20, 'impressions'),
        clicks: sum(upTo20, 'clicks'),
        reach: null,
        currency: null,
        grain: 'ADSET',
        adsetCount: adsetRows.get(id),
        capturedAt: '2025-03-21T06:00:00.000Z',
      });
      expect(toNano(n.latestSnapshot!.spend as string)).toBe(spendOf(upTo20));
      expect(n.snapshots.map((s) => [s.asOf, s.grain, toNano(s.spend as string), s.reach, s.capturedAt])).toEqual([
        ['2025-03-10', 'CAMPAIGN', spendOf(daysOf(id, '0000', '2025-03-10')), statedReach.get(id), '2025-03-11T06:00:00.000Z'],
        ['2025-03-20', 'ADSET', spendOf(upTo20), null, '2025-03-21T06:00:00.000Z'],
      ]);
    }
    // The paused campaign never delivered: no snapshot.
    expect(nodes.get(sample.campaigns[3].id)!.latestSnapshot).toBeNull();
    expect(nodes.get(sample.campaigns[3].id)!.snapshots).toEqual([]);
  });

  it('a range containing a snapshot window answers its cumulative figures (SNAPSHOT), with reach and ROI from that spend', async () => {
    const perf = await performance('2025-02-01', '2025-03-10');
    const p = perf.get(dumpOnly)!;
    const days = daysOf(dumpOnly, '0000', '2025-03-10');
    expect(p.coverage).toEqual({
      basis: 'SNAPSHOT',
      from: firstDay(dumpOnly),
      to: '2025-03-10',
      note: expect.stringMatching(/one snapshot/),
    });
    expect(toNano(p.spend!)).toBe(spendOf(days));
    expect([p.impressions, p.clicks, p.reach]).toEqual([sum(days, 'impressions'), sum(days, 'clicks'), statedReach.get(dumpOnly)]);
    expect(p.events).toBeNull();
    // No revenue for the track in either window: ROI = (0 − spend) / spend.
    expect(p.attribution).toMatchObject({ target: 'TRACK', windowStart: firstDay(dumpOnly), windowEnd: '2025-03-10', roi: '-1.0000' });
    // Campaign 1 has daily figures only from 2025-03-11: they do not cover this range, so its snapshot answers too.
    expect(perf.get(lateDaily)!.coverage.basis).toBe('SNAPSHOT');
    expect(toNano(perf.get(lateDaily)!.spend!)).toBe(spendOf(daysOf(lateDaily, '0000', '2025-03-10')));
    // Daily figures covering the whole range win.
    expect(perf.get(full)!.coverage).toMatchObject({ basis: 'DAILY', note: null });
    expect(toNano(perf.get(full)!.spend!)).toBe(spendOf(daysOf(full, '0000', '2025-03-10')));
    expect(perf.get(full)!.events).not.toBeNull();
  });

  it('the days after one snapshot up to the next get the difference of the two; a range past the last snapshot covers up to it', async () => {
    for (const to of ['2025-03-20', '2025-03-31']) {
      const perf = await performance('2025-03-11', to);
      const p = perf.get(dumpOnly)!;
      const days = daysOf(dumpOnly, '2025-03-11', '2025-03-20');
      expect(p.coverage).toEqual({
        basis: 'SNAPSHOT',
        from: '2025-03-11',
        to: '2025-03-20',
        note: expect.stringMatching(/minus those as of 2025-03-10/),
      });
      expect(toNano(p.spend!)).toBe(spendOf(days));
      expect([p.impressions, p.clicks, p.reach]).toEqual([sum(days, 'impressions'), sum(days, 'clicks'), null]);
      // Campaign 1's daily figures cover these days: DAILY, the same money counted once.
      expect(perf.get(lateDaily)!.coverage.basis).toBe('DAILY');
      expect(toNano(perf.get(lateDaily)!.spend!)).toBe(spendOf(daysOf(lateDaily, '2025-03-11', to)));
    }
    // A whole range from the start to the last snapshot: its cumulative figure, not the sum of the two snapshots.
    const whole = (await performance('2025-01-01', '2025-03-20')).get(dumpOnly)!;
    expect(toNano(whole.spend!)).toBe(spendOf(daysOf(dumpOnly, '0000', '2025-03-20')));
  });

  it('a range cutting a snapshot window without daily figures says PARTIAL: spend, ratios and ROI null, never 0', async () => {
    for (const [from, to, cut] of [
      ['2025-03-05', '2025-03-20', /starts on 2025-03-05/],
      ['2025-03-01', '2025-03-15', /ends on 2025-03-15, between the snapshots as of 2025-03-10 and 2025-03-20/],
    ] as const) {
      const perf = await performance(from, to);
      const p = perf.get(dumpOnly)!;
      expect(p.coverage).toEqual({ basis: 'PARTIAL', from: null, to: null, note: expect.stringMatching(cut) });
      expect([p.spend, p.impressions, p.clicks, p.reach, p.cpc, p.events, p.attribution.roi]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(p.attribution.target).toBe('TRACK');
      // Campaign 0's daily figures cover any range: DAILY with the days' sums.
      expect(perf.get(full)!.coverage.basis).toBe('DAILY');
      expect(toNano(perf.get(full)!.spend!)).toBe(spendOf(daysOf(full, from, to)));
    }
  });

  it('lists a campaign known only from snapshots only when its snapshot span meets the range', async () => {
    const after = await performance('2025-03-21', '2025-03-31');
    expect(after.has(dumpOnly)).toBe(false);
    expect(after.get(full)!.coverage.basis).toBe('DAILY');
    const before = await performance('2025-01-01', '2025-02-28');
    expect([...before.keys()]).toEqual([]);
  });
});
