import { Field, InputType, ObjectType, registerEnumType, ID } from 'type-graphql';
import { Campaign } from './catalog.types';
import { DateScalar, DecimalScalar, LongScalar } from './scalars';

@ObjectType({ simpleResolvers: true, description: 'Pixel and engagement events counted from the ad platform `actions`.' })
export class CampaignEvents {
  @Field(() => LongScalar)
  linkClicks!: number;

  @Field(() => LongScalar)
  postEngagement!: number;

  @Field(() => LongScalar)
  viewContent!: number;

  @Field(() => LongScalar)
  addToCart!: number;

  @Field(() => LongScalar)
  initiateCheckout!: number;

  @Field(() => LongScalar)
  purchase!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One day of a campaign.' })
export class CampaignDay {
  @Field(() => DateScalar)
  date!: string;

  @Field(() => DecimalScalar, { description: 'Spend in the account currency.' })
  spend!: string;

  @Field(() => LongScalar)
  impressions!: number;

  @Field(() => LongScalar)
  clicks!: number;

  @Field(() => LongScalar, { nullable: true, description: 'People reached that day (not additive across days).' })
  reach!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'spend / clicks, 4 decimals.' })
  cpc!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'spend per 1,000 impressions, 4 decimals.' })
  cpm!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'clicks / impressions, 6 decimals.' })
  ctr!: string | null;

  @Field(() => CampaignEvents)
  events!: CampaignEvents;
}

export enum AttributionTarget {
  TRACK = 'TRACK',
  ARTIST = 'ARTIST',
  NONE = 'NONE',
}
registerEnumType(AttributionTarget, { name: 'AttributionTarget', description: 'What the attributed results were measured on: the campaign track, else its artist, else nothing.' });

@ObjectType({
  simpleResolvers: true,
  description: `Results attributed to a campaign. The delivery window is the first to the last day the campaign has figures in the asked range;
the baseline window is the window of the same length that ends the day before. Streams: daily stream facts tagged with the campaign's track
(else artist) in each window. Revenue: net revenue of statement lines of that track (else artist), each sale month's net spread evenly over its
days and counted for the days inside the window. Uplift = during − before. ROI = (revenue uplift − spend) / spend; revenue is in USD and spend in
the ad account currency, so ROI is meaningful when the account bills in USD.`,
})
export class CampaignAttribution {
  @Field(() => AttributionTarget)
  target!: string;

  @Field(() => DateScalar)
  windowStart!: string;

  @Field(() => DateScalar)
  windowEnd!: string;

  @Field(() => LongScalar, { nullable: true })
  streamsDuring!: number | null;

  @Field(() => LongScalar, { nullable: true })
  streamsBefore!: number | null;

  @Field(() => LongScalar, { nullable: true })
  streamsUplift!: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  revenueDuring!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  revenueBefore!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  revenueUplift!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: '(revenue uplift − spend) / spend, 4 decimals; null without spend or target.' })
  roi!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A campaign over a range: delivery, cost ratios, pixel events, and attributed results.' })
export class CampaignPerformance {
  @Field(() => Campaign)
  campaign!: Campaign;

  @Field(() => DecimalScalar)
  spend!: string;

  @Field(() => LongScalar)
  impressions!: number;

  @Field(() => LongScalar)
  clicks!: number;

  @Field(() => LongScalar, { nullable: true, description: 'The largest single-day reach in the range: a lower bound of unique reach, since reach does not add up over days.' })
  reach!: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  cpc!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  cpm!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  ctr!: string | null;

  @Field(() => CampaignEvents)
  events!: CampaignEvents;

  @Field(() => CampaignAttribution)
  attribution!: CampaignAttribution;
}

@InputType()
export class CampaignPerformanceFilter {
  @Field(() => [ID], { nullable: true })
  campaignIds?: string[];

  @Field(() => ID, { nullable: true })
  artistId?: string;

  @Field(() => ID, { nullable: true })
  trackId?: string;
}
