/**
 * TikTok Studio page handlers, run signed in by the portal runner: per configured account handle (each with its own saved session), the
 * analytics overview ZIP for the longest range the date picker offers (stream `overview`, kept
 * under the portal's name `Overview_<start>_<unix ts>_<handle>.zip`: its start date is what gives
 * the yearless days their year) and the profile API's follower snapshot (stream `followers`,
 * `tiktok_followers_<handle>.json`).
 */
import fs from 'node:fs';
import type { Page, Response } from 'playwright-core';
import type { ExtractorsConfig } from '../../config/config';
import { ExtractionError } from '../../errors/extraction-error';
import { LakeValidationError } from '../lake/validation-error';
import { armed, downloadFrom, element, first, optionsOf, savedDownload } from '../extract/page-steps';
import { httpErrorOf, isTimeout, layoutDrift, schemaDrift } from '../extract/portal-errors';
import type { PortalHandlers, PortalPages } from '../extract/portal-runner';
import { normaliseHandle, parseOverviewName } from './file-name';
import { FOLLOWER_KEYS } from './followers.parser';
import { extractOverviewCsv } from './overview-zip';
import { splitCsvLine } from '../common/csv-reader';
import { decodeOverviewCsv, OVERVIEW_COLUMNS } from './overview.parser';
import { TIKTOK_PATHS, TIKTOK_SELECTORS as S } from './portal';

type TikTokConfig = ExtractorsConfig['tiktok'];

function checkedHandles(accounts: string[]): string[] {
  if (accounts.length === 0)
    throw new ExtractionError('CREDENTIALS_MISSING', 'TIKTOK_ACCOUNTS is empty: list the TikTok handles to extract (comma-separated)');
  const handles = accounts.map((a) => normaliseHandle(a));
  if (handles.some((h) => h === null))
    throw new ExtractionError(
      'CREDENTIALS_MISSING',
      'TIKTOK_ACCOUNTS holds a value that is not a TikTok handle (letters, digits, "." and "_")',
    );
  return handles as string[];
}

/** Each handle has its own saved session; one login may manage several. */
export const TIKTOK_HANDLERS: PortalHandlers<TikTokConfig> = {
  accounts: (settings) => checkedHandles(settings.accounts),
  windowNote: (w) => `TikTok Studio offers fixed ranges: taking the longest one offered, which covers ${w.from}…${w.to} when within it`,
  progress: { check: (i, n) => Math.round(5 + (90 * i) / n) },
  async pages(p) {
    const handle = p.account;
    const at = (k: number) => Math.round(5 + (90 * (p.index + k / 4)) / p.count);
    await useAccount(p.page, handle, p.timeoutMs);
    await p.at(at(1), `overview download of @${handle}`);
    await captureOverview(p);
    await p.at(at(2), `follower count of @${handle}`);
    await captureFollowers(p);
  },
  finish: (at) => at(97, 'done with every account'),
};

/** Makes @handle the Studio's active account (one login may manage several). */
async function useAccount(page: Page, handle: string, timeoutMs: number): Promise<void> {
  const where = 'TikTok Studio analytics';
  const shown = normaliseHandle(
    ((await (await element(page, S.accountHandle, 'the active account handle', where, timeoutMs)).textContent()) ?? '').trim(),
  );
  if (shown === handle) return;
  const switcher = page.locator(S.accountSwitcher).first();
  const offered = (await switcher.count()) ? (await optionsOf(switcher)).map((o) => o.value) : [];
  const option = offered.find((v) => normaliseHandle(v) === handle);
  if (option === undefined) {
    throw new ExtractionError(
      'LOGIN_FAILED',
      `the TikTok session in use is @${shown ?? '?'}'s and cannot switch to @${handle}: log in as @${handle} with \`npm run login -- tiktok\``,
    );
  }
  await switcher.selectOption(option);
  const switched = page.locator(S.accountHandle, { hasText: new RegExp(`^\\s*@?${handle.replace(/\./g, '\\.')}\\s*$`, 'i') });
  await switched
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs })
    .catch((err: unknown) => {
      throw isTimeout(err) ? layoutDrift(`the account switch to @${handle} (${S.accountSwitcher})`, where) : err;
    });
}

/** Longest range offered → "Download data" → the ZIP, checked (Overview.csv and its header) before capture. */
async function captureOverview(p: PortalPages): Promise<void> {
  const { page, ctx, base, timeoutMs, account: handle } = p;
  const where = `TikTok Studio analytics of @${handle}`;
  const range = await element(page, S.dateRange, 'the date range select', where, timeoutMs);
  const options = await optionsOf(range);
  const longest = options
    .map((o) => ({ value: o.value, days: Number((/\d+/.exec(o.value) ?? /\d+/.exec(o.label) ?? ['NaN'])[0]) }))
    .filter((o) => Number.isFinite(o.days))
    .sort((a, b) => b.days - a.days)[0];
  if (!longest) throw layoutDrift(`date range options counting days (${S.dateRange})`, where);
  await range.selectOption(longest.value);
  const button = await element(page, S.downloadData, 'the "Download data" button', where, timeoutMs);
  const download = await downloadFrom(page, button, { what: `the overview download on ${where}`, timeoutMs });
  const file = await savedDownload(download, p.tmp, where, timeoutMs);
  const suggested = download.suggestedFilename();
  const named = parseOverviewName(suggested);
  if (named.startDate === null) {
    throw schemaDrift(
      `the overview download "${suggested}"`,
      'its name no longer carries the start date (Overview_<YYYY-MM-DD>_<unix ts>_<handle>.zip) that dates the yearless days',
    );
  }
  checkOverview(await fs.promises.readFile(file), `the overview download "${suggested}"`);
  // Keep the portal's name; only a name without this handle gets it (the cleaner attributes the days by it).
  const stamp = named.exportedAt ? Math.floor(named.exportedAt.getTime() / 1000) : Math.floor(ctx.now().getTime() / 1000);
  const name = named.handle === handle ? suggested : `Overview_${named.startDate}_${stamp}_${handle}.zip`;
  await ctx.capture({ stream: 'overview', name, origin: `${base}${TIKTOK_PATHS.overview} (download "${suggested}")`, path: file });
  ctx.log(`TikTok: overview of @${handle} for the last ${longest.days} days (from ${named.startDate}) captured`);
}

/** The followers page calls the profile API; its answer is the snapshot, armed before the page opens. */
async function captureFollowers(p: PortalPages): Promise<void> {
  const { page, ctx, timeoutMs, account: handle } = p;
  const where = `the followers page of @${handle}`;
  const answer = armed(page.waitForResponse((r) => isProfileResponse(r, handle), { timeout: timeoutMs }));
  await p.open(TIKTOK_PATHS.followers, where);
  const response = await first(`waiting for the profile API of @${handle}`, answer).catch((err: unknown) => {
    throw err instanceof ExtractionError && err.code === 'TIMEOUT'
      ? layoutDrift(`the profile API response (${TIKTOK_PATHS.profileApi}) for @${handle}`, where)
      : err;
  });
  if (response.status() >= 400) throw httpErrorOf(response, `the profile API for @${handle}`);
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
  if (missing.length)
    throw schemaDrift(what, `Overview.csv's header lost column ${missing.join(', ')} (found: ${headerLine.slice(0, 200)})`);
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
    throw schemaDrift(
      what,
      [missing.length ? `missing ${missing.join(', ')}` : '', unexpected.length ? `unexpected ${unexpected.join(', ')}` : '']
        .filter(Boolean)
        .join('; '),
    );
  }
}
