/**
 * DistroKid page handlers (docs/SOURCES.md#distrokid), run signed in by the portal runner:
 *  1. /stats/?data=streams: once the page has loaded (signed in: a public page instead is
 *     SESSION_EXPIRED) and the `#trend365day` container is there, the HTML (`page.content()`) is
 *     checked to hold the `trend365day` chart and captured as streams_stats/streams_stats_<ts>.html.
 *  2. /stats/applemusic/: the same with `#chart-last365days` and `chartData.last365days`, captured
 *     as applemusic_stats/applemusic_stats_<ts>.html.
 *  3. /bank/details/ ("excruciating detail"): the "Download TSV" link (a#download-bank-tsv) is
 *     clicked with the download armed first; the file (bare-CR lines, full history) is saved at
 *     once, its header checked, and captured as bank_details/dk_bank_details_<ts>.tsv.
 * Every export is full history or the last 365 days, so ctx.window is not used. A page without
 * its chart data or an export whose header lost a column is SCHEMA_DRIFT, and nothing is landed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PortalCredentials } from '../../config/config';
import { ExtractionError } from '../../errors/extraction-error';
import { LakeValidationError } from '../lake/validation-error';
import { downloadFrom, element, saveDownload } from '../extract/page-steps';
import { isSignedIn } from '../extract/portal-config';
import { schemaDrift } from '../extract/portal-errors';
import type { PortalHandlers, PortalPages } from '../extract/portal-runner';
import { sessionAccountFor } from '../extract/session-store';
import { parseBankDetails } from './bank-details.parser';
import { DISTROKID_PATHS as P, DISTROKID_PORTAL, DISTROKID_SELECTORS as S } from './portal';
import { parseAppleMusicStatsHtml, parseStreamsStatsHtml } from './stats-pages.parser';

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
  return new ExtractionError(
    'SESSION_EXPIRED',
    `${what} showed DistroKid's public page (${found ?? 'signed out'}): the session ended during the extraction`,
  );
}

/** The header line of a downloaded export (lines end with a bare CR, or CRLF/LF). */
function headerLine(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return (
      head
        .subarray(0, n)
        .toString('utf8')
        .split(/\r\n|\r|\n/, 1)[0] ?? ''
    );
  } finally {
    fs.closeSync(fd);
  }
}

interface StatsPage {
  path: string;
  container: string;
  what: string;
  stream: string;
  name: string;
  parse: (html: string, file: string) => unknown[];
}

/** Opens a statistics page, waits for its chart container, checks the chart data and captures the HTML. */
async function captureStatsPage(p: PortalPages, s: StatsPage): Promise<void> {
  await p.open(s.path);
  // A dropped session may answer with the public page instead of a redirect to the sign-in form.
  if (!(await isSignedIn(DISTROKID_PORTAL, p.page)))
    throw signedOut(`DistroKid ${s.what} page (${s.path})`, `title "${await p.page.title()}"`);
  await element(p.page, s.container, `the ${s.what} chart`, s.path, p.timeoutMs, 'attached');
  const html = await p.page.content();
  const days = await checked(`DistroKid ${s.what} page (${s.path})`, () => s.parse(html, s.name));
  await p.ctx.capture({ stream: s.stream, name: s.name, origin: `${p.base}${s.path}`, body: html });
  p.ctx.log(`captured the ${s.what} page (${days.length} days)`);
}

async function downloadBankDetails(p: PortalPages): Promise<void> {
  await p.open(P.bankDetails);
  const link = await element(p.page, S.bankTsvLink, 'the "Download TSV" link', P.bankDetails, p.timeoutMs);
  const href = await link.getAttribute('href', { timeout: p.timeoutMs });
  const url = new URL(href ?? '', p.page.url()).href;
  const download = await downloadFrom(p.page, link, {
    what: `DistroKid bank details export (GET ${new URL(url).pathname})`,
    timeoutMs: p.timeoutMs,
    url,
  });
  const name = 'dk_bank_details.tsv';
  const file = path.join(p.tmp, name);
  // A large export may outlast one page timeout: it gets ten of them.
  const ms = p.timeoutMs * 10;
  await saveDownload(download, file, {
    what: 'DistroKid bank details export',
    ms,
    stalled: `DistroKid bank details export: the download did not finish within ${ms / 1000} s`,
  });
  const header = headerLine(file);
  await checked(`DistroKid bank details export ${download.suggestedFilename()}`, async () => {
    const only = (async function* () {
      yield `${header}\r`;
    })();
    for await (const _ of parseBankDetails(only, { file: name })) {
      // The header alone yields no rows; parsing it is the check.
    }
  });
  await p.ctx.capture({ stream: 'bank_details', name, origin: `${url} (${download.suggestedFilename()})`, path: file });
  p.ctx.log(`downloaded the bank details export (${fs.statSync(file).size} bytes)`);
}

export const DISTROKID_HANDLERS: PortalHandlers<PortalCredentials> = {
  accounts: (settings) => [sessionAccountFor(settings.login)],
  windowNote: () => 'DistroKid exports are full history / last 365 days: the window is not used',
  progress: { check: () => 5, login: 10 },
  async pages(p) {
    await p.at(20, 'streams statistics page');
    await captureStatsPage(p, {
      path: P.streamsStats,
      container: S.streamsChart,
      what: 'streams statistics',
      stream: 'streams_stats',
      name: 'streams_stats.html',
      parse: parseStreamsStatsHtml,
    });
    await p.at(45, 'Apple Music statistics page');
    await captureStatsPage(p, {
      path: P.appleMusicStats,
      container: S.appleMusicChart,
      what: 'Apple Music statistics',
      stream: 'applemusic_stats',
      name: 'applemusic_stats.html',
      parse: parseAppleMusicStatsHtml,
    });
    await p.at(70, 'bank details export');
    await downloadBankDetails(p);
    await p.at(100, 'done');
  },
};
