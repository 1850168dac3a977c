/**
 * DistroKid extractor (FORMATS.md "DistroKid"), in headless Chromium:
 *  1. Session: when a saved session has not expired, GET /dashboard/; a bounce to /signin means it
 *     ended. Otherwise sign in on /signin (e-mail, password) and, when DistroKid asks on
 *     /signin/2fa, give a TOTP code from DISTROKID_TOTP_SECRET (none set → TWO_FACTOR_REQUIRED).
 *  2. /stats/?data=streams: once the page has loaded (signed in: a public page instead is
 *     SESSION_EXPIRED) and the `#trend365day` container is there, the HTML (`page.content()`) is
 *     checked to hold the `trend365day` chart and captured as streams_stats/streams_stats_<ts>.html.
 *  3. /stats/applemusic/: the same with `#chart-last365days` and `chartData.last365days`, captured
 *     as applemusic_stats/applemusic_stats_<ts>.html.
 *  4. /bank/details/ ("excruciating detail"): the "Download TSV" link (a#download-bank-tsv) is
 *     clicked with the download armed first; the file (bare-CR lines, full history) is saved at
 *     once, its header checked, and captured as bank_details/dk_bank_details_<ts>.tsv.
 * Every export is full history or the last 365 days, so ctx.window is not used. A page without
 * its chart data or an export whose header lost a column is SCHEMA_DRIFT, and nothing is landed.
 */
import { sessionAccountFor } from '../extract/session-store';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AppConfig, PortalCredentials } from '../../config/config';
import { LakeValidationError } from '../lake/validation-error';
import { ExtractionError, schemaDrift } from '../extract/extraction-error';
import type { ExtractionContext, Extractor } from '../extract/extractor';
import { requireElement } from '../extract/bounded-steps';
import { classifyBrowserError, withPortalBrowser } from '../extract/portal-browser';
import { ensurePortalSession } from '../extract/portal-session';
import { totp as defaultTotp, type TotpSource } from '../extract/totp';
import { parseBankDetails } from './bank-details.parser';
import { DISTROKID_PATHS, DISTROKID_SELECTORS, distrokidIsLoggedIn, distrokidLogin, downloadFrom, openDistrokidPage, saveDownload } from './portal';
import { parseAppleMusicStatsHtml, parseStreamsStatsHtml } from './stats-pages.parser';

export interface DistrokidExtractorDeps {
  /** TOTP codes; tests pass one driven by the simulator's clock. */
  totp?: TotpSource;
}

type Step = (progress: number, name: string) => Promise<void>;

export const sessionAccount = sessionAccountFor;

/**
 * Runs a cleaner's parser as the check before capturing: what it refuses is schema drift naming
 * the page or file, except a signed-out page, which means the session ended.
 */
async function checked<T>(what: string, check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof LakeValidationError && err.reason.code === 'NOT_SIGNED_IN') throw signedOut(what, err.reason.found);
    if (err instanceof LakeValidationError) throw schemaDrift(what, err.message);
    throw err;
  }
}

function signedOut(what: string, found: string | undefined): ExtractionError {
  return new ExtractionError('SESSION_EXPIRED', `${what} showed DistroKid's public page (${found ?? 'signed out'}): the session ended during the extraction`);
}

/** The header line of a downloaded export (lines end with a bare CR, or CRLF/LF). */
function headerLine(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).toString('utf8').split(/\r\n|\r|\n/, 1)[0] ?? '';
  } finally {
    fs.closeSync(fd);
  }
}

