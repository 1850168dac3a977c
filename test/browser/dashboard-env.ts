import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { nano } from '../helpers/bank-oracle';

const ROOT = path.resolve(__dirname, '../..');

/** Newest modification time under a path (a file, or a folder walked recursively). */
function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, name) => Math.max(m, newestMtime(path.join(p, name))), st.mtimeMs);
}

/**
 * Builds the dashboard from the current web/ sources, as `npm run build` does (a few seconds), when
 * dist/web is older than them. Test files run in parallel workers and the servers they start serve
 * dist/web: a lock (an atomic mkdir) keeps one build at a time, so no server ever serves a page
 * whose assets another build has just replaced.
 */
export function buildDashboard(): void {
  const lock = path.join(ROOT, 'dist', '.web-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || Date.now() > deadline) throw err;
      // A lock left by a killed test run is older than any build takes.
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const index = path.join(ROOT, 'dist/web/index.html');
    const sources = Math.max(newestMtime(path.join(ROOT, 'web')), newestMtime(path.join(ROOT, 'schema.graphql')));
    if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
    execFileSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'web/vite.config.mts', '--logLevel', 'error'], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (!fs.existsSync(index)) throw new Error('vite build wrote no dist/web/index.html');
  } finally {
    fs.rmdirSync(lock);
  }
}

/** "1,234.57 USD": rounds half away from zero, grouped by Intl (not the page's code). */
export function expectedMoney(n: bigint, places = 2): string {
  const neg = n < 0n;
  const unit = 10n ** BigInt(9 - places);
  const abs = ((neg ? -n : n) + unit / 2n) / unit;
  const scale = 10n ** BigInt(places);
  const whole = (abs / scale).toLocaleString('en-US');
  return `${neg && abs !== 0n ? '-' : ''}${whole}.${(abs % scale).toString().padStart(places, '0')} USD`;
}

export function expectedPct(cur: bigint, prev: bigint): string {
  // percent with 1 decimal, half away from zero, from exact integers.
  const scaled = ((cur - prev) * 1000n * 2n) / (prev < 0n ? -prev : prev);
  const rounded = scaled >= 0n ? (scaled + 1n) / 2n : (scaled - 1n) / 2n;
  const abs = rounded < 0n ? -rounded : rounded;
  return `${rounded > 0n ? '+' : rounded < 0n ? '-' : ''}${(abs / 10n).toLocaleString('en-US')}.${abs % 10n}%`;
}

export interface OpenedPage {
  page: Page;
  requests: string[];
  graphqlOperations: string[];
  problems: string[];
}

/** A page that records every request, the GraphQL operation names it sends, and any script error or CSP report. */
export async function openPage(browser: Browser, url: string): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const opened: OpenedPage = { page, requests: [], graphqlOperations: [], problems: [] };
  page.on('request', (r) => {
    opened.requests.push(r.url());
    if (r.url().endsWith('/graphql') && r.method() === 'POST') {
      const body = JSON.parse(r.postData() ?? '{}') as { operationName?: string };
      opened.graphqlOperations.push(body.operationName ?? '(anonymous)');
    }
  });
  page.on('websocket', (ws) => opened.requests.push(ws.url()));
  page.on('pageerror', (e) => opened.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const graphqlStatus = m.text().startsWith('Failed to load resource') && /\/(graphql|dashboard\/session)$/.test(m.location().url);
    if (m.type() === 'error' && !graphqlStatus) opened.problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return opened;
}

/** Everything the page asked for stayed on 127.0.0.1 (blob: downloads carry their page's origin). */
export function foreignRequests(requests: string[]): string[] {
  return requests.filter((u) => {
    const url = new URL(u.startsWith('blob:') ? u.slice(5) : u);
    return url.hostname !== '127.0.0.1' && !u.startsWith('data:');
  });
}

export function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split(/\r\n/)
    .map((l) => l.split(','));
}

export { nano };

/** Polls `read` until it gives `expected` (the page may still show the previous range's figures), then asserts it. */
export async function eventually(read: () => Promise<string>, expected: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}
