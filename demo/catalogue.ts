/**
 * The fictional catalogue of `npm run demo` and the DistroKid exports generated from it.
 *
 * Everything here is a pure function of calendar months and dates: the rows of one monthly
 * statement depend only on that month (its own seed, its row count, the tracks released by then),
 * never on where the month falls in the demo's 18-month window. So the three full-history exports
 * repeat earlier rows byte for byte, a rerun the same day rewrites identical files, and a rerun in a
 * later month regenerates the months it shares with an earlier run identically (no double counting
 * in a warehouse that already holds them).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  type BankSampleOptions,
  type BankSampleTotals,
  bankDetailsChunks,
  bankDetailsHeader,
  bankDetailsTotals,
} from './sample-exports/distrokid';
import { appleMusicStatsHtml, streamsStatsHtml } from './sample-exports/distrokid-stats-pages';
import { seededRandom } from './seeded-random';
import { realStreamsStatsHtml } from './sample-exports/distrokid-streams-page';
import { addDays, addMonths, pad2 } from './calendar-days';

export interface DemoRelease {
  /** The billing as DistroKid writes it on every line of the release (spelling variants included). */
  artist: string;
  title: string;
  /** First sale month, YYYY-MM. */
  released: string;
  /** Relative weight of the release's tracks on statement lines. */
  popularity: number;
  tracks: string[];
}

export interface DemoTrack {
  artist: string;
  title: string;
  release: string;
  isrc: string;
  upc: string;
  released: string;
  weight: number;
}

/** Five acts: ZONE A0 (also written "Zone A0" and "zone.a0"), PIG1987, IWARY, XXMEATWARRIOR69XX, and SXNCTUARY through the collaboration. */
export const DEMO_RELEASES: readonly DemoRelease[] = [
  {
    artist: 'ZONE A0',
    title: 'Night Drive EP',
    released: '2024-02',
    popularity: 5,
    tracks: ['Night Drive', 'Static Bloom', 'Low Orbit', 'Paper Moons'],
  },
  {
    artist: 'PIG1987',
    title: 'Concrete Summer',
    released: '2024-03',
    popularity: 3,
    tracks: ['Concrete Summer', 'Concrete Summer (Slowed)'],
  },
  {
    artist: 'IWARY',
    title: 'Glass Lungs EP',
    released: '2024-05',
    popularity: 3,
    tracks: ['Glass Lungs', 'Soft Static', 'Hollow Bell', 'Undertow'],
  },
  {
    artist: 'XXMEATWARRIOR69XX',
    title: 'MEAT CATHEDRAL',
    released: '2024-06',
    popularity: 2,
    tracks: ['MEAT CATHEDRAL', 'GRISTLE', 'BONE CHOIR'],
  },
  { artist: 'ZONE A0 X SXNCTUARY', title: 'Sanctum', released: '2024-08', popularity: 4, tracks: ['Sanctum', 'Sanctum (Extended Mix)'] },
  { artist: 'zone.a0', title: 'Ghost Signal', released: '2024-10', popularity: 3, tracks: ['Ghost Signal'] },
  {
    artist: 'PIG1987',
    title: 'Ferris Wheel EP',
    released: '2024-11',
    popularity: 2,
    tracks: ['Ferris Wheel', 'Cotton Candy Riot', 'Funhouse', 'Last Ride Home'],
  },
  { artist: 'IWARY', title: 'Saltwater', released: '2025-01', popularity: 3, tracks: ['Saltwater', 'Saltwater (Acoustic)'] },
  {
    artist: 'Zone A0',
    title: 'Afterimage',
    released: '2025-03',
    popularity: 4,
    tracks: ['Afterimage', 'Halogen', 'Drift Theory', 'Signal Fade', 'Nocturne 2000', 'Blue Hour'],
  },
  {
    artist: 'XXMEATWARRIOR69XX',
    title: 'SLAUGHTERHOUSE LULLABY',
    released: '2025-05',
    popularity: 2,
    tracks: ['SLAUGHTERHOUSE LULLABY', 'TENDERIZER'],
  },
  { artist: 'ZONE A0 X SXNCTUARY', title: 'Reliquary', released: '2025-09', popularity: 4, tracks: ['Reliquary', 'Votive'] },
  { artist: 'PIG1987', title: '1987', released: '2025-12', popularity: 3, tracks: ['1987', 'Arcade Ghosts'] },
  { artist: 'IWARY', title: 'Tidal Hours', released: '2026-03', popularity: 3, tracks: ['Tidal Hours'] },
  { artist: 'ZONE A0', title: 'Low Tide Radio', released: '2026-06', popularity: 5, tracks: ['Low Tide Radio'] },
];

