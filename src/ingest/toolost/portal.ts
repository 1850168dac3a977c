/**
 * The TooLost portal as the extractor sees it: paths, the selectors it relies on, how to tell a
 * logged-in page, bounded page steps and the login (e-mail and password, then a TOTP code when
 * 2FA is on). One place to update when TooLost changes its layout.
 */
import type { Download, Locator, Page, Response } from 'playwright-core';
import { downloadFrom as bareDownloadFrom, saveDownload as bareSaveDownload, within as bareWithin } from '../extract/bounded-steps';
import { isTimeout, retryAfterOf } from '../extract/browser-steps';
import { ExtractionError, httpError, layoutDrift } from '../extract/extraction-error';
import type { PortalDescription } from '../extract/extractor';
import { type PortalLogin, totpFormLogin } from '../extract/totp-form-login';

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

/** Clicks a download link with the download (and a possible error answer) armed first; the caller saves the file at once. */
export function downloadFrom(page: Page, link: Locator, url: string, what: string, timeoutMs: number): Promise<Download> {
  return bareDownloadFrom(page, link, url, `TooLost ${what}`, timeoutMs);
}

/** Bounds a wait Playwright leaves unbounded (a response body): past `ms` it is TIMEOUT. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return bareWithin(p, ms, `TooLost ${what}: not complete within ${ms / 1000} s`);
}

export function saveDownload(download: Download, file: string, what: string, timeoutMs: number): Promise<void> {
  return bareSaveDownload(download, file, timeoutMs, (s) => `TooLost ${what} download: not complete within ${s} s`);
}

// ---------------------------------------------------------------------------------------------
// Login: e-mail and password, then a TOTP code when TooLost asks for one.

export type ToolostLogin = PortalLogin;

const S = TOOLOST_SELECTORS;

export function toolostLogin(page: Page, l: ToolostLogin): Promise<void> {
  return totpFormLogin(
    page,
    {
      portal: 'TooLost',
      form: 'login',
      done: 'logged in to',
      paths: { login: TOOLOST_PATHS.login, twoFactor: TOOLOST_PATHS.twoFactor },
      selectors: { email: S.email, password: S.password, submit: S.loginSubmit, totpInput: S.totpInput, totpSubmit: S.totpSubmit, formError: S.formError, loggedIn: S.logout },
      open: openToolostPage,
      noCredentials: 'no valid TooLost session and TOOLOST_EMAIL / TOOLOST_PASSWORD are not set: set them, or log in by hand (npm run login -- toolost)',
      noTotpSecret: 'TooLost asks for a two-factor code and TOOLOST_TOTP_SECRET is not set: set it, or log in by hand (npm run login -- toolost)',
    },
    l,
  );
}
