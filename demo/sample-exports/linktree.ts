/**
 * Deterministic Linktree captures for the demo and the tests: what the extractor saves from the
 * admin analytics page, i.e. many GraphQL operations side by side — currentUser, links, socials,
 * referrers and locations (the last two also under getAccountAnalytics, without an overview), a
 * per-link series that also has a `timeseries`, a failed persisted query — and the overview with
 * the daily series for a 7-day or a 365-day window. A day's figures depend only on the seed and
 * the date, so overlapping windows agree as the real portal's do. Expected values come from the
 * generator, never from parsing what it wrote.
 */
import { seededRandom } from '../seeded-random';
import { addDays } from '../calendar-days';

export interface LinkSampleDay {
  date: string;
  totalViews: number;
  uniqueViews: number;
  totalClicks: number;
  uniqueClicks: number;
}

export interface LinktreeCaptureOptions {
  seed: number;
  /** Last day of the window (YYYY-MM-DD). */
  endDate: string;
  /** 7 or 365 on the portal; any length works. */
  windowDays: number;
  username?: string;
  /** Leave out the overview operation: a capture of the page's other calls only. */
  withoutAnalytics?: boolean;
  /** One response object instead of an array of responses. */
  single?: boolean;
  /** Indented JSON, as saved from the browser's network panel. */
  pretty?: boolean;
}

/** One day's activity: a function of (seed, date) only. */
export function linkDay(seed: number, date: string): LinkSampleDay {
  const rng = seededRandom(seed * 100_003 + Number(date.replace(/-/g, '')));
  const spike = rng() < 0.05 ? 4 + Math.floor(rng() * 10) : 1;
  const totalViews = Math.floor((5 + rng() * 40) * spike);
  const uniqueViews = Math.max(0, totalViews - Math.floor(rng() * (totalViews / 2 + 1)));
  const totalClicks = Math.floor(totalViews * (0.2 + rng() * 0.5));
  const uniqueClicks = Math.max(0, totalClicks - Math.floor(rng() * (totalClicks / 3 + 1)));
  return { date, totalViews, uniqueViews, totalClicks, uniqueClicks };
}

export function linkSeries(seed: number, endDate: string, days: number): LinkSampleDay[] {
  return Array.from({ length: days }, (_, i) => linkDay(seed, addDays(endDate, i - days + 1)));
}

const ctr = (clicks: number, views: number): number => (views === 0 ? 0 : Math.round((clicks / views) * 10_000) / 10_000);

/** The overview operation's response, exactly as the page receives it. */
export function overviewResponse(days: LinkSampleDay[]): unknown {
  const totalViews = days.reduce((s, d) => s + d.totalViews, 0);
  const totalClicks = days.reduce((s, d) => s + d.totalClicks, 0);
  return {
    data: {
      getAccountAnalytics: {
        overview: {
          totalViews,
          totalClicks,
          clickThroughRate: ctr(totalClicks, totalViews),
          timeseries: days.map((d) => ({ ...d, clickThroughRate: ctr(d.totalClicks, d.totalViews), __typename: 'AccountActivity' })),
          __typename: 'AccountAnalyticsOverview',
        },
        __typename: 'AccountAnalytics',
      },
    },
  };
}

/** The other calls of the analytics page: kept in landing, never analytics. */
function otherResponses(seed: number, username: string, endDate: string): unknown[] {
  const rng = seededRandom(seed);
  const links = ['Spotify', 'Apple Music', 'YouTube', 'Merch', 'Tour dates'].map((title, i) => ({
    id: String(400_000_000 + Math.floor(rng() * 99_999_999)),
    title,
    url: `https://example.com/${username}/${i}`,
    __typename: 'Link',
  }));
  return [
    {
      data: {
        currentUser: {
          id: String(10_000_000 + Math.floor(rng() * 9_999_999)),
          username,
          profileUrl: `https://linktr.ee/${username}`,
          tier: 'free',
          __typename: 'User',
        },
      },
    },
    { data: { account: { id: username, links, __typename: 'Account' } } },
    {
      data: {
        account: {
          socialLinks: [{ type: 'INSTAGRAM', url: `https://instagram.com/${username}`, __typename: 'SocialLink' }],
          __typename: 'Account',
        },
      },
    },
    {
      data: {
        getAccountAnalytics: {
          referrers: [
            { referrer: 'instagram.com', totalViews: Math.floor(rng() * 500), __typename: 'Referrer' },
            { referrer: 'direct', totalViews: Math.floor(rng() * 200), __typename: 'Referrer' },
          ],
          __typename: 'AccountAnalytics',
        },
      },
    },
    {
      data: {
        getAccountAnalytics: {
          locations: { countries: [{ country: 'US', totalViews: Math.floor(rng() * 300) }], __typename: 'Locations' },
          __typename: 'AccountAnalytics',
        },
      },
    },
    // A per-link series: same field names as the account's, not the account's activity.
    {
      data: {
        getLinkAnalytics: {
          linkId: links[0].id,
          overview: {
            timeseries: [
              {
                date: endDate,
                totalViews: 999_999,
                uniqueViews: 999_999,
                totalClicks: 999_999,
                uniqueClicks: 999_999,
                __typename: 'LinkActivity',
              },
            ],
          },
          __typename: 'LinkAnalytics',
        },
      },
    },
    { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }], data: null },
  ];
}

/** A capture of the analytics page with a `windowDays` overview (unless left out) among the other calls. */
export function linktreeCapture(opts: LinktreeCaptureOptions): { json: string; days: LinkSampleDay[] } {
  const days = opts.withoutAnalytics ? [] : linkSeries(opts.seed, opts.endDate, opts.windowDays);
  const others = otherResponses(opts.seed, opts.username ?? 'zone.a0', opts.endDate);
  const responses = opts.withoutAnalytics ? others : [...others.slice(0, 3), overviewResponse(days), ...others.slice(3)];
  const doc = opts.single ? (opts.withoutAnalytics ? others[0] : overviewResponse(days)) : responses;
  return { json: JSON.stringify(doc, null, opts.pretty ? 2 : undefined), days };
}
