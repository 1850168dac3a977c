import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { EXPECTED_FANOUT, dailyCost, fanOutCost } from './complexity';
import { type CampaignEventCounts, type CampaignFigures, CampaignService, type CampaignSnapshotRecord, type CampaignTotals } from '../analytics/campaign.service';
import { validateRange } from '../analytics/periods';
import { dialectOf, SqlParams } from '../db/dialect';
import { divideToDecimal, formatNano } from '../domain/money';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { toId, toIds } from './args';
import { Role } from './role';
import { CampaignDay, CampaignEvents, CampaignPerformance, CampaignPerformanceFilter, CampaignSnapshot, SnapshotGrain, SpendBasis } from './types/campaign.types';
import { Campaign } from './types/catalog.types';
import { DateRangeInput } from './types/inputs';

const NANO = 10n ** 9n;
type Measures = Pick<CampaignTotals, 'spendNano' | 'impressions' | 'clicks' | 'linkClicks' | 'postEngagement' | 'viewContent' | 'addToCart' | 'initiateCheckout' | 'purchase'>;

function ratios(m: Pick<Measures, 'spendNano' | 'impressions' | 'clicks'>) {
  return {
    spend: formatNano(m.spendNano),
    impressions: Number(m.impressions),
    clicks: Number(m.clicks),
    cpc: divideToDecimal(m.spendNano, m.clicks * NANO, 4),
    cpm: divideToDecimal(m.spendNano * 1000n, m.impressions * NANO, 4),
    ctr: divideToDecimal(m.clicks, m.impressions, 6),
  };
}

/** Spend, counts and ratios of a figure that may be unknown (PARTIAL): every one null then, never 0. */
function figureRatios(f: CampaignFigures) {
  if (f.spendNano === null || f.impressions === null || f.clicks === null) return { spend: null, impressions: null, clicks: null, cpc: null, cpm: null, ctr: null };
  return ratios({ spendNano: f.spendNano, impressions: f.impressions, clicks: f.clicks });
}

function snapshotOf(s: CampaignSnapshotRecord, currency: string | null): CampaignSnapshot {
  return {
    asOf: s.asOf,
    since: s.since,
    spend: formatNano(s.spendNano),
    impressions: Number(s.impressions),
    clicks: Number(s.clicks),
    reach: s.reach === null ? null : Number(s.reach),
    currency,
    grain: s.grain === 'adset' ? SnapshotGrain.ADSET : SnapshotGrain.CAMPAIGN,
    adsetCount: s.adsetCount,
    capturedAt: s.capturedAt,
  };
}

function events(m: CampaignEventCounts): CampaignEvents {
  return {
    linkClicks: Number(m.linkClicks),
    postEngagement: Number(m.postEngagement),
    viewContent: Number(m.viewContent),
    addToCart: Number(m.addToCart),
    initiateCheckout: Number(m.initiateCheckout),
    purchase: Number(m.purchase),
  };
}

