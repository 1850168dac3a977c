/**
 * TikTok Studio extractor: per configured account handle (each with its own saved session), the
 * analytics overview ZIP for the longest range the date picker offers (stream `overview`, kept
 * under the portal's name `Overview_<start>_<unix ts>_<handle>.zip`: its start date is what gives
 * the yearless days their year) and the profile API's follower snapshot (stream `followers`,
 * `tiktok_followers_<handle>.json`). TikTok's own login is often a QR code or an SMS: with
 * TIKTOK_USERNAME/PASSWORD set the password form is used, otherwise an ended session asks for
 * `npm run login -- tiktok`.
 */
import fs from 'node:fs';
import type { Page, Response } from 'playwright-core';
import type { AppConfig, ExtractorsConfig } from '../../config/config';
import { LakeValidationError } from '../lake/validation-error';
import { ExtractionError, httpError, layoutDrift, parseRetryAfter, schemaDrift } from '../extract/extraction-error';
import type { ExtractionContext, Extractor } from '../extract/extractor';
import { armed, asExtractionError, downloadOf, first, open, openLoggedIn, savedDownload, visible } from '../extract/browser-steps';
import { passwordLogin, type PasswordLoginForm } from '../extract/password-login';
import { classifyBrowserError, type PortalSession, withPortalBrowser } from '../extract/portal-browser';
import { normaliseHandle, parseOverviewName } from './file-name';
import { FOLLOWER_KEYS } from './followers.parser';
import { extractOverviewCsv } from './overview-zip';
import { splitCsvLine } from '../common/csv-reader';
import { decodeOverviewCsv, OVERVIEW_COLUMNS } from './overview.parser';
import { isTikTokChallengeUrl, isTikTokLoginUrl, TIKTOK_PATHS, TIKTOK_SELECTORS as S } from './portal';

type TikTokConfig = ExtractorsConfig['tiktok'];

export function createTikTokExtractor(cfg: TikTokConfig, browser: AppConfig['browser']): Extractor {
  const base = cfg.baseUrl.replace(/\/+$/, '');
  return {
    service: 'tiktok',
    async extract(ctx) {
      const handles = checkedHandles(cfg.accounts);
      if (ctx.window) ctx.log(`TikTok Studio offers fixed ranges: taking the longest one offered, which covers ${ctx.window.from}…${ctx.window.to} when within it`);
      let step = 'starting';
      const touch: Touch = (progress, label) => {
        step = label;
        return ctx.touch(progress, label);
      };
      for (const [i, handle] of handles.entries()) {
        const at = (k: number) => Math.round(5 + (90 * (i + k / 4)) / handles.length);
        await withPortalBrowser(ctx, { service: 'tiktok', account: handle, browser }, async (page, session) => {
          await touch(at(0), `checking the saved TikTok session of @${handle}`);
          await ensureSession(ctx, page, session, cfg, base, handle);
          await useAccount(page, handle);
          await touch(at(1), `overview download of @${handle}`);
          await captureOverview(ctx, page, base, handle, browser.timeoutMs);
          await touch(at(2), `follower count of @${handle}`);
          await captureFollowers(ctx, page, base, handle);
        }).catch((err: unknown) => {
          throw asExtractionError(err, step, ctx.signal);
        });
      }
      await touch(97, 'done with every account');
    },
  };
}

type Touch = (progress: number, step: string) => Promise<void>;

function checkedHandles(accounts: string[]): string[] {
  if (accounts.length === 0) throw new ExtractionError('CREDENTIALS_MISSING', 'TIKTOK_ACCOUNTS is empty: list the TikTok handles to extract (comma-separated)');
  const handles = accounts.map((a) => normaliseHandle(a));
  if (handles.some((h) => h === null)) throw new ExtractionError('CREDENTIALS_MISSING', 'TIKTOK_ACCOUNTS holds a value that is not a TikTok handle (letters, digits, "." and "_")');
  return handles as string[];
}

