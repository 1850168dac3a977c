import type { EntityManager } from 'typeorm';
import { IdentityError } from '../../errors/identity-error';
import { type Dialect, SqlParams } from '../dialect';
import { moveVersionedRows, sqlId } from './move-versioned-rows';

/** What a merge moved, per table (rows re-pointed at the surviving artist or track). */
export interface MergeCounts {
  aliases: number;
  externalIds: number;
  trackCredits: number;
  tracks: number;
  tracksFolded: number;
  transactions: number;
  revenueRollupRows: number;
  streams: number;
  audienceDays: number;
  socialDays: number;
  followerSnapshots: number;
  campaigns: number;
}

/** `streams.dim_key` as load-streams.ts builds it, in SQL: `t<track>|a<artist>|c<country>`. */
function dimKeySql(track: string, artist: string, country: string): string {
  return `'t' || COALESCE(CAST(${track} AS TEXT), '-') || '|a' || COALESCE(CAST(${artist} AS TEXT), '-') || '|c' || COALESCE(${country}, '-')`;
}

async function changed(manager: EntityManager, sql: string): Promise<number> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('artist merges run inside a transaction');
  const result = await runner.query(sql, [], true);
  return result.affected ?? 0;
}

/**
 * Moves every fact, alias, credit and external id of artist `from` onto `into`, then deletes
 * `from`. Runs in the caller's transaction (all or nothing). Versioned facts keyed by artist
 * (daily streams, audience days) keep the newest extraction where both artists had the same key;
 * additive rollups are added. Tracks of `from` that turn out to be `into`'s same song (same folded
 * title, at most one of them with an ISRC) are folded into one track the same way.
 */
export async function mergeArtistRows(
  manager: EntityManager,
  fromId: number,
  intoId: number,
  schema: { restatements: boolean } = { restatements: true },
): Promise<MergeCounts> {
  const from = sqlId(fromId);
  const into = sqlId(intoId);
  const counts: MergeCounts = {
    aliases: 0,
    externalIds: 0,
    trackCredits: 0,
    tracks: 0,
    tracksFolded: 0,
    transactions: 0,
    revenueRollupRows: 0,
    streams: 0,
    audienceDays: 0,
    socialDays: 0,
    followerSnapshots: 0,
    campaigns: 0,
  };
  counts.aliases = await changed(manager, `UPDATE artist_aliases SET artist_id = ${into} WHERE artist_id = ${from}`);
  counts.externalIds = await changed(manager, `UPDATE artist_external_ids SET artist_id = ${into} WHERE artist_id = ${from}`);

  // Credits: a track both artists are credited on keeps one credit, primary if either was.
  await changed(
    manager,
    `UPDATE track_artists SET role = 'primary' WHERE artist_id = ${into} AND track_id IN (SELECT track_id FROM track_artists WHERE artist_id = ${from} AND role = 'primary')`,
  );
  await changed(
    manager,
    `DELETE FROM track_artists WHERE artist_id = ${from} AND track_id IN (SELECT track_id FROM track_artists WHERE artist_id = ${into})`,
  );
  counts.trackCredits = await changed(manager, `UPDATE track_artists SET artist_id = ${into} WHERE artist_id = ${from}`);
  counts.tracks = await changed(manager, `UPDATE tracks SET primary_artist_id = ${into} WHERE primary_artist_id = ${from}`);

  counts.transactions = await changed(manager, `UPDATE transactions SET artist_id = ${into} WHERE artist_id = ${from}`);
  // The rollups are sums of distinct transactions: adding is exact here (unlike versioned facts).
  const sums = ['gross_nano', 'net_nano', 'quantity', 'transaction_count'];
  const keys = ['source', 'sale_month', 'reporting_month', 'platform_id', 'store_id', 'country'];
  counts.revenueRollupRows = await changed(
    manager,
    `INSERT INTO revenue_monthly_rollup (${[...keys, 'artist_id', ...sums].join(', ')})
     SELECT ${keys.join(', ')}, ${into}, ${sums.join(', ')} FROM revenue_monthly_rollup WHERE artist_id = ${from}
     ON CONFLICT (${[...keys, 'artist_id'].join(', ')}) DO UPDATE SET ${sums.map((c) => `${c} = revenue_monthly_rollup.${c} + excluded.${c}`).join(', ')}`,
  );
  await changed(manager, `DELETE FROM revenue_monthly_rollup WHERE artist_id = ${from}`);

  counts.streams = (
    await moveVersionedRows(manager, {
      table: 'streams',
      moving: (a) => `${a}.artist_id = ${from}`,
      sameKey: ['source', 'date', 'platform_id'],
      newKey: { dim_key: (a) => dimKeySql(`${a}.track_id`, into, `${a}.country`) },
      alsoSet: { artist_id: () => into },
    })
  ).moved;
  counts.audienceDays = (
    await moveVersionedRows(manager, {
      table: 'audience_daily',
      moving: (a) => `${a}.artist_id = ${from}`,
      sameKey: ['source', 'date'],
      newKey: { artist_id: () => into },
    })
  ).moved;
  counts.socialDays = await changed(manager, `UPDATE social_daily SET artist_id = ${into} WHERE artist_id = ${from}`);
  counts.followerSnapshots = await changed(manager, `UPDATE follower_snapshots SET artist_id = ${into} WHERE artist_id = ${from}`);
  counts.campaigns = await changed(manager, `UPDATE campaigns SET artist_id = ${into} WHERE artist_id = ${from}`);
  // The restatement history follows the facts it describes (no foreign key, so it would silently keep a deleted id).
  if (schema.restatements) await changed(manager, `UPDATE restatements SET artist_id = ${into} WHERE artist_id = ${from}`);

  counts.tracksFolded = await foldDuplicateTracks(manager, intoId, schema);
  await changed(manager, `DELETE FROM artists WHERE id = ${from}`);
  return counts;
}

