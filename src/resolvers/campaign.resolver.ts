import { Arg, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { Parent } from './parent';
import {
  type CampaignDayFigures,
  campaignDayFigures,
  type CampaignPerformanceRecord,
  CampaignPerformanceService,
  type CampaignSnapshotFigures,
  snapshotFigures,
} from '../analytics/campaign-performance.service';
import { checkedRange, toId, toIds } from './args';
import { EXPECTED_FANOUT, dailyCost, fanOutCost } from './complexity';
import type { RequestContext } from './context';
import { Role } from './role';
import { CampaignDay, CampaignPerformance, CampaignPerformanceFilter, CampaignSnapshotNode } from './types/campaign.types';
import { CampaignNode } from './types/catalog.types';
import { DateRangeInput } from './types/inputs';

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
  campaignPerformance(
    @Arg('range', () => DateRangeInput, { description: 'Days judged, both ends inclusive (ad account time zone, as Meta reports days).' })
    range: DateRangeInput,
    @Arg('filter', () => CampaignPerformanceFilter, { nullable: true, description: 'Which campaigns to judge; omitted: all.' })
    filter: CampaignPerformanceFilter | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<CampaignPerformanceRecord[]> {
    return new CampaignPerformanceService(ctx.ds).performance(checkedRange(range, 'DAY', ctx), {
      campaignIds: toIds(filter?.campaignIds),
      artistId: filter?.artistId ? toId(filter.artistId) : null,
      trackId: filter?.trackId ? toId(filter.trackId) : null,
    });
  }
}

@Resolver(() => CampaignNode)
export class CampaignDailyRelation {
  @FieldResolver(() => [CampaignDay], { complexity: dailyCost, description: 'Daily delivery in a range, oldest first.' })
  async daily(
    @Parent() campaign: CampaignNode,
    @Arg('range', () => DateRangeInput, { description: 'Delivery days, both ends inclusive (ad account time zone, as Meta reports days).' })
    range: DateRangeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CampaignDayFigures[]> {
    return (await ctx.loaders.campaignDays(checkedRange(range, 'DAY', ctx)).load(campaign.id)).map(campaignDayFigures);
  }

  @FieldResolver(() => CampaignSnapshotNode, {
    nullable: true,
    description: `The campaign's cumulative totals as of its latest snapshot (older Meta dump folders): spend, impressions, clicks and reach since its
start. Null when no dump holds the campaign. A running total: never add it to daily figures or to another snapshot.`,
  })
  async latestSnapshot(@Parent() campaign: CampaignNode, @Ctx() ctx: RequestContext): Promise<CampaignSnapshotFigures | null> {
    const latest = (await ctx.loaders.campaignSnapshots.load(campaign.id)).at(-1);
    return latest ? snapshotFigures(latest, campaign.currency) : null;
  }

  @FieldResolver(() => [CampaignSnapshotNode], {
    complexity: fanOutCost(EXPECTED_FANOUT.snapshotsOfCampaign),
    description:
      'Every snapshot of the campaign, oldest as-of day first (one per as-of day, the newest capture of that day). Successive snapshots are running totals: the spend between two is their difference.',
  })
  async snapshots(@Parent() campaign: CampaignNode, @Ctx() ctx: RequestContext): Promise<CampaignSnapshotFigures[]> {
    return (await ctx.loaders.campaignSnapshots.load(campaign.id)).map((s) => snapshotFigures(s, campaign.currency));
  }
}
