/**
 * TooLost page handlers (docs/SOURCES.md#toolost), run signed in by the portal runner (the session
 * is the `jwt_token` cookie, plus laravel_session and XSRF-TOKEN, saved with the JWT's `exp`):
 *  1. Analytics: open /user-portal/analytics/platform and keep the JSON the page itself fetches —
 *     GET /api/portal/analytics/spotify?release=&date=thisYear on load, and
 *     GET /api/portal/analytics/apple/?release=&date=thisYear on clicking the Apple Music tab
 *     (each wait armed before the navigation or click that triggers it).
 *  2. Sales reports, after the analytics: /user-portal/notifications lists "Your MM-YYYY Sales
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
import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'playwright-core';
import type { PortalCredentials } from '../../config/config';
import { parseJsonText } from '../json-text';
import { LakeValidationError } from '../lake/validation-error';
import type { ExtractionWindow } from '../extract/extractor';
import { armed, downloadFrom, element, response, saveDownload, within } from '../extract/page-steps';
import { layoutDrift, schemaDrift } from '../extract/portal-errors';
import type { PortalHandlers, PortalPages } from '../extract/portal-runner';
import { sessionAccountFor } from '../extract/session-store';
import { APPLE_KEYS } from './apple-analytics.parser';
import { requireTopLevel } from './json-input';
import { parseSalesReport } from './sales-report.parser';
import { SPOTIFY_KEYS } from './spotify-analytics.parser';
import { SALES_NOTIFICATION_RE, TOOLOST_ANALYTICS_QUERY, TOOLOST_PATHS as P, TOOLOST_SELECTORS as S } from './portal';

interface SalesNotification {
  month: string;
  year: string;
  index: number;
  href: string;
}

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
    firstLine =
      head
        .subarray(0, n)
        .toString('utf8')
        .split(/\r\n|\r|\n/, 1)[0] ?? '';
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

/** A response body, bounded (Playwright leaves it unbounded). */
const bodyOf = (p: PortalPages, res: Response, endpoint: string): Promise<Buffer> =>
  within(res.body(), p.timeoutMs, `TooLost GET ${endpoint} body: not complete within ${p.timeoutMs / 1000} s`);

async function captureAnalytics(p: PortalPages): Promise<void> {
  const { page, ctx } = p;
  const isApi = (url: string, apiPath: string) => new URL(url).pathname.replace(/\/+$/, '') === apiPath.replace(/\/+$/, '');
  const spotifyWait = armed(page.waitForResponse((r) => isApi(r.url(), P.spotifyApi), { timeout: p.timeoutMs }));
  await p.open(P.analytics);
  const spotifyRes = await response(
    spotifyWait,
    `the Spotify analytics response (GET ${P.spotifyApi})`,
    P.analytics,
    `TooLost GET ${P.spotifyApi}`,
  );
  const spotify = await bodyOf(p, spotifyRes, P.spotifyApi);
  checkAnalyticsJson(spotify, P.spotifyApi, SPOTIFY_KEYS, 'TooLost Spotify analytics');
  await ctx.capture({
    stream: 'spotify_analytics',
    name: 'toolost_spotify_analytics.json',
    origin: `${p.base}${P.spotifyApi}${TOOLOST_ANALYTICS_QUERY}`,
    body: spotify,
  });
  ctx.log(`captured Spotify analytics (${spotify.length} bytes)`);

  await p.at(40, 'Apple Music analytics');
  const tab = await element(page, S.appleTab, 'the Apple Music tab', P.analytics, p.timeoutMs);
  const appleWait = armed(page.waitForResponse((r) => isApi(r.url(), P.appleApi), { timeout: p.timeoutMs }));
  await tab.click();
  const appleRes = await response(appleWait, `the Apple analytics response (GET ${P.appleApi})`, P.analytics, `TooLost GET ${P.appleApi}`);
  const apple = await bodyOf(p, appleRes, P.appleApi);
  checkAnalyticsJson(apple, P.appleApi, APPLE_KEYS, 'TooLost Apple analytics');
  await ctx.capture({
    stream: 'apple_analytics',
    name: 'toolost_apple_analytics.json',
    origin: `${p.base}${P.appleApi}${TOOLOST_ANALYTICS_QUERY}`,
    body: apple,
  });
  ctx.log(`captured Apple analytics (${apple.length} bytes)`);
}

async function listSalesReports(p: PortalPages): Promise<SalesNotification[]> {
  await p.open(P.notifications);
  await element(p.page, S.notificationList, 'the notification list', P.notifications, p.timeoutMs);
  const items = p.page.locator(S.notification);
  const out: SalesNotification[] = [];
  for (let index = 0, n = await items.count(); index < n; index++) {
    const item = items.nth(index);
    const m = SALES_NOTIFICATION_RE.exec(await item.innerText({ timeout: p.timeoutMs }));
    if (!m) continue;
    const link = item.locator(S.attachment);
    const href = (await link.count()) > 0 ? await link.first().getAttribute('href', { timeout: p.timeoutMs }) : null;
    if (!href) throw layoutDrift(`the attachment link (${S.attachment}) of the ${m[1]}-${m[2]} sales report notification`, P.notifications);
    out.push({ month: m[1], year: m[2], index, href });
  }
  return out;
}

async function downloadSalesReports(p: PortalPages): Promise<void> {
  const { page, ctx } = p;
  const listed = await listSalesReports(p);
  const wanted = listed.filter((r) => monthInWindow(r.year, r.month, ctx.window));
  ctx.log(
    `${listed.length} sales report(s) listed, ${wanted.length} to download${ctx.window ? ` (window ${ctx.window.from}..${ctx.window.to})` : ''}`,
  );
  for (const [k, r] of wanted.entries()) {
    const label = `${r.month}-${r.year}`;
    await p.at(60 + Math.round((35 * k) / wanted.length), `sales report ${label}`);
    const url = new URL(r.href, page.url()).href;
    const link = page.locator(S.notification).nth(r.index).locator(S.attachment).first();
    const download = await downloadFrom(page, link, {
      what: `TooLost sales report ${label} (GET ${new URL(url).pathname})`,
      timeoutMs: p.timeoutMs,
      url,
    });
    const name = `toolost_sales_${label}.csv`;
    const file = path.join(p.tmp, `${k}-${name}`);
    // A large report may outlast one page timeout: it gets ten of them.
    const ms = p.timeoutMs * 10;
    await saveDownload(download, file, {
      what: `TooLost sales report ${label} download`,
      ms,
      stalled: `TooLost sales report ${label} download: not complete within ${ms / 1000} s`,
    });
    await checkSalesHeader(file, name);
    await ctx.capture({ stream: 'sales_report', name, origin: `${url} (${download.suggestedFilename()})`, path: file });
    ctx.log(`downloaded the ${label} sales report (${fs.statSync(file).size} bytes)`);
  }
}

export const TOOLOST_HANDLERS: PortalHandlers<PortalCredentials> = {
  accounts: (settings) => [sessionAccountFor(settings.login)],
  progress: { check: () => 5, login: 10 },
  async pages(p) {
    await p.at(20, 'Spotify analytics');
    await captureAnalytics(p);
    await p.at(55, 'listing sales reports');
    await downloadSalesReports(p);
    await p.at(100, 'done');
  },
};
