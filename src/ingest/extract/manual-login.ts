/**
 * Logging in to a portal by hand (`npm run login -- <service> [account]`), for two-factor steps
 * that cannot be automated (SMS, QR code): a Chromium window opens on the login page, the person
 * logs in, and once the portal shows a logged-in page the session is saved encrypted under the
 * account name the extractor looks for, so the next extraction starts logged in.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AppConfig, Service } from '../../config/config';
import { launchChromium } from '../../browser/launch-chromium';
import { DISTROKID_PORTAL } from '../distrokid/portal';
import { LINKTREE_PORTAL } from '../linktree/portal';
import { SPOTIFY_PORTAL } from '../spotify/portal';
import { normaliseHandle } from '../tiktok/file-name';
import { TIKTOK_PORTAL } from '../tiktok/portal';
import { TOOLOST_PORTAL } from '../toolost/portal';
import type { PortalDescription } from './extractor';
import { sessionAccountFor, sessionExpiry, type SessionStore, type StorageState } from './session-store';

/** The services reached through a browser (Meta Ads is an API with a token). */
export type BrowserService = Exclude<Service, 'meta_ads'>;

export const PORTALS: Record<BrowserService, PortalDescription> = {
  toolost: TOOLOST_PORTAL,
  distrokid: DISTROKID_PORTAL,
  spotify: SPOTIFY_PORTAL,
  tiktok: TIKTOK_PORTAL,
  linktree: LINKTREE_PORTAL,
};

/** The variable whose login names the one session of a one-login portal (as its extractor reads it). */
const LOGIN_VARIABLE: Record<Exclude<BrowserService, 'tiktok'>, string> = {
  toolost: 'TOOLOST_EMAIL',
  distrokid: 'DISTROKID_EMAIL',
  spotify: 'SPOTIFY_EMAIL',
  linktree: 'LINKTREE_USERNAME',
};

/** A request that cannot be carried out as given (the CLI exits 2 with the message). */
export class ManualLoginUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManualLoginUsageError';
  }
}

export interface LoginTarget {
  service: BrowserService;
  portal: PortalDescription;
  /** The session file's account: what the extractor will look up. */
  account: string;
  /** Whom to log in as, for the person's eyes: the handle or the configured login. */
  who: string;
  /** `<base URL><login path>`. */
  loginUrl: string;
  /** Things worth telling the person that do not stop the login. */
  notes: string[];
}

/**
 * Checks the request against the configuration and names the session the extractor will read:
 * one-login portals file it under their configured login, TikTok under each handle.
 */
export function resolveLoginTarget(serviceArg: string, accountArg: string | undefined, config: AppConfig): LoginTarget {
  if (serviceArg === 'meta_ads') {
    throw new ManualLoginUsageError('meta_ads has no browser login: the Meta Ads extractor calls the Graph API with META_ACCESS_TOKEN (and META_AD_ACCOUNT_ID); set those instead');
  }
  if (!(serviceArg in PORTALS)) {
    throw new ManualLoginUsageError(`unknown service "${serviceArg}": expected one of ${Object.keys(PORTALS).join(', ')}`);
  }
  const service = serviceArg as BrowserService;
  if (!config.sessions.key) {
    throw new ManualLoginUsageError(
      'SESSION_KEY is not set: sessions are never stored unencrypted, so a manual login would be lost. ' +
        'Set SESSION_KEY to 32 random bytes (64 hex characters, e.g. from `openssl rand -hex 32`), the same value the server and workers use',
    );
  }
  const portal = PORTALS[service];
  const baseUrl = service === 'tiktok' ? config.extractors.tiktok.baseUrl : config.extractors[service].baseUrl;
  const loginUrl = `${baseUrl.replace(/\/+$/, '')}${portal.loginPath}`;
  const notes: string[] = [];

  if (service === 'tiktok') {
    const configured = config.extractors.tiktok.accounts.map((a) => normaliseHandle(a)).filter((h): h is string => h !== null);
    let handle: string | null;
    if (accountArg !== undefined) {
      handle = normaliseHandle(accountArg);
      if (!handle) throw new ManualLoginUsageError(`"${accountArg}" is not a TikTok handle (letters, digits, "." and "_", optionally after @)`);
      if (!configured.includes(handle)) {
        notes.push(`@${handle} is not in TIKTOK_ACCOUNTS (${configured.length ? configured.map((h) => `@${h}`).join(', ') : 'empty'}): add it there, or the extractor will not use this session`);
      }
    } else if (configured.length === 1) {
      handle = configured[0];
    } else {
      throw new ManualLoginUsageError(
        configured.length === 0
          ? 'name the TikTok handle to log in as (npm run login -- tiktok <handle>): TIKTOK_ACCOUNTS is empty'
          : `name the TikTok handle to log in as (npm run login -- tiktok <handle>): TIKTOK_ACCOUNTS lists ${configured.map((h) => `@${h}`).join(', ')}, and each has its own session`,
      );
    }
    return { service, portal, account: handle, who: `@${handle}`, loginUrl, notes };
  }

  // One login per portal: the extractor reads the session filed under its configured login only,
  // so a session saved under any other name would never be used.
  const login = config.extractors[service].login;
  const account = sessionAccountFor(login);
  const variable = LOGIN_VARIABLE[service];
  if (accountArg !== undefined && accountArg !== login && sessionAccountFor(accountArg) !== account) {
    throw new ManualLoginUsageError(
      login
        ? `the ${service} extractor reads the session of ${variable}=${login}, not "${accountArg}": omit the account, or set ${variable} to the login you use`
        : `${variable} is not set, so the ${service} extractor reads the session filed as "default": set ${variable}=${accountArg} (the login you use), then run this again`,
    );
  }
  if (!login) notes.push(`${variable} is not set: the session is filed as "default", which the extractor uses while ${variable} stays unset`);
  return { service, portal, account, who: login ?? 'your account', loginUrl, notes };
}

