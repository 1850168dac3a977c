import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SPEND_BASES, type SpendBasis } from '../../analytics/campaign-basis';
import { ATTRIBUTION_TARGETS, type AttributionTarget, SNAPSHOT_GRAINS, type SnapshotGrain } from '../../analytics/campaign.service';
import { describedValues, enumOf, upperCase } from './enum-of';
import { CampaignNode } from './catalog.types';
import { DateScalar, DateTimeScalar, DecimalScalar, LongScalar } from './scalars';

@ObjectType({ simpleResolvers: true, description: 'Pixel and engagement events counted from the ad platform `actions`.' })
export class CampaignEvents {
  @Field(() => LongScalar, { description: 'Link clicks (action link_click), summed over the days.' })
  linkClicks!: number;

  @Field(() => LongScalar, { description: 'Post engagements (action post_engagement), summed over the days.' })
  postEngagement!: number;

  @Field(() => LongScalar, { description: 'Pixel ViewContent events (offsite_conversion.fb_pixel_view_content), summed over the days.' })
  viewContent!: number;

  @Field(() => LongScalar, { description: 'Pixel AddToCart events (offsite_conversion.fb_pixel_add_to_cart), summed over the days.' })
  addToCart!: number;

  @Field(() => LongScalar, {
    description: 'Pixel InitiateCheckout events (offsite_conversion.fb_pixel_initiate_checkout), summed over the days.',
  })
  initiateCheckout!: number;

  @Field(() => LongScalar, {
    description: 'Pixel Purchase events (offsite_conversion.fb_pixel_purchase; omni_purchase is left out so nothing counts twice).',
  })
  purchase!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One day of a campaign.' })
export class CampaignDay {
  @Field(() => DateScalar, { description: 'The delivery day, a calendar day in the ad account time zone (as Meta reports it).' })
  date!: string;

  @Field(() => DecimalScalar, { description: 'Spend in the account currency.' })
  spend!: string;

  @Field(() => LongScalar, { description: 'Impressions that day.' })
  impressions!: number;

  @Field(() => LongScalar, { description: 'Clicks (all clicks, as Meta counts them) that day.' })
  clicks!: number;

  @Field(() => LongScalar, { nullable: true, description: 'People reached that day (not additive across days).' })
  reach!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'spend / clicks, 4 decimals.' })
  cpc!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'spend per 1,000 impressions, 4 decimals.' })
  cpm!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'clicks / impressions, 6 decimals.' })
  ctr!: string | null;

  @Field(() => CampaignEvents, { description: 'Pixel and engagement events that day.' })
  events!: CampaignEvents;
}

export const AttributionTargetEnum = enumOf(ATTRIBUTION_TARGETS);
registerEnumType(AttributionTargetEnum, {
  name: 'AttributionTarget',
  description: 'What the attributed results were measured on: the campaign track, else its artist, else nothing.',
  valuesConfig: describedValues<AttributionTarget>({
    TRACK: "The campaign's track: stream facts and statement lines of that track.",
    ARTIST: 'The campaign has no track but an artist: stream facts and statement lines of that artist.',
    NONE: 'The campaign is linked to neither (its name names no known track or artist): streams and revenue are null.',
  }),
});

@ObjectType({
  simpleResolvers: true,
  description: `Results attributed to a campaign. The delivery window is the first to the last day the campaign has daily figures in the asked range (DAILY), the days the snapshots cover (SNAPSHOT), or the range cut to the snapshots' span (PARTIAL);
the baseline window is the window of the same length that ends the day before. Streams: daily stream facts tagged with the campaign's track
(else artist) in each window. Revenue: net revenue of statement lines of that track (else artist), each sale month's net spread evenly over its
days and counted for the days inside the window. Uplift = during − before. ROI = (revenue uplift − spend) / spend; revenue is in USD and spend in
the ad account currency, so ROI is meaningful when the account bills in USD.`,
})
export class CampaignAttribution {
  @Field(() => AttributionTargetEnum, { description: 'What the results were measured on.' })
  target!: AttributionTarget;

