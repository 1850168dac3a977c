/**
 * Page steps for flows that pass their timeout explicitly (DistroKid, TooLost): a missing element
 * or answer is layout drift naming it, an HTTP error its code, a stalled transfer TIMEOUT.
 */
import type { Download, Locator, Page } from 'playwright-core';
import { ExtractionError, httpError, layoutDrift } from './extraction-error';
import { armed, isTimeout, retryAfterOf } from './browser-steps';

/** Waits for an element the flow needs; its absence is layout drift naming it. */
export async function requireElement(page: Page, selector: string, what: string, where: string, timeoutMs: number, state: 'visible' | 'attached' = 'visible'): Promise<Locator> {
  const el = page.locator(selector).first();
  try {
    await el.waitFor({ state, timeout: timeoutMs });
  } catch (err) {
    if (isTimeout(err)) throw layoutDrift(`${what} (${selector})`, where);
    throw err;
  }
  return el;
}

/** Which of the expected outcomes the page shows, once one of them appears. */
export async function outcomeOf<K extends string>(page: Page, outcomes: Record<K, string>, where: string, timeoutMs: number): Promise<K> {
  const anyOf = Object.values<string>(outcomes).join(', ');
  try {
    await page.locator(anyOf).first().waitFor({ state: 'attached', timeout: timeoutMs });
  } catch (err) {
    if (isTimeout(err)) throw layoutDrift(`one of ${anyOf}`, where);
    throw err;
  }
  for (const key of Object.keys(outcomes) as K[]) if ((await page.locator(outcomes[key]).count()) > 0) return key;
  throw layoutDrift(`one of ${anyOf}`, where);
}

/**
 * Clicks a download link with the download (and a possible error answer) armed first. The file
 * is still only in the browser's temporary folder: the caller saves it at once.
 */
export async function downloadFrom(page: Page, link: Locator, url: string, what: string, timeoutMs: number): Promise<Download> {
  const download = armed(page.waitForEvent('download', { timeout: timeoutMs }).then((d) => ({ d })));
  // A server error is not a download: Chromium shows the error page instead.
  const refused = armed(page.waitForResponse((r) => r.url() === url && r.status() >= 400, { timeout: timeoutMs }).then((r) => ({ r })));
  await link.click({ timeout: timeoutMs });
  const first = await Promise.race([download, refused]);
  if ('r' in first) throw httpError(first.r.status(), what, retryAfterOf(first.r));
  return first.d;
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
 * Saves a download at once. A transfer may legitimately outlast one page timeout (a large export),
 * so it gets ten of them; one that stalls beyond that is cancelled and reported as TIMEOUT.
 */
export async function saveDownload(download: Download, file: string, timeoutMs: number, stalled: (seconds: number) => string): Promise<void> {
  try {
    await within(download.saveAs(file), timeoutMs * 10, stalled((timeoutMs * 10) / 1000));
  } catch (err) {
    await download.cancel().catch(() => undefined);
    throw err;
  }
}

