/**
 * Meta Ads dump folders as they really are: `meta_ads_dump_<ts>/` or a bare `<ts>/`, insights at
 * campaign or ad set grain, each a CUMULATIVE LIFETIME SNAPSHOT per campaign (date_start the
 * campaign's first day, date_stop the dump day). They load into campaign_snapshots, one row per
 * (campaign, as-of day), newest capture winning; never into campaign_daily or period totals.
 * Expected figures are computed here from the sample's own daily values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type MetaSample, metaAdsSample, totalsOf } from '../../../demo/sample-exports/meta_ads';
import { dumpFolder, type DumpGrain } from '../../../demo/sample-exports/meta_ads-dump-folder';
import { campaignsJson, insightsJson } from '../../../demo/sample-exports/meta_ads-graph-pages';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, q, statuses } from '../ingest/helpers';
import { campaigns, dailyRows, periodRows, seedCatalogue, type SnapshotRow, snapshotRows, spendSum } from './helpers';

const sample = metaAdsSample({ seed: 31, startDate: '2025-02-01', days: 28 });

/**
 * What a dump as of `asOf` must load into: per campaign that delivered by then, the sums of its
 * sample days up to `asOf`. Reach is the campaign row's stated reach at campaign grain, unknown at
 * ad set grain.
 */
function expectedSnapshots(
  s: MetaSample,
  asOf: string,
  grain: DumpGrain,
  statedReach: Map<string, number>,
  adsetCounts: Map<string, number>,
): SnapshotRow[] {
  const out: SnapshotRow[] = [];
  for (const c of s.campaigns) {
    const days = s.days.filter((d) => d.campaignId === c.id && d.date <= asOf);
    if (days.length === 0) continue;
    const t = totalsOf(days);
    out.push({
      campaign: c.id,
      as_of: asOf,
      since: days.map((d) => d.date).sort()[0],
      grain,
      adset_count: grain === 'adset' ? adsetCounts.get(c.id)! : null,
      spend: t.spendNano.toString(),
      impressions: t.impressions,
      clicks: t.clicks,
      reach: grain === 'campaign' ? statedReach.get(c.id)! : null,
    });
  }
  return out.sort((a, b) => (a.campaign < b.campaign ? -1 : a.campaign > b.campaign ? 1 : a.as_of < b.as_of ? -1 : 1));
}

/** The reach each campaign-level row states, and the ad set rows per campaign, read from the written file itself. */
function fileFacts(insightsText: string): { reach: Map<string, number>; adsets: Map<string, number> } {
  const rows = JSON.parse(insightsText) as Array<Record<string, string>>;
  const reach = new Map<string, number>();
  const adsets = new Map<string, number>();
  for (const r of rows) {
    if (r.adset_id === undefined) reach.set(r.campaign_id, Number(r.reach));
    else adsets.set(r.campaign_id, (adsets.get(r.campaign_id) ?? 0) + 1);
  }
  return { reach, adsets };
}

function expectedFor(dump: ReturnType<typeof dumpFolder>, asOf: string): SnapshotRow[] {
  const f = fileFacts(dump.files['insights.json']);
  return expectedSnapshots(sample, asOf, dump.grain, f.reach, f.adsets);
}

/** A plain decimal (as the curated CSV writes spend) in nano-units, parsed here by hand. */
function nanoOf(decimal: string): bigint {
  const [whole, frac = ''] = decimal.split('.');
  return BigInt(whole) * 1_000_000_000n + BigInt((frac + '000000000').slice(0, 9));
}

const byCampaignAsOf = (a: SnapshotRow, b: SnapshotRow) =>
  a.campaign < b.campaign ? -1 : a.campaign > b.campaign ? 1 : a.as_of < b.as_of ? -1 : 1;