  @Field(() => DateScalar, {
    description: "First day of the delivery window: coverage.from, or (PARTIAL) the range cut to the snapshots' span.",
  })
  windowStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the delivery window.' })
  windowEnd!: string;

  @Field(() => LongScalar, {
    nullable: true,
    description: 'Daily stream facts of the target in the delivery window (a count); null when target is NONE.',
  })
  streamsDuring!: number | null;

  @Field(() => LongScalar, {
    nullable: true,
    description: 'Daily stream facts of the target in the baseline window; null when target is NONE.',
  })
  streamsBefore!: number | null;

  @Field(() => LongScalar, { nullable: true, description: 'streamsDuring − streamsBefore; null when either is null.' })
  streamsUplift!: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Net revenue of the target in the delivery window (sale months spread evenly over their days), in USD, the currency of the DistroKid and TooLost statements; null when target is NONE.',
  })
  revenueDuring!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Net revenue of the target in the baseline window, computed the same way, in USD, the currency of the DistroKid and TooLost statements; null when target is NONE.',
  })
  revenueBefore!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'revenueDuring − revenueBefore, in USD; null when either is null.' })
  revenueUplift!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      '(revenue uplift − spend) / spend, 4 decimals, with the spend of coverage.basis over the window; null without spend or target, and when PARTIAL.',
  })
  roi!: string | null;
}

export const SpendBasisEnum = enumOf(SPEND_BASES);
registerEnumType(SpendBasisEnum, {
  name: 'SpendBasis',
  description: `Which figures a campaign's spend in a range comes from. Daily figures and cumulative snapshots (Meta dump folders) are never added
together, and snapshots are never summed with each other: one basis answers, or none does.`,
  valuesConfig: {
    DAILY: {
      description: `Sums of daily delivery (campaign_daily). Used when daily figures cover every day of the range on which the campaign's
snapshots say it may have spent; days inside the span of its daily figures without a row are days without delivery.`,
    },
    SNAPSHOT: {
      description: `From cumulative lifetime snapshots: the range starts on or before the campaign's start (since) or the day after a snapshot's
as-of day, and ends on a snapshot's as-of day or after the last one. Spend = cumulative as of the end − cumulative the start follows (0 before
since). coverage.from/to give the days this covers: days after the last snapshot are known to no snapshot.`,
    },
    PARTIAL: {
      description: `The range starts or ends strictly between two known cumulative points, without daily figures for those days: their spend is
inside a total that cannot be split, so spend, impressions, clicks, ratios and ROI are null (not 0); coverage.note names the window that is cut.`,
    },
  },
});

@ObjectType({ simpleResolvers: true, description: 'Where the figures of a CampaignPerformance come from and which days they describe.' })
export class SpendCoverage {
  @Field(() => SpendBasisEnum, { description: 'DAILY, SNAPSHOT or PARTIAL (see SpendBasis).' })
  basis!: SpendBasis;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day the figures include (account time zone, as Meta reports days); null for PARTIAL.',
  })
  from!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the figures include; null for PARTIAL.' })
  to!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why: which snapshots were used, or which snapshot window the range cuts. Null for DAILY.',
  })
  note!: string | null;
}

export const SnapshotGrainEnum = enumOf(SNAPSHOT_GRAINS, upperCase);
registerEnumType(SnapshotGrainEnum, {
  name: 'SnapshotGrain',
  description: 'The rows a dump held for the campaign.',
  valuesConfig: {
    CAMPAIGN: { description: 'One campaign-level row: reach is the unique reach since the start.' },
    ADSET: {
      description:
        "The ad sets' rows of one dump, summed for spend, impressions and clicks; reach unknown (it does not add up across ad sets).",
    },
  },
});

@ObjectType('CampaignSnapshot', {
  simpleResolvers: true,
  description: `A campaign's cumulative lifetime figures as of one day, from an older Meta Ads dump folder (insights from the campaign's start to the
dump day). A running total: two snapshots are never added together, nor added to daily figures; the spend between two snapshots is their
difference. One per as-of day: of two dumps of the same day (campaign and ad set grain), the newest capture is kept.`,
})
export class CampaignSnapshotNode {
  @Field(() => DateScalar, { description: 'The last day the totals include (the dump day, account time zone).' })
  asOf!: string;

