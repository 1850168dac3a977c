/**
 * The page steps every browser extractor uses: each wait bounded by the timeout it is given (the
 * browser timeout of the run), each failure typed so the run's error names what was missing and
 * where. Playwright failures that are not one of these (a click on a detached element) are left
 * to the runner, which names them by the step the run was at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Locator, Page, Response } from 'playwright-core';
import { ExtractionError } from '../../errors/extraction-error';
import { classifyBrowserError, httpErrorOf, isTimeout, layoutDrift } from './portal-errors';

/** A wait armed before the action that triggers it: its failure is read later (or not at all, when the action fails). */
export function armed<T>(wait: Promise<T>): Promise<T> {
  wait.catch(() => undefined);
  return wait;
}

/** The first wait to succeed; when all fail, the first failure classified as `step`. */
export async function first<T>(step: string, ...waits: Array<Promise<T>>): Promise<T> {
  try {
    return await Promise.any(waits);
  } catch (err) {
    throw classifyBrowserError(err instanceof AggregateError ? err.errors[0] : err, step);
  }
}

/** Waits for an element the flow needs; its absence is layout drift naming it and the page. */
export async function element(
  page: Page,
  selector: string,
  what: string,
  where: string,
  timeoutMs: number,
  state: 'visible' | 'attached' = 'visible',
): Promise<Locator> {
  const el = page.locator(selector).first();
  try {
    await el.waitFor({ state, timeout: timeoutMs });
  } catch (err) {
    if (isTimeout(err)) throw layoutDrift(`${what} (${selector})`, where);
    throw err;
  }
  return el;
}

export interface OpenOptions {
  /** How an HTTP error names the page ("DistroKid GET /bank/details/", "the audience page of …"). */
  where: string;
  timeoutMs: number;
  waitUntil: 'load' | 'domcontentloaded';
  /** Set: a failed navigation is classified as this step; unset: left to the run's current step. */
  failureStep?: string;
}

/** Opens a page; an HTTP error answer becomes its code. */
export async function open(page: Page, url: string, o: OpenOptions): Promise<void> {
  let response: Response | null;
  try {
    response = await page.goto(url, { waitUntil: o.waitUntil, timeout: o.timeoutMs });
  } catch (err) {
    throw o.failureStep === undefined ? err : classifyBrowserError(err, o.failureStep);
  }
  if (response && response.status() >= 400) throw httpErrorOf(response, o.where);
}

/** A response the flow waited for: none within the timeout is layout drift; an HTTP error its code (naming `endpoint`). */
export async function response(pending: Promise<Response>, what: string, where: string, endpoint: string): Promise<Response> {
  let res: Response;
  try {
    res = await pending;
  } catch (err) {
    if (isTimeout(err)) throw layoutDrift(what, where);
    throw err;
  }
  if (res.status() >= 400) throw httpErrorOf(res, endpoint);
  return res;
}

/** What the page function reads of an `<option>` (the product compiles without the DOM library). */
interface OptionElement {
  value: string;
  textContent: string | null;
}

/** The values (and labels) a `<select>` offers. */
export async function optionsOf(select: Locator): Promise<Array<{ value: string; label: string }>> {
  return select.locator('option').evaluateAll((os: OptionElement[]) => os.map((o) => ({ value: o.value, label: o.textContent ?? '' })));
}

export interface DownloadOptions {
  /** Names the download in errors ("DistroKid bank details export (GET /bank/details/export.tsv)"). */
  what: string;
  timeoutMs: number;
  /** The URL the click fetches, when known: only its error answer counts; otherwise any failed navigation. */
  url?: string;
}

/**
 * Clicks with the download and a possible error answer armed first: a 429/5xx answers instead of
 * a file (Chromium shows the error page), and no download at all is layout drift. The file is
 * still in the browser's temporary folder: the caller saves it at once.
 */
export async function downloadFrom(page: Page, trigger: Locator, o: DownloadOptions): Promise<Download> {
  type Outcome = { file: Download; error?: undefined } | { file?: undefined; error: Response };
  const download = armed(page.waitForEvent('download', { timeout: o.timeoutMs }).then((file): Outcome => ({ file })));
  const refused = (r: Response) => r.status() >= 400 && (o.url !== undefined ? r.url() === o.url : r.request().isNavigationRequest());
  const failed = armed(page.waitForResponse(refused, { timeout: o.timeoutMs }).then((error): Outcome => ({ error })));
  await trigger.click({ timeout: o.timeoutMs }).catch((err: unknown) => {
    throw classifyBrowserError(err, o.what);
  });
  const outcome = await first(o.what, download, failed).catch((err: unknown) => {
    throw err instanceof ExtractionError && err.code === 'TIMEOUT' ? layoutDrift(o.what, 'the page (no download started)') : err;
  });
  if (outcome.error === undefined) return outcome.file;
  throw httpErrorOf(outcome.error, o.what);
}

/** Bounds a wait Playwright leaves unbounded (a response body, a transfer): past `ms` it is TIMEOUT with `message`. */
export async function within<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExtractionError('TIMEOUT', message)), ms);
  });
  try {
    return await Promise.race([armed(p), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Saves a download to `file` at once; one that stalls past `ms` is cancelled and reported as
 * TIMEOUT (`stalled`), one the browser reports failed is NETWORK.
 */
export async function saveDownload(download: Download, file: string, o: { what: string; ms: number; stalled: string }): Promise<void> {
  try {
    await within(download.saveAs(file), o.ms, o.stalled);
  } catch (err) {
    await download.cancel().catch(() => undefined);
    if (err instanceof ExtractionError) throw err;
    const failure = await download.failure().catch(() => null);
    throw new ExtractionError(
      'NETWORK',
      `${o.what} failed: ${failure ?? (err instanceof Error ? err.message.split('\n')[0] : String(err))}`,
    );
  }
}

/** A download saved under its own name in a fresh folder of `dir`, within `timeoutMs` (a stalled transfer must not hold the run). */
export async function savedDownload(download: Download, dir: string, where: string, timeoutMs: number): Promise<string> {
  const what = `the download "${download.suggestedFilename()}" on ${where}`;
  const file = path.join(
    fs.mkdtempSync(path.join(dir, 'download-')),
    download.suggestedFilename().replace(/[^A-Za-z0-9._-]+/g, '_') || 'download',
  );
  await saveDownload(download, file, { what, ms: timeoutMs, stalled: `${what} did not finish within ${timeoutMs} ms` });
  return file;
}