/** Probes the saved session of this handle on the Studio; logs in with the password form only when it is configured. */
async function ensureSession(ctx: ExtractionContext, page: Page, session: PortalSession, cfg: TikTokConfig, base: string, handle: string): Promise<void> {
  const saved = ctx.sessions.status('tiktok', handle).state !== 'missing';
  await open(page, `${base}${TIKTOK_PATHS.overview}`, 'TikTok Studio analytics');
  if (!isTikTokLoginUrl(page.url())) {
    ctx.log(`TikTok: the saved session of @${handle} is still valid, no login needed`);
    await session.loggedIn();
    return;
  }
  if (!cfg.login || !cfg.password) {
    throw new ExtractionError(
      'SESSION_EXPIRED',
      `TikTok: ${saved ? `the saved session of @${handle} has expired` : `there is no saved session for @${handle}`}; TikTok usually logs in by QR code or SMS: run \`npm run login -- tiktok\` (or set TIKTOK_USERNAME/TIKTOK_PASSWORD)`,
    );
  }
  ctx.log(`TikTok: ${saved ? `the saved session of @${handle} has expired` : `no saved session for @${handle}`}, logging in`);
  await passwordLogin(page, LOGIN_FORM, cfg.login, cfg.password);
  if (isTikTokLoginUrl(page.url())) throw new ExtractionError('LOGIN_FAILED', 'TikTok kept the login form after the password was accepted');
  ctx.log('TikTok: logged in');
  await session.loggedIn();
}

const LOGIN_FORM: PasswordLoginForm = {
  portal: 'TikTok',
  where: 'the TikTok login page',
  selectors: S,
  userField: 'the username field',
  submitButton: 'the "Log in" button',
  isLoginUrl: isTikTokLoginUrl,
  isChallengeUrl: isTikTokChallengeUrl,
  credentials: 'TIKTOK_USERNAME and TIKTOK_PASSWORD',
  challenged: 'TikTok asked for a verification code (SMS/e-mail), which cannot be automated: run `npm run login -- tiktok` to log in by hand',
};

/** Makes @handle the Studio's active account (one login may manage several). */
async function useAccount(page: Page, handle: string): Promise<void> {
  const where = 'TikTok Studio analytics';
  const shown = normaliseHandle(((await (await visible(page, S.accountHandle, 'the active account handle', where)).textContent()) ?? '').trim());
  if (shown === handle) return;
  const switcher = page.locator(S.accountSwitcher).first();
  const offered = (await switcher.count()) ? await switcher.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value)) : [];
  const option = offered.find((v) => normaliseHandle(v) === handle);
  if (option === undefined) {
    throw new ExtractionError('LOGIN_FAILED', `the TikTok session in use is @${shown ?? '?'}'s and cannot switch to @${handle}: log in as @${handle} with \`npm run login -- tiktok\``);
  }
  await switcher.selectOption(option);
  const switched = page.locator(S.accountHandle, { hasText: new RegExp(`^\\s*@?${handle.replace(/\./g, '\\.')}\\s*$`, 'i') });
  await switched.first().waitFor({ state: 'visible' }).catch((err: unknown) => {
    throw err instanceof Error && err.name === 'TimeoutError' ? layoutDrift(`the account switch to @${handle} (${S.accountSwitcher})`, where) : classifyBrowserError(err, where);
  });
}

/** Longest range offered → "Download data" → the ZIP, checked (Overview.csv and its header) before capture. */
async function captureOverview(ctx: ExtractionContext, page: Page, base: string, handle: string, timeoutMs: number): Promise<void> {
  const where = `TikTok Studio analytics of @${handle}`;
  const range = await visible(page, S.dateRange, 'the date range select', where);
  const options = await range.locator('option').evaluateAll((os) =>
    os.map((o) => ({ value: (o as unknown as { value: string }).value, label: o.textContent ?? '' })),
  );
  const longest = options
    .map((o) => ({ value: o.value, days: Number((/\d+/.exec(o.value) ?? /\d+/.exec(o.label) ?? ['NaN'])[0]) }))
    .filter((o) => Number.isFinite(o.days))
    .sort((a, b) => b.days - a.days)[0];
  if (!longest) throw layoutDrift(`date range options counting days (${S.dateRange})`, where);
  await range.selectOption(longest.value);
  const button = await visible(page, S.downloadData, 'the "Download data" button', where);
  const download = await downloadOf(page, () => button.click(), `the overview download on ${where}`);
  const file = await savedDownload(download, where, timeoutMs);
  const suggested = download.suggestedFilename();
  const named = parseOverviewName(suggested);
  if (named.startDate === null) {
    throw schemaDrift(`the overview download "${suggested}"`, 'its name no longer carries the start date (Overview_<YYYY-MM-DD>_<unix ts>_<handle>.zip) that dates the yearless days');
  }
  checkOverview(await fs.promises.readFile(file), `the overview download "${suggested}"`);
  // Keep the portal's name; only a name without this handle gets it (the cleaner attributes the days by it).
  const stamp = named.exportedAt ? Math.floor(named.exportedAt.getTime() / 1000) : Math.floor(ctx.now().getTime() / 1000);
  const name = named.handle === handle ? suggested : `Overview_${named.startDate}_${stamp}_${handle}.zip`;
  await ctx.capture({ stream: 'overview', name, origin: `${base}${TIKTOK_PATHS.overview} (download "${suggested}")`, path: file });
  ctx.log(`TikTok: overview of @${handle} for the last ${longest.days} days (from ${named.startDate}) captured`);
}

