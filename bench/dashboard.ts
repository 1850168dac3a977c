/**
 * Dashboard budgets (`npm run bench -- --dashboard`): the production bundle's size, and the time from
 * navigation to a fully rendered overview (KPIs filled, every chart drawn) in headless Chromium,
 * against a floor measured in the same run — the time until the same bundle has loaded and parsed
 * (DOMContentLoaded of the same page). The difference is what the dashboard's own work costs: the
 * GraphQL requests, the answers and drawing the charts.
 *
 * Data: a generated DistroKid bank export (`--dashboard-rows`, default 100,000 statement lines) and a
 * streams page, ingested into a fresh SQLite warehouse; the server runs with anonymous read so the page
 * opens straight into the overview, over its default range (the last 12 months of the data).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../src/browser/launch-chromium';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/config/logger';
import { openWarehouse } from '../src/db/open-warehouse';
import { IngestService } from '../src/ingest/ingest-service';
import { realStreamsStatsHtml, streamsCaptures } from '../demo/sample-exports/distrokid-streams-page';
import { startHttpServer } from '../src/server/app';
import { fmtInt, type LatencyStats, latencyStats, round1, table } from './common';
import { generateBankExport } from './generate';

/** What the label's dashboard may weigh, compressed as it travels (gzip), and how long it may take. */
export const DASHBOARD_BUDGETS = { scriptGzipBytes: 350 * 1024, renderOverFloor: 4 } as const;

export interface DashboardBench {
  bundle: Array<{ file: string; bytes: number; gzipBytes: number }>;
  scriptGzipBytes: number;
  /** DOMContentLoaded of the dashboard page: the bundle fetched and parsed (ms). */
  floor: LatencyStats;
  /** Navigation to overview fully rendered (ms). */
  rendered: LatencyStats;
  renderOverFloor: number;
  graphqlRequestsPerLoad: number;
  rows: number;
}

/** Records in `window.__renderedAt` when the KPIs are filled and every chart is drawn (or says it has no data). */
const RENDERED_PROBE = `
  new MutationObserver((_, observer) => {
    const charts = [...document.querySelectorAll('[data-chart]')];
    const done = document.querySelector('[data-kpi="net"] .kpi-value') && charts.length > 0 && charts.every((c) => c.querySelector('canvas, .chart-empty'));
    if (done) { window.__renderedAt = performance.now(); observer.disconnect(); }
  }).observe(document, { subtree: true, childList: true });`;

async function waitForStamp(page: Page): Promise<{ dcl: number; now: number }> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const t = await page.evaluate<{ dcl: number; now: number | undefined }>(
      `({ dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, now: window.__renderedAt })`,
    );
    if (t.now !== undefined) return { dcl: t.dcl, now: t.now };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the overview did not finish rendering within 30 s');
}

const ROOT = path.resolve(__dirname, fs.existsSync(path.resolve(__dirname, '../package.json')) ? '..' : '../..');

function bundleSizes(webDir: string): DashboardBench['bundle'] {
  const assets = path.join(webDir, 'assets');
  return fs
    .readdirSync(assets)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => {
      const bytes = fs.readFileSync(path.join(assets, f));
      return { file: f, bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

export async function benchDashboard(opts: {
  rows: number;
  loads: number;
  chromiumPath?: string;
  log: (m: string) => void;
}): Promise<DashboardBench> {
  const { log } = opts;
  log('building the dashboard (vite build)');
  execFileSync(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'web/vite.config.mts', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const bundle = bundleSizes(path.join(ROOT, 'dist/web'));
  const scriptGzipBytes = bundle.filter((b) => b.file.endsWith('.js')).reduce((s, b) => s + b.gzipBytes, 0);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dashboard-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'warehouse.sqlite')}`,
    DATA_LAKE_DIR: path.join(dir, 'lake'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    ALLOW_ANONYMOUS_READ: 'true',
    JOBS_SQLITE_PATH: path.join(dir, 'jobs.sqlite'),
    SESSION_DIR: path.join(dir, 'sessions'),
    ...(opts.chromiumPath ? { CHROMIUM_PATH: opts.chromiumPath } : {}),
  });
  const logger = createLogger('error');
  const ds = await openWarehouse(config);
  const browser = await launchChromium({ chromiumPath: config.chromiumPath });
  try {
    const bank = path.join(dir, 'dk_bank_details_20250701_090000.tsv');
    await generateBankExport(bank, opts.rows);
    const streams = path.join(dir, 'streams_stats_20250701_090000.html');
    const [capture] = streamsCaptures({ seed: 7, endDates: ['2025-06-30'], days: 360 });
    fs.writeFileSync(streams, realStreamsStatsHtml({ seed: 7, series: capture.series }));
    log(`ingesting ${fmtInt(opts.rows)} statement lines and a streams page`);
    await new IngestService(ds, config.dataLakeDir, logger).ingest([bank, streams]);
    const server = await startHttpServer(ds, config, logger);
    const url = `${server.url}/dashboard?range=custom&from=2024-07-01&to=2025-06-30&grain=MONTH`;
    const floor: number[] = [];
    const rendered: number[] = [];
    let graphqlRequestsPerLoad = 0;
    try {
      // One warm-up load (server caches, Chromium's disk cache is off: every load fetches the bundle).
      for (let i = 0; i <= opts.loads; i++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
        const page = await context.newPage();
        let graphql = 0;
        page.on('request', (r) => {
          if (r.url().endsWith('/graphql')) graphql++;
        });
        // Stamped by the page itself the moment the overview is complete (the CSP forbids string predicates).
        await page.addInitScript(RENDERED_PROBE);
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        const times = await waitForStamp(page);
        if (i > 0) {
          floor.push(times.dcl);
          rendered.push(times.now);
          graphqlRequestsPerLoad = graphql;
        }
        await context.close();
      }
    } finally {
      await server.close();
    }
    const floorStats = latencyStats(floor);
    const renderedStats = latencyStats(rendered);
    return {
      bundle,
      scriptGzipBytes,
      floor: floorStats,
      rendered: renderedStats,
      renderOverFloor: round1(renderedStats.p50Ms / floorStats.p50Ms),
      graphqlRequestsPerLoad,
      rows: opts.rows,
    };
  } finally {
    await browser.close();
    await ds.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatDashboard(r: DashboardBench): string {
  const kb = (n: number) => `${round1(n / 1024)} KB`;
  const sizes = table([['asset', 'bytes', 'gzip'], ...r.bundle.map((b) => [b.file, kb(b.bytes), kb(b.gzipBytes)])]);
  const budget = DASHBOARD_BUDGETS;
  const timing = table([
    ['figure', 'p50', 'p95', 'budget', 'within'],
    ['script, gzip', kb(r.scriptGzipBytes), '', kb(budget.scriptGzipBytes), r.scriptGzipBytes <= budget.scriptGzipBytes ? 'yes' : 'NO'],
    ['floor: bundle loaded and parsed (DOMContentLoaded)', `${round1(r.floor.p50Ms)} ms`, `${round1(r.floor.p95Ms)} ms`, '', ''],
    [
      `overview fully rendered (${r.graphqlRequestsPerLoad} GraphQL requests)`,
      `${round1(r.rendered.p50Ms)} ms`,
      `${round1(r.rendered.p95Ms)} ms`,
      '',
      '',
    ],
    [
      'rendered ÷ floor',
      `${r.renderOverFloor}×`,
      '',
      `≤ ${budget.renderOverFloor}×`,
      r.renderOverFloor <= budget.renderOverFloor ? 'yes' : 'NO',
    ],
  ]);
  return `${sizes}\n\n${timing}`;
}
