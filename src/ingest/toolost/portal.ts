/**
 * The TooLost portal as the extractor sees it: paths, the selectors it relies on, its session
 * (the `jwt_token` cookie, whose JWT `exp` is the session's expiry; signed in on a /user-portal
 * page with the logout link) and its login form (e-mail and password, then a TOTP code when 2FA
 * is on). One place to update when TooLost changes its layout.
 */
import type { PortalConfig } from '../extract/portal-config';

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

/** "Your 04-2025 Sales report has been generated" → month 04, year 2025. */
export const SALES_NOTIFICATION_RE = /Your\s+(0[1-9]|1[0-2])-(\d{4})\s+Sales report has been generated/i;

const P = TOOLOST_PATHS;
const S = TOOLOST_SELECTORS;
const BY_HAND = 'log in by hand (npm run login -- toolost)';

export const TOOLOST_PORTAL: PortalConfig = {
  service: 'toolost',
  name: 'TooLost',
  loginPath: P.login,
  waitUntil: 'domcontentloaded',
  navigationFailures: 'step',
  stepPrefix: 'TooLost: ',
  session: {
    jwtCookie: 'jwt_token',
    loginForm: /^\/login/,
    signedIn: { pathPrefix: '/user-portal', selector: S.logout },
    probePath: P.dashboard,
    account: { kind: 'login', variable: 'TOOLOST_EMAIL' },
  },
  login: {
    path: P.login,
    user: { selector: S.email, label: 'the e-mail field' },
    password: S.password,
    submit: { selector: S.loginSubmit, label: 'the sign-in button' },
    error: S.formError,
    refusalReloadsForm: true,
    totp: { path: P.twoFactor, input: S.totpInput, submit: S.totpSubmit },
  },
  wording: {
    checkStep: 'checking the saved session',
    loginStep: 'logging in',
    probeWhere: `TooLost GET ${P.dashboard}`,
    pageWhere: 'TooLost GET {path}',
    sessionValid: 'saved TooLost session is valid',
    sessionRefused: 'saved TooLost session was refused by the portal: logging in',
    sessionExpired: 'saved TooLost session has expired: logging in',
    noSession: 'no saved TooLost session: logging in',
    noCredentials: {
      saved: `no valid TooLost session and TOOLOST_EMAIL / TOOLOST_PASSWORD are not set: set them, or ${BY_HAND}`,
      none: `no valid TooLost session and TOOLOST_EMAIL / TOOLOST_PASSWORD are not set: set them, or ${BY_HAND}`,
    },
    formWhere: P.login,
    refused: 'TooLost refused the login: {formError}',
    challenged: `TooLost asks for a two-factor code and TOOLOST_TOTP_SECRET is not set: set it, or ${BY_HAND}`,
    noTotpSecret: `TooLost asks for a two-factor code and TOOLOST_TOTP_SECRET is not set: set it, or ${BY_HAND}`,
    loggedIn: 'logged in to TooLost ({factors})',
    sessionEnded: 'TooLost sent {path} back to the login form: the session ended during the extraction',
  },
};
