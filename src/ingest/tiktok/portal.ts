import type { PortalDescription } from '../extract/extractor';

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

/** TikTok's session cookie: present once a login (password, QR code or SMS) has completed. */
export const TIKTOK_SESSION_COOKIE = 'sessionid';

/** The login form (`/login`, `/login/phone-or-email/email`…), not the verification step after it. */
export function isTikTokLoginUrl(url: string): boolean {
  const path = new URL(url).pathname;
  return /^\/login(\/|$)/.test(path) && !/\/challenge\/?$/.test(path);
}

export function isTikTokChallengeUrl(url: string): boolean {
  return /\/challenge\/?$/.test(new URL(url).pathname);
}

export const TIKTOK_PORTAL: PortalDescription = {
  service: 'tiktok',
  loginPath: TIKTOK_PATHS.login,
  async isLoggedIn(page) {
    if (isTikTokLoginUrl(page.url())) return false;
    return (await page.context().cookies()).some((c) => c.name === TIKTOK_SESSION_COOKIE && c.value !== '');
  },
};
