import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { SOCIAL_DIMENSIONS, type SocialDimension } from '../../analytics/engagement.service';
import { ArtistNode } from './catalog.types';
import { describedValues, enumOf } from './enum-of';
import { DecimalScalar, LongScalar } from './scalars';

export const SocialDimensionEnum = enumOf(SOCIAL_DIMENSIONS);
registerEnumType(SocialDimensionEnum, {
  name: 'SocialDimension',
  description: 'What a social series can be split by; the matching SocialPoint field is set on each point.',
  valuesConfig: describedValues<SocialDimension>({
    ACCOUNT: 'Per account handle (e.g. zone.a0): SocialPoint.account.',
    ARTIST: 'Per artist the account is linked to: SocialPoint.artist (null for accounts linked to no artist).',
  }),
});

@ObjectType({ simpleResolvers: true, description: 'One period of a social account (TikTok Studio).' })
export class SocialPoint {
  @Field({ description: 'Period label, see Grain.' })
  period!: string;

  @Field(() => String, { nullable: true, description: 'Account handle; null unless grouped by ACCOUNT.' })
  account!: string | null;

  @Field(() => ArtistNode, { nullable: true, description: 'The artist of the accounts; null unless grouped by ARTIST.' })
  artist!: ArtistNode | null;

  @Field(() => LongScalar, { description: 'Video views in the period: the sum of the daily figures (a count).' })
  videoViews!: number;

  @Field(() => LongScalar, { description: 'Profile views in the period: the sum of the daily figures.' })
  profileViews!: number;

  @Field(() => LongScalar, { description: 'Likes received in the period: the sum of the daily figures.' })
  likes!: number;

  @Field(() => LongScalar, { description: 'Comments received in the period: the sum of the daily figures.' })
  comments!: number;

  @Field(() => LongScalar, { description: 'Shares in the period: the sum of the daily figures.' })
  shares!: number;

  @Field(() => DecimalScalar, { description: '(likes + comments + shares) / video views, to 6 decimals; 0 when there were no views.' })
  engagementRate!: string;

  @Field(() => LongScalar, {
    nullable: true,
    description:
      'Followers from the latest snapshot taken on or before the last day of the period (summed over accounts when not split by account); null without one.',
  })
  followers!: number | null;

  artistId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'Social account figures (TikTok Studio) per period.' })
export class SocialSeries {
  @Field(() => [SocialPoint], { description: 'One point per period (and group) with data, oldest first.' })
  points!: SocialPoint[];
}

@ObjectType({ simpleResolvers: true, description: 'One period of link-in-bio analytics (Linktree).' })
export class LinkPoint {
  @Field({ description: 'Period label, see Grain.' })
  period!: string;

  @Field(() => LongScalar, { description: 'Page views in the period: the sum of the daily figures.' })
  views!: number;

  @Field(() => LongScalar, {
    description: 'Sum of the daily unique views: a visitor seen on two days counts twice (daily uniques do not add up to period uniques).',
  })
  uniqueViews!: number;

  @Field(() => LongScalar, { description: 'Link clicks in the period: the sum of the daily figures.' })
  clicks!: number;

  @Field(() => LongScalar, { description: 'Sum of the daily unique clicks: a visitor clicking on two days counts twice.' })
  uniqueClicks!: number;

  @Field(() => DecimalScalar, { description: 'clicks / views, to 6 decimals; 0 when there were no views.' })
  ctr!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Link-in-bio analytics (Linktree) per period.' })
export class LinkSeries {
  @Field(() => [LinkPoint], { description: 'One point per period with data, oldest first.' })
  points!: LinkPoint[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'One period of an artist audience (Spotify for Artists). Never added to distributor streams.',
})
export class AudiencePoint {
  @Field({ description: 'Period label, see Grain.' })
  period!: string;

  @Field(() => ArtistNode, { nullable: true, description: 'The artist whose dashboard the figures come from.' })
  artist!: ArtistNode | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Mean daily listeners over the days of the period (daily uniques do not add up).',
  })
  listeners!: string | null;

  @Field(() => LongScalar, { nullable: true, description: 'Streams the dashboard counted in the period.' })
  streams!: number | null;

  @Field(() => LongScalar, { nullable: true, description: 'Followers on the last day of the period that has a figure.' })
  followers!: number | null;

  artistId!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Spotify for Artists audience per period and artist. Never added to distributor streams.',
})
export class AudienceSeries {
  @Field(() => [AudiencePoint], { description: 'One point per period and artist with data, oldest first.' })
  points!: AudiencePoint[];
}
