import type { DataSource } from 'typeorm';
import { dateText, dialectOf } from '../../db/dialect';
import { CAMPAIGN_EVENT_COLUMNS } from '../../entities/campaign-metrics';
import { csvLine } from '../lake/atomic-file';
import { divideToDecimal, formatNano } from '../../domain/money';
import { pagedById } from './curated-datasets';

type Row = Record<string, string | number | null>;

export interface DatasetSpec {
  area: string;
  name: string;
  header: string[];
  rows: () => AsyncIterable<string[]>;
}

const ratio = (num: unknown, den: unknown) => divideToDecimal(BigInt(String(num ?? 0)), BigInt(String(den ?? 0)), 6) ?? '0.000000';

async function* lines(
  ds: DataSource,
  table: string,
  select: (rows: string) => string,
  map: (r: Row) => unknown[],
): AsyncGenerator<string[]> {
  for await (const page of pagedById(ds, table, select)) yield page.map((r) => csvLine(map(r) as Array<string | number | null>));
}

/** The curated datasets of the marketing, social, link and audience sources, rebuilt from the warehouse. */
export function engagementDatasets(ds: DataSource): DatasetSpec[] {
  const dt = (e: string) => dateText(dialectOf(ds), e);
  return [
    {
      area: 'marketing',
      name: 'campaign_daily.csv',
      header: [
        'date',
        'platform',
        'campaign_id',
        'campaign_name',
        'artist',
        'track',
        'spend',
        'currency',
        'impressions',
        'clicks',
        'reach',
        ...CAMPAIGN_EVENT_COLUMNS,
      ],
      rows: () =>
        lines(
          ds,
          'campaign_daily',
          (rows) => `SELECT t.id, ${dt('t.date')} AS date, p.code AS platform, c.external_id, c.name, a.name AS artist, tr.title AS track,
              CAST(t.spend_nano AS TEXT) AS spend_nano, c.currency, t.impressions, t.clicks, t.reach, t.link_clicks, t.post_engagement, t.view_content,
              t.add_to_cart, t.initiate_checkout, t.purchase
            FROM ${rows} t JOIN campaigns c ON c.id = t.campaign_id JOIN platforms p ON p.id = c.platform_id
            LEFT JOIN artists a ON a.id = c.artist_id LEFT JOIN tracks tr ON tr.id = c.track_id`,
          (r) => [
            r.date,
            r.platform,
            r.external_id,
            r.name,
            r.artist,
            r.track,
            formatNano(String(r.spend_nano)),
            r.currency,
            r.impressions,
            r.clicks,
            r.reach,
            r.link_clicks,
            r.post_engagement,
            r.view_content,
            r.add_to_cart,
            r.initiate_checkout,
            r.purchase,
          ],
        ),
    },
    {
      // Cumulative lifetime figures as of each dump day: running totals, never to be summed down the file or added to campaign_daily.csv.
      area: 'marketing',
      name: 'campaign_snapshots.csv',
      header: [
        'as_of',
        'since',
        'platform',
        'campaign_id',
        'campaign_name',
        'artist',
        'track',
        'grain',
        'adset_count',
        'spend',
        'currency',
        'impressions',
        'clicks',
        'reach',
      ],
      rows: () =>
        lines(
          ds,
          'campaign_snapshots',
          (
            rows,
          ) => `SELECT t.id, ${dt('t.as_of')} AS as_of, ${dt('t.since')} AS since, p.code AS platform, c.external_id, c.name, a.name AS artist, tr.title AS track,
              t.grain, t.adset_count, CAST(t.spend_nano AS TEXT) AS spend_nano, c.currency, t.impressions, t.clicks, t.reach
            FROM ${rows} t JOIN campaigns c ON c.id = t.campaign_id JOIN platforms p ON p.id = c.platform_id
            LEFT JOIN artists a ON a.id = c.artist_id LEFT JOIN tracks tr ON tr.id = c.track_id`,
          (r) => [
            r.as_of,
            r.since,
            r.platform,
            r.external_id,
            r.name,
            r.artist,
            r.track,
            r.grain,
            r.adset_count,
            formatNano(String(r.spend_nano)),
            r.currency,
            r.impressions,
            r.clicks,
            r.reach,
          ],
        ),
    },
    {
      area: 'social',
      name: 'tiktok_daily.csv',
      header: ['date', 'account', 'artist', 'video_views', 'profile_views', 'likes', 'comments', 'shares', 'engagement_rate'],
      rows: () =>
        lines(
          ds,
          'social_daily',
          (
            rows,
          ) => `SELECT t.id, ${dt('t.date')} AS date, t.account, a.name AS artist, t.video_views, t.profile_views, t.likes, t.comments, t.shares
            FROM ${rows} t JOIN platforms p ON p.id = t.platform_id AND p.code = 'tiktok' LEFT JOIN artists a ON a.id = t.artist_id`,
          (r) => [
            r.date,
            r.account,
            r.artist,
            r.video_views,
            r.profile_views,
            r.likes,
            r.comments,
            r.shares,
            ratio(BigInt(String(r.likes)) + BigInt(String(r.comments)) + BigInt(String(r.shares)), r.video_views),
          ],
        ),
    },
    {
      area: 'links',
      name: 'linktree_daily.csv',
      header: ['date', 'account', 'total_views', 'unique_views', 'total_clicks', 'unique_clicks', 'click_through_rate'],
      rows: () =>
        lines(
          ds,
          'link_daily',
          (rows) =>
            `SELECT t.id, ${dt('t.date')} AS date, t.account, t.total_views, t.unique_views, t.total_clicks, t.unique_clicks FROM ${rows} t`,
          (r) => [r.date, r.account, r.total_views, r.unique_views, r.total_clicks, r.unique_clicks, ratio(r.total_clicks, r.total_views)],
        ),
    },
    {
      area: 'audience',
      name: 'spotify_audience_daily.csv',
      header: ['date', 'artist', 'listeners', 'streams', 'followers'],
      rows: () =>
        lines(
          ds,
          'audience_daily',
          (
            rows,
          ) => `SELECT t.id, ${dt('t.date')} AS date, a.name AS artist, t.listeners, t.streams, t.followers FROM ${rows} t JOIN artists a ON a.id = t.artist_id
            WHERE t.source = 'spotify'`,
          (r) => [r.date, r.artist, r.listeners, r.streams, r.followers],
        ),
    },
  ];
}
