/**
 * Spotify for Artists page handlers, run signed in by the portal runner (one login for the team): per configured artist the audience
 * CSV for the last 12 months (stream `audience`) and the catalog API's song list for every time
 * filter (stream `songs`). File names carry the artist's id (artists are found by it, through
 * artist_external_ids) and the name the page shows (which records the id's link on first load)
 * and, for songs, the filter.
 */
import fs from 'node:fs';
import type { Response } from 'playwright-core';
import type { ExtractorsConfig } from '../../config/config';
import { ExtractionError } from '../../errors/extraction-error';
import { armed, downloadFrom, element, first, optionsOf, savedDownload } from '../extract/page-steps';
import { httpErrorOf, layoutDrift, schemaDrift } from '../extract/portal-errors';
import type { PortalHandlers, PortalPages } from '../extract/portal-runner';
import { sessionAccountFor } from '../extract/session-store';
import { splitCsvLine } from '../common/csv-reader';
import { AUDIENCE_COLUMNS } from './audience.parser';
import { SONG_PERIODS, type SongPeriod } from './file-names';
import { AUDIENCE_RANGE_12_MONTHS, SPOTIFY_PATHS, SPOTIFY_SELECTORS as S } from './portal';

type SpotifyConfig = ExtractorsConfig['spotify'];

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
/** Keys every song of the catalog API carries (what the songs cleaner requires). */
const SONG_KEYS = ['trackName', 'numStreams', 'numListeners', 'numSavers'] as const;

function checkedArtistIds(ids: string[]): string[] {
  if (ids.length === 0)
    throw new ExtractionError(
      'CREDENTIALS_MISSING',
      'SPOTIFY_ARTIST_IDS is empty: list the Spotify artist ids to extract (comma-separated)',
    );
  const bad = ids.filter((id) => !SPOTIFY_ID.test(id));
  if (bad.length)
    throw new ExtractionError(
      'CREDENTIALS_MISSING',
      `SPOTIFY_ARTIST_IDS holds ${bad.length} value(s) that are not 22-character Spotify artist ids`,
    );
  return ids;
}

export const SPOTIFY_HANDLERS: PortalHandlers<SpotifyConfig> = {
  accounts(settings) {
    checkedArtistIds(settings.artistIds);
    return [sessionAccountFor(settings.login)];
  },
  windowNote: (w) =>
    `Spotify for Artists exports fixed ranges: taking the last 12 months, which covers ${w.from}…${w.to} when within a year`,
  progress: { check: () => 2, login: 5 },
  async pages(p, settings) {
    const artistIds = settings.artistIds;
    for (const [i, artistId] of artistIds.entries()) {
      const share = (k: number) => Math.round(10 + (85 * (i + k / 6)) / artistIds.length);
      await p.at(share(0), `audience export of artist ${artistId}`);
      const name = await captureAudience(p, artistId);
      await captureSongs(p, artistId, name, (k, period) => p.at(share(1 + k), `songs (${period}) of ${name}`));
    }
    await p.at(97, 'closing the browser');
  },
};

/** Audience page → 12 months → Export; returns the artist's name as the page shows it. */
async function captureAudience(p: PortalPages, artistId: string): Promise<string> {
  const { page, ctx, base, timeoutMs } = p;
  const where = `the audience page of artist ${artistId}`;
  await p.open(SPOTIFY_PATHS.audience(artistId), where);
  const name = ((await (await element(page, S.artistName, 'the artist name', where, timeoutMs)).textContent()) ?? '').trim();
  if (name === '') throw layoutDrift(`the artist name (${S.artistName}) with text`, where);
  const range = await element(page, S.audienceRange, 'the range picker', where, timeoutMs);
  const values = (await optionsOf(range)).map((o) => o.value);
  if (!values.includes(AUDIENCE_RANGE_12_MONTHS)) throw layoutDrift(`the "${AUDIENCE_RANGE_12_MONTHS}" option of the range picker`, where);
  await range.selectOption(AUDIENCE_RANGE_12_MONTHS);
  const button = await element(page, S.exportCsv, 'the "Export" button', where, timeoutMs);
  const download = await downloadFrom(page, button, { what: `the audience CSV download on ${where}`, timeoutMs });
  const file = await savedDownload(download, p.tmp, where, timeoutMs);
  checkAudienceHeader(await fs.promises.readFile(file), `the audience export of ${name} ("${download.suggestedFilename()}")`);
  await ctx.capture({
    stream: 'audience',
    name: `spotify_audience_${artistId}_${name}.csv`,
    origin: `${base}${SPOTIFY_PATHS.audience(artistId)} (download "${download.suggestedFilename()}")`,
    path: file,
  });
  ctx.log(`Spotify: audience export of ${name} (12 months) captured`);
  return name;
}

