/**
 * Older Meta Ads dump folders: each of the four files landed and loaded on its own, the folder's
 * stamp as extraction time; insights.json as ad set PERIOD totals (never pinned to a day), ad sets
 * and ads kept in raw only; daily insights of the same days loaded later do not add to them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { campaignsJson, centsToNano, dumpFolder, insightsJson, metaAdsSample, totalsOf } from '../../../src/ingest/meta_ads/sample-exports';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, listFiles, openHarness, q, statuses } from '../ingest/helpers';
import { campaigns, dailyRows, periodRows, seedCatalogue, spendSum } from './helpers';

describeEachDatabase('Meta Ads dump folders → campaign_period_totals', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
    await seedCatalogue(h);
  });
  afterEach(async () => {
    await h?.close();
  });

  const sample = metaAdsSample({ seed: 31, startDate: '2025-02-01', days: 28 });
  const dump = dumpFolder(sample, { seed: 32, dateStop: '2025-02-28' });

  function writeDump(stamp: string, files = dump.files): string {
    const dir = `meta_ads_dump_${stamp}`;
    for (const [name, content] of Object.entries(files)) h.input(`${dir}/${name}`, content);
    return path.join(h.inputDir, dir);
  }

  it('loads each file of the folder on its own: campaigns, ad set period totals, ad sets and ads kept in raw only', async () => {
    const summaries = await h.ingest([writeDump('20250301_000000')]);
    expect(statuses(summaries)).toEqual(['ads.json: loaded', 'adsets.json: loaded', 'campaigns.json: loaded', 'insights.json: loaded']);
    expect(summaries.every((s) => s.service === 'meta_ads' && s.stream === 'dump')).toBe(true);
    const ads = JSON.parse(dump.files['ads.json']) as unknown[];
    const adsets = JSON.parse(dump.files['adsets.json']) as unknown[];
    expect(summaries.map((s) => [s.rowsRead, s.rowsLoaded])).toEqual([
      [ads.length, 0],
      [adsets.length, 0],
      [sample.campaigns.length, sample.campaigns.length],
      [dump.periods.length, dump.periods.length],
    ]);
    // The folder's stamp is the extraction time of every file.
    const [sf] = await q<{ n: number | string }>(h.ds, "SELECT COUNT(*) AS n FROM source_files WHERE stream = 'dump' AND status = 'loaded'");
    expect(Number(sf.n)).toBe(4);
    expect(summaries.every((s) => /_20250301_000000\.json$/.test(s.landingFile ?? ''))).toBe(true);

    expect(await periodRows(h.ds)).toEqual(
      dump.periods
        .map((p) => ({
          campaign: p.campaignId,
          adset_key: p.adsetId,
          adset_name: p.adsetName,
          date_start: p.dateStart,
          date_stop: p.dateStop,
          spend: centsToNano(p.spendCents).toString(),
          impressions: p.impressions,
          clicks: p.clicks,
          reach: p.reach,
          link_clicks: p.linkClicks,
          post_engagement: p.postEngagement,
          view_content: p.viewContent,
          add_to_cart: p.addToCart,
          initiate_checkout: p.initiateCheckout,
          purchase: p.purchase,
        }))
        .sort((a, b) => (a.campaign + a.adset_key < b.campaign + b.adset_key ? -1 : 1)),
    );
    expect(await spendSum(h.ds, 'campaign_period_totals')).toBe(totalsOf(dump.periods).spendNano.toString());
    // Never pinned to a day.
    expect(await dailyRows(h.ds)).toEqual([]);
    expect((await campaigns(h.ds)).map((c) => c.external_id)).toEqual(sample.campaigns.map((c) => c.id).sort());

    const raw = listFiles(path.join(h.lakeDir, 'raw', 'meta_ads', 'dump'));
    expect(raw).toEqual(['ads_20250301_000000.ndjson', 'adsets_20250301_000000.ndjson', 'campaigns_20250301_000000.ndjson', 'insights_20250301_000000.ndjson']);
    const rawAds = fs.readFileSync(path.join(h.lakeDir, 'raw', 'meta_ads', 'dump', 'ads_20250301_000000.ndjson'), 'utf8').trim().split('\n');
    expect(rawAds.map((l) => JSON.parse(l))).toEqual(ads);
  });

  it('keeps period totals and daily figures apart: daily insights of the same days add nothing to the dump totals', async () => {
    await h.ingest([writeDump('20250301_000000')]);
    const periodsBefore = await periodRows(h.ds);
    const [d] = await h.ingest([h.input('meta_insights_20250302_000000.json', insightsJson(sample, { seed: 33 }))]);
    expect(d.status).toBe('loaded');
    expect(await periodRows(h.ds)).toEqual(periodsBefore);
    expect(await spendSum(h.ds, 'campaign_period_totals')).toBe(totalsOf(dump.periods).spendNano.toString());
    expect(await spendSum(h.ds, 'campaign_daily')).toBe(totalsOf(sample.days).spendNano.toString());

    // The same dump again is skipped; a later dump correcting one ad set's totals replaces that row only.
    const again = await h.ingest([writeDump('20250301_000000')]);
    expect(again.map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    const corrected = dump.periods.map((p, k) => (k === 0 ? { ...p, spendCents: p.spendCents + 12345, reach: p.reach + 1 } : p));
    const insights = (JSON.parse(dump.files['insights.json']) as Array<Record<string, unknown>>).map((o, k) =>
      k === 0 ? { ...o, spend: (corrected[0].spendCents / 100).toFixed(2), reach: String(corrected[0].reach) } : o,
    );
    const later = await h.ingest([writeDump('20250305_000000', { ...dump.files, 'insights.json': JSON.stringify(insights) })]);
    expect(later.map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped', 'loaded']);
    expect(later[3]).toMatchObject({ rowsRead: dump.periods.length, rowsLoaded: 1, rowsSkipped: dump.periods.length - 1 });
    expect(await spendSum(h.ds, 'campaign_period_totals')).toBe(totalsOf(corrected).spendNano.toString());
    expect((await periodRows(h.ds)).length).toBe(dump.periods.length);
    expect(await spendSum(h.ds, 'campaign_daily')).toBe(totalsOf(sample.days).spendNano.toString());
  });

  it('does not let an older campaigns listing, loaded late, undo a newer one', async () => {
    await h.ingest([h.input('meta_campaigns_20250310_000000.json', campaignsJson(sample, { seed: 1 }))]);
    const newer = await campaigns(h.ds);
    const oldList = sample.campaigns.map((c) => ({ ...c, name: `${c.name} (old)`, status: 'DELETED', updatedTime: '2025-01-15T10:00:00+0000' }));
    const files = { ...dump.files, 'campaigns.json': JSON.stringify(JSON.parse(campaignsJson({ ...sample, campaigns: oldList }, { seed: 1 })).data) };
    const summaries = await h.ingest([writeDump('20250201_000000', files)]);
    expect(summaries[2]).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsSkipped: sample.campaigns.length });
    expect(await campaigns(h.ds)).toEqual(newer);
  });
});
