/**
 * Spotify for Artists extractor: one login for the team, then per configured artist the audience
 * CSV for the last 12 months (stream `audience`) and the catalog API's song list for every time
 * filter (stream `songs`). File names carry the artist's id (artists are found by it, through
 * artist_external_ids) and the name the page shows (which records the id's link on first load)
 * and, for songs, the filter.
 */
import fs from 'node:fs';
import type { Page, Response } from 'playwright-core';
import type { AppConfig, ExtractorsConfig } from '../../config/config';
import { ExtractionError, httpError, layoutDrift, parseRetryAfter, schemaDrift } from '../extract/extraction-error';
import type { ExtractionContext, Extractor } from '../extract/extractor';
import { armed, asExtractionError, downloadOf, first, open, openLoggedIn, savedDownload, visible } from '../extract/browser-steps';
import { passwordLogin, type PasswordLoginForm } from '../extract/password-login';
import { type PortalSession, withPortalBrowser } from '../extract/portal-browser';
import { splitCsvLine } from '../common/csv-reader';
import { AUDIENCE_COLUMNS } from './audience.parser';
import { SONG_PERIODS, type SongPeriod } from './file-names';
import { AUDIENCE_RANGE_12_MONTHS, isSpotifyChallengeUrl, isSpotifyLoginUrl, SPOTIFY_PATHS, SPOTIFY_SELECTORS as S, spotifySessionAccount } from './portal';

type SpotifyConfig = ExtractorsConfig['spotify'];

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
/** Keys every song of the catalog API carries (what the songs cleaner requires). */
const SONG_KEYS = ['trackName', 'numStreams', 'numListeners', 'numSavers'] as const;

export function createSpotifyExtractor(cfg: SpotifyConfig, browser: AppConfig['browser']): Extractor {
  const base = cfg.baseUrl.replace(/\/+$/, '');
  return {
    service: 'spotify',
    async extract(ctx) {
      const artistIds = checkedArtistIds(cfg.artistIds);
      const account = spotifySessionAccount(cfg.login);
      if (ctx.window) ctx.log(`Spotify for Artists exports fixed ranges: taking the last 12 months, which covers ${ctx.window.from}…${ctx.window.to} when within a year`);
      let step = 'starting';
      const touch: Touch = (progress, label) => {
        step = label;
        return ctx.touch(progress, label);
      };
      await withPortalBrowser(ctx, { service: 'spotify', account, browser }, async (page, session) => {
        await ensureSession(ctx, touch, page, session, cfg, base, account);
        for (const [i, artistId] of artistIds.entries()) {
          const share = (k: number) => Math.round(10 + (85 * (i + k / 6)) / artistIds.length);
          await touch(share(0), `audience export of artist ${artistId}`);
          const name = await captureAudience(ctx, page, base, artistId, browser.timeoutMs);
          await captureSongs(ctx, page, base, artistId, name, (k, period) => touch(share(1 + k), `songs (${period}) of ${name}`));
        }
        await touch(97, 'closing the browser');
      }).catch((err: unknown) => {
        throw asExtractionError(err, step, ctx.signal);
      });
    },
  };
}

type Touch = (progress: number, step: string) => Promise<void>;

function checkedArtistIds(ids: string[]): string[] {
  if (ids.length === 0) throw new ExtractionError('CREDENTIALS_MISSING', 'SPOTIFY_ARTIST_IDS is empty: list the Spotify artist ids to extract (comma-separated)');
  const bad = ids.filter((id) => !SPOTIFY_ID.test(id));
  if (bad.length) throw new ExtractionError('CREDENTIALS_MISSING', `SPOTIFY_ARTIST_IDS holds ${bad.length} value(s) that are not 22-character Spotify artist ids`);
  return ids;
}

