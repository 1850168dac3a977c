/**
 * The Linktree admin as the extractor sees it: paths, selectors, its session (signed in on an
 * /admin page showing the admin navigation) and its login form (username and password).
 */
import type { PortalConfig } from '../extract/portal-config';

/** Where things are on Linktree (paths under the base URL). */
export const LINKTREE_PATHS = {
  login: '/login',
  /** The admin home: a logged-in page, redirected to the login form otherwise. */
  admin: '/admin',
  analytics: '/admin/analytics',
};

export const LINKTREE_SELECTORS = {
  loginUser: '#username',
  loginPassword: '#password',
  loginSubmit: '#login-submit',
  loginError: '.login-error',
  challenge: '#verification-code',
  adminNav: '[data-testid="admin-nav"]',
  dateRange: '[data-testid="analytics-date-range"]',
  granularity: '[data-testid="analytics-granularity"]',
};

/** The operation whose answer carries the daily series (`data.getAccountAnalytics.overview.timeseries`). */
export const ANALYTICS_OPERATION = 'getAccountAnalytics';

/** The GraphQL endpoint the admin calls (graph.linktr.ee/graphql, or /graphql on the same host). */
export const LINKTREE_GRAPHQL_PATH = /\/graphql\/?$/;

const S = LINKTREE_SELECTORS;
const SESSION_ENDED = 'Linktree: {state} and LINKTREE_USERNAME/LINKTREE_PASSWORD are not set: set them or run `npm run login -- linktree`';

export const LINKTREE_PORTAL: PortalConfig = {
  service: 'linktree',
  name: 'Linktree',
  loginPath: LINKTREE_PATHS.login,
  waitUntil: 'domcontentloaded',
  navigationFailures: 'page',
  stepPrefix: '',
  session: {
    loginForm: /\/login\/?$/,
    challenge: { path: /\/challenge\/?$/, selector: S.challenge },
    signedIn: { pathPrefix: LINKTREE_PATHS.admin, selector: S.adminNav },
    probePath: LINKTREE_PATHS.admin,
    marker: 'the admin navigation',
    account: { kind: 'login', variable: 'LINKTREE_USERNAME' },
  },
  login: {
    path: LINKTREE_PATHS.login,
    user: { selector: S.loginUser, label: 'the username field' },
    password: S.loginPassword,
    submit: { selector: S.loginSubmit, label: 'the "Log in" button' },
    error: S.loginError,
    refusalReloadsForm: false,
  },
  wording: {
    checkStep: 'checking the saved Linktree session',
    probeWhere: 'the Linktree admin',
    pageWhere: '{where}',
    sessionValid: 'Linktree: the saved session is still valid, no login needed',
    sessionRefused: 'Linktree: the saved session has expired, logging in',
    sessionExpired: 'Linktree: the saved session has expired, logging in',
    noSession: 'Linktree: no saved session, logging in',
    noCredentials: {
      saved: SESSION_ENDED.replace('{state}', 'the saved session has expired'),
      none: SESSION_ENDED.replace('{state}', 'there is no saved session'),
    },
    formWhere: 'the Linktree login page',
    refused: 'Linktree refused the login: check LINKTREE_USERNAME and LINKTREE_PASSWORD',
    challenged: 'Linktree asked for a verification code, which cannot be automated: run `npm run login -- linktree` to log in by hand',
    loggedIn: 'Linktree: logged in',
    sessionEnded: 'Linktree sent {where} to the login form: the session ended during the extraction',
  },
};
