import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { SOCIAL_DIMENSIONS } from '../../analytics/engagement.service';
import { ArtistNode } from './catalog.types';
import { enumOf } from './enum-of';
import { DecimalScalar, LongScalar } from './scalars';

export const SocialDimensionEnum = enumOf(SOCIAL_DIMENSIONS);
registerEnumType(SocialDimensionEnum, { name: 'SocialDimension' });

@ObjectType({ simpleResolvers: true, description: 'One period of a social account (TikTok Studio).' })
export class SocialPoint {
  @Field()
  period!: string;

  @Field(() => String, { nullable: true })
  account!: string | null;

  @Field(() => ArtistNode, { nullable: true })
  artist!: ArtistNode | null;

  @Field(() => LongScalar)
  videoViews!: number;

  @Field(() => LongScalar)
  profileViews!: number;

  @Field(() => LongScalar)
  likes!: number;

  @Field(() => LongScalar)
  comments!: number;

  @Field(() => LongScalar)
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

@ObjectType({ simpleResolvers: true })
export class SocialSeries {
  @Field(() => [SocialPoint])
  points!: SocialPoint[];
}

@ObjectType({ simpleResolvers: true, description: 'One period of link-in-bio analytics (Linktree).' })
export class LinkPoint {
  @Field()
  period!: string;

  @Field(() => LongScalar)
  views!: number;

  @Field(() => LongScalar)
  uniqueViews!: number;

  @Field(() => LongScalar)
  clicks!: number;

  @Field(() => LongScalar)
  uniqueClicks!: number;

  @Field(() => DecimalScalar, { description: 'clicks / views, to 6 decimals; 0 when there were no views.' })
  ctr!: string;
}

@ObjectType({ simpleResolvers: true })
export class LinkSeries {
  @Field(() => [LinkPoint])
  points!: LinkPoint[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'One period of an artist audience (Spotify for Artists). Never added to distributor streams.',
})
export class AudiencePoint {
  @Field()
  period!: string;

  @Field(() => ArtistNode, { nullable: true })
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

@ObjectType({ simpleResolvers: true })
export class AudienceSeries {
  @Field(() => [AudiencePoint])
  points!: AudiencePoint[];
}
