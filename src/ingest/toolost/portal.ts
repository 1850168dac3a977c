/**
 * The TooLost portal as the extractor sees it: paths, the selectors it relies on, how to tell a
 * logged-in page, bounded page steps and the login (e-mail and password, then a TOTP code when
 * 2FA is on). One place to update when TooLost changes its layout.
 */
import type { Download, Locator, Page, Response } from 'playwright-core';
import type { PortalCredentials } from '../../config/config';
import { ExtractionError, httpError, layoutDrift, parseRetryAfter } from '../extract/extraction-error';
import type { PortalDescription } from '../extract/extractor';
import type { TotpSource } from '../extract/totp';

export const TOOLOST_PATHS = {
  login: '/login',
  twoFactor: '/login/two-factor',
  dashboard: '/user-portal/dashboard',
  analytics: '/user-portal/analytics/platform',
  notifications: '/user-portal/notifications',
  spotifyApi: '/api/portal/analytics/spotify',
  appleApi: '/api/portal/analytics/apple/',
} as const;

/** The query the analytics page sends (only the current year is ever returned). */
export const TOOLOST_ANALYTICS_QUERY = '?release=&date=thisYear';

export const TOOLOST_SELECTORS = {
  email: 'input[name="email"]',
  password: 'input[name="password"]',
  loginSubmit: 'form#login-form button[type="submit"]',
  totpInput: 'input[name="one_time_password"]',
  totpSubmit: 'form#two-factor-form button[type="submit"]',
  /** Laravel's flash error on the login and two-factor forms. */
  formError: '.alert-danger[role="alert"]',
  /** Present on every logged-in page. */
  logout: 'a[href$="/logout"]',
  appleTab: 'button#analytics-tab-apple',
  notificationList: 'ul#notifications',
  notification: 'ul#notifications li.notification',
  attachment: 'a.notification-attachment',
} as const;

export const JWT_COOKIE = 'jwt_token';

/** "Your 04-2025 Sales report has been generated" → month 04, year 2025. */
export const SALES_NOTIFICATION_RE = /Your\s+(0[1-9]|1[0-2])-(\d{4})\s+Sales report has been generated/i;

function pathOf(page: Page): string {
  try {
    return new URL(page.url()).pathname;
  } catch {
    return '';
  }
}

/** Logged in: a portal page (not the login or two-factor form) that shows the logout link. */
export async function toolostIsLoggedIn(page: Page): Promise<boolean> {
  if (!pathOf(page).startsWith('/user-portal')) return false;
  return (await page.locator(TOOLOST_SELECTORS.logout).count()) > 0;
}

export function onToolostLoginPage(page: Page): boolean {
  return pathOf(page).startsWith(TOOLOST_PATHS.login);
}

export const TOOLOST_PORTAL: PortalDescription = {
  service: 'toolost',
  loginPath: TOOLOST_PATHS.login,
  jwtCookie: JWT_COOKIE,
  isLoggedIn: toolostIsLoggedIn,
};

// ---------------------------------------------------------------------------------------------
// Page steps: every wait bounded, every failure typed.

/** Marks a promise as handled now (it is awaited later), so a wait armed before a failing step never becomes an unhandled rejection. */
export function armed<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

const isTimeout = (err: unknown): boolean => err instanceof Error && err.name === 'TimeoutError';

function retryAfterOf(res: Response): number | undefined {
  return parseRetryAfter(res.headers()['retry-after']);
}

/**
 * Opens a portal page; an HTTP error becomes its code, and a bounce to the login form is
 * SESSION_EXPIRED unless `probe` (the session check, where a bounce is an answer).
 */
export async function openToolostPage(page: Page, base: string, path: string, probe = false): Promise<void> {
  const res = await page.goto(`${base}${path}`, { waitUntil: 'domcontentloaded' });
  if (res && res.status() >= 400) throw httpError(res.status(), `TooLost GET ${path}`, retryAfterOf(res));
  if (!probe && onToolostLoginPage(page) && !path.startsWith(TOOLOST_PATHS.login)) {
    throw new ExtractionError('SESSION_EXPIRED', `TooLost sent ${path} back to the login form: the session ended during the extraction`);
  }
}

