/**
 * TikTok Studio as the extractor sees it: paths, selectors, its session (the `sessionid` cookie,
 * one per handle) and its login form. TikTok's own login is often a QR code or an SMS: the
 * password form is used only when TIKTOK_USERNAME/PASSWORD are set.
 */
import type { PortalConfig } from '../extract/portal-config';

/** Where things are on TikTok (paths under the base URL). */
export const TIKTOK_PATHS = {
  login: '/login',
  overview: '/tiktokstudio/analytics/overview',
  followers: '/tiktokstudio/analytics/followers',
  /** The profile API the followers page calls (`?uniqueId=<handle>`). */
  profileApi: '/api/user/detail',
};

export const TIKTOK_SELECTORS = {
  loginUser: 'input[name="username"]',
  loginPassword: 'input[name="password"]',
  loginSubmit: '[data-e2e="login-button"]',
  loginError: '.login-error',
  challenge: '#verification-code',
  accountHandle: '[data-e2e="studio-account-handle"]',
  accountSwitcher: '[data-e2e="account-switcher"]',
  dateRange: '[data-e2e="date-range-select"]',
  downloadData: '[data-e2e="download-data-button"]',
};

const S = TIKTOK_SELECTORS;
/** A handle as people write it (`@Zone.A0`): letters, digits, `_` and `.`, case-insensitive (the rule of file-name.ts). */
const HANDLE = /^@?([a-z0-9._]{1,100})$/i;
const BY_HAND = 'TikTok usually logs in by QR code or SMS: run `npm run login -- tiktok` (or set TIKTOK_USERNAME/TIKTOK_PASSWORD)';

export const TIKTOK_PORTAL: PortalConfig = {
  service: 'tiktok',
  name: 'TikTok',
  loginPath: TIKTOK_PATHS.login,
  waitUntil: 'domcontentloaded',
  navigationFailures: 'page',
  stepPrefix: '',
  session: {
    // The login form (`/login`, `/login/phone-or-email/email`…), not the verification step after it.
    loginForm: /^(?!.*\/challenge\/?$)\/login(?:\/|$)/,
    challenge: { path: /\/challenge\/?$/, selector: S.challenge },
    // Present once a login (password, QR code or SMS) has completed.
    signedIn: { cookie: 'sessionid' },
    probePath: TIKTOK_PATHS.overview,
    account: { kind: 'handle', variable: 'TIKTOK_ACCOUNTS', pattern: HANDLE },
  },
  login: {
    path: TIKTOK_PATHS.login,
    user: { selector: S.loginUser, label: 'the username field' },
    password: S.loginPassword,
    submit: { selector: S.loginSubmit, label: 'the "Log in" button' },
    error: S.loginError,
    refusalReloadsForm: false,
  },
  wording: {
    checkStep: 'checking the saved TikTok session of @{account}',
    probeWhere: 'TikTok Studio analytics',
    pageWhere: '{where}',
    sessionValid: 'TikTok: the saved session of @{account} is still valid, no login needed',
    sessionRefused: 'TikTok: the saved session of @{account} has expired, logging in',
    sessionExpired: 'TikTok: the saved session of @{account} has expired, logging in',
    noSession: 'TikTok: no saved session for @{account}, logging in',
    noCredentials: {
      saved: `TikTok: the saved session of @{account} has expired; ${BY_HAND}`,
      none: `TikTok: there is no saved session for @{account}; ${BY_HAND}`,
    },
    formWhere: 'the TikTok login page',
    refused: 'TikTok refused the login: check TIKTOK_USERNAME and TIKTOK_PASSWORD',
    challenged:
      'TikTok asked for a verification code (SMS/e-mail), which cannot be automated: run `npm run login -- tiktok` to log in by hand',
    loggedIn: 'TikTok: logged in',
    sessionEnded: 'TikTok sent {where} to the login form: the session ended during the extraction',
  },
};
