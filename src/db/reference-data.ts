import type { DataSource } from 'typeorm';
import type { PlatformKind } from '../entities/platform.entity';
import { dialectOf, SqlParams } from './dialect';

/** Platforms every deployment knows by a stable code. Unknown stores add platforms of their own at load time. */
export const KNOWN_PLATFORMS: ReadonlyArray<{ code: string; name: string; kind: PlatformKind }> = [
  { code: 'spotify', name: 'Spotify', kind: 'streaming' },
  { code: 'apple_music', name: 'Apple Music', kind: 'streaming' },
  { code: 'youtube', name: 'YouTube', kind: 'streaming' },
  { code: 'amazon_music', name: 'Amazon Music', kind: 'streaming' },
  { code: 'itunes', name: 'iTunes', kind: 'download' },
  { code: 'tidal', name: 'Tidal', kind: 'streaming' },
  { code: 'deezer', name: 'Deezer', kind: 'streaming' },
  { code: 'pandora', name: 'Pandora', kind: 'streaming' },
  { code: 'netease', name: 'NetEase Cloud Music', kind: 'streaming' },
  { code: 'flo', name: 'FLO', kind: 'streaming' },
  { code: 'tiktok', name: 'TikTok', kind: 'social' },
  { code: 'facebook', name: 'Facebook', kind: 'social' },
  { code: 'instagram', name: 'Instagram', kind: 'social' },
  { code: 'shazam', name: 'Shazam', kind: 'social' },
  { code: 'linktree', name: 'Linktree', kind: 'social' },
  { code: 'meta_ads', name: 'Meta Ads', kind: 'advertising' },
  { code: 'distrokid', name: 'DistroKid', kind: 'distribution' },
  { code: 'toolost', name: 'TooLost', kind: 'distribution' },
];

/** Distributor store names and the platform each belongs to. */
export const KNOWN_STORES: ReadonlyArray<{ source: string; name: string; platform: string }> = [
  ['Spotify', 'spotify'],
  ['YouTube (Ads)', 'youtube'],
  ['YouTube (Red)', 'youtube'],
  ['YouTube (Audio)', 'youtube'],
  ['Apple Music', 'apple_music'],
  ['iTunes Songs', 'itunes'],
  ['iTunes Match', 'itunes'],
  ['TikTok', 'tiktok'],
  ['Facebook', 'facebook'],
  ['Tidal', 'tidal'],
  ['Deezer', 'deezer'],
  ['Amazon Unlimited (Streaming)', 'amazon_music'],
  ['Amazon Prime (Streaming)', 'amazon_music'],
  ['Pandora', 'pandora'],
  ['NetEase', 'netease'],
  ['Flo', 'flo'],
].flatMap(([name, platform]) => [
  { source: 'distrokid', name, platform },
  // TooLost's sales reports name the big stores the same way.
  { source: 'toolost', name, platform },
]);

export async function seedReferenceData(ds: DataSource): Promise<void> {
  const dialect = dialectOf(ds);
  await ds.transaction(async (manager) => {
    for (const p of KNOWN_PLATFORMS) {
      const params = new SqlParams(dialect);
      await manager.query(
        `INSERT INTO platforms (code, name, kind) VALUES (${params.list([p.code, p.name, p.kind])}) ON CONFLICT (code) DO NOTHING`,
        params.values,
      );
    }
    for (const s of KNOWN_STORES) {
      const params = new SqlParams(dialect);
      await manager.query(
        `INSERT INTO stores (source, name, platform_id) SELECT ${params.add(s.source)}, ${params.add(s.name)}, id FROM platforms WHERE code = ${params.add(s.platform)}
         ON CONFLICT (source, name) DO NOTHING`,
        params.values,
      );
    }
  });
}
