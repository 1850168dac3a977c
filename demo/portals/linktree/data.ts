import { linkSeries, linktreeCapture, overviewResponse, type LinkSampleDay } from '../../sample-exports/linktree';
import { addDays } from '../../calendar-days';

export interface LinktreeSimData {
  username: string;
  today: string;
  /** The account's daily activity over the last 365 days, oldest first. */
  series: LinkSampleDay[];
}

export type Granularity = 'DAILY' | 'WEEKLY' | 'MONTHLY';

const SEED = 59;
const USERNAME = 'zone.a0';
/** The page never shows more than a year. */
export const MAX_DAYS = 365;

export function linktreeSimData(today: string): LinktreeSimData {
  return { username: USERNAME, today, series: linkSeries(SEED, today, MAX_DAYS) };
}

/** The page's other operations, as the real page receives them (from the sample capture). */
export function otherOperations(data: LinktreeSimData): Record<'currentUser' | 'links' | 'socials' | 'referrers' | 'locations', unknown> {
  const all = JSON.parse(
    linktreeCapture({ seed: SEED, endDate: data.today, windowDays: 1, username: data.username, withoutAnalytics: true }).json,
  ) as Array<{ data?: Record<string, Record<string, unknown>> | null }>;
  const find = (test: (d: Record<string, Record<string, unknown>>) => boolean): unknown => all.find((r) => r.data && test(r.data));
  return {
    currentUser: find((d) => 'currentUser' in d),
    links: find((d) => 'links' in (d.account ?? {})),
    socials: find((d) => 'socialLinks' in (d.account ?? {})),
    referrers: find((d) => 'referrers' in (d.getAccountAnalytics ?? {})),
    locations: find((d) => 'locations' in (d.getAccountAnalytics ?? {})),
  };
}

/** The overview for [start, end] (clipped to the year the page shows) at a granularity: buckets start on their first day. */
export function analyticsResponse(data: LinktreeSimData, startDate: string, endDate: string, granularity: Granularity): unknown {
  const first = addDays(data.today, -(MAX_DAYS - 1));
  const days = data.series.filter((d) => d.date >= (startDate > first ? startDate : first) && d.date <= endDate);
  if (granularity === 'DAILY') return overviewResponse(days);
  const buckets = new Map<string, LinkSampleDay>();
  days.forEach((d, i) => {
    const key = granularity === 'WEEKLY' ? days[i - (i % 7)].date : `${d.date.slice(0, 7)}-01`;
    const b = buckets.get(key) ?? { date: key, totalViews: 0, uniqueViews: 0, totalClicks: 0, uniqueClicks: 0 };
    buckets.set(key, {
      date: key,
      totalViews: b.totalViews + d.totalViews,
      uniqueViews: b.uniqueViews + d.uniqueViews,
      totalClicks: b.totalClicks + d.totalClicks,
      uniqueClicks: b.uniqueClicks + d.uniqueClicks,
    });
  });
  return overviewResponse([...buckets.values()]);
}
