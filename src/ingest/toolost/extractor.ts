/**
 * TooLost extractor (FORMATS.md "TooLost"), in headless Chromium:
 *  1. Session: when a saved session is still within its JWT expiry, GET /user-portal/dashboard; a
 *     bounce to /login means it ended. Otherwise log in: e-mail and password on /login, then a
 *     TOTP code on /login/two-factor (TOOLOST_TOTP_SECRET). The session is the `jwt_token`
 *     cookie (plus laravel_session, XSRF-TOKEN), saved encrypted with the JWT's `exp`.
 *  2. Analytics: open /user-portal/analytics/platform and keep the JSON the page itself fetches —
 *     GET /api/portal/analytics/spotify?release=&date=thisYear on load, and
 *     GET /api/portal/analytics/apple/?release=&date=thisYear on clicking the Apple Music tab
 *     (each wait armed before the navigation or click that triggers it).
 *  3. Sales reports, after the analytics: /user-portal/notifications lists "Your MM-YYYY Sales
 *     report has been generated" with an attachment; every listed report is downloaded (only the
 *     months overlapping ctx.window when one is given). Reports already loaded are not tracked
 *     here on purpose: the extractor gets no lake, landing keeps each download, and the loader
 *     skips content it has already loaded (same SHA-256), so a re-download never double counts.
 * Captures: spotify_analytics/toolost_spotify_analytics_<ts>.json,
 * apple_analytics/toolost_apple_analytics_<ts>.json, sales_report/toolost_sales_<MM-YYYY>_<ts>.csv
 * (the month in the name is what the cleaner falls back on when a report has no period column).
 * Each payload is checked cheaply before it is captured (JSON top-level keys, CSV header): drift
 * fails the run with SCHEMA_DRIFT and nothing is landed.
 */
import { sessionAccountFor } from '../extract/session-store';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AppConfig, PortalCredentials } from '../../config/config';
import { parseJsonText } from '../json-text';
import { LakeValidationError } from '../lake/validation-error';
import { ExtractionError, layoutDrift, schemaDrift } from '../extract/extraction-error';
import type { ExtractionContext, ExtractionWindow, Extractor } from '../extract/extractor';
import { requireElement } from '../extract/bounded-steps';
import { armed } from '../extract/browser-steps';
import { classifyBrowserError, withPortalBrowser } from '../extract/portal-browser';
import { ensurePortalSession } from '../extract/portal-session';
import { totp as defaultTotp, type TotpSource } from '../extract/totp';
import { APPLE_KEYS } from './apple-analytics.parser';
import { requireTopLevel } from './json-input';
import { parseSalesReport } from './sales-report.parser';
import { SPOTIFY_KEYS } from './spotify-analytics.parser';
import {
  downloadFrom, JWT_COOKIE, openToolostPage, requireResponse, SALES_NOTIFICATION_RE, saveDownload, TOOLOST_ANALYTICS_QUERY,
  TOOLOST_PATHS, TOOLOST_SELECTORS, toolostIsLoggedIn, toolostLogin, within,
} from './portal';

export interface ToolostExtractorDeps {
  /** TOTP codes; tests pass one driven by the simulator's clock. */
  totp?: TotpSource;
}

/** Reports progress and names the step for errors. */
type Step = (progress: number, name: string) => Promise<void>;

interface SalesNotification {
  month: string;
  year: string;
  index: number;
  href: string;
}

export const sessionAccount = sessionAccountFor;

/** The month's days overlap the window (string comparison works on ISO dates; `-31` ends every month). */
function monthInWindow(year: string, month: string, window?: ExtractionWindow): boolean {
  return !window || (`${year}-${month}-01` <= window.to && `${year}-${month}-31` >= window.from);
}

/** Parses and checks an analytics response's top-level keys; any problem is schema drift naming the endpoint. */
function checkAnalyticsJson(body: Buffer, endpoint: string, keys: readonly string[], what: string): void {
  try {
    requireTopLevel(parseJsonText(body.toString('utf8').replace(/^\ufeff/, ''), endpoint, what), endpoint, keys, what);
  } catch (err) {
    if (err instanceof LakeValidationError) throw schemaDrift(`${what} (GET ${endpoint})`, err.message);
    throw err;
  }
}

/** Checks the report's header line with the cleaner's own header rules, before anything is landed. */
async function checkSalesHeader(file: string, name: string): Promise<void> {
  const fd = fs.openSync(file, 'r');
  let firstLine: string;
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    firstLine = head.subarray(0, n).toString('utf8').split(/\r\n|\r|\n/, 1)[0] ?? '';
  } finally {
    fs.closeSync(fd);
  }
  try {
    const only = (async function* () {
      yield `${firstLine}\n`;
    })();
    for await (const _ of parseSalesReport(only, { file: name, names: [name] })) {
      // The header alone yields no rows; parsing it is the check.
    }
  } catch (err) {
    if (err instanceof LakeValidationError) throw schemaDrift(`TooLost sales report ${name}`, err.message);
    throw err;
  }
}

