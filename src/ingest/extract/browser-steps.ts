/**
 * Page steps the browser extractors share: every wait bounded (by the context's default timeout
 * unless one is given), every failure typed so the run's error names what was missing and where.
 */
import type { Download, Locator, Page, Response } from 'playwright-core';
import { ExtractionError, httpError, layoutDrift, parseRetryAfter } from './extraction-error';
import { classifyBrowserError } from './portal-browser';

export const isTimeout = (err: unknown): boolean => err instanceof Error && err.name === 'TimeoutError';
export const retryAfterOf = (res: Response): number | undefined => parseRetryAfter(res.headers()['retry-after']);

/** A wait armed before the action that triggers it: its failure is read later (or not at all, when the action fails). */
export function armed<T>(wait: Promise<T>): Promise<T> {
  wait.catch(() => undefined);
  return wait;
}

/** The first wait to succeed; when all fail, the first failure classified. */
export async function first<T>(step: string, ...waits: Array<Promise<T>>): Promise<T> {
  try {
    return await Promise.any(waits);
  } catch (err) {
    throw classifyBrowserError(err instanceof AggregateError ? err.errors[0] : err, step);
  }
}

/**
 * Playwright's own errors (a click or wait that failed outside the checks) get a code naming the
 * step; ours, and the cancellation the job throws through `touch`, pass unchanged.
 */
export function asExtractionError(err: unknown, step: string, signal: AbortSignal): unknown {
  if (err instanceof ExtractionError || signal.aborted || !(err instanceof Error)) return err;
  const fromBrowser = err.name === 'TimeoutError' || /^(?:locator|page|frame|browser|browserContext|elementHandle|download|response|request)\.\w+:/.test(err.message);
  return fromBrowser ? classifyBrowserError(err, step) : err;
}

/** Opens a page; a failed navigation is classified, an HTTP error becomes its code. */
export async function open(page: Page, url: string, where: string): Promise<void> {
  let response;
  try {
    response = await page.goto(url, { waitUntil: 'domcontentloaded' });
  } catch (err) {
    throw classifyBrowserError(err, `opening ${where}`);
  }
  const status = response?.status() ?? 200;
  if (status >= 400) throw httpError(status, where, parseRetryAfter(response?.headers()['retry-after']));
}

/** The element, visible; its absence is layout drift naming it and the page. */
export async function visible(page: Page, selector: string, what: string, where: string): Promise<Locator> {
  const locator = page.locator(selector).first();
  try {
    await locator.waitFor({ state: 'visible' });
  } catch (err) {
    if (isTimeout(err)) throw layoutDrift(`${what} (${selector})`, where);
    throw classifyBrowserError(err, where);
  }
  return locator;
}

/** Arms the download and an error page before clicking: a 429/5xx answers instead of a file. */
export async function downloadOf(page: Page, click: () => Promise<void>, what: string): Promise<Download> {
  type Outcome = { file: Download; error?: undefined } | { file?: undefined; error: Response };
  const download = armed(page.waitForEvent('download').then((file): Outcome => ({ file })));
  const failed = armed(page.waitForResponse((r) => r.request().isNavigationRequest() && r.status() >= 400).then((error): Outcome => ({ error })));
  await click().catch((err: unknown) => {
    throw classifyBrowserError(err, what);
  });
  const outcome = await first(what, download, failed).catch((err: unknown) => {
    throw err instanceof ExtractionError && err.code === 'TIMEOUT' ? layoutDrift(what, 'the page (no download started)') : err;
  });
  if (outcome.error === undefined) return outcome.file;
  throw httpError(outcome.error.status(), what, retryAfterOf(outcome.error));
}

/** The finished download on disk, within the timeout (a stalled transfer must not hold the run). */
export async function savedDownload(download: Download, where: string, timeoutMs: number): Promise<string> {
  const what = `the download "${download.suggestedFilename()}" on ${where}`;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ExtractionError('TIMEOUT', `${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([download.path(), deadline]);
  } catch (err) {
    if (err instanceof ExtractionError) throw err;
    const failure = await download.failure().catch(() => null);
    throw new ExtractionError('NETWORK', `${what} failed: ${failure ?? (err instanceof Error ? err.message.split('\n')[0] : String(err))}`);
  } finally {
    clearTimeout(timer);
  }
}

/** A page that needs the session: landing on the login form means it ended during the run. */
export async function openLoggedIn(page: Page, url: string, where: string, portal: string, isLoginUrl: (url: string) => boolean): Promise<void> {
  await open(page, url, where);
  if (isLoginUrl(page.url())) throw new ExtractionError('SESSION_EXPIRED', `${portal} sent ${where} to the login form: the session ended during the extraction`);
}
