import { csvLine } from '../lake/atomic-file';
import type { SourceStream } from '../source-stream';
import { timestampParam, upsertRows } from '../upsert';
import { attributeArtist } from './artist';
import { landedBaseName } from '../lake/landed-name';
import { looksLikeAudienceHeader, parseAudienceCsv } from './audience.parser';
import { AUDIENCE_NAME_PATTERN, parseAudienceFileName } from './file-names';
import { readLandedText } from '../lake/landed-text';

/** A year of days is ~10 KB; a far larger file is not an audience export. */
const MAX_AUDIENCE_BYTES = 16 * 1024 * 1024;

/**
 * Spotify for Artists audience time line → `audience_daily`. These streams are the dashboard's
 * own count for one artist and never go to `streams` (the distributors' figures): adding them
 * would count the same plays twice. Upserted per (source, artist, date), versioned by extraction
 * time, so a later export corrects the days it covers and older days stay.
 */
export const spotifyAudience: SourceStream = {
  service: 'spotify',
  stream: 'audience',
  recognise: (name, head) =>
    /^spotify_audience_/i.test(name) ||
    /[-_ ]audience[-_ ]timeline(?:_\d{8}_\d{6})?\.csv$/i.test(name) ||
    (/\.csv$/i.test(name) && looksLikeAudienceHeader(head.split(/\r\n|\r|\n/, 1)[0] ?? '')),
  async load(ctx) {
    const { spotifyId, artistName } = parseAudienceFileName(ctx.landed.originalName);
    const artistId = await attributeArtist(ctx, { spotifyId, artistName }, AUDIENCE_NAME_PATTERN);
    const days = parseAudienceCsv(readLandedText(ctx, 'Spotify audience export', MAX_AUDIENCE_BYTES), ctx.landed.file);

    const base = landedBaseName(ctx);
    const raw = ctx.openZoneFile('raw', `${base}.ndjson`);
    const staging = ctx.openZoneFile('staging', `${base}.csv`);
    await raw.write(days.map((d) => `${JSON.stringify({ spotifyArtistId: spotifyId, artist: artistName, ...d })}\n`).join(''));
    await staging.write(
      csvLine(['source_line', 'spotify_artist_id', 'artist', 'date', 'listeners', 'streams', 'followers']) +
        days.map((d) => csvLine([d.line, spotifyId, artistName, d.date, d.listeners, d.streams, d.followers])).join(''),
    );

    const extractedAt = timestampParam(ctx.dialect, ctx.extractedAt);
    const { written, unchanged } = await upsertRows(ctx.manager, ctx.dialect, {
      table: 'audience_daily',
      columns: ['source', 'artist_id', 'date', 'listeners', 'streams', 'followers', 'source_file_id', 'extracted_at'],
      key: ['source', 'artist_id', 'date'],
      versionColumn: 'extracted_at',
      restatements: {
        metrics: ['listeners', 'streams', 'followers'].map((column) => ({ column, metric: column })),
        source: 't.source',
        date: 't.date',
        artist: 't.artist_id',
      },
      rows: days.map((d) => ['spotify', artistId, d.date, d.listeners, d.streams, d.followers, ctx.sourceFileId, extractedAt]),
    });
    return { rowsRead: days.length, rowsLoaded: written, rowsSkipped: unchanged };
  },
};