/**
 * After a merge, `into` may hold two tracks for one song (a Spotify list loaded under a placeholder
 * made tracks without ISRC; the distributor's have one). Folds each pair with the same title key
 * where at most one has an ISRC into the track with the ISRC (else the older one). Tracks with two
 * different ISRCs are different recordings and stay apart.
 */
async function foldDuplicateTracks(manager: EntityManager, artistId: number, schema: { restatements: boolean }): Promise<number> {
  const artist = sqlId(artistId);
  const pairs = await manager.query<Array<{ dup: number | string; keep: number | string }>>(
    `SELECT d.id AS dup, k.id AS keep FROM tracks d JOIN tracks k
       ON k.primary_artist_id = d.primary_artist_id AND k.title_key = d.title_key AND k.id <> d.id
     WHERE d.primary_artist_id = ${artist} AND d.isrc IS NULL AND (k.isrc IS NOT NULL OR k.id < d.id)
     ORDER BY d.id, CASE WHEN k.isrc IS NULL THEN 1 ELSE 0 END, k.id`,
  );
  const done = new Set<number>();
  let folded = 0;
  for (const pair of pairs) {
    const dup = Number(pair.dup);
    const keep = Number(pair.keep);
    // One target per duplicate (the first row: an ISRC'd track, else the oldest); a kept track is never folded afterwards.
    if (done.has(dup) || done.has(keep)) continue;
    await mergeTrackRows(manager, dup, keep, schema);
    done.add(dup);
    folded++;
  }
  return folded;
}

