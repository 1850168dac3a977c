/**
 * The DistroKid web app as the extractor sees it: paths, the selectors it relies on, how to tell
 * a logged-in page, bounded page steps and the login (e-mail and password, then a TOTP code when
 * the account has authenticator-app 2FA). One place to update when DistroKid changes its layout.
 */
import type { Download, Locator, Page } from 'playwright-core';
import { downloadFrom as bareDownloadFrom, saveDownload as bareSaveDownload } from '../extract/bounded-steps';
import { retryAfterOf } from '../extract/browser-steps';
import { ExtractionError, httpError } from '../extract/extraction-error';
import type { PortalDescription } from '../extract/extractor';
import { type PortalLogin, totpFormLogin } from '../extract/totp-form-login';

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
  /** The container of the `trend365day` chart on the streams page (`#chartdiv365` on older layouts). */
  streamsChart: '#trend365day, #chartdiv365',
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

/** Clicks a download link with the download (and a possible error answer) armed first; the caller saves the file at once. */
export function downloadFrom(page: Page, link: Locator, url: string, what: string, timeoutMs: number): Promise<Download> {
  return bareDownloadFrom(page, link, url, `DistroKid ${what}`, timeoutMs);
}

export function saveDownload(download: Download, file: string, what: string, timeoutMs: number): Promise<void> {
  return bareSaveDownload(download, file, timeoutMs, (s) => `DistroKid ${what}: the download did not finish within ${s} s`);
}

// ---------------------------------------------------------------------------------------------
// Login

export type DistrokidLogin = PortalLogin;

const S = DISTROKID_SELECTORS;

export function distrokidLogin(page: Page, l: DistrokidLogin): Promise<void> {
  return totpFormLogin(
    page,
    {
      portal: 'DistroKid',
      form: 'sign-in',
      done: 'signed in to',
      paths: { login: DISTROKID_PATHS.signin, twoFactor: DISTROKID_PATHS.twoFactor },
      selectors: { email: S.email, password: S.password, submit: S.signinSubmit, totpInput: S.totpInput, totpSubmit: S.totpSubmit, formError: S.formError, loggedIn: S.signout },
      open: openDistrokidPage,
      noCredentials: 'no valid DistroKid session and DISTROKID_EMAIL / DISTROKID_PASSWORD are not set: set them, or log in by hand (npm run login -- distrokid)',
      noTotpSecret: 'DistroKid asks for a two-factor code and DISTROKID_TOTP_SECRET is not set: set it, or log in by hand (npm run login -- distrokid)',
    },
    l,
  );
}