/** Where SessionStore files a session (same layout: <dir>/<service>/<account>.session.json). */
export function sessionFilePath(sessionsDir: string, service: Service, account: string): string {
  return path.join(sessionsDir, service, `${account}.session.json`);
}

export interface ManualLoginOptions {
  portal: PortalDescription;
  account: string;
  loginUrl: string;
  sessions: SessionStore;
  browser: { chromiumPath?: string; headless: boolean };
  /** How long the person has to complete the login. */
  timeoutMs: number;
  /** Between two logged-in checks (default 1 s). */
  pollMs?: number;
  /**
   * Called with the page once the login page is open, without being awaited: the checks go on
   * meanwhile, as they do while a person types. A test logs in through it; its failure ends the flow.
   */
  onPage?: (page: Page) => Promise<void>;
  /** Aborting closes the browser and ends the flow (Ctrl+C in the CLI). */
  signal?: AbortSignal;
}

export type ManualLoginResult =
  | { outcome: 'saved'; expiresAt: Date | null }
  | { outcome: 'timeout' }
  | { outcome: 'closed' }
  | { outcome: 'cancelled' };

/** True when any open page of the context shows a logged-in portal (the person may have used a new tab). */
async function anyPageLoggedIn(context: BrowserContext, portal: PortalDescription): Promise<boolean> {
  for (const page of context.pages()) {
    try {
      if (await portal.isLoggedIn(page)) return true;
    } catch {
      // A page mid-navigation or just closed: ask again on the next round.
    }
  }
  return false;
}

/**
 * Opens the login page in a fresh context (no saved session: the person logs in from scratch),
 * waits for a logged-in page, then saves the context's cookies and storage encrypted. Nothing is
 * traced or recorded, so typed passwords and codes go nowhere.
 */
export async function manualLogin(opts: ManualLoginOptions): Promise<ManualLoginResult> {
  const pollMs = opts.pollMs ?? 1000;
  const browser: Browser = await launchChromium({ chromiumPath: opts.browser.chromiumPath, headless: opts.browser.headless });
  const onAbort = () => void browser.close().catch(() => undefined);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(opts.loginUrl, { waitUntil: 'domcontentloaded' });
    const hook: { failed: boolean; error?: unknown } = { failed: false };
    opts.onPage?.(page).catch((err: unknown) => {
      hook.failed = true;
      hook.error = err;
    });

    const deadline = Date.now() + opts.timeoutMs;
    for (;;) {
      if (hook.failed) throw hook.error;
      if (opts.signal?.aborted) return { outcome: 'cancelled' };
      // The person closed the window (or every tab): nothing left to wait for.
      if (!browser.isConnected() || context.pages().length === 0) return { outcome: 'closed' };
      if (await anyPageLoggedIn(context, opts.portal)) break;
      const left = deadline - Date.now();
      if (left <= 0) return { outcome: 'timeout' };
      await sleep(Math.min(pollMs, left));
    }

    const state = (await context.storageState()) as StorageState;
    const expiresAt = sessionExpiry(state, opts.portal.jwtCookie);
    opts.sessions.save(opts.portal.service, opts.account, state, expiresAt);
    return { outcome: 'saved', expiresAt };
  } catch (err) {
    // Closing the window mid-step makes Playwright throw "Target closed": that is the person's answer, not a failure.
    if (opts.signal?.aborted) return { outcome: 'cancelled' };
    if (!browser.isConnected() || (err instanceof Error && /Target page, context or browser has been closed|Target closed/.test(err.message))) return { outcome: 'closed' };
    throw err;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await browser.close().catch(() => undefined);
  }
}