/** Probes the saved session on a logged-in page; logs in again only when it sent us to the login form. */
async function ensureSession(ctx: ExtractionContext, touch: Touch, page: Page, session: PortalSession, cfg: SpotifyConfig, base: string, account: string): Promise<void> {
  await touch(2, 'checking the saved Spotify session');
  const saved = ctx.sessions.status('spotify', account).state !== 'missing';
  await open(page, `${base}${SPOTIFY_PATHS.home}`, 'the Spotify for Artists home');
  if (!isSpotifyLoginUrl(page.url())) {
    await visible(page, S.loggedIn, 'the signed-in user menu', 'the Spotify for Artists home');
    ctx.log('Spotify: the saved session is still valid, no login needed');
    await session.loggedIn();
    return;
  }
  if (!cfg.login || !cfg.password) {
    throw new ExtractionError(
      'SESSION_EXPIRED',
      `Spotify for Artists: ${saved ? 'the saved session has expired' : 'there is no saved session'} and SPOTIFY_EMAIL/SPOTIFY_PASSWORD are not set: set them or run \`npm run login -- spotify\``,
    );
  }
  ctx.log(`Spotify: ${saved ? 'the saved session has expired' : 'no saved session'}, logging in`);
  await touch(5, 'logging in to Spotify for Artists');
  await passwordLogin(page, LOGIN_FORM, cfg.login, cfg.password);
  await visible(page, S.loggedIn, 'the signed-in user menu after the login', 'Spotify for Artists');
  ctx.log('Spotify: logged in');
  await session.loggedIn();
}

const LOGIN_FORM: PasswordLoginForm = {
  portal: 'Spotify for Artists',
  where: 'the Spotify login page',
  selectors: S,
  userField: 'the e-mail field',
  submitButton: 'the "Log In" button',
  isLoginUrl: isSpotifyLoginUrl,
  isChallengeUrl: isSpotifyChallengeUrl,
  credentials: 'SPOTIFY_EMAIL and SPOTIFY_PASSWORD',
  challenged: 'Spotify asked for a verification code sent by e-mail, which cannot be automated: run `npm run login -- spotify` to log in by hand',
};

/** Audience page → 12 months → Export; returns the artist's name as the page shows it. */
async function captureAudience(ctx: ExtractionContext, page: Page, base: string, artistId: string, timeoutMs: number): Promise<string> {
  const where = `the audience page of artist ${artistId}`;
  await openLoggedIn(page, `${base}${SPOTIFY_PATHS.audience(artistId)}`, where, 'Spotify for Artists', isSpotifyLoginUrl);
  const name = ((await (await visible(page, S.artistName, 'the artist name', where)).textContent()) ?? '').trim();
  if (name === '') throw layoutDrift(`the artist name (${S.artistName}) with text`, where);
  const range = await visible(page, S.audienceRange, 'the range picker', where);
  const values = await range.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
  if (!values.includes(AUDIENCE_RANGE_12_MONTHS)) throw layoutDrift(`the "${AUDIENCE_RANGE_12_MONTHS}" option of the range picker`, where);
  await range.selectOption(AUDIENCE_RANGE_12_MONTHS);
  const button = await visible(page, S.exportCsv, 'the "Export" button', where);
  const download = await downloadOf(page, () => button.click(), `the audience CSV download on ${where}`);
  const file = await savedDownload(download, where, timeoutMs);
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
  ctx: ExtractionContext,
  page: Page,
  base: string,
  artistId: string,
  name: string,
  progress: (k: number, period: SongPeriod) => Promise<void>,
): Promise<void> {
  const where = `the songs page of artist ${artistId}`;
  await openLoggedIn(page, `${base}${SPOTIFY_PATHS.songs(artistId)}`, where, 'Spotify for Artists', isSpotifyLoginUrl);
  const filter = await visible(page, S.timeFilter, 'the time filter', where);
  const offered = await filter.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
  const missing = SONG_PERIODS.filter((p) => !offered.includes(p));
  if (missing.length) throw layoutDrift(`time filter option(s) ${missing.join(', ')}`, where);
  // Selecting the filter already shown fires no request: take it last, after another one.
  const current = await filter.inputValue();
  const order = [...SONG_PERIODS.filter((p) => p !== current), ...SONG_PERIODS.filter((p) => p === current)];
  for (const [k, period] of order.entries()) {
    await progress(k, period);
    const answer = armed(page.waitForResponse((r) => isCatalogResponse(r, artistId, period)));
    await filter.selectOption(period);
    const response = await first(`waiting for the catalog API (${period})`, answer).catch((err: unknown) => {
      throw err instanceof ExtractionError && err.code === 'TIMEOUT' ? layoutDrift(`the catalog API response for time filter ${period}`, where) : err;
    });
    const url = new URL(response.url());
    const origin = `${url.origin}${url.pathname}?time-filter=${period}`;
    if (response.status() >= 400) throw httpError(response.status(), `the catalog API (${period})`, parseRetryAfter(response.headers()['retry-after']));
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
  const firstLine = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
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
