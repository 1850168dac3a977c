import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { DailySeriesService } from '../analytics/daily-series.service';
import { periodEnd, validateRange } from '../analytics/periods';
import { dateText, dialectOf, SqlParams } from '../db/dialect';
import { divideToDecimal } from '../domain/money';
import type { RequestContext } from '../server/context';
import { toId } from './args';
import { seriesCost } from './complexity';
import { Role } from './role';
import { Artist } from './types/catalog.types';
import { AudiencePoint, AudienceSeries, LinkSeries, SocialDimension, SocialPoint, SocialSeries } from './types/engagement.types';
import { Grain } from './types/enums';
import { DateRangeInput } from './types/inputs';

const n = (v: string | number | null | undefined) => (v == null ? 0 : Number(v));
const big = (v: string | number | null | undefined) => BigInt(v ?? 0);
/** A ratio of exact counts to 6 decimals; 0 when the denominator is 0. */
const ratio = (num: bigint, den: bigint) => divideToDecimal(num, den, 6) ?? '0.000000';

/** Social, link and audience series: the engagement side of the warehouse. */
@Resolver()
export class EngagementResolver {
  @Role('VIEWER')
  @Query(() => SocialSeries, { complexity: seriesCost, description: 'TikTok account figures per period, optionally split by account or artist.' })
  async socialSeries(
    @Arg('range', () => DateRangeInput) range: DateRangeInput,
    @Arg('grain', () => Grain) grain: Grain,
    @Arg('groupBy', () => [SocialDimension], { nullable: true }) groupBy: SocialDimension[] | undefined,
    @Arg('platform', () => String, { defaultValue: 'tiktok', description: 'Platform code.' }) platform: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SocialSeries> {
    validateRange(range, grain, ctx.config.limits);
    const dims = [...new Set(groupBy ?? [])].map((g) => (g === SocialDimension.ACCOUNT ? 'account' : 'artistId'));
    const params = new SqlParams(dialectOf(ctx.ds));
    const platformRow: Array<{ id: number }> = await ctx.ds.query(`SELECT id FROM platforms WHERE code = ${params.add(platform)}`, params.values);
    const points = await new DailySeriesService(ctx.ds).series(
      {
        table: 'social_daily',
        dimensions: { account: 'account', artistId: 'artist_id' },
        measures: {
          videoViews: { column: 'video_views', fold: 'sum' },
          profileViews: { column: 'profile_views', fold: 'sum' },
          likes: { column: 'likes', fold: 'sum' },
          comments: { column: 'comments', fold: 'sum' },
          shares: { column: 'shares', fold: 'sum' },
        },
        where: { platform_id: platformRow[0]?.id ?? 0 },
      },
      range,
      grain,
      dims,
    );
    const q = new SqlParams(dialectOf(ctx.ds));
    const snapshots: Array<{ account: string; artist_id: number | null; captured: string; followers: string }> = await ctx.ds.query(
      `SELECT account, artist_id, ${dateText(dialectOf(ctx.ds), 'captured_at')} AS captured, CAST(followers AS TEXT) AS followers
       FROM follower_snapshots WHERE platform_id = ${q.add(platformRow[0]?.id ?? 0)} ORDER BY captured_at`,
      q.values,
    );
    /** Per account, the latest snapshot on or before the period's last day; summed over the accounts a point covers. */
    const followersAt = (period: string, account: string | null, artistId: number | null): number | null => {
      const end = periodEnd(period, grain);
      const latest = new Map<string, bigint>();
      for (const s of snapshots) {
        if (s.captured.slice(0, 10) > end) continue;
        if (account !== null && s.account !== account) continue;
        if (dims.includes('artistId') && s.artist_id !== artistId) continue;
        latest.set(s.account, BigInt(s.followers));
      }
      return latest.size ? Number([...latest.values()].reduce((a, b) => a + b, 0n)) : null;
    };
    return {
      points: points.map((p) => ({
        period: p.period,
        followers: followersAt(p.period, (p.account as string | undefined) ?? null, p.artistId == null ? null : Number(p.artistId)),
        account: (p.account as string | undefined) ?? null,
        artistId: p.artistId == null ? null : Number(p.artistId),
        artist: null,
        videoViews: n(p.videoViews),
        profileViews: n(p.profileViews),
        likes: n(p.likes),
        comments: n(p.comments),
        shares: n(p.shares),
        engagementRate: ratio(big(p.likes) + big(p.comments) + big(p.shares), big(p.videoViews)),
      })),
    };
  }

  @Role('VIEWER')
  @Query(() => LinkSeries, { complexity: seriesCost, description: 'Link-in-bio views and clicks per period.' })
  async linkSeries(
    @Arg('range', () => DateRangeInput) range: DateRangeInput,
    @Arg('grain', () => Grain) grain: Grain,
    @Arg('account', () => String, { nullable: true }) account: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<LinkSeries> {
    validateRange(range, grain, ctx.config.limits);
    const points = await new DailySeriesService(ctx.ds).series(
      {
        table: 'link_daily',
        dimensions: {},
        measures: {
          views: { column: 'total_views', fold: 'sum' },
          uniqueViews: { column: 'unique_views', fold: 'sum' },
          clicks: { column: 'total_clicks', fold: 'sum' },
          uniqueClicks: { column: 'unique_clicks', fold: 'sum' },
        },
        where: account ? { account } : {},
      },
      range,
      grain,
      [],
    );
    return {
      points: points.map((p) => ({
        period: p.period,
        views: n(p.views),
        uniqueViews: n(p.uniqueViews),
        clicks: n(p.clicks),
        uniqueClicks: n(p.uniqueClicks),
        ctr: ratio(big(p.clicks), big(p.views)),
      })),
    };
  }

  @Role('VIEWER')
  @Query(() => AudienceSeries, { complexity: seriesCost, description: 'Spotify for Artists audience per period and artist. Never added to distributor streams.' })
  async audienceSeries(
    @Arg('range', () => DateRangeInput) range: DateRangeInput,
    @Arg('grain', () => Grain) grain: Grain,
    @Arg('artist', () => ID, { nullable: true, description: 'Limit to one artist (id).' }) artist: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<AudienceSeries> {
    validateRange(range, grain, ctx.config.limits);
    const points = await new DailySeriesService(ctx.ds).series(
      {
        table: 'audience_daily',
        dimensions: { artistId: 'artist_id' },
        measures: {
          listeners: { column: 'listeners', fold: 'avg' },
          streams: { column: 'streams', fold: 'sum' },
          followers: { column: 'followers', fold: 'last' },
        },
        where: artist ? { artist_id: toId(artist) } : {},
      },
      range,
      grain,
      ['artistId'],
    );
    return {
      points: points.map((p) => ({
        period: p.period,
        artistId: p.artistId == null ? null : Number(p.artistId),
        artist: null,
        listeners: p.listeners == null ? null : String(p.listeners),
        streams: p.streams == null ? null : Number(p.streams),
        followers: p.followers == null ? null : Number(p.followers),
      })),
    };
  }
}

@Resolver(() => SocialPoint)
export class SocialPointRelations {
  @FieldResolver(() => Artist, { nullable: true })
  artist(@Root() p: SocialPoint, @Ctx() ctx: RequestContext) {
    return p.artistId === null ? null : ctx.loaders.artist.load(p.artistId);
  }
}

@Resolver(() => AudiencePoint)
export class AudiencePointRelations {
  @FieldResolver(() => Artist, { nullable: true })
  artist(@Root() p: AudiencePoint, @Ctx() ctx: RequestContext) {
    return p.artistId === null ? null : ctx.loaders.artist.load(p.artistId);
  }
}
