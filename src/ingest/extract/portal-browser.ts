import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { AppConfig, Service } from '../../config/config';
import { launchChromium } from '../../browser/launch-chromium';
import { ExtractionError } from '../../errors/extraction-error';
import { classifyBrowserError } from './portal-errors';
import type { ExtractionContext } from './extractor';
import { sessionExpiry, type StorageState } from './session-store';

export interface PortalBrowserOptions {
  service: Service;
  /** Whose session this is (an e-mail, handle or artist id); names the session file. */
  account: string;
  browser: AppConfig['browser'];
  /** Cookie holding a JWT whose `exp` gives the session's expiry (TooLost `jwt_token`). */
  jwtCookie?: string;
}

/**
 * Runs one portal session in headless Chromium: the saved session (if any) is restored, every
 * wait has a timeout, a trace is recorded; on success the session is saved again (encrypted), on
 * failure a screenshot and the trace are kept with the run. The browser is always closed, also
 * when the run is cancelled (closing it makes every pending wait reject).
 */
export interface PortalSession {
  context: BrowserContext;
  /**
   * Call once authenticated: tracing starts here, so typed passwords and TOTP codes never enter
   * a trace file (a login failure keeps a screenshot only).
   */
  loggedIn(): Promise<void>;
}

export async function withPortalBrowser<T>(
  ctx: ExtractionContext,
  opts: PortalBrowserOptions,
  fn: (page: Page, session: PortalSession) => Promise<T>,
): Promise<T> {
  let browser;
  try {
    browser = await launchChromium({ chromiumPath: opts.browser.chromiumPath, headless: opts.browser.headless });
  } catch (err) {
    throw classifyBrowserError(err, 'launching Chromium');
  }
  const onAbort = () => void browser.close().catch(() => undefined);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const saved = ctx.sessions.load(opts.service, opts.account);
    const context = await browser.newContext({ acceptDownloads: true, ...(saved ? { storageState: saved as never } : {}) });
    context.setDefaultTimeout(opts.browser.timeoutMs);
    context.setDefaultNavigationTimeout(opts.browser.timeoutMs);
    let tracing = false;
    const loggedIn = async () => {
      if (tracing) return;
      await context.tracing.start({ screenshots: true, snapshots: true });
      tracing = true;
    };
    const page = await context.newPage();
    try {
      const result = await fn(page, { context, loggedIn });
      if (tracing) await context.tracing.stop();
      if (ctx.sessions.canPersist) {
        const state = (await context.storageState()) as StorageState;
        ctx.sessions.save(opts.service, opts.account, state, sessionExpiry(state, opts.jwtCookie));
      }
      return result;
    } catch (err) {
      if (!ctx.signal.aborted) await keepFailureArtefacts(ctx, page, tracing ? context : null, opts);
      // A session the portal refused and the extractor could not renew is no longer valid, whatever its cookies say.
      if (err instanceof ExtractionError && (err.code === 'SESSION_EXPIRED' || err.code === 'TWO_FACTOR_REQUIRED'))
        ctx.sessions.markExpired(opts.service, opts.account);
      throw err;
    }
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await browser.close().catch(() => undefined);
  }
}

async function keepFailureArtefacts(
  ctx: ExtractionContext,
  page: Page,
  tracedContext: BrowserContext | null,
  opts: PortalBrowserOptions,
): Promise<void> {
  // Traces hold the session's cookies (network log): readable by the owner only, like the sessions.
  fs.mkdirSync(ctx.artefactsDir, { recursive: true, mode: 0o700 });
  const base = path.join(ctx.artefactsDir, `${opts.service}-${opts.account.replace(/[^A-Za-z0-9._-]/g, '_')}`);
  const shot = `${base}-failure.png`;
  const trace = `${base}-trace.zip`;
  // Short: a page still loading (the slow-page failure) must not hold the run up.
  if (
    await page.screenshot({ path: shot, fullPage: true, timeout: 2000 }).then(
      () => true,
      () => false,
    )
  ) {
    fs.chmodSync(shot, 0o600);
    ctx.addArtefact(shot);
  }
  if (
    tracedContext &&
    (await tracedContext.tracing.stop({ path: trace }).then(
      () => true,
      () => false,
    ))
  ) {
    fs.chmodSync(trace, 0o600);
    ctx.addArtefact(trace);
  }
}
