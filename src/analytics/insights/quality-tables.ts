import type { Service } from '../../config/config';

/** The daily fact table that holds a service's series, and what one series is (the key of a day). */
export interface DailyTable {
  table: string;
  /** Restricts the table to the service. */
  where: string;
  /** SQL over alias `f` naming one series (one day of it = one row or more). */
  seriesKey: string;
  /** Count columns that must never be negative. */
  counts: string[];
}

export const DAILY_TABLES: Record<Service, DailyTable> = {
  distrokid: { table: 'streams', where: "f.source = 'distrokid'", seriesKey: 'f.platform_id', counts: ['streams'] },
  toolost: { table: 'streams', where: "f.source = 'toolost'", seriesKey: 'f.platform_id', counts: ['streams'] },
  spotify: {
    table: 'audience_daily',
    where: "f.source = 'spotify'",
    seriesKey: 'f.artist_id',
    counts: ['listeners', 'streams', 'followers'],
  },
  tiktok: {
    table: 'social_daily',
    where: '1 = 1',
    seriesKey: 'f.account',
    counts: ['video_views', 'profile_views', 'likes', 'comments', 'shares'],
  },
  linktree: {
    table: 'link_daily',
    where: '1 = 1',
    seriesKey: 'f.account',
    counts: ['total_views', 'unique_views', 'total_clicks', 'unique_clicks'],
  },
  meta_ads: { table: 'campaign_daily', where: '1 = 1', seriesKey: 'f.campaign_id', counts: ['impressions', 'clicks'] },
};
