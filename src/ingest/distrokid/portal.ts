/**
 * The DistroKid web app as the extractor sees it: paths, the selectors it relies on, how to tell
 * a logged-in page, bounded page steps and the login (e-mail and password, then a TOTP code when
 * the account has authenticator-app 2FA). One place to update when DistroKid changes its layout.
 */
import type { Download, Locator, Page, Response } from 'playwright-core';
import type { PortalCredentials } from '../../config/config';
import { ExtractionError, httpError, layoutDrift, parseRetryAfter } from '../extract/extraction-error';
import type { PortalDescription } from '../extract/extractor';
import type { TotpSource } from '../extract/totp';

export const DISTROKID_PATHS = {
  signin: '/signin',
  twoFactor: '/signin/2fa',
  dashboard: '/dashboard/',
  streamsStats: '/stats/?data=streams',
  appleMusicStats: '/stats/applemusic/',
  bankDetails: '/bank/details/',
} as const;

export const DISTROKID_SELECTORS = {
  email: 'form#signin-form input[name="email"]',
  password: 'form#signin-form input[name="password"]',
  signinSubmit: 'form#signin-form button[type="submit"]',
  totpInput: 'form#two-factor-form input[name="code"]',
  totpSubmit: 'form#two-factor-form button[type="submit"]',
  formError: '.signin-error[role="alert"]',
  /** Present on every logged-in page. */
  signout: 'a[href$="/signout"]',
  /** The container of the `trend365day` chart on the streams page. */
  streamsChart: '#chartdiv365',
  /** The container of the `last365days` chart on the Apple Music page. */
  appleMusicChart: '#chart-last365days',
  bankTsvLink: 'a#download-bank-tsv',
} as const;

function pathOf(page: Page): string {
  try {
    return new URL(page.url()).pathname;
  } catch {
    return '';
  }
}

export function onDistrokidSigninPage(page: Page): boolean {
  return pathOf(page).startsWith(DISTROKID_PATHS.signin);
}

/** Logged in: not the sign-in flow, and the page offers "Sign out". */
export async function distrokidIsLoggedIn(page: Page): Promise<boolean> {
  if (pathOf(page) === '' || onDistrokidSigninPage(page)) return false;
  return (await page.locator(DISTROKID_SELECTORS.signout).count()) > 0;
}

export const DISTROKID_PORTAL: PortalDescription = {
  service: 'distrokid',
  loginPath: DISTROKID_PATHS.signin,
  isLoggedIn: distrokidIsLoggedIn,
};

// ---------------------------------------------------------------------------------------------
// Page steps: every wait bounded, every failure typed.

/** Marks a promise as handled now (it is awaited later), so a wait armed before a failing step never becomes an unhandled rejection. */
export function armed<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

const isTimeout = (err: unknown): boolean => err instanceof Error && err.name === 'TimeoutError';
const retryAfterOf = (res: Response): number | undefined => parseRetryAfter(res.headers()['retry-after']);

/**
 * Opens a page of the app; an HTTP error becomes its code, and a bounce to the sign-in form is
 * SESSION_EXPIRED unless `probe` (the session check, where a bounce is an answer).
 */
export async function openDistrokidPage(page: Page, base: string, path: string, probe = false): Promise<void> {
  const res = await page.goto(`${base}${path}`, { waitUntil: 'load' });
  if (res && res.status() >= 400) throw httpError(res.status(), `DistroKid GET ${path}`, retryAfterOf(res));
  if (!probe && onDistrokidSigninPage(page) && !path.startsWith(DISTROKID_PATHS.signin)) {
    throw new ExtractionError('SESSION_EXPIRED', `DistroKid sent ${path} back to the sign-in form: the session ended during the extraction`);
  }
}

/** Waits for an element the flow needs; its absence is layout drift naming it. */
export async function requireElement(page: Page, selector: string, what: string, where: string, timeoutMs: number, state: 'visible' | 'attached' = 'visible'): Promise<Locator> {
  const el = page.locator(selector).first();
  try {
    await el.waitFor({ state, timeout: timeoutMs });
  } catch (err) {
    if (isTimeout(err)) throw layoutDrift(`${what} (${selector})`, where);
    throw err;
  }
  return el;
}

