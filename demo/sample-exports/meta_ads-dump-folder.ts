/**
 * Meta Ads dump folders as older extractions saved them: campaigns, ad sets, ads and a cumulative
 * lifetime insights snapshot per campaign, at campaign or ad set grain.
 */
import { seededRandom } from '../seeded-random';
import { pad2 } from '../calendar-days';
import { type MetaSample, type SampleCampaign, totalsOf } from './meta_ads';
import { ratio, spendString } from './meta_ads-graph-pages';

export type DumpGrain = 'campaign' | 'adset';

/** One campaign's cumulative figures in a dump, from its first day to the dump day. */
export interface SampleSnapshot {
  campaignId: string;
  campaignName: string;
  since: string;
  asOf: string;
  spendCents: number;
  impressions: number;
  clicks: number;
  /** Unique reach since `since` as the campaign-level row states it. */
  reach: number;
  /** The ad set rows the figures split into (their spend, impressions and clicks add up to the campaign's). */
  adsets: Array<{ id: string; name: string; spendCents: number; impressions: number; clicks: number; reach: number }>;
}

export interface DumpFolder {
  files: Record<'campaigns.json' | 'adsets.json' | 'ads.json' | 'insights.json', string>;
  grain: DumpGrain;
  snapshots: SampleSnapshot[];
}

/** A stable split of `total` into parts proportional to `weights` (the last takes the remainder), so successive dumps only grow. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.slice(0, -1).map((w) => Math.floor((total * w) / sum));
  return [...parts, total - parts.reduce((a, b) => a + b, 0)];
}

function dumpAdsets(
  c: SampleCampaign,
): Array<{ id: string; name: string; weight: number; dailyBudget: string | null; lifetimeBudget: string | null }> {
  const n = 1 + (Number(c.id.slice(-3)) % 3);
  return Array.from({ length: n }, (_, a) => ({
    id: `${c.id.slice(0, -3)}${pad2(a)}7`,
    name: `${c.name.split(' - ')[0]} - Ad set ${a + 1}`,
    weight: 2 + a * 3,
    dailyBudget: c.lifetimeBudget === null ? String(300 + a * 100) : null,
    lifetimeBudget: c.lifetimeBudget === null ? null : String(Math.floor(Number(c.lifetimeBudget) / n)),
  }));
}

/**
 * A dump folder as older extractions saved it: four JSON arrays. campaigns.json has only
 * `created_time, id, name, objective, start_time, status, updated_time`; budgets are on
 * adsets.json; insights.json is a CUMULATIVE LIFETIME SNAPSHOT of each campaign that has
 * delivered by `dateStop` (date_start its first day, date_stop the dump day), at campaign grain
 * (`campaign_id, clicks, cpc, cpm, cpp, date_start, date_stop, impressions, reach, spend`) or
 * ad set grain (`adset_id, adset_name, campaign_id, campaign_name, clicks, cpc, ctr, frequency,
 * impressions, reach, spend, date_start, date_stop`). No `actions`; numbers are strings. The
 * cumulative figures are the sample's days up to `dateStop`, so successive dumps are running
 * totals of the same delivery and the daily insights of those days describe the same money.
 */
export function dumpFolder(sample: MetaSample, opts: { seed: number; dateStop: string; grain: DumpGrain }): DumpFolder {
  const rng = seededRandom(opts.seed);
  const adsets: Array<Record<string, unknown>> = [];
  const ads: Array<Record<string, unknown>> = [];
  const snapshots: SampleSnapshot[] = [];
  for (const c of sample.campaigns) {
    const sets = dumpAdsets(c);
    for (const a of sets) {
      const o: Record<string, unknown> = {
        id: a.id,
        name: a.name,
        campaign_id: c.id,
        status: c.status,
        billing_event: 'IMPRESSIONS',
        optimization_goal: 'LINK_CLICKS',
      };
      if (a.dailyBudget !== null) o.daily_budget = a.dailyBudget;
      if (a.lifetimeBudget !== null) o.lifetime_budget = a.lifetimeBudget;
      adsets.push(o);
      for (let n = 0; n < 2; n++)
        ads.push({
          id: `${a.id}${n}`,
          name: `Ad ${n + 1} - ${a.name}`,
          adset_id: a.id,
          campaign_id: c.id,
          status: 'ACTIVE',
          creative: { id: `${a.id}9${n}` },
        });
    }
    const days = sample.days.filter((d) => d.campaignId === c.id && d.date <= opts.dateStop);
    // A campaign that has not delivered by the dump day has no insights row.
    if (days.length === 0) continue;
    const t = totalsOf(days);
    const spendCents = days.reduce((sum, d) => sum + d.spendCents, 0);
    const maxReach = Math.max(...days.map((d) => d.reach));
    const sumReach = days.reduce((sum, d) => sum + d.reach, 0);
    const reach = maxReach + Math.floor((sumReach - maxReach) * 0.4);
    const weights = sets.map((a) => a.weight);
    const spend = split(spendCents, weights);
    const impressions = split(t.impressions, weights);
    const clicks = split(t.clicks, weights);
    const reaches = split(reach, weights).map((r, k) => Math.min(r + Math.floor(reach * 0.1), impressions[k]));
    snapshots.push({
      campaignId: c.id,
      campaignName: c.name,
      since: days[0].date,
      asOf: opts.dateStop,
      spendCents,
      impressions: t.impressions,
      clicks: t.clicks,
      reach,
      adsets: sets.map((a, k) => ({
        id: a.id,
        name: a.name,
        spendCents: spend[k],
        impressions: impressions[k],
        clicks: clicks[k],
        reach: reaches[k],
      })),
    });
  }
  const insights =
    opts.grain === 'campaign'
      ? snapshots.map((x) => {
          const cpc = ratio(x.spendCents / 100, x.clicks, 6);
          const cpm = ratio(x.spendCents * 10, x.impressions, 6);
          const cpp = ratio(x.spendCents * 10, x.reach, 6);
          // Keys in the order the real files have them (alphabetical).
          return {
            campaign_id: x.campaignId,
            clicks: String(x.clicks),
            cpc: cpc ?? '0',
            cpm: cpm ?? '0',
            cpp: cpp ?? '0',
            date_start: x.since,
            date_stop: x.asOf,
            impressions: String(x.impressions),
            reach: String(x.reach),
            spend: spendString(x.spendCents, rng),
          };
        })
      : snapshots.flatMap((x) =>
          x.adsets.map((a) => ({
            adset_id: a.id,
            adset_name: a.name,
            campaign_id: x.campaignId,
            campaign_name: x.campaignName,
            clicks: String(a.clicks),
            cpc: ratio(a.spendCents / 100, a.clicks, 6) ?? '0',
            ctr: ratio(a.clicks * 100, a.impressions, 6) ?? '0',
            frequency: ratio(a.impressions, a.reach, 6) ?? '0',
            impressions: String(a.impressions),
            reach: String(a.reach),
            spend: spendString(a.spendCents, rng),
            date_start: x.since,
            date_stop: x.asOf,
          })),
        );
  const campaigns = sample.campaigns.map((c) => ({
    created_time: c.createdTime,
    id: c.id,
    name: c.name,
    objective: c.objective,
    start_time: c.createdTime,
    status: c.status,
    updated_time: c.updatedTime,
  }));
  return {
    files: {
      'campaigns.json': JSON.stringify(campaigns, null, 2),
      'adsets.json': JSON.stringify(adsets, null, 2),
      'ads.json': JSON.stringify(ads, null, 2),
      'insights.json': JSON.stringify(insights, null, 2),
    },
    grain: opts.grain,
    snapshots,
  };
}