/** The canonical acts the warehouse should end up with, whatever spelling the lines use. */
export const DEMO_ARTISTS = ['ZONE A0', 'PIG1987', 'IWARY', 'XXMEATWARRIOR69XX', 'SXNCTUARY'] as const;

/** UPC-A: 11 digits and a check digit (odd positions weigh 3). */
function upcA(body11: string): string {
  const sum = [...body11].reduce((s, ch, i) => s + Number(ch) * (i % 2 === 0 ? 3 : 1), 0);
  return `${body11}${(10 - (sum % 10)) % 10}`;
}

/** Tracks with ISRCs (QZ TAW <year of release> <running number>) and one UPC per release. */
export function demoTracks(): DemoTrack[] {
  const perYear = new Map<string, number>();
  return DEMO_RELEASES.flatMap((release, r) => {
    const upc = upcA(`1986672${String(1040 + r * 7).padStart(4, '0')}`);
    const yy = release.released.slice(2, 4);
    return release.tracks.map((title, t) => {
      const n = (perYear.get(yy) ?? 0) + 1;
      perYear.set(yy, n);
      // The focus track of a release is streamed more than the rest.
      const weight = release.popularity + (t === 0 ? 2 : 0);
      return {
        artist: release.artist,
        title,
        release: release.title,
        isrc: `QZTAW${yy}${String(n).padStart(5, '0')}`,
        upc,
        released: release.released,
        weight,
      };
    });
  });
}

/** FNV-1a, 32 bits: a stable seed from a label. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** DistroKid reports a sale month two months later (the sample generator's reporting lag). */
export const REPORTING_LAG_MONTHS = 2;

/** One monthly statement: every line reported in `reportingMonth`, for sales in `saleMonth`. */
export interface MonthStatement {
  reportingMonth: string;
  saleMonth: string;
  options: BankSampleOptions;
}

export function monthStatement(reportingMonth: string): MonthStatement {
  const saleMonth = addMonths(reportingMonth, -REPORTING_LAG_MONTHS);
  const all = demoTracks();
  let eligible = all.filter((t) => t.released <= saleMonth);
  if (eligible.length === 0) eligible = all.filter((t) => t.released === all[0].released);
  const seed = hash32(`label-analytics demo / bank details / ${reportingMonth}`);
  const rows = Math.round(180 + 9 * eligible.length + seededRandom(seed ^ 0x5bd1e995)() * 60);
  // A track listed n times is picked n times as often.
  const tracks = eligible.flatMap((t) =>
    Array.from({ length: t.weight }, () => ({ artist: t.artist, title: t.title, isrc: t.isrc, upc: t.upc })),
  );
  return {
    reportingMonth,
    saleMonth,
    options: { seed, rows, months: [saleMonth], artists: [], tracks, headerVariant: 'old', adjustmentRate: 0.15 },
  };
}

const CORE_COLUMNS = bankDetailsHeader('old').length;
const STORE_COLUMN = 2;
const TITLE_COLUMN = 4;
const UPC_COLUMN = 6;
const SONG_OR_ALBUM_COLUMN = 9;

