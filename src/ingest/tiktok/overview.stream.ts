import fs from 'node:fs';
import { csvLine } from '../lake/atomic-file';
import { LakeValidationError } from '../lake/validation-error';
import type { LoadContext, LoadOutcome, SourceStream } from '../source-stream';
import { timestampParam, upsertRows } from '../upsert';
import { engagementRate } from './engagement';
import { OVERVIEW_NAME_RE, parseOverviewName } from './file-name';
import { DEFAULT_ZIP_LIMITS, extractOverviewCsv } from './overview-zip';
import { decodeOverviewCsv, type OverviewDay, parseOverviewCsv } from './overview.parser';

const STAGING_HEADER = ['date', 'account', 'video_views', 'profile_views', 'likes', 'comments', 'shares', 'engagement_rate'];
const EXPECTED_NAME = 'Overview_<startDate YYYY-MM-DD>_<unix ts>_<handle>.zip';

/**
 * A binary ZIP is recognised by its name, or — under any .zip name — by the local header of an
 * Overview.csv entry in its first bytes (entry names are stored uncompressed). The second rule is
 * what lets `--service tiktok` take a renamed download.
 */
function recogniseOverview(name: string, head: string): boolean {
  if (OVERVIEW_NAME_RE.test(name)) return true;
  // eslint-disable-next-line no-control-regex -- a ZIP header puts binary (control) bytes right before the entry name
  return /\.zip$/i.test(name) && head.startsWith('PK\u0003\u0004') && /(^|[/\u0000-\u001f\ufffd])Overview\.csv/i.test(head);
}

/**
 * Start date and handle from the download's original name; without them the days cannot be placed.
 * The export time in the name is the file's capture time, read once by the lake (ctx.extractedAt).
 */
function nameFacts(ctx: LoadContext): { startDate: string; handle: string } {
  const original = ctx.landed.originalName;
  const parsed = parseOverviewName(original);
  if (parsed.startDate === null) {
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: 'the file name has no start date, so the yearless dates in Overview.csv cannot be given a year',
      file: ctx.landed.file,
      field: 'file name (start date)',
      expected: EXPECTED_NAME,
      found: original,
    });
  }
  if (parsed.handle === null) {
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: 'the file name has no account handle, so the days cannot be attributed to an account',
      file: ctx.landed.file,
      field: 'file name (handle)',
      expected: EXPECTED_NAME,
      found: original,
    });
  }
  return { startDate: parsed.startDate, handle: parsed.handle };
}

/** The ZIP's bytes; a file far larger than any overview download is refused before it is read into memory. */
function readZip(ctx: LoadContext): Uint8Array {
  const { size } = fs.statSync(ctx.landed.absolutePath);
  if (size > DEFAULT_ZIP_LIMITS.maxZipBytes) {
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: 'too large to be a TikTok Studio overview download',
      file: ctx.landed.file,
      field: 'ZIP archive',
      expected: `at most ${DEFAULT_ZIP_LIMITS.maxZipBytes} bytes`,
      found: `${size} bytes`,
    });
  }
  const buf = fs.readFileSync(ctx.landed.absolutePath);
  ctx.onBytes(size);
  return buf;
}

async function writeZones(ctx: LoadContext, handle: string, days: OverviewDay[]): Promise<void> {
  const base = ctx.landed.file
    .split('/')
    .pop()!
    .replace(/\.[^.]+$/, '');
  const raw = ctx.openZoneFile('raw', `${base}.ndjson`);
  const staging = ctx.openZoneFile('staging', `${base}.csv`);
  // Raw keeps each row as written, plus the full date and the line it came from.
  await raw.write(days.map((d) => `${JSON.stringify({ line: d.line, date: d.date, account: handle, ...d.cells })}\n`).join(''));
  await staging.write(
    csvLine(STAGING_HEADER) +
      days
        .map((d) =>
          csvLine([
            d.date,
            handle,
            d.videoViews,
            d.profileViews,
            d.likes,
            d.comments,
            d.shares,
            engagementRate(d.likes, d.comments, d.shares, d.videoViews),
          ]),
        )
        .join(''),
  );
}

/** TikTok Studio's overview download: daily views and engagement of one account into `social_daily`. */
export const tiktokOverview: SourceStream = {
  service: 'tiktok',
  stream: 'overview',
  recognise: (name, head) => recogniseOverview(name, head),
  async load(ctx): Promise<LoadOutcome> {
    const { startDate, handle } = nameFacts(ctx);
    const csv = extractOverviewCsv(readZip(ctx), ctx.landed.file);
    const days = parseOverviewCsv(decodeOverviewCsv(csv, ctx.landed.file), { file: ctx.landed.file, startDate });
    await writeZones(ctx, handle, days);
    const platformId = await ctx.dims.platformId('tiktok');
    const artistId = await ctx.dims.accountArtistId('tiktok', handle, handle);
    const stamp = timestampParam(ctx.dialect, ctx.extractedAt);
    const { written, unchanged } = await upsertRows(ctx.manager, ctx.dialect, {
      table: 'social_daily',
      columns: [
        'platform_id',
        'account',
        'date',
        'artist_id',
        'video_views',
        'profile_views',
        'likes',
        'comments',
        'shares',
        'source_file_id',
        'extracted_at',
      ],
      key: ['platform_id', 'account', 'date'],
      versionColumn: 'extracted_at',
      restatements: {
        metrics: ['video_views', 'profile_views', 'likes', 'comments', 'shares'].map((column) => ({ column, metric: column })),
        source: "'tiktok'",
        date: 't.date',
        platform: 't.platform_id',
        artist: 't.artist_id',
        rowKey: 't.account',
      },
      rows: days.map((d) => [
        platformId,
        handle,
        d.date,
        artistId,
        d.videoViews,
        d.profileViews,
        d.likes,
        d.comments,
        d.shares,
        ctx.sourceFileId,
        stamp,
      ]),
    });
    return { rowsRead: days.length, rowsLoaded: written, rowsSkipped: unchanged };
  },
};
