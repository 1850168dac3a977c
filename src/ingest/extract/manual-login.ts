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
import { type BrowserService, handleOf, isSignedIn, type PortalConfig } from './portal-config';
import { sessionAccountFor, sessionExpiry, type SessionStore, type StorageState } from './session-store';

/** What the manual login needs of the portal registry: the browser portals' configs, and what an API source asks for instead. */
export type LoginPortals = Readonly<Record<Service, { kind: 'browser'; portal: PortalConfig } | { kind: 'api'; credentials: string }>>;

/** A request that cannot be carried out as given (the CLI exits 2 with the message). */
export class ManualLoginUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManualLoginUsageError';
  }
}

export interface LoginTarget {
  service: BrowserService;
  portal: PortalConfig;
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
 * one-login portals file it under their configured login, per-handle portals (TikTok) under each handle.
 */
export function resolveLoginTarget(
  serviceArg: string,
  accountArg: string | undefined,
  config: AppConfig,
  portals: LoginPortals,
): LoginTarget {
  const browserServices = (Object.keys(portals) as Service[]).filter((s) => portals[s].kind === 'browser');
  const entry = Object.hasOwn(portals, serviceArg) ? portals[serviceArg as Service] : undefined;
  if (entry?.kind === 'api') throw new ManualLoginUsageError(`${serviceArg} has no browser login: ${entry.credentials}`);
  if (entry === undefined)
    throw new ManualLoginUsageError(`unknown service "${serviceArg}": expected one of ${browserServices.join(', ')}`);
  const { portal } = entry;
  const service = portal.service;
  if (!config.sessions.key) {
    throw new ManualLoginUsageError(
      'SESSION_KEY is not set: sessions are never stored unencrypted, so a manual login would be lost. ' +
        'Set SESSION_KEY to 32 random bytes (64 hex characters, e.g. from `openssl rand -hex 32`), the same value the server and workers use',
    );
  }
  const settings = config.extractors[service];
  const loginUrl = `${settings.baseUrl.replace(/\/+$/, '')}${portal.loginPath}`;
  const notes: string[] = [];
  const rule = portal.session.account;
  const variable = rule.variable;

  if (rule.kind === 'handle') {
    const listed = 'accounts' in settings ? settings.accounts : [];
    const configured = listed.map((a) => handleOf(portal, a)).filter((h): h is string => h !== null);
    const ask = `name the ${portal.name} handle to log in as (npm run login -- ${service} <handle>)`;
    let handle: string | null;
    if (accountArg !== undefined) {
      handle = handleOf(portal, accountArg);
      if (!handle)
        throw new ManualLoginUsageError(
          `"${accountArg}" is not a ${portal.name} handle (letters, digits, "." and "_", optionally after @)`,
        );
      if (!configured.includes(handle)) {
        notes.push(
          `@${handle} is not in ${variable} (${configured.length ? configured.map((h) => `@${h}`).join(', ') : 'empty'}): add it there, or the extractor will not use this session`,
        );
      }
    } else if (configured.length === 1) {
      handle = configured[0];
    } else {
      throw new ManualLoginUsageError(
        configured.length === 0
          ? `${ask}: ${variable} is empty`
          : `${ask}: ${variable} lists ${configured.map((h) => `@${h}`).join(', ')}, and each has its own session`,
      );
    }
    return { service, portal, account: handle, who: `@${handle}`, loginUrl, notes };
  }

  // One login per portal: the extractor reads the session filed under its configured login only,
  // so a session saved under any other name would never be used.
  const login = settings.login;
  const account = sessionAccountFor(login);
  if (accountArg !== undefined && accountArg !== login && sessionAccountFor(accountArg) !== account) {
    throw new ManualLoginUsageError(
      login
        ? `the ${service} extractor reads the session of ${variable}=${login}, not "${accountArg}": omit the account, or set ${variable} to the login you use`
        : `${variable} is not set, so the ${service} extractor reads the session filed as "default": set ${variable}=${accountArg} (the login you use), then run this again`,
    );
  }
  if (!login)
    notes.push(`${variable} is not set: the session is filed as "default", which the extractor uses while ${variable} stays unset`);
  return { service, portal, account, who: login ?? 'your account', loginUrl, notes };
}

/** Where SessionStore files a session (same layout: <dir>/<service>/<account>.session.json). */
export function sessionFilePath(sessionsDir: string, service: Service, account: string): string {
  return path.join(sessionsDir, service, `${account}.session.json`);
}

export interface ManualLoginOptions {
  portal: PortalConfig;
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
  { outcome: 'saved'; expiresAt: Date | null } | { outcome: 'timeout' } | { outcome: 'closed' } | { outcome: 'cancelled' };

/** True when any open page of the context shows a logged-in portal (the person may have used a new tab). */
async function anyPageLoggedIn(context: BrowserContext, portal: PortalConfig): Promise<boolean> {
  for (const page of context.pages()) {
    try {
      if (await isSignedIn(portal, page)) return true;
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
    const expiresAt = sessionExpiry(state, opts.portal.session.jwtCookie);
    opts.sessions.save(opts.portal.service, opts.account, state, expiresAt);
    return { outcome: 'saved', expiresAt };
  } catch (err) {
    // Closing the window mid-step makes Playwright throw "Target closed": that is the person's answer, not a failure.
    if (opts.signal?.aborted) return { outcome: 'cancelled' };
    if (
      !browser.isConnected() ||
      (err instanceof Error && /Target page, context or browser has been closed|Target closed/.test(err.message))
    )
      return { outcome: 'closed' };
    throw err;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await browser.close().catch(() => undefined);
  }
}