@Resolver()
export class CampaignPerformanceResolver {
  @Role('VIEWER')
  @Query(() => [CampaignPerformance], {
    complexity: fanOutCost(EXPECTED_FANOUT.campaigns),
    description: `Per campaign with daily delivery in the range, or snapshots (Meta dump folders) whose since…as-of span meets it: spend, reach, cost
ratios, pixel events, and attributed streams and revenue (see CampaignAttribution). Each campaign's figures come from one basis (see SpendBasis):
daily sums where daily figures cover the range; else the cumulative snapshot as of the range's end (minus the one as of the day before its start,
if it starts after the campaign's start); else PARTIAL with null spend and ROI, never 0. Range days are calendar days (the ad account's time zone).`,
  })
  async campaignPerformance(
    @Arg('range', () => DateRangeInput) range: DateRangeInput,
    @Arg('filter', () => CampaignPerformanceFilter, { nullable: true }) filter: CampaignPerformanceFilter | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<CampaignPerformance[]> {
    validateRange(range, 'DAY', ctx.config.limits);
    const service = new CampaignService(ctx.ds);
    let ids = toIds(filter?.campaignIds) ?? null;
    if (filter?.artistId || filter?.trackId) {
      const p = new SqlParams(dialectOf(ctx.ds));
      const cond = [filter.artistId ? `artist_id = ${p.add(toId(filter.artistId))}` : '', filter.trackId ? `track_id = ${p.add(toId(filter.trackId))}` : ''].filter(Boolean);
      const rows: Array<{ id: number }> = await ctx.ds.query(`SELECT id FROM campaigns WHERE ${cond.join(' AND ')}`, p.values);
      const matching = rows.map((r) => Number(r.id));
      ids = ids ? ids.filter((id) => matching.includes(id)) : matching;
    }
    const figures = await service.performance(range, ids);
    const campaigns = (await ctx.loaders.campaign.loadMany(figures.map((f) => f.campaignId))).map((c, i) => {
      if (!c || c instanceof Error) throw new AppError('INTERNAL_SERVER_ERROR', `campaign ${figures[i].campaignId} missing`);
      return c;
    });
    const attributions = await service.attribution(campaigns.map((c, i) => ({ trackId: c.trackId, artistId: c.artistId, window: figures[i].window })));
    return figures.map((f, i) => {
      const campaign = campaigns[i];
      const a = attributions[i];
      const revenueUplift = a.revenueDuringNano === null || a.revenueBeforeNano === null ? null : a.revenueDuringNano - a.revenueBeforeNano;
      const streamsUplift = a.streamsDuring === null || a.streamsBefore === null ? null : a.streamsDuring - a.streamsBefore;
      // ROI uses the spend of the basis; PARTIAL has none, so no ROI (coverage.note says why).
      const spend = f.spendNano;
      return {
        campaign,
        coverage: { basis: SpendBasis[f.basis], from: f.covered?.from ?? null, to: f.covered?.to ?? null, note: f.note },
        ...figureRatios(f),
        reach: f.reach === null ? null : Number(f.reach),
        events: f.events === null ? null : events(f.events),
        attribution: {
          target: a.target,
          windowStart: f.window.from,
          windowEnd: f.window.to,
          streamsDuring: a.streamsDuring === null ? null : Number(a.streamsDuring),
          streamsBefore: a.streamsBefore === null ? null : Number(a.streamsBefore),
          streamsUplift: streamsUplift === null ? null : Number(streamsUplift),
          revenueDuring: a.revenueDuringNano === null ? null : formatNano(a.revenueDuringNano),
          revenueBefore: a.revenueBeforeNano === null ? null : formatNano(a.revenueBeforeNano),
          revenueUplift: revenueUplift === null ? null : formatNano(revenueUplift),
          roi: revenueUplift === null || spend === null || spend === 0n ? null : divideToDecimal(revenueUplift - spend, spend, 4),
        },
      };
    });
  }
}

@Resolver(() => Campaign)
export class CampaignDailyRelation {
  @FieldResolver(() => [CampaignDay], { complexity: dailyCost, description: 'Daily delivery in a range, oldest first.' })
  async daily(@Root() campaign: Campaign, @Arg('range', () => DateRangeInput) range: DateRangeInput, @Ctx() ctx: RequestContext): Promise<CampaignDay[]> {
    validateRange(range, 'DAY', ctx.config.limits);
    const rows = await ctx.loaders.campaignDays(range).load(campaign.id);
    return rows.map((m) => ({ date: m.date, ...ratios(m), reach: m.reach === null ? null : Number(m.reach), events: events(m) }));
  }

  @FieldResolver(() => CampaignSnapshot, {
    nullable: true,
    description: `The campaign's cumulative totals as of its latest snapshot (older Meta dump folders): spend, impressions, clicks and reach since its
start. Null when no dump holds the campaign. A running total: never add it to daily figures or to another snapshot.`,
  })
  async latestSnapshot(@Root() campaign: Campaign, @Ctx() ctx: RequestContext): Promise<CampaignSnapshot | null> {
    const all = await ctx.loaders.campaignSnapshots.load(campaign.id);
    return all.length ? snapshotOf(all[all.length - 1], campaign.currency) : null;
  }

  @FieldResolver(() => [CampaignSnapshot], {
    complexity: fanOutCost(EXPECTED_FANOUT.snapshotsOfCampaign),
    description: 'Every snapshot of the campaign, oldest as-of day first (one per as-of day, the newest capture of that day). Successive snapshots are running totals: the spend between two is their difference.',
  })
  async snapshots(@Root() campaign: Campaign, @Ctx() ctx: RequestContext): Promise<CampaignSnapshot[]> {
    return (await ctx.loaders.campaignSnapshots.load(campaign.id)).map((s) => snapshotOf(s, campaign.currency));
  }
}

