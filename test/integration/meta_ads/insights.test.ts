/**
 * Meta Ads insights and campaigns pages into campaigns / campaign_daily, on SQLite and
 * PostgreSQL: exact spend, reach kept per day, pixel events from `actions`, campaign links to
 * known artists and tracks only, reloads idempotent, later extractions correcting overlapping days.
 */
import { addDays } from '../../../demo/calendar-days';
import { metaAdsSample, type MetaSample, totalsOf } from '../../../demo/sample-exports/meta_ads';
import { campaignsJson, insightsJson } from '../../../demo/sample-exports/meta_ads-graph-pages';
import { describeEachDatabase } from '../../helpers/databases';
import { type Harness, openHarness, statuses } from '../ingest/helpers';
import { campaigns, counts, dailyRows, expectedDailyRows, periodRows, type SeededCatalogue, seedCatalogue, spendSum } from './helpers';

function expectedLinks(sample: MetaSample, cat: SeededCatalogue, ids: Set<string>) {
  return sample.campaigns
    .filter((c) => ids.has(c.id))
    .map((c) => ({
      external_id: c.id,
      name: c.name,
      artist_id: c.artist ? cat.artists[c.artist] : null,
      track_id: c.track ? cat.tracks[c.track] : null,
    }))
    .sort((a, b) => (a.external_id < b.external_id ? -1 : 1));
}

