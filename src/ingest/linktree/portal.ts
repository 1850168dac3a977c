import { sessionAccountFor } from '../extract/session-store';
import type { PortalDescription } from '../extract/extractor';

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
export function isLinktreeGraphqlUrl(url: string): boolean {
  return /\/graphql\/?$/.test(new URL(url).pathname);
}

export function isLinktreeLoginUrl(url: string): boolean {
  return /\/login\/?$/.test(new URL(url).pathname);
}

export function isLinktreeChallengeUrl(url: string): boolean {
  return /\/challenge\/?$/.test(new URL(url).pathname);
}

export const linktreeSessionAccount = sessionAccountFor;

export const LINKTREE_PORTAL: PortalDescription = {
  service: 'linktree',
  loginPath: LINKTREE_PATHS.login,
  async isLoggedIn(page) {
    const url = new URL(page.url());
    return url.pathname.startsWith(LINKTREE_PATHS.admin) && (await page.locator(LINKTREE_SELECTORS.adminNav).count()) > 0;
  },
};
