/**
 * Manual Ads Manager CSV exports: one-day rows into campaign_daily (campaign found by name, or
 * created as `name:<campaign name>`), multi-day rows into campaign_period_totals; several rows
 * of one campaign and day (ad level) add up, except reach, which is left empty rather than summed.
 */
import { centsToNano, metaAdsSample, totalsOf } from '../../../demo/sample-exports/meta_ads';
import { adsManagerCsv, type CsvSampleRow } from '../../../demo/sample-exports/meta_ads-ads-manager-csv';
import { campaignsJson } from '../../../demo/sample-exports/meta_ads-graph-pages';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, openHarness } from '../ingest/helpers';
import { campaigns, counts, dailyRows, periodRows, seedCatalogue, type SeededCatalogue, spendSum } from './helpers';

describeEachDatabase('Meta Ads Manager CSV exports', (kind) => {
  let h: Harness;
  let cat: SeededCatalogue;
  beforeEach(async () => {
    h = await openHarness(kind);
    cat = await seedCatalogue(h);
  });
  afterEach(async () => {
    await h?.close();
  });

  const sample = metaAdsSample({ seed: 41, startDate: '2025-04-01', days: 10, campaigns: 4 });

  it('loads a campaign-level daily export: rows matched by name to listed campaigns, unknown names created as name:<campaign>', async () => {
    await h.ingest([h.input('meta_campaigns_20250401_000000.json', campaignsJson(sample, { seed: 1 }))]);
    const names = [sample.campaigns[0].name, sample.campaigns[2].name, 'Night Drive, "Summer" push - Copy'];
    const { csv, rows } = adsManagerCsv({ seed: 42, startDate: '2025-04-01', days: 10, campaignNames: names, breakdown: 'daily' });
    expect(csv.startsWith('\uFEFF"Reporting starts","Reporting ends","Campaign name"')).toBe(true);
    const [s] = await h.ingest([h.input('ads_manager_export_20250412_093000.csv', csv)]);
    expect(s).toMatchObject({
      status: 'loaded',
      service: 'meta_ads',
      stream: 'ads_manager_csv',
      rowsRead: rows.length,
      rowsLoaded: rows.length,
    });

    const idOf: Record<string, string> = {
      [names[0]]: sample.campaigns[0].id,
      [names[1]]: sample.campaigns[2].id,
      [names[2]]: `name:${names[2]}`,
    };
    const expected = rows
      .map((r) => ({
        campaign: idOf[r.campaignName],
        date: r.reportingStarts,
        spend: centsToNano(r.spendCents).toString(),
        impressions: r.impressions,
        clicks: r.clicks,
        reach: r.reach,
        link_clicks: 0,
        post_engagement: 0,
        view_content: 0,
        add_to_cart: 0,
        initiate_checkout: 0,
        purchase: 0,
      }))
      .sort((a, b) => (a.campaign + a.date < b.campaign + b.date ? -1 : 1));
    expect(await dailyRows(h.ds)).toEqual(expected);
    expect(await spendSum(h.ds, 'campaign_daily')).toBe(totalsOf(rows).spendNano.toString());

    const created = (await campaigns(h.ds)).find((c) => c.external_id === `name:${names[2]}`);
    // The spend column names the currency. The name's first part is `Night Drive, "Summer" push`, not the
    // known title "Night Drive": nothing is linked rather than guessed.
    expect(created).toMatchObject({ name: names[2], currency: 'USD', artist_id: null, track_id: null });
    expect((await counts(h.ds)).campaigns).toBe(sample.campaigns.length + 1);
  });

  it('adds up ad-level rows per campaign and day but leaves reach empty instead of summing it; period rows become period totals', async () => {
    const names = ['zone.a0 - Static Bloom - US 18-34'];
    const daily = adsManagerCsv({
      seed: 43,
      startDate: '2025-04-01',
      days: 7,
      campaignNames: names,
      breakdown: 'daily',
      adsPerCampaign: 3,
    });
    const period = adsManagerCsv({
      seed: 44,
      startDate: '2025-04-01',
      days: 7,
      campaignNames: names,
      breakdown: 'period',
      adsPerCampaign: 4,
    });
    const summaries = await h.ingest([
      h.input('ads_manager_daily_20250408_000000.csv', daily.csv),
      h.input('ads_manager_period_20250408_000000.csv', period.csv),
    ]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded']);

    const byDay = new Map<string, CsvSampleRow[]>();
    for (const r of daily.rows) byDay.set(r.reportingStarts, [...(byDay.get(r.reportingStarts) ?? []), r]);
    const stored = await dailyRows(h.ds);
    expect(stored.map((r) => [r.date, r.spend, r.impressions, r.clicks, r.reach])).toEqual(
      [...byDay].map(([date, rs]) => [date, totalsOf(rs).spendNano.toString(), totalsOf(rs).impressions, totalsOf(rs).clicks, null]),
    );

    // Ad set "A" and "B" rows over the whole week: one period total per ad set, never a day.
    const byAdset = new Map<string, CsvSampleRow[]>();
    for (const r of period.rows) byAdset.set(r.adSetName, [...(byAdset.get(r.adSetName) ?? []), r]);
    const periods = await periodRows(h.ds);
    expect(periods.map((p) => [p.adset_key, p.adset_name, p.date_start, p.date_stop, p.spend, p.reach])).toEqual(
      [...byAdset]
        .map(([adset, rs]) => [
          `name:${adset}`,
          adset,
          '2025-04-01',
          '2025-04-07',
          totalsOf(rs).spendNano.toString(),
          rs.length === 1 ? rs[0].reach : null,
        ])
        .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    expect(await spendSum(h.ds, 'campaign_daily')).toBe(totalsOf(daily.rows).spendNano.toString());
    expect(await spendSum(h.ds, 'campaign_period_totals')).toBe(totalsOf(period.rows).spendNano.toString());

    // One campaign for both files, linked through the alias zone.a0 and the track title.
    const all = await campaigns(h.ds);
    expect(all).toEqual([
      expect.objectContaining({ external_id: `name:${names[0]}`, artist_id: cat.artists['ZONE A0'], track_id: cat.tracks['Static Bloom'] }),
    ]);
  });
});
