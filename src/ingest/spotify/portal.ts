import { sessionAccountFor } from '../extract/session-store';
import type { PortalDescription } from '../extract/extractor';

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

/** Spotify's login cookie, set once a login has completed. */
export const SPOTIFY_SESSION_COOKIE = 'sp_dc';

/** The audience range picker's value for the last 12 months. */
export const AUDIENCE_RANGE_12_MONTHS = '12months';

/** The login form itself (accounts.spotify.com/…/login, or /login), not the code challenge after it. */
export function isSpotifyLoginUrl(url: string): boolean {
  return /\/login\/?$/.test(new URL(url).pathname);
}

export function isSpotifyChallengeUrl(url: string): boolean {
  return /\/challenge\/?$/.test(new URL(url).pathname);
}

export const spotifySessionAccount = sessionAccountFor;

export const SPOTIFY_PORTAL: PortalDescription = {
  service: 'spotify',
  loginPath: SPOTIFY_PATHS.home,
  async isLoggedIn(page) {
    if (isSpotifyLoginUrl(page.url()) || isSpotifyChallengeUrl(page.url())) return false;
    if ((await page.locator(SPOTIFY_SELECTORS.loggedIn).count()) > 0) return true;
    // After a login on accounts.spotify.com the page may sit elsewhere; the session cookie says it is done.
    return (await page.context().cookies()).some((c) => c.name === SPOTIFY_SESSION_COOKIE && c.value !== '');
  },
};
