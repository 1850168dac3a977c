/**
 * The one runner of the browser portals: for each account a browser with its saved session
 * restored, the session checked on a signed-in page, the login form only when it was refused
 * (with TOTP when the portal asks), then the portal's page handlers, whose captures are staged
 * for landing. What differs between portals is their config (data) and their handlers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AppConfig, PortalCredentials } from '../../config/config';
import { ExtractionError } from '../../errors/extraction-error';
import type { ExtractionContext, ExtractionWindow, Extractor } from './extractor';
import { formLogin } from './form-login';
import { element, open } from './page-steps';
import { fill, isSignedIn, onLoginForm, type PortalConfig } from './portal-config';
import { classifyBrowserError, isBrowserFailure } from './portal-errors';
import { type PortalSession, withPortalBrowser } from './portal-browser';
import { totp as defaultTotp, type TotpSource } from './totp';

/** What a page handler gets: the signed-in page and the run around it. */
export interface PortalPages {
  page: Page;
  ctx: ExtractionContext;
  /** The portal's base URL, without a trailing slash. */
  base: string;
  /** The session's account (a login, or a TikTok handle). */
  account: string;
  /** Which account of how many, for progress. */
  index: number;
  count: number;
  timeoutMs: number;
  /** A private folder for downloads, removed when the extraction ends. */
  tmp: string;
  /** Reports progress; `step` names the step in the error of a Playwright failure that follows. */
  at(progress: number, step: string): Promise<void>;
  /** Opens a signed-in page: an HTTP error is its code, the login form instead is SESSION_EXPIRED. */
  open(pagePath: string, where?: string): Promise<void>;
}

export interface PortalHandlers<Settings extends PortalCredentials> {
  /** The accounts to extract, one session each; a setting that cannot work fails here, before a browser opens. */
  accounts(settings: Settings): string[];
  /** A run-log line when a window was asked for that the portal's fixed ranges only cover. */
  windowNote?(window: ExtractionWindow): string;
  progress: {
    /** At the session check of account `index` of `count`. */
    check(index: number, count: number): number;
    /** At the login, when the portal's wording has a login step. */
    login?: number;
  };
  /** Reads the portal's pages into captures once the session is signed in. */
  pages(p: PortalPages, settings: Settings): Promise<void>;
  /** After every account's browser has closed. */
  finish?(at: PortalPages['at']): Promise<void>;
}

export interface PortalRunDeps {
  /** TOTP codes; tests pass one driven by the simulator's clock. */
  totp?: TotpSource;
}

/**
 * Playwright's own failures get a code naming the step the run was at; ours, the cancellation
 * the job throws through `touch`, and anything else pass unchanged.
 */
function asExtractionError(err: unknown, step: string, signal: AbortSignal): unknown {
  if (err instanceof ExtractionError || signal.aborted || !isBrowserFailure(err)) return err;
  return classifyBrowserError(err, step);
}

interface SessionRun {
  pages: PortalPages;
  session: PortalSession;
  credentials: PortalCredentials;
  totp: TotpSource;
  loginProgress: number;
}

/** Probes the saved session on a signed-in page; logs in only when the portal sent us to the login form. */
async function ensureSession(portal: PortalConfig, r: SessionRun): Promise<void> {
  const { page, ctx, base, account, timeoutMs } = r.pages;
  const W = portal.wording;
  const S = portal.session;
  const vars = { account };
  const state = ctx.sessions.status(portal.service, account, ctx.now()).state;
  const probeWhere = fill(W.probeWhere, vars);
  await open(page, `${base}${S.probePath}`, {
    where: probeWhere,
    timeoutMs,
    waitUntil: portal.waitUntil,
    failureStep: portal.navigationFailures === 'page' ? `opening ${probeWhere}` : undefined,
  });
  if (!onLoginForm(portal, page.url())) {
    let valid = true;
    if (S.marker !== undefined && S.signedIn.selector !== undefined)
      await element(page, S.signedIn.selector, S.marker, probeWhere, timeoutMs);
    else valid = await isSignedIn(portal, page);
    if (valid) {
      ctx.log(fill(W.sessionValid, vars));
      await r.session.loggedIn();
      return;
    }
  }
  const { login, password } = r.credentials;
  if (!login || !password)
    throw new ExtractionError('SESSION_EXPIRED', fill(state === 'missing' ? W.noCredentials.none : W.noCredentials.saved, vars));
  ctx.log(fill(state === 'missing' ? W.noSession : state === 'expired' ? W.sessionExpired : W.sessionRefused, vars));
  if (W.loginStep !== undefined) await r.pages.at(r.loginProgress, fill(W.loginStep, vars));
  await formLogin(page, portal, base, {
    login,
    password,
    totpSecret: r.credentials.totpSecret,
    totp: r.totp,
    timeoutMs,
    signal: ctx.signal,
    log: (m) => ctx.log(m),
    onWait: () => ctx.touch(r.loginProgress, 'waiting for a fresh TOTP window'),
  });
  if (S.marker !== undefined && S.signedIn.selector !== undefined)
    await element(page, S.signedIn.selector, `${S.marker} after the login`, probeWhere, timeoutMs);
  await r.session.loggedIn();
}

/** The extractor of a browser portal: its config, its handlers, and the settings and browser of the run. */
export function createPortalExtractor<Settings extends PortalCredentials>(
  portal: PortalConfig,
  handlers: PortalHandlers<Settings>,
  settings: Settings,
  browser: AppConfig['browser'],
  deps: PortalRunDeps = {},
): Extractor {
  const base = settings.baseUrl.replace(/\/+$/, '');
  const timeoutMs = browser.timeoutMs;
  const W = portal.wording;
  return {
    service: portal.service,
    async extract(ctx) {
      const accounts = handlers.accounts(settings);
      if (ctx.window && handlers.windowNote) ctx.log(handlers.windowNote(ctx.window));
      let step = 'starting';
      const at = async (progress: number, name: string) => {
        step = name;
        await ctx.touch(progress, name);
      };
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `${portal.service}-`));
      try {
        for (const [index, account] of accounts.entries()) {
          await withPortalBrowser(
            ctx,
            { service: portal.service, account, browser, jwtCookie: portal.session.jwtCookie },
            async (page, session) => {
              const pages: PortalPages = {
                page,
                ctx,
                base,
                account,
                index,
                count: accounts.length,
                timeoutMs,
                tmp,
                at,
                async open(pagePath, where) {
                  const named = fill(W.pageWhere, { path: pagePath, where: where ?? pagePath });
                  await open(page, `${base}${pagePath}`, {
                    where: named,
                    timeoutMs,
                    waitUntil: portal.waitUntil,
                    failureStep: portal.navigationFailures === 'page' ? `opening ${named}` : undefined,
                  });
                  if (onLoginForm(portal, page.url()))
                    throw new ExtractionError('SESSION_EXPIRED', fill(W.sessionEnded, { path: pagePath, where: named }));
                },
              };
              try {
                await at(handlers.progress.check(index, accounts.length), fill(W.checkStep, { account }));
                await ensureSession(portal, {
                  pages,
                  session,
                  credentials: settings,
                  totp: deps.totp ?? defaultTotp,
                  loginProgress: handlers.progress.login ?? 0,
                });
                await handlers.pages(pages, settings);
              } catch (err) {
                throw asExtractionError(err, `${portal.stepPrefix}${step}`, ctx.signal);
              }
            },
          );
        }
        await handlers.finish?.(at);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
  };
}