describeEachDatabase('Meta Ads insights and campaigns → campaign_daily', (kind) => {
  let h: Harness;
  let cat: SeededCatalogue;
  beforeEach(async () => {
    h = await openHarness(kind);
    cat = await seedCatalogue(h);
  });
  afterEach(async () => {
    await h?.close();
  });

  const sample = metaAdsSample({ seed: 11, startDate: '2025-03-01', days: 30 });

  it('loads paged daily insights exactly: spend to the nano, reach per day, pixel events, campaigns created from the insights', async () => {
    expect(sample.days.length).toBeGreaterThan(100);
    const json = insightsJson(sample, { seed: 1, pageSize: 10 });
    const [s] = await h.ingest([h.input('meta_insights_20250331_120000.json', json)]);
    expect(s).toMatchObject({
      status: 'loaded',
      service: 'meta_ads',
      stream: 'insights',
      rowsRead: sample.days.length,
      rowsLoaded: sample.days.length,
      rowsSkipped: 0,
    });

    expect(await dailyRows(h.ds)).toEqual(expectedDailyRows(sample.days));
    expect(await spendSum(h.ds, 'campaign_daily')).toBe(totalsOf(sample.days).spendNano.toString());
    expect(await periodRows(h.ds)).toEqual([]);

    // Every campaign with insights exists once, named as in the insights, linked only where the name names a known artist/track.
    const withDays = new Set(sample.days.map((d) => d.campaignId));
    const stored = await campaigns(h.ds);
    expect(stored.map((c) => ({ external_id: c.external_id, name: c.name, artist_id: c.artist_id, track_id: c.track_id }))).toEqual(
      expectedLinks(sample, cat, withDays),
    );
    expect(stored.some((c) => c.artist_id === null)).toBe(true);
    expect(stored.some((c) => c.artist_id !== null && c.track_id !== null)).toBe(true);
    // No artist or track was invented from a campaign name.
    expect(await counts(h.ds)).toMatchObject({ artists: 2, tracks: 3 });
  });

  it('stores reach per day as given and never sums it', async () => {
    await h.ingest([h.input('meta_insights_20250331_120000.json', insightsJson(sample, { seed: 1 }))]);
    const rows = await dailyRows(h.ds);
    const first = sample.days[0];
    const campaignDays = sample.days.filter((d) => d.campaignId === first.campaignId);
    expect(rows.filter((r) => r.campaign === first.campaignId).map((r) => r.reach)).toEqual(campaignDays.map((d) => d.reach));
    const reachSum = campaignDays.reduce((s, d) => s + d.reach, 0);
    expect(rows.some((r) => r.reach === reachSum)).toBe(false);
  });

  it('loads the campaigns listing with budgets in minor units and Graph timestamps; insights then add no duplicate', async () => {
    const [s] = await h.ingest([h.input('meta_campaigns_20250331_115900.json', campaignsJson(sample, { seed: 2, pageSize: 3 }))]);
    expect(s).toMatchObject({
      status: 'loaded',
      stream: 'campaigns',
      rowsRead: sample.campaigns.length,
      rowsLoaded: sample.campaigns.length,
    });
    const expected = sample.campaigns
      .map((c) => ({
        external_id: c.id,
        name: c.name,
        objective: c.objective,
        status: c.status,
        effective_status: c.effectiveStatus,
        daily_budget_minor: c.dailyBudget,
        lifetime_budget_minor: c.lifetimeBudget,
        currency: null,
        created: c.createdTime.slice(0, 19),
        updated: c.updatedTime.slice(0, 19),
        artist_id: c.artist ? cat.artists[c.artist] : null,
        track_id: c.track ? cat.tracks[c.track] : null,
      }))
      .sort((a, b) => (a.external_id < b.external_id ? -1 : 1));
    expect(await campaigns(h.ds)).toEqual(expected);

    const [i] = await h.ingest([h.input('meta_insights_20250331_120000.json', insightsJson(sample, { seed: 1 }))]);
    expect(i.status).toBe('loaded');
    expect(await campaigns(h.ds)).toEqual(expected);
    expect(await dailyRows(h.ds)).toEqual(expectedDailyRows(sample.days));
  });

  it('fills in campaigns first created from insights when the listing arrives later', async () => {
    await h.ingest([h.input('meta_insights_20250331_120000.json', insightsJson(sample, { seed: 1 }))]);
    const before = await campaigns(h.ds);
    expect(before.every((c) => c.objective === null && c.updated === null)).toBe(true);
    await h.ingest([h.input('meta_campaigns_20250331_130000.json', campaignsJson(sample, { seed: 2 }))]);
    const after = await campaigns(h.ds);
    expect(after).toHaveLength(sample.campaigns.length);
    for (const c of sample.campaigns) {
      expect(after.find((r) => r.external_id === c.id)).toMatchObject({
        name: c.name,
        objective: c.objective,
        status: c.status,
        updated: c.updatedTime.slice(0, 19),
      });
    }
    expect(await dailyRows(h.ds)).toEqual(expectedDailyRows(sample.days));
  });

  it('skips the same file loaded again and lets a later extraction correct overlapping days while keeping older ones', async () => {
    const later = metaAdsSample({ seed: 21, startDate: '2025-03-01', days: 40 });
    const cutoff = addDays('2025-03-01', 30);
    // The first extraction covers days 0–29; its last three days were partial (lower) then.
    const partialFrom = addDays('2025-03-01', 27);
    const firstDays = later.days
      .filter((d) => d.date < cutoff)
      .map((d) =>
        d.date >= partialFrom
          ? { ...d, spendCents: Math.floor(d.spendCents / 3), impressions: Math.floor(d.impressions / 3), reach: Math.floor(d.reach / 2) }
          : d,
      );
    const firstFile = h.input('meta_insights_20250331_060000.json', insightsJson(later, { seed: 3, days: firstDays }));
    const [s1] = await h.ingest([firstFile]);
    expect(s1.status).toBe('loaded');
    const [again] = await h.ingest([firstFile]);
    expect(again.status).toBe('skipped');
    expect(await dailyRows(h.ds)).toEqual(expectedDailyRows(firstDays));

    // Ten days later the extraction covers days 20–39.
    const from = addDays('2025-03-01', 20);
    const secondDays = later.days.filter((d) => d.date >= from);
    const [s2] = await h.ingest([h.input('meta_insights_20250410_060000.json', insightsJson(later, { seed: 4, days: secondDays }))]);
    expect(s2.status).toBe('loaded');
    const changed = secondDays.filter(
      (d) =>
        d.date >= partialFrom &&
        d.date < cutoff &&
        firstDays.find((f) => f.campaignId === d.campaignId && f.date === d.date)!.spendCents !== d.spendCents,
    );
    expect(changed.length).toBeGreaterThan(0);
    const expected = [...firstDays.filter((d) => d.date < from), ...secondDays];
    expect(await dailyRows(h.ds)).toEqual(expectedDailyRows(expected));
    expect(await spendSum(h.ds, 'campaign_daily')).toBe(totalsOf(expected).spendNano.toString());

    // An older extraction loaded late changes no day a newer one gave, and adds nothing twice.
    const stale = later.days.filter((d) => d.date >= from).map((d) => ({ ...d, spendCents: d.spendCents + 99 }));
    const [s3] = await h.ingest([h.input('meta_insights_20250401_060000.json', insightsJson(later, { seed: 5, days: stale }))]);
    expect(s3).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsSkipped: stale.length });
    expect(await dailyRows(h.ds)).toEqual(expectedDailyRows(expected));
  });

  it('keeps a multi-day insights row as a period total, never as a day', async () => {
    const page = {
      data: [
        {
          campaign_id: '900',
          campaign_name: 'ZONE A0 - Night Drive - Launch',
          spend: '1234.56',
          impressions: '150000',
          reach: '61000',
          clicks: '2100',
          date_start: '2025-03-01',
          date_stop: '2025-03-31',
        },
        {
          campaign_id: '900',
          campaign_name: 'ZONE A0 - Night Drive - Launch',
          spend: '40.01',
          impressions: '5000',
          reach: '4100',
          date_start: '2025-03-01',
          date_stop: '2025-03-01',
        },
      ],
      paging: { cursors: { before: 'MAZDZD', after: 'MAZDZD' } },
    };
    const [s] = await h.ingest([h.input('meta_insights_20250401_000000.json', JSON.stringify(page))]);
    expect(statuses([s])).toEqual(['meta_insights_20250401_000000.json: loaded']);
    expect(await periodRows(h.ds)).toEqual([
      expect.objectContaining({
        campaign: '900',
        adset_key: '',
        date_start: '2025-03-01',
        date_stop: '2025-03-31',
        spend: '1234560000000',
        impressions: 150000,
        reach: 61000,
        clicks: 2100,
      }),
    ]);
    expect(await dailyRows(h.ds)).toEqual([
      expect.objectContaining({ campaign: '900', date: '2025-03-01', spend: '40010000000', reach: 4100, clicks: 0 }),
    ]);
    expect(await campaigns(h.ds)).toEqual([
      expect.objectContaining({ external_id: '900', artist_id: cat.artists['ZONE A0'], track_id: cat.tracks['Night Drive'] }),
    ]);
  });
});