/** Waits for an element the flow needs; its absence is layout drift naming it. */
export async function requireElement(page: Page, selector: string, what: string, where: string, timeoutMs: number): Promise<Locator> {
  const el = page.locator(selector).first();
  try {
    await el.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (err) {
    if (isTimeout(err)) throw layoutDrift(`${what} (${selector})`, where);
    throw err;
  }
  return el;
}

/** A response the flow waited for: none within the timeout is layout drift; an HTTP error its code (naming `endpoint`). */
export async function requireResponse(pending: Promise<Response>, what: string, where: string, endpoint: string): Promise<Response> {
  let res: Response;
  try {
    res = await pending;
  } catch (err) {
    if (isTimeout(err)) throw layoutDrift(what, where);
    throw err;
  }
  if (res.status() >= 400) throw httpError(res.status(), `TooLost GET ${endpoint}`, retryAfterOf(res));
  return res;
}

/**
 * Clicks a download link with the download (and a possible error answer) armed first. The file
 * is still only in the browser's temporary folder: the caller saves it at once.
 */
export async function downloadFrom(page: Page, link: Locator, url: string, what: string, timeoutMs: number): Promise<Download> {
  const download = armed(page.waitForEvent('download', { timeout: timeoutMs }).then((d) => ({ d })));
  // A server error is not a download: Chromium shows the error page instead.
  const refused = armed(page.waitForResponse((r) => r.url() === url && r.status() >= 400, { timeout: timeoutMs }).then((r) => ({ r })));
  await link.click({ timeout: timeoutMs });
  const first = await Promise.race([download, refused]);
  if ('r' in first) throw httpError(first.r.status(), `TooLost ${what}`, retryAfterOf(first.r));
  return first.d;
}

/** Bounds a wait Playwright leaves unbounded (a response body, a transfer): past `ms` it is TIMEOUT. */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExtractionError('TIMEOUT', `TooLost ${what}: not complete within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([armed(p), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Saves a download at once. A transfer may legitimately outlast one page timeout (a large report),
 * so it gets ten of them; one that stalls beyond that is cancelled and reported as TIMEOUT.
 */
export async function saveDownload(download: Download, file: string, what: string, timeoutMs: number): Promise<void> {
  try {
    await within(download.saveAs(file), timeoutMs * 10, `${what} download`);
  } catch (err) {
    await download.cancel().catch(() => undefined);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Login: e-mail and password, then a TOTP code when TooLost asks for one.

export interface ToolostLogin {
  base: string;
  credentials: PortalCredentials;
  totp: TotpSource;
  timeoutMs: number;
  signal: AbortSignal;
  /** Called while waiting for a fresh TOTP window (up to ~35 s): the job reports it is alive. */
  onWait?: () => Promise<void>;
  log(message: string): void;
}

/** Which of the expected outcomes the page shows, once one of them appears. */
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
  const text = await page.locator(TOOLOST_SELECTORS.formError).first().innerText().catch(() => '');
  return text.replace(/\s+/g, ' ').trim().slice(0, 200) || '(no message)';
}

export async function toolostLogin(page: Page, l: ToolostLogin): Promise<void> {
  const { login, password, totpSecret } = l.credentials;
  if (!login || !password) {
    throw new ExtractionError(
      'SESSION_EXPIRED',
      'no valid TooLost session and TOOLOST_EMAIL / TOOLOST_PASSWORD are not set: set them, or log in by hand (npm run login -- toolost)',
    );
  }
  const S = TOOLOST_SELECTORS;
  await openToolostPage(page, l.base, TOOLOST_PATHS.login);
  await (await requireElement(page, S.email, 'the e-mail field', TOOLOST_PATHS.login, l.timeoutMs)).fill(login);
  await (await requireElement(page, S.password, 'the password field', TOOLOST_PATHS.login, l.timeoutMs)).fill(password);
  await (await requireElement(page, S.loginSubmit, 'the sign-in button', TOOLOST_PATHS.login, l.timeoutMs)).click();

  const first = await outcomeOf(page, { error: S.formError, portal: S.logout, totp: S.totpInput }, 'the page after the login form', l.timeoutMs);
  if (first === 'error') throw new ExtractionError('LOGIN_FAILED', `TooLost refused the login: ${await formError(page)}`);
  if (first === 'totp') {
    if (!totpSecret) {
      throw new ExtractionError(
        'TWO_FACTOR_REQUIRED',
        'TooLost asks for a two-factor code and TOOLOST_TOTP_SECRET is not set: set it, or log in by hand (npm run login -- toolost)',
      );
    }
    const code = await l.totp.code(totpSecret, l.signal, l.onWait);
    await (await requireElement(page, S.totpInput, 'the two-factor code field', TOOLOST_PATHS.twoFactor, l.timeoutMs)).fill(code);
    await (await requireElement(page, S.totpSubmit, 'the two-factor verify button', TOOLOST_PATHS.twoFactor, l.timeoutMs)).click();
    const second = await outcomeOf(page, { error: S.formError, portal: S.logout }, 'the page after the two-factor form', l.timeoutMs);
    if (second === 'error') throw new ExtractionError('TWO_FACTOR_FAILED', `TooLost refused the two-factor code: ${await formError(page)}`);
  }
  l.log(first === 'totp' ? 'logged in to TooLost (password and TOTP)' : 'logged in to TooLost (password)');
}