/**
 * The statement's lines (old column layout, no line ends). A whole-album download line carries
 * the release's title (and its UPC, no ISRC), as on real statements, not the title of a track.
 */
export function statementLines(statement: MonthStatement): string[] {
  const releaseTitle = new Map(demoTracks().map((t) => [t.upc, t.release]));
  const text = [...bankDetailsChunks(statement.options)].join('');
  const body = text.slice(text.indexOf('\r') + 1);
  return body
    .split('\r')
    .filter((line) => line !== '')
    .map((line) => {
      const cells = line.split('\t');
      if (cells[SONG_OR_ALBUM_COLUMN] !== 'Album') return line;
      cells[TITLE_COLUMN] = releaseTitle.get(cells[UPC_COLUMN]) ?? cells[TITLE_COLUMN];
      return cells.join('\t');
    });
}

/**
 * The newer export layout: same core cells, withheld/earnings columns renamed, and Date Inserted,
 * Source Type, Recoup (USD) appended. Only the appended cells vary, so lines keep their identity.
 */
function toNewLayout(lines: string[], seed: number): string[] {
  const rng = seededRandom(seed ^ 0x27d4eb2f);
  return lines.map((line) => {
    const cells = line.split('\t');
    const download = cells[STORE_COLUMN] === 'iTunes Songs';
    return [...cells, cells[0], download ? 'Download' : 'Streaming', rng() < 0.9 ? '0' : ''].join('\t');
  });
}

export type DemoFileKind =
  | 'bank_details'
  | 'streams_stats'
  | 'applemusic_stats'
  | 'toolost_spotify'
  | 'toolost_apple'
  | 'toolost_sales'
  | 'spotify_audience'
  | 'spotify_songs'
  | 'tiktok_overview'
  | 'tiktok_followers'
  | 'meta_campaigns'
  | 'meta_insights'
  | 'linktree';

export interface DemoFile {
  kind: DemoFileKind;
  name: string;
  /** Text is written as UTF-8; a ZIP download as its bytes. */
  content: string | Uint8Array;
  description: string;
}

export interface DemoPlan {
  /** The 18 reporting months, oldest first. */
  reportingMonths: string[];
  saleMonths: { from: string; to: string };
  statsDays: { from: string; to: string };
  files: DemoFile[];
  /** The events planted in the DistroKid streams page (Spotify streams) for the anomaly and restatement queries. */
  planted: PlantedStreamEvents;
  /** What the latest export holds: loading all three must give exactly this. */
  expected: BankSampleTotals;
  tracks: DemoTrack[];
}

/** Planted in the daily Spotify streams of the DistroKid streams page, relative to today. */
export interface PlantedStreamEvents {
  /** A day at five times its level: an anomaly of kind SPIKE. */
  spike: string;
  /** A day the page reports zero (an extraction gap): an anomaly of kind ZERO. */
  zero: string;
  /** Days the earlier capture held lower figures that today's capture restates: old → new. */
  restated: Array<{ date: string; oldStreams: number; newStreams: number }>;
}

/** Days before today of the planted events, and of the earlier capture's end. */
const SPIKE_DAYS_AGO = 30;
const ZERO_DAYS_AGO = 16;
const EARLIER_CAPTURE_DAYS_AGO = 14;
const RESTATED_DAYS_AGO = [60, 59, 58, 57];

/**
 * Plants a spike and a zero day in today's series and makes an earlier capture (ending 14 days ago,
 * its last day partial) whose figures for four days were 40 % lower: today's capture restates those
 * four days and the partial one. The restated list is the difference between the two series.
 */
