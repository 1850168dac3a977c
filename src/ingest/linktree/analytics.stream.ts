import { csvLine } from '../lake/atomic-file';
import type { SourceStream } from '../source-stream';
import { readLandedText } from '../lake/landed-text';
import { timestampParam, upsertRows } from '../upsert';
import { accountOf } from './account';
import { looksLikeLinktreeCapture, parseLinktreeCapture } from './analytics.parser';
import { landedBaseName } from '../lake/landed-name';

/** A page's captured responses (a 365-day series included) stay well under a few MB. */
const MAX_CAPTURE_BYTES = 64 * 1024 * 1024;

/**
 * Linktree admin analytics → `link_daily` per (account, date). A 7-day and a 365-day capture of
 * the same days carry the same figures: the second finds them already there and writes nothing.
 * A later capture corrects the days it covers (today's partial day); an older one loaded late
 * never overwrites. Click-through rate is derived (clicks / views), so it is not stored.
 */
export const linktreeAnalytics: SourceStream = {
  service: 'linktree',
  stream: 'analytics',
  recognise: (name, head) => (/^linktree_/i.test(name) && /\.json$/i.test(name)) || looksLikeLinktreeCapture(name, head),
  async load(ctx) {
    const account = accountOf(ctx.landed.originalName);
    const capture = parseLinktreeCapture(readLandedText(ctx, 'Linktree capture', MAX_CAPTURE_BYTES), ctx.landed.file);
    const { days } = capture;

    const base = landedBaseName(ctx);
    const raw = ctx.openZoneFile('raw', `${base}.ndjson`);
    const staging = ctx.openZoneFile('staging', `${base}.csv`);
    await raw.write(
      days
        .map(
          (d) =>
            `${JSON.stringify({ account, ...d, totalViews: String(d.totalViews), uniqueViews: String(d.uniqueViews), totalClicks: String(d.totalClicks), uniqueClicks: String(d.uniqueClicks) })}\n`,
        )
        .join(''),
    );
    await staging.write(
      csvLine(['account', 'date', 'total_views', 'unique_views', 'total_clicks', 'unique_clicks']) +
        days.map((d) => csvLine([account, d.date, d.totalViews, d.uniqueViews, d.totalClicks, d.uniqueClicks])).join(''),
    );

    const extractedAt = timestampParam(ctx.dialect, ctx.extractedAt);
    const { written, unchanged } = await upsertRows(ctx.manager, ctx.dialect, {
      table: 'link_daily',
      columns: ['account', 'date', 'total_views', 'unique_views', 'total_clicks', 'unique_clicks', 'source_file_id', 'extracted_at'],
      key: ['account', 'date'],
      versionColumn: 'extracted_at',
      restatements: {
        metrics: ['total_views', 'unique_views', 'total_clicks', 'unique_clicks'].map((column) => ({ column, metric: column })),
        source: "'linktree'",
        date: 't.date',
        rowKey: 't.account',
      },
      rows: days.map((d) => [account, d.date, d.totalViews, d.uniqueViews, d.totalClicks, d.uniqueClicks, ctx.sourceFileId, extractedAt]),
    });
    return { rowsRead: days.length, rowsLoaded: written, rowsSkipped: unchanged };
  },
};
