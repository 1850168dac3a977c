import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { dateText, dialectOf, SqlParams } from '../db/dialect';
import { divideToDecimal } from '../domain/money';
import { DailySeriesService } from './daily-series.service';
import { type DateRange, type Grain, periodEnd, validateRange } from './periods';

/** What a social series can be split by. */
export const SOCIAL_DIMENSIONS = ['ACCOUNT', 'ARTIST'] as const;
export type SocialDimension = (typeof SOCIAL_DIMENSIONS)[number];

export interface SocialPointRecord {
  period: string;
  followers: number | null;
  account: string | null;
  artistId: number | null;
  artist: null;
  videoViews: number;
  profileViews: number;
  likes: number;
  comments: number;
  shares: number;
  engagementRate: string;
}

export interface LinkPointRecord {
  period: string;
  views: number;
  uniqueViews: number;
  clicks: number;
  uniqueClicks: number;
  ctr: string;
}

export interface AudiencePointRecord {
  period: string;
  artistId: number | null;
  artist: null;
  listeners: string | null;
  streams: number | null;
  followers: number | null;
}

const n = (v: string | number | null | undefined) => (v == null ? 0 : Number(v));
const big = (v: string | number | null | undefined) => BigInt(v ?? 0);
/** A ratio of exact counts to 6 decimals; 0 when the denominator is 0. */
const ratio = (num: bigint, den: bigint) => divideToDecimal(num, den, 6) ?? '0.000000';

/** Social, link and audience series: the engagement side of the warehouse. */
export class EngagementService {
  constructor(
    private readonly ds: DataSource,
    private readonly limits: AppConfig['limits'],
  ) {}

  /** A platform's account figures per period (TikTok), with followers from the latest snapshot on or before each period's last day. */
  async socialSeries(
    range: DateRange,
    grain: Grain,
    groupBy: readonly SocialDimension[],
    platform: string,
  ): Promise<{ points: SocialPointRecord[] }> {
    validateRange(range, grain, this.limits);
    const dims = [...new Set(groupBy)].map((g) => (g === 'ACCOUNT' ? 'account' : 'artistId'));
    const d = dialectOf(this.ds);
    const params = new SqlParams(d);
    const platformRow: Array<{ id: number }> = await this.ds.query(
      `SELECT id FROM platforms WHERE code = ${params.add(platform)}`,
      params.values,
    );
    const points = await new DailySeriesService(this.ds).series(
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
    const q = new SqlParams(d);
    const snapshots: Array<{ account: string; artist_id: number | null; captured: string; followers: string }> = await this.ds.query(
      `SELECT account, artist_id, ${dateText(d, 'captured_at')} AS captured, CAST(followers AS TEXT) AS followers
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

  /** Link-in-bio views and clicks per period, of one account or all. */
  async linkSeries(range: DateRange, grain: Grain, account: string | null | undefined): Promise<{ points: LinkPointRecord[] }> {
    validateRange(range, grain, this.limits);
    const points = await new DailySeriesService(this.ds).series(
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

  /** Spotify for Artists audience per period and artist (mean daily listeners, summed streams, last followers). */
  async audienceSeries(range: DateRange, grain: Grain, artistId: number | null): Promise<{ points: AudiencePointRecord[] }> {
    validateRange(range, grain, this.limits);
    const points = await new DailySeriesService(this.ds).series(
      {
        table: 'audience_daily',
        dimensions: { artistId: 'artist_id' },
        measures: {
          listeners: { column: 'listeners', fold: 'avg' },
          streams: { column: 'streams', fold: 'sum' },
          followers: { column: 'followers', fold: 'last' },
        },
        where: artistId ? { artist_id: artistId } : {},
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