function plantStreamEvents(
  generated: Array<{ date: string; streams: number }>,
  today: string,
): {
  series: Array<{ date: string; streams: number }>;
  earlier: { endDate: string; series: Array<{ date: string; streams: number }> };
  planted: PlantedStreamEvents;
} {
  const spike = addDays(today, -SPIKE_DAYS_AGO);
  const zero = addDays(today, -ZERO_DAYS_AGO);
  const series = generated.map((d) => (d.date === spike ? { ...d, streams: d.streams * 5 } : d.date === zero ? { ...d, streams: 0 } : d));
  const endDate = addDays(today, -EARLIER_CAPTURE_DAYS_AGO);
  const lowered = new Set(RESTATED_DAYS_AGO.map((n) => addDays(today, -n)));
  const earlierSeries = series
    .filter((d) => d.date <= endDate)
    .map((d) =>
      lowered.has(d.date)
        ? { ...d, streams: Math.round(d.streams * 0.6) }
        : d.date === endDate
          ? { ...d, streams: Math.round(d.streams * 0.35) }
          : d,
    );
  const now = new Map(series.map((d) => [d.date, d.streams]));
  const restated = earlierSeries
    .filter((d) => now.get(d.date) !== d.streams)
    .map((d) => ({ date: d.date, oldStreams: d.streams, newStreams: now.get(d.date)! }));
  return { series, earlier: { endDate, series: earlierSeries }, planted: { spike, zero, restated } };
}

const utcStamp = (date: string, time: string): string => `${date.replace(/-/g, '')}_${time}`;

/** The download time of the export that covers statements up to `lastReportingMonth`: the first of the next month, during the working day. */
function exportStamp(lastReportingMonth: string): { stamp: string; at: Date } {
  const h = hash32(`label-analytics demo / export time / ${lastReportingMonth}`);
  const date = `${addMonths(lastReportingMonth, 1)}-01`;
  const time = `${pad2(8 + (h % 10))}${pad2((h >>> 8) % 60)}${pad2((h >>> 16) % 60)}`;
  return { stamp: utcStamp(date, time), at: new Date(`${date}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}Z`) };
}

/**
 * Plans the demo's files as of `now`: three full-history bank exports downloaded at the start of
 * the current month and 6 and 12 months before (covering the last 18 complete reporting months),
 * plus the two statistics pages for the 365 days ending today. No file is dated in the future.
 */
export function planDemoExports(now: Date, months = 18, exportsCount = 3): DemoPlan {
  const today = now.toISOString().slice(0, 10);
  let lastReporting = addMonths(today.slice(0, 7), -1);
  // Early on the first of a month this month's download "has not happened yet": use last month's.
  if (exportStamp(lastReporting).at.getTime() > now.getTime()) lastReporting = addMonths(lastReporting, -1);
  const reportingMonths = Array.from({ length: months }, (_, i) => addMonths(lastReporting, i - months + 1));
  const statements = reportingMonths.map(monthStatement);
  const lines = statements.map(statementLines);

  const files: DemoFile[] = [];
  const perExport = months / exportsCount;
  let previousCore: string[] | null = null;
  for (let k = 1; k <= exportsCount; k++) {
    const upTo = k * perExport;
    const variant = k === exportsCount ? 'new' : 'old';
    const rows = lines.slice(0, upTo).flatMap((ls, i) => (variant === 'new' ? toNewLayout(ls, statements[i].options.seed) : ls));
    // Full history: every earlier line again, with the same core cells in the same order.
    const core = rows.map((row) => row.split('\t').slice(0, CORE_COLUMNS).join('\t'));
    if (previousCore && previousCore.some((row, i) => row !== core[i])) throw new Error(`demo export ${k} does not repeat export ${k - 1}`);
    previousCore = core;
    const content = [bankDetailsHeader(variant).join('\t'), ...rows].map((l) => `${l}\r`).join('');
    const covered = `${reportingMonths[0]}…${reportingMonths[upTo - 1]}`;
    files.push({
      kind: 'bank_details',
      name: `dk_bank_details_${exportStamp(reportingMonths[upTo - 1]).stamp}.tsv`,
      content,
      description: `${rows.length} lines reported ${covered} (${variant === 'new' ? 'newer' : 'classic'} header)`,
    });
  }

  const statsFrom = addDays(today, -364);
  const statsStamp = utcStamp(today, '000000');
  // The page as the portal saves it (rendered SVG first, chart configuration in makeChart scripts).
  const streams = plantStreamEvents(streamsStatsHtml({ seed: 1987, endDate: today }).series, today);
  const streamsPage = realStreamsStatsHtml({ seed: 1987, series: streams.series });
  // The earlier capture first: ingest loads in order, and only a later capture restates.
  files.push({
    kind: 'streams_stats',
    name: `streams_stats_${utcStamp(streams.earlier.endDate, '000000')}.html`,
    content: realStreamsStatsHtml({ seed: 1986, series: streams.earlier.series }),
    description: `daily Spotify streams ${streams.earlier.series[0].date}…${streams.earlier.endDate}, an earlier capture (some days restated since)`,
  });
  files.push({
    kind: 'streams_stats',
    name: `streams_stats_${statsStamp}.html`,
    content: streamsPage,
    description: `daily Spotify streams ${statsFrom}…${today}`,
  });
  const apple = appleMusicStatsHtml({ seed: 2024, endDate: today });
  files.push({
    kind: 'applemusic_stats',
    name: `applemusic_stats_${statsStamp}.html`,
    content: apple.html,
    description: `daily Apple Music plays ${statsFrom}…${today}`,
  });

  const expected: BankSampleTotals = { rows: 0, grossNano: 0n, netNano: 0n, quantity: 0 };
  for (const s of statements) {
    const t = bankDetailsTotals(s.options);
    expected.rows += t.rows;
    expected.grossNano += t.grossNano;
    expected.netNano += t.netNano;
    expected.quantity += t.quantity;
  }
  return {
    reportingMonths,
    saleMonths: { from: statements[0].saleMonth, to: statements[statements.length - 1].saleMonth },
    statsDays: { from: statsFrom, to: today },
    planted: streams.planted,
    files,
    expected,
    tracks: demoTracks(),
  };
}

