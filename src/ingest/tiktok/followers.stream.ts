import fs from 'node:fs';
import { csvLine } from '../lake/atomic-file';
import { LakeValidationError } from '../lake/validation-error';
import type { LoadContext, LoadOutcome, SourceStream } from '../source-stream';
import { timestampParam, upsertRows } from '../upsert';
import { FOLLOWERS_NAME_RE, followersNameHandle } from './file-name';
import { type FollowerSnapshotRecord, looksLikeFollowerSnapshot, parseFollowersJson } from './followers.parser';
import { landedBaseName } from '../lake/landed-name';

/** A snapshot file is a few hundred bytes; anything far larger is not one and is not read into memory. */
const MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024;
const STAGING_HEADER = ['account', 'artist', 'captured_at', 'followers', 'source_url'];

function readSnapshotFile(ctx: LoadContext): string {
  const { size } = fs.statSync(ctx.landed.absolutePath);
  if (size === 0)
    throw new LakeValidationError({
      code: 'EMPTY_FILE',
      message: 'the snapshot file is empty',
      file: ctx.landed.file,
      expected: 'a JSON object or array',
      found: '0 bytes',
    });
  if (size > MAX_SNAPSHOT_BYTES) {
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: 'too large to be a follower snapshot',
      file: ctx.landed.file,
      expected: `at most ${MAX_SNAPSHOT_BYTES} bytes`,
      found: `${size} bytes`,
    });
  }
  const buf = fs.readFileSync(ctx.landed.absolutePath);
  ctx.onBytes(size);
  const nul = buf.indexOf(0);
  if (nul !== -1)
    throw new LakeValidationError({
      code: 'BINARY_CONTENT',
      message: 'binary content in a JSON file',
      file: ctx.landed.file,
      expected: 'UTF-8 JSON',
      found: `NUL byte at offset ${nul}`,
    });
  return buf.toString('utf8');
}

/**
 * One row per (account, instant). The same snapshot twice in a file counts once; two different
 * counts for the same instant cannot both be true and reject the file.
 */
function uniqueSnapshots(snapshots: FollowerSnapshotRecord[], file: string): { unique: FollowerSnapshotRecord[]; repeats: number } {
  const byKey = new Map<string, FollowerSnapshotRecord>();
  let repeats = 0;
  for (const s of snapshots) {
    const key = `${s.account}|${s.capturedAt.toISOString()}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, s);
    else if (seen.followers === s.followers) repeats++;
    else {
      throw new LakeValidationError({
        code: 'BAD_VALUE',
        message: `records [${seen.index}] and [${s.index}] give different counts for ${s.account} at ${s.capturedAt.toISOString()}`,
        file,
        field: `[${s.index}].count`,
        expected: String(seen.followers),
        found: String(s.followers),
      });
    }
  }
  return { unique: [...byKey.values()], repeats };
}

/** The profile API's follower count snapshot(s) into `follower_snapshots`: points in time, never a daily series. */
export const tiktokFollowers: SourceStream = {
  service: 'tiktok',
  stream: 'followers',
  recognise: (name, head) => FOLLOWERS_NAME_RE.test(name) || looksLikeFollowerSnapshot(head),
  async load(ctx): Promise<LoadOutcome> {
    const parsed = parseFollowersJson(readSnapshotFile(ctx), {
      file: ctx.landed.file,
      nameHandle: followersNameHandle(ctx.landed.originalName),
    });
    const { unique, repeats } = uniqueSnapshots(parsed.snapshots, ctx.landed.file);
    const base = landedBaseName(ctx);
    const raw = ctx.openZoneFile('raw', `${base}.ndjson`);
    const staging = ctx.openZoneFile('staging', `${base}.csv`);
    await raw.write(parsed.snapshots.map((s) => `${JSON.stringify(s.raw)}\n`).join(''));
    await staging.write(
      csvLine(STAGING_HEADER) +
        unique.map((s) => csvLine([s.account, s.artist, s.capturedAt.toISOString(), s.followers, s.sourceUrl])).join(''),
    );

    const platformId = await ctx.dims.platformId('tiktok');
    const rows: unknown[][] = [];
    for (const s of unique) {
      rows.push([
        platformId,
        s.account,
        timestampParam(ctx.dialect, s.capturedAt),
        await ctx.dims.accountArtistId('tiktok', s.account, s.artist),
        s.followers,
        s.sourceUrl,
        ctx.sourceFileId,
        timestampParam(ctx.dialect, ctx.extractedAt),
      ]);
    }
    const { written, unchanged } = rows.length
      ? await upsertRows(ctx.manager, ctx.dialect, {
          table: 'follower_snapshots',
          columns: ['platform_id', 'account', 'captured_at', 'artist_id', 'followers', 'source_url', 'source_file_id', 'extracted_at'],
          key: ['platform_id', 'account', 'captured_at'],
          versionColumn: 'extracted_at',
          rows,
        })
      : { written: 0, unchanged: 0 };
    return {
      rowsRead: parsed.snapshots.length + parsed.withoutCount,
      rowsLoaded: written,
      rowsSkipped: unchanged + repeats + parsed.withoutCount,
    };
  },
};
