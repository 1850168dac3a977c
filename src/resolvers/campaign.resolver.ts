import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { EXPECTED_FANOUT, dailyCost, fanOutCost } from './complexity';
import { CampaignService, type CampaignTotals } from '../analytics/campaign.service';
import { validateRange } from '../analytics/periods';
import { dialectOf, SqlParams } from '../db/dialect';
import { divideToDecimal, formatNano } from '../ingest/money';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { toId, toIds } from './args';
import { Role } from './role';
import { CampaignDay, CampaignEvents, CampaignPerformance, CampaignPerformanceFilter } from './types/campaign.types';
import { Campaign } from './types/catalog.types';
import { DateRangeInput } from './types/inputs';

const NANO = 10n ** 9n;
type Measures = Pick<CampaignTotals, 'spendNano' | 'impressions' | 'clicks' | 'linkClicks' | 'postEngagement' | 'viewContent' | 'addToCart' | 'initiateCheckout' | 'purchase'>;

function ratios(m: Measures) {
  return {
    spend: formatNano(m.spendNano),
    impressions: Number(m.impressions),
    clicks: Number(m.clicks),
    cpc: divideToDecimal(m.spendNano, m.clicks * NANO, 4),
    cpm: divideToDecimal(m.spendNano * 1000n, m.impressions * NANO, 4),
    ctr: divideToDecimal(m.clicks, m.impressions, 6),
  };
}

function events(m: Measures): CampaignEvents {
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
  @Query(() => [CampaignPerformance], { complexity: fanOutCost(EXPECTED_FANOUT.campaigns), description: 'Per campaign with delivery in the range: spend, reach, cost ratios, pixel events, and attributed streams and revenue (see CampaignAttribution).' })
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
    const totals = await service.totals(range, ids);
    const campaigns = (await ctx.loaders.campaign.loadMany(totals.map((t) => t.campaignId))).map((c, i) => {
      if (!c || c instanceof Error) throw new AppError('INTERNAL_SERVER_ERROR', `campaign ${totals[i].campaignId} missing`);
      return c;
    });
    const attributions = await service.attribution(campaigns.map((c, i) => ({ trackId: c.trackId, artistId: c.artistId, window: totals[i].window })));
    return totals.map((t, i) => {
      const campaign = campaigns[i];
      const a = attributions[i];
      const revenueUplift = a.revenueDuringNano === null || a.revenueBeforeNano === null ? null : a.revenueDuringNano - a.revenueBeforeNano;
      const streamsUplift = a.streamsDuring === null || a.streamsBefore === null ? null : a.streamsDuring - a.streamsBefore;
      return {
        campaign,
        ...ratios(t),
        reach: t.maxDailyReach === null ? null : Number(t.maxDailyReach),
        events: events(t),
        attribution: {
          target: a.target,
          windowStart: t.window.from,
          windowEnd: t.window.to,
          streamsDuring: a.streamsDuring === null ? null : Number(a.streamsDuring),
          streamsBefore: a.streamsBefore === null ? null : Number(a.streamsBefore),
          streamsUplift: streamsUplift === null ? null : Number(streamsUplift),
          revenueDuring: a.revenueDuringNano === null ? null : formatNano(a.revenueDuringNano),
          revenueBefore: a.revenueBeforeNano === null ? null : formatNano(a.revenueBeforeNano),
          revenueUplift: revenueUplift === null ? null : formatNano(revenueUplift),
          roi: revenueUplift === null || t.spendNano === 0n ? null : divideToDecimal(revenueUplift - t.spendNano, t.spendNano, 4),
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
}

