/**
 * Warehouse queries and independent arithmetic for the TikTok ingestion tests. Expected values
 * come from the sample generator's own numbers, never from the code under test.
 */
import type { Harness } from '../ingest/helpers';
import { q } from '../ingest/helpers';

export interface DayRow {
  date: string;
  videoViews: number;
  profileViews: number;
  likes: number;
  comments: number;
  shares: number;
}

export interface StoredDay extends DayRow {
  account: string;
  artist: string | null;
  extractedAt: string;
  sourceFileId: number;
}

/** The first 19 characters of a timestamp as either database renders it as text: `YYYY-MM-DD HH:MM:SS`. */
const seconds = (text: string): string => text.replace('T', ' ').slice(0, 19);

export async function socialDaily(h: Harness, account?: string): Promise<StoredDay[]> {
  const rows = await q<Record<string, string | number | null>>(
    h.ds,
    `SELECT CAST(s.date AS TEXT) AS date, s.account, a.name AS artist, s.video_views, s.profile_views, s.likes, s.comments, s.shares,
       CAST(s.extracted_at AS TEXT) AS extracted_at, s.source_file_id
     FROM social_daily s JOIN platforms p ON p.id = s.platform_id LEFT JOIN artists a ON a.id = s.artist_id
     WHERE p.code = 'tiktok' ${account ? 'AND s.account = ?' : ''} ORDER BY s.account, s.date`,
    account ? [account] : [],
  );
  return rows.map((r) => ({
    date: String(r.date),
    account: String(r.account),
    artist: r.artist === null ? null : String(r.artist),
    videoViews: Number(r.video_views),
    profileViews: Number(r.profile_views),
    likes: Number(r.likes),
    comments: Number(r.comments),
    shares: Number(r.shares),
    extractedAt: seconds(String(r.extracted_at)),
    sourceFileId: Number(r.source_file_id),
  }));
}

export const valuesOf = (rows: Array<DayRow & Partial<StoredDay>>): DayRow[] =>
  rows.map((r) => ({
    date: r.date,
    videoViews: r.videoViews,
    profileViews: r.profileViews,
    likes: r.likes,
    comments: r.comments,
    shares: r.shares,
  }));

export interface StoredSnapshot {
  account: string;
  artist: string | null;
  capturedAt: string;
  followers: number;
  sourceUrl: string | null;
}

export async function followerSnapshots(h: Harness): Promise<StoredSnapshot[]> {
  const rows = await q<Record<string, string | number | null>>(
    h.ds,
    `SELECT f.account, a.name AS artist, CAST(f.captured_at AS TEXT) AS captured_at, f.followers, f.source_url
     FROM follower_snapshots f JOIN platforms p ON p.id = f.platform_id LEFT JOIN artists a ON a.id = f.artist_id
     WHERE p.code = 'tiktok' ORDER BY f.account, f.captured_at`,
  );
  return rows.map((r) => ({
    account: String(r.account),
    artist: r.artist === null ? null : String(r.artist),
    capturedAt: seconds(String(r.captured_at)),
    followers: Number(r.followers),
    sourceUrl: r.source_url === null ? null : String(r.source_url),
  }));
}

/** `2025-01-15T10:40:00.000Z` → `2025-01-15 10:40:00`, as `seconds` renders stored timestamps. */
export const asStored = (iso: string): string => seconds(iso);

export async function count(h: Harness, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const [r] = await q<{ n: number | string }>(h.ds, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(r.n);
}

/** The staging engagement rate is 6-decimal text within half a millionth of (likes + comments + shares) / views (0 without views). */
export function rateMatches(text: string, d: DayRow): boolean {
  if (!/^\d+\.\d{6}$/.test(text)) return false;
  const exact = d.videoViews === 0 ? 0 : (d.likes + d.comments + d.shares) / d.videoViews;
  return Math.abs(Number(text) - exact) <= 0.0000005 + 1e-12;
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