/** Songs page → each time filter, waiting for the catalog API's answer armed before the selection. */
async function captureSongs(
  p: PortalPages,
  artistId: string,
  name: string,
  progress: (k: number, period: SongPeriod) => Promise<void>,
): Promise<void> {
  const { page, ctx, timeoutMs } = p;
  const where = `the songs page of artist ${artistId}`;
  await p.open(SPOTIFY_PATHS.songs(artistId), where);
  const filter = await element(page, S.timeFilter, 'the time filter', where, timeoutMs);
  const offered = (await optionsOf(filter)).map((o) => o.value);
  const missing = SONG_PERIODS.filter((p) => !offered.includes(p));
  if (missing.length) throw layoutDrift(`time filter option(s) ${missing.join(', ')}`, where);
  // Selecting the filter already shown fires no request: take it last, after another one.
  const current = await filter.inputValue();
  const order = [...SONG_PERIODS.filter((p) => p !== current), ...SONG_PERIODS.filter((p) => p === current)];
  for (const [k, period] of order.entries()) {
    await progress(k, period);
    const answer = armed(page.waitForResponse((r) => isCatalogResponse(r, artistId, period), { timeout: timeoutMs }));
    await filter.selectOption(period);
    const response = await first(`waiting for the catalog API (${period})`, answer).catch((err: unknown) => {
      throw err instanceof ExtractionError && err.code === 'TIMEOUT'
        ? layoutDrift(`the catalog API response for time filter ${period}`, where)
        : err;
    });
    const url = new URL(response.url());
    const origin = `${url.origin}${url.pathname}?time-filter=${period}`;
    if (response.status() >= 400) throw httpErrorOf(response, `the catalog API (${period})`);
    const body = await response.body();
    checkSongs(body, `the catalog API's songs of ${name} (${period}) from ${origin}`);
    await ctx.capture({ stream: 'songs', name: `spotify_songs_${artistId}_${name}_${period}.json`, origin, body });
  }
  ctx.log(`Spotify: songs of ${name} captured for ${SONG_PERIODS.join(', ')}`);
}

function isCatalogResponse(r: Response, artistId: string, period: SongPeriod): boolean {
  const url = new URL(r.url());
  return url.pathname.includes(`/artist/${artistId}/`) && /catalog/.test(url.pathname) && url.searchParams.get('time-filter') === period;
}

function checkAudienceHeader(bytes: Buffer, what: string): void {
  const firstLine =
    bytes
      .subarray(0, 4096)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r\n|\r|\n/, 1)[0] ?? '';
  const names = (splitCsvLine(firstLine) ?? []).map((c) => c.trim().toLowerCase());
  const missing = AUDIENCE_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) throw schemaDrift(what, `the header lost column ${missing.join(', ')} (found: ${firstLine.slice(0, 200)})`);
}

function checkSongs(body: Buffer, what: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw schemaDrift(what, 'the response is not valid JSON');
  }
  const songs = isObject(doc) ? doc.songs : undefined;
  if (!Array.isArray(songs)) throw schemaDrift(what, 'no "songs" array at the top level');
  songs.forEach((song, i) => {
    if (!isObject(song)) throw schemaDrift(what, `songs[${i}] is not an object`);
    const missing = SONG_KEYS.filter((k) => !(k in song));
    if (missing.length) throw schemaDrift(what, `songs[${i}] has no ${missing.join(', ')}`);
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