/** Names the demo writes (DistroKid and the other sources' files, see other-sources.ts): only these are ever removed. */
const DEMO_FILE_RES = [
  /^(dk_bank_details|streams_stats|applemusic_stats)_\d{8}_\d{6}\.(tsv|html)$/,
  /^toolost_(spotify|apple)_\d{8}_\d{6}\.json$/,
  /^toolost_sales_\d{2}-\d{4}_\d{8}_\d{6}\.csv$/,
  /^spotify_(audience|songs)_[0-9A-Za-z]{22}_.+_\d{8}_\d{6}\.(csv|json)$/,
  /^Overview_\d{4}-\d{2}-\d{2}_\d{10}_[a-z0-9._]+\.zip$/,
  /^tiktok_followers_[a-z0-9._]+_\d{10}\.json$/,
  /^meta_(campaigns|insights)_\d{8}_\d{6}\.json$/,
  /^linktree_[a-z0-9._]+_365d_\d{8}_\d{6}\.json$/,
];
const isDemoFile = (name: string): boolean => DEMO_FILE_RES.some((re) => re.test(name));

/**
 * Writes the planned files into `dir` (atomically; an identical file is left untouched) and removes
 * demo files of earlier days that are not part of this plan. Answers the paths, in plan order.
 */
export function writeDemoExports(dir: string, files: readonly DemoFile[]): Array<{ file: DemoFile; path: string; unchanged: boolean }> {
  fs.mkdirSync(dir, { recursive: true });
  const keep = new Set(files.map((f) => f.name));
  for (const entry of fs.readdirSync(dir)) {
    if (isDemoFile(entry) && !keep.has(entry)) fs.rmSync(path.join(dir, entry));
  }
  return files.map((file) => {
    const target = path.join(dir, file.name);
    const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
    if (fs.existsSync(target) && fs.readFileSync(target).equals(bytes)) return { file, path: target, unchanged: true };
    const tmp = path.join(dir, `.${file.name}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, target);
    return { file, path: target, unchanged: false };
  });
}
