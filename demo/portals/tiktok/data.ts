import { followerSnapshotSample, overviewSample, type FollowerSnapshotValues, type OverviewDayValues } from '../../sample-exports/tiktok';
import { addDays } from '../../calendar-days';

/** One account managed in the simulated TikTok Studio. */
export interface TikTokSimAccount {
  handle: string;
  artist: string;
  /** A year of daily figures ending "today", oldest first (empty/NaN cells as 0, as the cleaner reads them). */
  overview: OverviewDayValues[];
  /** The profile API's follower snapshot (fixed for the simulator's life: the same point each run). */
  followers: FollowerSnapshotValues;
}

export interface TikTokSimData {
  today: string;
  accounts: TikTokSimAccount[];
}

export interface TikTokSimPayloads {
  /** Overview.csv's quoted header line (no BOM) and data lines, oldest first. */
  header: string;
  lines: string[];
  followersJson: string;
}

const ROSTER = [
  { handle: 'zone.a0', artist: 'ZONE A0', seed: 31 },
  { handle: 'pig1987', artist: 'PIG1987', seed: 47 },
];

export function tiktokSimData(today: string, startedAt: number): { data: TikTokSimData; payloads: Map<string, TikTokSimPayloads> } {
  const payloads = new Map<string, TikTokSimPayloads>();
  const accounts = ROSTER.map((a): TikTokSimAccount => {
    const sample = overviewSample({ seed: a.seed, startDate: addDays(today, -364), days: 365, handle: a.handle, exportedAt: startedAt });
    const [header, ...lines] = sample.csv
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter((l) => l !== '');
    const followers = followerSnapshotSample({ seed: a.seed, handle: a.handle, artist: a.artist, timestamps: [startedAt] });
    payloads.set(a.handle, { header, lines, followersJson: followers.json });
    return { handle: a.handle, artist: a.artist, overview: sample.days, followers: followers.snapshots[0] };
  });
  return { data: { today, accounts }, payloads };
}