export function createToolostExtractor(portal: PortalCredentials, browser: AppConfig['browser'], deps: ToolostExtractorDeps = {}): Extractor {
  const base = portal.baseUrl.replace(/\/+$/, '');
  const account = sessionAccount(portal.login);
  const timeoutMs = browser.timeoutMs;
  const totp = deps.totp ?? defaultTotp;
  const P = TOOLOST_PATHS;
  const S = TOOLOST_SELECTORS;

  async function ensureSession(ctx: ExtractionContext, page: Page, at: Step): Promise<void> {
    await ensurePortalSession(ctx, {
      service: 'toolost',
      account,
      portal: 'TooLost',
      verb: 'logging in',
      probe: async () => {
        await openToolostPage(page, base, P.dashboard, true);
        return toolostIsLoggedIn(page);
      },
      logIn: async () => {
        await at(10, 'logging in');
        await toolostLogin(page, { base, credentials: portal, totp, timeoutMs, signal: ctx.signal, log: (m) => ctx.log(m), onWait: () => ctx.touch(10, 'waiting for a fresh TOTP window') });
      },
    });
  }


  async function captureAnalytics(ctx: ExtractionContext, page: Page, at: Step): Promise<void> {
    const isApi = (url: string, apiPath: string) => new URL(url).pathname.replace(/\/+$/, '') === apiPath.replace(/\/+$/, '');
    const spotifyWhat = `the Spotify analytics response (GET ${P.spotifyApi})`;
    const spotifyWait = armed(page.waitForResponse((r) => isApi(r.url(), P.spotifyApi), { timeout: timeoutMs }));
    await openToolostPage(page, base, P.analytics);
    const spotifyRes = await requireResponse(spotifyWait, spotifyWhat, P.analytics, P.spotifyApi);
    const spotify = await within(spotifyRes.body(), timeoutMs, `GET ${P.spotifyApi} body`);
    checkAnalyticsJson(spotify, P.spotifyApi, SPOTIFY_KEYS, 'TooLost Spotify analytics');
    await ctx.capture({ stream: 'spotify_analytics', name: 'toolost_spotify_analytics.json', origin: `${base}${P.spotifyApi}${TOOLOST_ANALYTICS_QUERY}`, body: spotify });
    ctx.log(`captured Spotify analytics (${spotify.length} bytes)`);

    await at(40, 'Apple Music analytics');
    const tab = await requireElement(page, S.appleTab, 'the Apple Music tab', P.analytics, timeoutMs);
    const appleWait = armed(page.waitForResponse((r) => isApi(r.url(), P.appleApi), { timeout: timeoutMs }));
    await tab.click();
    const appleRes = await requireResponse(appleWait, `the Apple analytics response (GET ${P.appleApi})`, P.analytics, P.appleApi);
    const apple = await within(appleRes.body(), timeoutMs, `GET ${P.appleApi} body`);
    checkAnalyticsJson(apple, P.appleApi, APPLE_KEYS, 'TooLost Apple analytics');
    await ctx.capture({ stream: 'apple_analytics', name: 'toolost_apple_analytics.json', origin: `${base}${P.appleApi}${TOOLOST_ANALYTICS_QUERY}`, body: apple });
    ctx.log(`captured Apple analytics (${apple.length} bytes)`);
  }

  async function listSalesReports(page: Page): Promise<SalesNotification[]> {
    await openToolostPage(page, base, P.notifications);
    await requireElement(page, S.notificationList, 'the notification list', P.notifications, timeoutMs);
    const items = page.locator(S.notification);
    const out: SalesNotification[] = [];
    for (let index = 0, n = await items.count(); index < n; index++) {
      const item = items.nth(index);
      const m = SALES_NOTIFICATION_RE.exec(await item.innerText({ timeout: timeoutMs }));
      if (!m) continue;
      const link = item.locator(S.attachment);
      const href = (await link.count()) > 0 ? await link.first().getAttribute('href', { timeout: timeoutMs }) : null;
      if (!href) throw layoutDrift(`the attachment link (${S.attachment}) of the ${m[1]}-${m[2]} sales report notification`, P.notifications);
      out.push({ month: m[1], year: m[2], index, href });
    }
    return out;
  }

  async function downloadSalesReports(ctx: ExtractionContext, page: Page, tmp: string, at: Step): Promise<void> {
    const listed = await listSalesReports(page);
    const wanted = listed.filter((r) => monthInWindow(r.year, r.month, ctx.window));
    ctx.log(`${listed.length} sales report(s) listed, ${wanted.length} to download${ctx.window ? ` (window ${ctx.window.from}..${ctx.window.to})` : ''}`);
    for (const [k, r] of wanted.entries()) {
      const label = `${r.month}-${r.year}`;
      await at(60 + Math.round((35 * k) / wanted.length), `sales report ${label}`);
      const url = new URL(r.href, page.url()).href;
      const link = page.locator(S.notification).nth(r.index).locator(S.attachment).first();
      const download = await downloadFrom(page, link, url, `sales report ${label} (GET ${new URL(url).pathname})`, timeoutMs);
      const name = `toolost_sales_${label}.csv`;
      const file = path.join(tmp, `${k}-${name}`);
      await saveDownload(download, file, `sales report ${label}`, timeoutMs);
      await checkSalesHeader(file, name);
      await ctx.capture({ stream: 'sales_report', name, origin: `${url} (${download.suggestedFilename()})`, path: file });
      ctx.log(`downloaded the ${label} sales report (${fs.statSync(file).size} bytes)`);
    }
  }

  return {
    service: 'toolost',
    async extract(ctx) {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'toolost-'));
      let step = 'checking the saved session';
      const at: Step = async (progress, name) => {
        step = name;
        await ctx.touch(progress, name);
      };
      try {
        await withPortalBrowser(ctx, { service: 'toolost', account, browser, jwtCookie: JWT_COOKIE }, async (page, session) => {
          try {
            await at(5, step);
            await ensureSession(ctx, page, at);
            await session.loggedIn();
            await at(20, 'Spotify analytics');
            await captureAnalytics(ctx, page, at);
            await at(55, 'listing sales reports');
            await downloadSalesReports(ctx, page, tmp, at);
            await at(100, 'done');
          } catch (err) {
            if (ctx.signal.aborted && !(err instanceof ExtractionError)) throw err;
            throw classifyBrowserError(err, `TooLost: ${step}`);
          }
        });
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
  };
}
