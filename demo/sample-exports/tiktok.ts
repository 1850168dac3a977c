/**
 * Deterministic TikTok Studio artefacts for the demo and the tests. They reproduce the quirks of
 * the real downloads: a ZIP named `Overview_<start>_<unix ts>_<handle>.zip` holding a UTF-8
 * Overview.csv with BOM, every value quoted, yearless dates (`"May 28"`) that run across New
 * Year, counts with thousands separators, empty and `NaN` cells, days without views; and the
 * profile API's follower snapshot. The expected values are returned beside each artefact, taken
 * from what was generated, never by parsing it.
 */
import { zipSync } from 'fflate';
import { seededRandom } from '../seeded-random';
import { addDays } from '../calendar-days';
import { withSeparators } from '../digit-groups';

export interface OverviewDayValues {
  /** `YYYY-MM-DD`. */
  date: string;
  videoViews: number;
  profileViews: number;
  likes: number;
  comments: number;
  shares: number;
}

export interface OverviewSampleOptions {
  seed: number;
  /** First day, `YYYY-MM-DD` (also the start date in the file name). */
  startDate: string;
  /** Number of days; TikTok Studio gives ~365. */
  days?: number;
  handle: string;
  /** When the portal produced the download, unix seconds (in the file name). */
  exportedAt: number;
  /** Share of metric cells written empty or `NaN` (their value is 0); default 0.01. */
  missingRate?: number;
}

export interface OverviewSample {
  fileName: string;
  zip: Uint8Array;
  /** The Overview.csv text inside the ZIP, BOM included. */
  csv: string;
  /** What each day holds, with empty/NaN cells as 0. */
  days: OverviewDayValues[];
}

export const OVERVIEW_SAMPLE_HEADER = ['Date', 'Video Views', 'Profile Views', 'Likes', 'Comments', 'Shares'] as const;
const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function overviewFileName(startDate: string, exportedAt: number, handle: string): string {
  return `Overview_${startDate}_${exportedAt}_${handle}.zip`;
}

/** `2024-05-28` → `May 28`, as TikTok Studio writes it (no year, no leading zero). */
export function yearlessLabel(date: string): string {
  return `${MONTH_ABBR[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
}

const quote = (cells: readonly string[]): string => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');

/** A plausible account: a slow baseline with weekly rhythm, occasional viral spikes, quiet days with no views. */
export function overviewSample(opts: OverviewSampleOptions): OverviewSample {
  const rng = seededRandom(opts.seed);
  const n = opts.days ?? 365;
  const missingRate = opts.missingRate ?? 0.01;
  const base = 300 + rng() * 900;
  const cellsOf: string[][] = [];
  const days: OverviewDayValues[] = [];
  for (let k = 0; k < n; k++) {
    const date = addDays(opts.startDate, k);
    const quiet = rng() < 0.03;
    const viral = !quiet && rng() < 0.04;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const views = quiet ? 0 : Math.round(base * (viral ? 20 + rng() * 200 : 0.5 + rng()) * (weekday === 0 || weekday === 6 ? 1.2 : 1));
    const values = {
      videoViews: views,
      profileViews: quiet ? 0 : Math.round(views * (0.01 + rng() * 0.04)),
      likes: quiet ? 0 : Math.round(views * (0.04 + rng() * 0.1)),
      comments: quiet ? 0 : Math.round(views * rng() * 0.004),
      shares: quiet ? 0 : Math.round(views * rng() * 0.006),
    };
    const cells = [yearlessLabel(date)];
    for (const key of ['videoViews', 'profileViews', 'likes', 'comments', 'shares'] as const) {
      if (rng() < missingRate) {
        cells.push(rng() < 0.5 ? '' : 'NaN');
        values[key] = 0;
      } else cells.push(values[key] >= 1000 && rng() < 0.7 ? withSeparators(values[key]) : String(values[key]));
    }
    cellsOf.push(cells);
    days.push({ date, ...values });
  }
  const csv = overviewCsvText(cellsOf);
  return { fileName: overviewFileName(opts.startDate, opts.exportedAt, opts.handle), zip: overviewZip(csv, opts.exportedAt), csv, days };
}

/** Overview.csv from data cells (first cell the yearless date): BOM, quoted header and values, CRLF. */
export function overviewCsvText(rows: ReadonlyArray<readonly string[]>, header: readonly string[] = OVERVIEW_SAMPLE_HEADER): string {
  return `\ufeff${[quote(header), ...rows.map(quote)].join('\r\n')}\r\n`;
}

/** Overview.csv from day values, written plainly (for tests that need exact rows). */
export function overviewCsvOfDays(days: readonly OverviewDayValues[]): string {
  return overviewCsvText(
    days.map((d) => [yearlessLabel(d.date), ...[d.videoViews, d.profileViews, d.likes, d.comments, d.shares].map(withSeparators)]),
  );
}

/**
 * Zips entries as the portal does (deflated). The modification time is fixed, and given as local
 * fields equal to the UTC ones because ZIP stores local DOS time: the bytes are the same in every time zone.
 */
export function overviewZip(
  csv: string | Uint8Array,
  exportedAt: number,
  entryName = 'Overview.csv',
  extra: Record<string, string> = {},
): Uint8Array {
  const u = new Date(exportedAt * 1000);
  const mtime = new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate(), u.getUTCHours(), u.getUTCMinutes(), u.getUTCSeconds());
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  files[entryName] = [typeof csv === 'string' ? new TextEncoder().encode(csv) : csv, { mtime }];
  for (const [name, text] of Object.entries(extra)) files[name] = [new TextEncoder().encode(text), { mtime }];
  return zipSync(files, { level: 6 });
}

export interface FollowerSnapshotValues {
  account: string;
  artist: string;
  /** ISO 8601 UTC. */
  capturedAt: string;
  followers: number;
  sourceUrl: string;
}

export interface FollowerSampleOptions {
  seed: number;
  handle: string;
  /** As the payload names the artist, e.g. `ZONE A0`. */
  artist: string;
  /** Unix seconds of each snapshot; one gives a single object, several an array. */
  timestamps: number[];
  /** Write the timestamps as ISO strings instead of unix seconds. */
  isoTimestamps?: boolean;
}

/** The profile API payload as the extractor saves it, and the snapshots it holds. */
export function followerSnapshotSample(opts: FollowerSampleOptions): {
  fileName: string;
  json: string;
  snapshots: FollowerSnapshotValues[];
} {
  const rng = seededRandom(opts.seed);
  let followers = 1000 + Math.floor(rng() * 50_000);
  const sourceUrl = `https://www.tiktok.com/@${opts.handle}`;
  const objects: Array<Record<string, unknown>> = [];
  const snapshots: FollowerSnapshotValues[] = [];
  for (const ts of opts.timestamps) {
    followers += Math.floor(rng() * 400) - 50;
    const capturedAt = new Date(ts * 1000).toISOString();
    // Large counts sometimes arrive as strings with separators, as other portals do.
    const count = followers >= 10_000 && rng() < 0.3 ? withSeparators(followers) : followers;
    objects.push({ count, source_url: sourceUrl, timestamp: opts.isoTimestamps ? capturedAt : ts, artist: opts.artist });
    snapshots.push({ account: opts.handle, artist: opts.artist, capturedAt, followers, sourceUrl });
  }
  const doc = objects.length === 1 ? objects[0] : objects;
  const last = opts.timestamps[opts.timestamps.length - 1];
  return { fileName: `tiktok_followers_${opts.handle}_${last}.json`, json: `${JSON.stringify(doc, null, 2)}\n`, snapshots };
}