/** The followers page calls the profile API; its answer is the snapshot, armed before the page opens. */
async function captureFollowers(ctx: ExtractionContext, page: Page, base: string, handle: string): Promise<void> {
  const where = `the followers page of @${handle}`;
  const answer = armed(page.waitForResponse((r) => isProfileResponse(r, handle)));
  await openLoggedIn(page, `${base}${TIKTOK_PATHS.followers}`, where, 'TikTok', isTikTokLoginUrl);
  const response = await first(`waiting for the profile API of @${handle}`, answer).catch((err: unknown) => {
    throw err instanceof ExtractionError && err.code === 'TIMEOUT' ? layoutDrift(`the profile API response (${TIKTOK_PATHS.profileApi}) for @${handle}`, where) : err;
  });
  if (response.status() >= 400) throw httpError(response.status(), `the profile API for @${handle}`, parseRetryAfter(response.headers()['retry-after']));
  const url = new URL(response.url());
  const origin = `${url.origin}${url.pathname}?uniqueId=${handle}`;
  const body = await response.body();
  checkSnapshot(body, `the profile API's follower count of @${handle} from ${origin}`);
  await ctx.capture({ stream: 'followers', name: `tiktok_followers_${handle}.json`, origin, body });
  ctx.log(`TikTok: follower count of @${handle} captured`);
}

function isProfileResponse(r: Response, handle: string): boolean {
  const url = new URL(r.url());
  return url.pathname.replace(/\/+$/, '') === TIKTOK_PATHS.profileApi && normaliseHandle(url.searchParams.get('uniqueId') ?? '') === handle;
}

/** The archive holds Overview.csv and its header still names every column the cleaner reads. */
function checkOverview(zip: Buffer, what: string): void {
  let text: string;
  try {
    text = decodeOverviewCsv(extractOverviewCsv(zip, what), what);
  } catch (err) {
    if (err instanceof LakeValidationError) throw schemaDrift(what, err.message);
    throw err;
  }
  const headerLine = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const names = (splitCsvLine(headerLine) ?? []).map(norm);
  const missing = OVERVIEW_COLUMNS.filter((c) => !names.includes(norm(c.name))).map((c) => c.name);
  if (missing.length) throw schemaDrift(what, `Overview.csv's header lost column ${missing.join(', ')} (found: ${headerLine.slice(0, 200)})`);
}

/** `{"count", "source_url", "timestamp", "artist"}`, exactly those keys (the cleaner checks them exactly too). */
function checkSnapshot(body: Buffer, what: string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    throw schemaDrift(what, 'the response is not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw schemaDrift(what, 'the response is not a JSON object');
  const keys = Object.keys(doc);
  const missing = FOLLOWER_KEYS.filter((k) => !keys.includes(k));
  const unexpected = keys.filter((k) => !(FOLLOWER_KEYS as readonly string[]).includes(k));
  if (missing.length || unexpected.length) {
    throw schemaDrift(what, [missing.length ? `missing ${missing.join(', ')}` : '', unexpected.length ? `unexpected ${unexpected.join(', ')}` : ''].filter(Boolean).join('; '));
  }
}
