/**
 * The DistroKid web app as the extractor sees it: paths, the selectors it relies on, its session
 * (a 30-day cookie, signed in when a page offers "Sign out") and its sign-in form (e-mail and
 * password, then a TOTP code when the account has authenticator-app 2FA). One place to update
 * when DistroKid changes its layout.
 */
import type { PortalConfig } from '../extract/portal-config';

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

const P = DISTROKID_PATHS;
const S = DISTROKID_SELECTORS;
const BY_HAND = 'log in by hand (npm run login -- distrokid)';

export const DISTROKID_PORTAL: PortalConfig = {
  service: 'distrokid',
  name: 'DistroKid',
  loginPath: P.signin,
  waitUntil: 'load',
  navigationFailures: 'step',
  stepPrefix: 'DistroKid: ',
  session: {
    loginForm: /^\/signin/,
    signedIn: { selector: S.signout },
    probePath: P.dashboard,
    account: { kind: 'login', variable: 'DISTROKID_EMAIL' },
  },
  login: {
    path: P.signin,
    user: { selector: S.email, label: 'the e-mail field' },
    password: S.password,
    submit: { selector: S.signinSubmit, label: 'the sign-in button' },
    error: S.formError,
    refusalReloadsForm: true,
    totp: { path: P.twoFactor, input: S.totpInput, submit: S.totpSubmit },
  },
  wording: {
    checkStep: 'checking the saved session',
    loginStep: 'signing in',
    probeWhere: `DistroKid GET ${P.dashboard}`,
    pageWhere: 'DistroKid GET {path}',
    sessionValid: 'saved DistroKid session is valid',
    sessionRefused: 'saved DistroKid session was refused by the portal: signing in',
    sessionExpired: 'saved DistroKid session has expired: signing in',
    noSession: 'no saved DistroKid session: signing in',
    noCredentials: {
      saved: `no valid DistroKid session and DISTROKID_EMAIL / DISTROKID_PASSWORD are not set: set them, or ${BY_HAND}`,
      none: `no valid DistroKid session and DISTROKID_EMAIL / DISTROKID_PASSWORD are not set: set them, or ${BY_HAND}`,
    },
    formWhere: P.signin,
    refused: 'DistroKid refused the sign-in: {formError}',
    challenged: `DistroKid asks for a two-factor code and DISTROKID_TOTP_SECRET is not set: set it, or ${BY_HAND}`,
    noTotpSecret: `DistroKid asks for a two-factor code and DISTROKID_TOTP_SECRET is not set: set it, or ${BY_HAND}`,
    loggedIn: 'signed in to DistroKid ({factors})',
    sessionEnded: 'DistroKid sent {path} back to the sign-in form: the session ended during the extraction',
  },
};