describeEachDatabase('Meta Ads dump folders → campaign_snapshots', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
    await seedCatalogue(h);
  });
  afterEach(async () => {
    await h?.close();
  });

  function writeDump(dir: string, files: Record<string, string>): string {
    for (const [name, content] of Object.entries(files)) h.input(`${dir}/${name}`, content);
    return path.join(h.inputDir, dir);
  }

  it('the real file shapes: campaigns without budgets, ad sets with them, insights keyed exactly as Meta writes them at each grain', () => {
    const c = dumpFolder(sample, { seed: 1, dateStop: '2025-02-28', grain: 'campaign' });
    const a = dumpFolder(sample, { seed: 1, dateStop: '2025-02-28', grain: 'adset' });
    const keys = (text: string) => [
      ...new Set((JSON.parse(text) as Array<Record<string, unknown>>).map((o) => Object.keys(o).sort().join(','))),
    ];
    expect(keys(c.files['campaigns.json'])).toEqual(['created_time,id,name,objective,start_time,status,updated_time']);
    expect(keys(c.files['insights.json'])).toEqual(['campaign_id,clicks,cpc,cpm,cpp,date_start,date_stop,impressions,reach,spend']);
    expect(keys(a.files['insights.json'])).toEqual([
      'adset_id,adset_name,campaign_id,campaign_name,clicks,cpc,ctr,date_start,date_stop,frequency,impressions,reach,spend',
    ]);
    const values = (JSON.parse(a.files['insights.json']) as Array<Record<string, unknown>>).flatMap((o) => Object.values(o));
    expect(values.every((v) => typeof v === 'string')).toBe(true);
    expect(keys(c.files['adsets.json']).every((k) => /(daily|lifetime)_budget/.test(k))).toBe(true);
  });

  it('loads a meta_ads_dump_<ts>/ folder at campaign grain as one cumulative snapshot per campaign, with reach', async () => {
    const dump = dumpFolder(sample, { seed: 32, dateStop: '2025-02-28', grain: 'campaign' });
    const summaries = await h.ingest([writeDump('meta_ads_dump_20250301_000000', dump.files)]);
    expect(statuses(summaries)).toEqual(['ads.json: loaded', 'adsets.json: loaded', 'campaigns.json: loaded', 'insights.json: loaded']);
    expect(summaries.every((s) => s.service === 'meta_ads' && s.stream === 'dump')).toBe(true);
    const expected = expectedFor(dump, '2025-02-28');
    expect(summaries[3]).toMatchObject({ rowsRead: expected.length, rowsLoaded: expected.length });
    expect(await snapshotRows(h.ds)).toEqual(expected);
    // A snapshot is neither a day nor a period's delivery.
    expect(await dailyRows(h.ds)).toEqual([]);
    expect(await periodRows(h.ds)).toEqual([]);
    // campaigns.json names the campaigns (insights at this grain carry no campaign_name).
    expect((await campaigns(h.ds)).map((c) => [c.external_id, c.name])).toEqual(
      sample.campaigns.map((c) => [c.id, c.name]).sort((x, y) => (x[0] < y[0] ? -1 : 1)),
    );
    const raw = listFiles(path.join(h.lakeDir, 'raw', 'meta_ads', 'dump'));
    expect(raw).toEqual([
      'ads_20250301_000000.ndjson',
      'adsets_20250301_000000.ndjson',
      'campaigns_20250301_000000.ndjson',
      'insights_20250301_000000.ndjson',
    ]);
    const rawInsights = fs
      .readFileSync(path.join(h.lakeDir, 'raw', 'meta_ads', 'dump', 'insights_20250301_000000.ndjson'), 'utf8')
      .trim()
      .split('\n');
    expect(rawInsights.map((l) => JSON.parse(l))).toEqual(JSON.parse(dump.files['insights.json']));
    // The curated dataset: one line per snapshot, spend as an exact decimal.
    const curated = fs
      .readFileSync(path.join(h.lakeDir, 'curated', 'marketing', 'campaign_snapshots.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(curated[0]).toBe(
      'as_of,since,platform,campaign_id,campaign_name,artist,track,grain,adset_count,spend,currency,impressions,clicks,reach',
    );
    expect(
      curated
        .slice(1)
        .map((l) => l.split(','))
        .map((c) => [c[0], c[1], c[3], c[7], nanoOf(c[9]).toString(), Number(c[11]), Number(c[13])])
        .sort(),
    ).toEqual(expected.map((e) => [e.as_of, e.since, e.campaign, 'campaign', e.spend, e.impressions, e.reach]).sort());
  });

  it.each([[undefined], ['meta_ads' as const]])(
    'loads a bare <ts>/ folder at ad set grain (service %s): ad sets summed per campaign, reach unknown',
    async (service) => {
      const dump = dumpFolder(sample, { seed: 33, dateStop: '2025-02-20', grain: 'adset' });
      const summaries = await h.ingest([writeDump('20250221_083000', dump.files)], service);
      expect(statuses(summaries)).toEqual(['ads.json: loaded', 'adsets.json: loaded', 'campaigns.json: loaded', 'insights.json: loaded']);
      expect(summaries.every((s) => s.service === 'meta_ads' && s.stream === 'dump')).toBe(true);
      const expected = expectedFor(dump, '2025-02-20');
      expect(expected.some((e) => (e.adset_count ?? 0) > 1)).toBe(true);
      expect(await snapshotRows(h.ds)).toEqual(expected);
      // The folder's stamp is the capture time.
      const [sf] = await q<{ n: number | string }>(
        h.ds,
        "SELECT COUNT(*) AS n FROM source_files WHERE stream = 'dump' AND status = 'loaded'",
      );
      expect(Number(sf.n)).toBe(4);
      expect(summaries.every((s) => /_20250221_083000\.json$/.test(s.landingFile ?? ''))).toBe(true);
    },
  );

  it('keeps successive dumps as running totals side by side, never summed', async () => {
    const early = dumpFolder(sample, { seed: 34, dateStop: '2025-02-14', grain: 'campaign' });
    const late = dumpFolder(sample, { seed: 35, dateStop: '2025-02-28', grain: 'adset' });
    await h.ingest([writeDump('meta_ads_dump_20250215_060000', early.files), writeDump('20250301_060000', late.files)]);
    const expected = [...expectedFor(early, '2025-02-14'), ...expectedFor(late, '2025-02-28')].sort(byCampaignAsOf);
    expect(await snapshotRows(h.ds)).toEqual(expected);
    // The later dump's total is the whole lifetime, not the increment.
    const lateSpend = totalsOf(sample.days).spendNano;
    const lateRows = (await snapshotRows(h.ds)).filter((r) => r.as_of === '2025-02-28');
    expect(lateRows.reduce((s, r) => s + BigInt(r.spend), 0n)).toBe(lateSpend);
  });

  it('keeps one figure for two dumps of the same day at the two grains: the newest capture wins, an older one loaded late changes nothing', async () => {
    const morning = dumpFolder(sample, { seed: 36, dateStop: '2025-02-28', grain: 'campaign' });
    const evening = dumpFolder(sample, { seed: 37, dateStop: '2025-02-28', grain: 'adset' });
    // The evening (ad set) dump first, then the morning (campaign) dump loaded late.
    const first = await h.ingest([writeDump('20250228_210000', evening.files)]);
    expect(first.map((s) => s.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    const late = await h.ingest([writeDump('meta_ads_dump_20250228_090000', morning.files)]);
    const insightsSummary = late.find((s) => path.basename(s.input) === 'insights.json')!;
    expect(insightsSummary).toMatchObject({ status: 'loaded', rowsLoaded: 0 });
    const expected = expectedFor(evening, '2025-02-28');
    expect(await snapshotRows(h.ds)).toEqual(expected);
    expect(await spendSum(h.ds, 'campaign_snapshots')).toBe(totalsOf(sample.days).spendNano.toString());

    // A newer capture of the same day replaces it (and brings the campaign-level reach).
    // (Written compactly: a byte-identical file would be skipped as already loaded, whatever its capture time.)
    const night = dumpFolder(sample, { seed: 38, dateStop: '2025-02-28', grain: 'campaign' });
    const compact = (text: string) => JSON.stringify(JSON.parse(text));
    await h.ingest([
      writeDump('20250228_235900', {
        'insights.json': compact(night.files['insights.json']),
        'campaigns.json': compact(night.files['campaigns.json']),
      }),
    ]);
    expect(await snapshotRows(h.ds)).toEqual(expectedFor(night, '2025-02-28'));
    expect(await spendSum(h.ds, 'campaign_snapshots')).toBe(totalsOf(sample.days).spendNano.toString());
  });

  it('keeps snapshots apart from daily insights of the same days: each table holds its own figures, nothing added across', async () => {
    const dump = dumpFolder(sample, { seed: 39, dateStop: '2025-02-28', grain: 'campaign' });
    await h.ingest([writeDump('meta_ads_dump_20250301_000000', dump.files)]);
    const before = await snapshotRows(h.ds);
    const [d] = await h.ingest([h.input('meta_insights_20250302_000000.json', insightsJson(sample, { seed: 40 }))]);
    expect(d.status).toBe('loaded');
    expect(await snapshotRows(h.ds)).toEqual(before);
    expect(await spendSum(h.ds, 'campaign_daily')).toBe(totalsOf(sample.days).spendNano.toString());
    expect(await spendSum(h.ds, 'campaign_snapshots')).toBe(totalsOf(sample.days).spendNano.toString());
    expect(await periodRows(h.ds)).toEqual([]);
    // The same dump again is skipped whole.
    const again = await h.ingest([writeDump('meta_ads_dump_20250301_000000', dump.files)]);
    expect(again.map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
  });

  it("does not take another folder named by a stamp: foreign content, or files that are not the dump's", async () => {
    const dump = dumpFolder(sample, { seed: 41, dateStop: '2025-02-28', grain: 'campaign' });
    // Same file names, but not Meta's content.
    writeDump('20250301_000000', {
      'campaigns.json': JSON.stringify([{ id: 7, title: 'Spring push', budget: 300 }]),
      'insights.json': JSON.stringify([{ day: '2025-02-01', views: 4 }]),
    });
    // Meta's content, but beside a file no dump holds.
    writeDump('20250302_000000', { 'insights.json': dump.files['insights.json'], 'notes.txt': 'exported by hand' });
    for (const service of [undefined, 'meta_ads' as const]) {
      const summaries = await h.ingest([path.join(h.inputDir, '20250301_000000'), path.join(h.inputDir, '20250302_000000')], service);
      expect(summaries.map((s) => [path.basename(s.input), s.stream === 'dump'])).toEqual([
        ['campaigns.json', false],
        ['insights.json', false],
        ['insights.json', false],
        ['notes.txt', false],
      ]);
    }
    expect(await snapshotRows(h.ds)).toEqual([]);
  });

  it('does not let an older campaigns listing, loaded late, undo a newer one', async () => {
    const dump = dumpFolder(sample, { seed: 42, dateStop: '2025-01-31', grain: 'campaign' });
    await h.ingest([h.input('meta_campaigns_20250310_000000.json', campaignsJson(sample, { seed: 1 }))]);
    const newer = await campaigns(h.ds);
    const oldList = (JSON.parse(dump.files['campaigns.json']) as Array<Record<string, unknown>>).map((c) => ({
      ...c,
      name: `${String(c.name)} (old)`,
      status: 'DELETED',
      updated_time: '2025-01-15T10:00:00+0000',
    }));
    const summaries = await h.ingest([
      writeDump('meta_ads_dump_20250201_000000', { ...dump.files, 'campaigns.json': JSON.stringify(oldList) }),
    ]);
    expect(summaries[2]).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsSkipped: sample.campaigns.length });
    expect(await campaigns(h.ds)).toEqual(newer);
  });
});
