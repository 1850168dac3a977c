/**
 * Spotify for Artists as the extractor sees it: paths, selectors, its session (the `sp_dc`
 * cookie; signed in when the user widget shows) and its login form (e-mail and password; an
 * e-mailed verification code cannot be automated and asks for `npm run login -- spotify`).
 */
import type { PortalConfig } from '../extract/portal-config';

/** Where things are on Spotify for Artists (paths under the base URL). */
export const SPOTIFY_PATHS = {
  /** The roster: a logged-in page, redirected to the login form otherwise. */
  home: '/c',
  audience: (artistId: string): string => `/c/artist/${artistId}/audience/stats`,
  songs: (artistId: string): string => `/c/artist/${artistId}/music/songs`,
};

export const SPOTIFY_SELECTORS = {
  loggedIn: '[data-testid="user-widget"]',
  loginUser: '#login-username',
  loginPassword: '#login-password',
  loginSubmit: '#login-button',
  loginError: '.login-error',
  challenge: '#verification-code',
  artistName: '[data-testid="artist-name"]',
  audienceRange: '[data-testid="timeline-range"]',
  exportCsv: '[data-testid="export-csv"]',
  timeFilter: '[data-testid="time-filter"]',
};

/** The audience range picker's value for the last 12 months. */
export const AUDIENCE_RANGE_12_MONTHS = '12months';

const S = SPOTIFY_SELECTORS;
const SESSION_ENDED =
  'Spotify for Artists: {state} and SPOTIFY_EMAIL/SPOTIFY_PASSWORD are not set: set them or run `npm run login -- spotify`';

export const SPOTIFY_PORTAL: PortalConfig = {
  service: 'spotify',
  name: 'Spotify for Artists',
  // The login form lives on accounts.spotify.com: the home page sends a signed-out browser there.
  loginPath: SPOTIFY_PATHS.home,
  waitUntil: 'domcontentloaded',
  navigationFailures: 'page',
  stepPrefix: '',
  session: {
    // The login form itself (accounts.spotify.com/…/login, or /login), not the code challenge after it.
    loginForm: /\/login\/?$/,
    challenge: { path: /\/challenge\/?$/, selector: S.challenge },
    signedIn: { selector: S.loggedIn, cookie: 'sp_dc' },
    probePath: SPOTIFY_PATHS.home,
    marker: 'the signed-in user menu',
    account: { kind: 'login', variable: 'SPOTIFY_EMAIL' },
  },
  login: {
    path: SPOTIFY_PATHS.home,
    user: { selector: S.loginUser, label: 'the e-mail field' },
    password: S.loginPassword,
    submit: { selector: S.loginSubmit, label: 'the "Log In" button' },
    error: S.loginError,
    refusalReloadsForm: false,
  },
  wording: {
    checkStep: 'checking the saved Spotify session',
    loginStep: 'logging in to Spotify for Artists',
    probeWhere: 'the Spotify for Artists home',
    pageWhere: '{where}',
    sessionValid: 'Spotify: the saved session is still valid, no login needed',
    sessionRefused: 'Spotify: the saved session has expired, logging in',
    sessionExpired: 'Spotify: the saved session has expired, logging in',
    noSession: 'Spotify: no saved session, logging in',
    noCredentials: {
      saved: SESSION_ENDED.replace('{state}', 'the saved session has expired'),
      none: SESSION_ENDED.replace('{state}', 'there is no saved session'),
    },
    formWhere: 'the Spotify login page',
    refused: 'Spotify for Artists refused the login: check SPOTIFY_EMAIL and SPOTIFY_PASSWORD',
    challenged:
      'Spotify asked for a verification code sent by e-mail, which cannot be automated: run `npm run login -- spotify` to log in by hand',
    loggedIn: 'Spotify: logged in',
    sessionEnded: 'Spotify for Artists sent {where} to the login form: the session ended during the extraction',
  },
};