/** Moves every fact and credit of track `from` onto track `into` and deletes `from`. */
export async function mergeTrackRows(
  manager: EntityManager,
  fromId: number,
  intoId: number,
  schema: { restatements: boolean } = { restatements: true },
): Promise<void> {
  const from = sqlId(fromId);
  const into = sqlId(intoId);
  await moveVersionedRows(manager, {
    table: 'streams',
    moving: (a) => `${a}.track_id = ${from}`,
    sameKey: ['source', 'date', 'platform_id'],
    newKey: { dim_key: (a) => dimKeySql(into, `${a}.artist_id`, `${a}.country`) },
    alsoSet: { track_id: () => into },
  });
  await moveVersionedRows(manager, {
    table: 'stream_period_totals',
    moving: (a) => `${a}.track_id = ${from}`,
    sameKey: ['source', 'platform_id', 'period_start', 'period_end'],
    newKey: { dim_key: (a) => dimKeySql(into, 'NULL', `${a}.country`) },
    alsoSet: { track_id: () => into },
  });
  await moveVersionedRows(manager, {
    table: 'song_metrics',
    moving: (a) => `${a}.track_id = ${from}`,
    sameKey: ['period', 'extraction_date'],
    newKey: { track_id: () => into },
  });
  await changed(manager, `UPDATE transactions SET track_id = ${into} WHERE track_id = ${from}`);
  await changed(manager, `UPDATE campaigns SET track_id = ${into} WHERE track_id = ${from}`);
  if (schema.restatements) await changed(manager, `UPDATE restatements SET track_id = ${into} WHERE track_id = ${from}`);
  await changed(
    manager,
    `DELETE FROM track_artists WHERE track_id = ${from} AND artist_id IN (SELECT artist_id FROM track_artists WHERE track_id = ${into})`,
  );
  await changed(manager, `UPDATE track_artists SET track_id = ${into} WHERE track_id = ${from}`);
  await changed(
    manager,
    `UPDATE tracks SET release_id = (SELECT release_id FROM tracks WHERE id = ${from}) WHERE id = ${into} AND release_id IS NULL`,
  );
  await changed(manager, `DELETE FROM tracks WHERE id = ${from}`);
}

/**
 * Merges artist `from` into `into` (see mergeArtistRows) and records it in `artist_merges`, so a
 * repeated merge is recognised and earlier merges into `from` now point at `into`.
 */
/** `schema.restatements: false` for callers that run before that table exists (the ArtistIdentities migration). */
export async function mergeArtists(
  manager: EntityManager,
  dialect: Dialect,
  fromId: number,
  intoId: number,
  by: string,
  schema: { restatements: boolean } = { restatements: true },
): Promise<MergeCounts> {
  if (fromId === intoId) throw new IdentityError('BAD_USER_INPUT', 'from', 'from: an artist cannot be merged into itself');
  const p = new SqlParams(dialect);
  const found: Array<{ name: string }> = await manager.query(`SELECT name FROM artists WHERE id = ${p.add(fromId)}`, p.values);
  if (!found.length) throw new IdentityError('BAD_USER_INPUT', 'from', `from: no artist has id ${fromId}`);
  // The merged artist's own spelling resolves to `into` on the next load (placeholders are named after an id, not a spelling).
  const a = new SqlParams(dialect);
  await manager.query(
    `INSERT INTO artist_aliases (alias, alias_key, artist_id) SELECT name, name_key, ${a.add(intoId)} FROM artists WHERE id = ${a.add(fromId)} AND is_placeholder = ${a.add(dialect === 'postgres' ? false : 0)}
     ON CONFLICT (alias) DO NOTHING`,
    a.values,
  );
  const counts = await mergeArtistRows(manager, fromId, intoId, schema);
  const q = new SqlParams(dialect);
  await manager.query(`UPDATE artist_merges SET into_artist_id = ${q.add(intoId)} WHERE into_artist_id = ${q.add(fromId)}`, q.values);
  const r = new SqlParams(dialect);
  const now = new Date();
  await manager.query(
    `INSERT INTO artist_merges (from_artist_id, from_name, into_artist_id, merged_by, merged_at) VALUES (${r.list([fromId, found[0].name, intoId, by.slice(0, 200), dialect === 'postgres' ? now : now.toISOString().replace('T', ' ').replace('Z', '')])})`,
    r.values,
  );
  return counts;
}