export function createDistrokidExtractor(portal: PortalCredentials, browser: AppConfig['browser'], deps: DistrokidExtractorDeps = {}): Extractor {
  const base = portal.baseUrl.replace(/\/+$/, '');
  const account = sessionAccount(portal.login);
  const timeoutMs = browser.timeoutMs;
  const totp = deps.totp ?? defaultTotp;
  const P = DISTROKID_PATHS;
  const S = DISTROKID_SELECTORS;

  async function ensureSession(ctx: ExtractionContext, page: Page, at: Step): Promise<void> {
    await ensurePortalSession(ctx, {
      service: 'distrokid',
      account,
      portal: 'DistroKid',
      verb: 'signing in',
      probe: async () => {
        await openDistrokidPage(page, base, P.dashboard, true);
        return distrokidIsLoggedIn(page);
      },
      logIn: async () => {
        await at(10, 'signing in');
        await distrokidLogin(page, { base, credentials: portal, totp, timeoutMs, signal: ctx.signal, log: (m) => ctx.log(m), onWait: () => ctx.touch(10, 'waiting for a fresh TOTP window') });
      },
    });
  }


  /** Opens a statistics page, waits for its chart container, checks the chart data and captures the HTML. */
  async function captureStatsPage(
    ctx: ExtractionContext,
    page: Page,
    opts: { path: string; container: string; what: string; stream: string; name: string; parse: (html: string, file: string) => unknown[] },
  ): Promise<void> {
    await openDistrokidPage(page, base, opts.path);
    // A dropped session may answer with the public page instead of a redirect to the sign-in form.
    if (!(await distrokidIsLoggedIn(page))) throw signedOut(`DistroKid ${opts.what} page (${opts.path})`, `title "${await page.title()}"`);
    await requireElement(page, opts.container, `the ${opts.what} chart`, opts.path, timeoutMs, 'attached');
    const html = await page.content();
    const days = await checked(`DistroKid ${opts.what} page (${opts.path})`, () => opts.parse(html, opts.name));
    await ctx.capture({ stream: opts.stream, name: opts.name, origin: `${base}${opts.path}`, body: html });
    ctx.log(`captured the ${opts.what} page (${days.length} days)`);
  }

  async function downloadBankDetails(ctx: ExtractionContext, page: Page, tmp: string): Promise<void> {
    await openDistrokidPage(page, base, P.bankDetails);
    const link = await requireElement(page, S.bankTsvLink, 'the "Download TSV" link', P.bankDetails, timeoutMs);
    const href = await link.getAttribute('href', { timeout: timeoutMs });
    const url = new URL(href ?? '', page.url()).href;
    const download = await downloadFrom(page, link, url, `bank details export (GET ${new URL(url).pathname})`, timeoutMs);
    const name = 'dk_bank_details.tsv';
    const file = path.join(tmp, name);
    await saveDownload(download, file, 'bank details export', timeoutMs);
    const header = headerLine(file);
    await checked(`DistroKid bank details export ${download.suggestedFilename()}`, async () => {
      const only = (async function* () {
        yield `${header}\r`;
      })();
      for await (const _ of parseBankDetails(only, { file: name })) {
        // The header alone yields no rows; parsing it is the check.
      }
    });
    await ctx.capture({ stream: 'bank_details', name, origin: `${url} (${download.suggestedFilename()})`, path: file });
    ctx.log(`downloaded the bank details export (${fs.statSync(file).size} bytes)`);
  }

  return {
    service: 'distrokid',
    async extract(ctx) {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'distrokid-'));
      let step = 'checking the saved session';
      const at: Step = async (progress, name) => {
        step = name;
        await ctx.touch(progress, name);
      };
      if (ctx.window) ctx.log('DistroKid exports are full history / last 365 days: the window is not used');
      try {
        await withPortalBrowser(ctx, { service: 'distrokid', account, browser }, async (page, session) => {
          try {
            await at(5, step);
            await ensureSession(ctx, page, at);
            await session.loggedIn();
            await at(20, 'streams statistics page');
            await captureStatsPage(ctx, page, {
              path: P.streamsStats, container: S.streamsChart, what: 'streams statistics', stream: 'streams_stats', name: 'streams_stats.html', parse: parseStreamsStatsHtml,
            });
            await at(45, 'Apple Music statistics page');
            await captureStatsPage(ctx, page, {
              path: P.appleMusicStats, container: S.appleMusicChart, what: 'Apple Music statistics', stream: 'applemusic_stats', name: 'applemusic_stats.html',
              parse: parseAppleMusicStatsHtml,
            });
            await at(70, 'bank details export');
            await downloadBankDetails(ctx, page, tmp);
            await at(100, 'done');
          } catch (err) {
            if (ctx.signal.aborted && !(err instanceof ExtractionError)) throw err;
            throw classifyBrowserError(err, `DistroKid: ${step}`);
          }
        });
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
  };
}