/** Clicks a download link with the download (and a possible error answer) armed first; the caller saves the file at once. */
export async function downloadFrom(page: Page, link: Locator, url: string, what: string, timeoutMs: number): Promise<Download> {
  const download = armed(page.waitForEvent('download', { timeout: timeoutMs }).then((d) => ({ d })));
  // A server error is not a download: Chromium shows the error page instead.
  const refused = armed(page.waitForResponse((r) => r.url() === url && r.status() >= 400, { timeout: timeoutMs }).then((r) => ({ r })));
  await link.click({ timeout: timeoutMs });
  const first = await Promise.race([download, refused]);
  if ('r' in first) throw httpError(first.r.status(), `DistroKid ${what}`, retryAfterOf(first.r));
  return first.d;
}

/**
 * Saves a download at once. A transfer may legitimately outlast one page timeout (a large export),
 * so it gets ten of them; one that stalls beyond that is cancelled and reported as TIMEOUT.
 */
export async function saveDownload(download: Download, file: string, what: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExtractionError('TIMEOUT', `DistroKid ${what}: the download did not finish within ${(timeoutMs * 10) / 1000} s`)), timeoutMs * 10);
  });
  try {
    await Promise.race([armed(download.saveAs(file)), stalled]);
  } catch (err) {
    await download.cancel().catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Login

export interface DistrokidLogin {
  base: string;
  credentials: PortalCredentials;
  totp: TotpSource;
  timeoutMs: number;
  signal: AbortSignal;
  /** Called while waiting for a fresh TOTP window (up to ~35 s): the job reports it is alive. */
  onWait?: () => Promise<void>;
  log(message: string): void;
}

async function outcomeOf<K extends string>(page: Page, outcomes: Record<K, string>, where: string, timeoutMs: number): Promise<K> {
  const anyOf = Object.values<string>(outcomes).join(', ');
  try {
    await page.locator(anyOf).first().waitFor({ state: 'attached', timeout: timeoutMs });
  } catch (err) {
    if (isTimeout(err)) throw layoutDrift(`one of ${anyOf}`, where);
    throw err;
  }
  for (const key of Object.keys(outcomes) as K[]) if ((await page.locator(outcomes[key]).count()) > 0) return key;
  throw layoutDrift(`one of ${anyOf}`, where);
}

async function formError(page: Page): Promise<string> {
  const text = await page.locator(DISTROKID_SELECTORS.formError).first().innerText().catch(() => '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 200) || '(no message)';
}

export async function distrokidLogin(page: Page, l: DistrokidLogin): Promise<void> {
  const { login, password, totpSecret } = l.credentials;
  if (!login || !password) {
    throw new ExtractionError(
      'SESSION_EXPIRED',
      'no valid DistroKid session and DISTROKID_EMAIL / DISTROKID_PASSWORD are not set: set them, or log in by hand (npm run login -- distrokid)',
    );
  }
  const S = DISTROKID_SELECTORS;
  const where = DISTROKID_PATHS.signin;
  await openDistrokidPage(page, l.base, where);
  await (await requireElement(page, S.email, 'the e-mail field', where, l.timeoutMs)).fill(login);
  await (await requireElement(page, S.password, 'the password field', where, l.timeoutMs)).fill(password);
  await (await requireElement(page, S.signinSubmit, 'the sign-in button', where, l.timeoutMs)).click();

  const first = await outcomeOf(page, { error: S.formError, app: S.signout, totp: S.totpInput }, 'the page after the sign-in form', l.timeoutMs);
  if (first === 'error') throw new ExtractionError('LOGIN_FAILED', `DistroKid refused the sign-in: ${await formError(page)}`);
  if (first === 'totp') {
    if (!totpSecret) {
      throw new ExtractionError(
        'TWO_FACTOR_REQUIRED',
        'DistroKid asks for a two-factor code and DISTROKID_TOTP_SECRET is not set: set it, or log in by hand (npm run login -- distrokid)',
      );
    }
    const code = await l.totp.code(totpSecret, l.signal, l.onWait);
    await (await requireElement(page, S.totpInput, 'the two-factor code field', DISTROKID_PATHS.twoFactor, l.timeoutMs)).fill(code);
    await (await requireElement(page, S.totpSubmit, 'the two-factor verify button', DISTROKID_PATHS.twoFactor, l.timeoutMs)).click();
    const second = await outcomeOf(page, { error: S.formError, app: S.signout }, 'the page after the two-factor form', l.timeoutMs);
    if (second === 'error') throw new ExtractionError('TWO_FACTOR_FAILED', `DistroKid refused the two-factor code: ${await formError(page)}`);
  }
  l.log(first === 'totp' ? 'signed in to DistroKid (password and TOTP)' : 'signed in to DistroKid (password)');
}