  @Field(() => DateScalar, { description: "The first day the totals include (the campaign's start)." })
  since!: string;

  @Field(() => DecimalScalar, { description: 'Spend since `since` up to `asOf`, in the account currency (see currency).' })
  spend!: string;

  @Field(() => LongScalar, { description: 'Impressions since `since` up to `asOf`.' })
  impressions!: number;

  @Field(() => LongScalar, { description: 'Clicks since `since` up to `asOf`.' })
  clicks!: number;

  @Field(() => LongScalar, {
    nullable: true,
    description: 'Unique people reached since `since`: at CAMPAIGN grain only, null at ADSET grain.',
  })
  reach!: number | null;

  @Field(() => String, { nullable: true, description: "The campaign's account currency (ISO 4217) when known; dumps do not state it." })
  currency!: string | null;

  @Field(() => SnapshotGrainEnum, { description: 'Campaign-level row, or ad set rows summed.' })
  grain!: SnapshotGrain;

  @Field(() => Int, { nullable: true, description: 'How many ad set rows were summed (ADSET grain); null at CAMPAIGN grain.' })
  adsetCount!: number | null;

  @Field(() => DateTimeScalar, { description: 'When the dump was captured (UTC, from the folder name).' })
  capturedAt!: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: `A campaign over a range: delivery, cost ratios, pixel events, and attributed results. Listed when it has daily figures in the range
or snapshots whose since…as-of span meets it. The figures come from ONE basis (coverage.basis): daily sums, snapshot differences, or none
(PARTIAL). Never daily + snapshot, never snapshot + snapshot.`,
})
export class CampaignPerformance {
  @Field(() => CampaignNode, { description: 'The campaign judged.' })
  campaign!: CampaignNode;

  @Field(() => SpendCoverage, { description: 'The basis of the figures and the days they describe.' })
  coverage!: SpendCoverage;

  @Field(() => DecimalScalar, { nullable: true, description: 'Spend in the account currency over coverage.from…to; null when PARTIAL.' })
  spend!: string | null;

  @Field(() => LongScalar, { nullable: true, description: 'Impressions on the same basis as spend; null when PARTIAL.' })
  impressions!: number | null;

  @Field(() => LongScalar, { nullable: true, description: 'Clicks on the same basis as spend; null when PARTIAL.' })
  clicks!: number | null;

  @Field(() => LongScalar, {
    nullable: true,
    description: `DAILY: the largest single-day reach in the range, a lower bound of unique reach (reach does not add up over days). SNAPSHOT from the
campaign's start with a campaign-level snapshot: unique reach since the start. Otherwise null (a difference of reaches means nothing).`,
  })
  reach!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'spend / clicks, 4 decimals; null without clicks or spend.' })
  cpc!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'spend per 1,000 impressions, 4 decimals; null without impressions or spend.',
  })
  cpm!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'clicks / impressions, 6 decimals; null without impressions.' })
  ctr!: string | null;

  @Field(() => CampaignEvents, { nullable: true, description: 'Pixel events: DAILY only (dumps carry no actions), else null.' })
  events!: CampaignEvents | null;

  @Field(() => CampaignAttribution, { description: 'Streams and revenue of its track or artist during the campaign versus before.' })
  attribution!: CampaignAttribution;
}

@InputType({ description: 'Narrows the campaigns judged; the conditions given must all hold.' })
export class CampaignPerformanceFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these campaigns (Campaign.id, not the ad platform id).' })
  campaignIds?: string[];

  @Field(() => ID, { nullable: true, description: 'Only campaigns linked to this artist (Artist.id).' })
  artistId?: string;

  @Field(() => ID, { nullable: true, description: 'Only campaigns linked to this track (Track.id).' })
  trackId?: string;
}
