/**
 * npm run screenshots   (node dist/demo/screenshots.js [--out docs/screenshots])
 * Renders every dashboard view on the demo data in headless Chromium, at a desktop and a phone
 * width, into PNG files for the README. The demo's exports are generated and ingested into a
 * scratch warehouse (the configured one is not touched); the Pipeline view is signed in as ADMIN.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../src/browser/launch-chromium';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/config/logger';
import { openWarehouse } from '../src/db/open-warehouse';
import { startHttpServer } from '../src/server/app';
import { createApiToken } from '../src/access/api-tokens';
import { startJobsRuntime } from '../src/jobs/jobs-runtime';
import { planDemoExports, writeDemoExports } from './catalogue';
import { ingestDemoExports } from './ingest-exports';
import { planSourceExports } from './other-sources';

const VIEWS = ['overview', 'platforms', 'catalogue', 'marketing', 'pipeline'] as const;
const SIZES = { desktop: { width: 1440, height: 1000 }, phone: { width: 390, height: 844 } } as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'docs/screenshots' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run screenshots [-- --out docs/screenshots]\n\nRenders each dashboard view on the demo data at desktop and phone widths into PNG files.\n',
    );
    return;
  }
  const outDir = path.resolve(values.out);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-screenshots-'));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: `sqlite:${path.join(scratch, 'warehouse.sqlite')}`,
    DATA_LAKE_DIR: path.join(scratch, 'lake'),
    JOBS_SQLITE_PATH: path.join(scratch, 'jobs.sqlite'),
    SESSION_DIR: path.join(scratch, 'sessions'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'error',
  });
  const logger = createLogger('error');
  const ds = await openWarehouse(config);
  const browser = await launchChromium({ chromiumPath: config.chromiumPath });
  try {
    const plan = planDemoExports(new Date());
    const written = writeDemoExports(path.join(scratch, 'exports'), [...plan.files, ...planSourceExports(plan).files]);
    if (
      !(await ingestDemoExports(
        ds,
        config,
        logger,
        written.map((w) => w.path),
      ))
    )
      throw new Error('a demo export did not load');
    // The ingestion admin (queue only, no worker, no schedule) answers pipelineHealth and the run ledger for the Pipeline view.
    const jobs = await startJobsRuntime(ds, config, logger, { worker: false, scheduler: false });
    const server = await startHttpServer(ds, config, logger, { jobs });
    const token = await createApiToken(ds, 'screenshots', 'ADMIN');
    fs.mkdirSync(outDir, { recursive: true });
    try {
      for (const [size, viewport] of Object.entries(SIZES)) {
        const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.goto(`${server.url}/dashboard`);
        await page.locator('input[name="token"]').fill(token);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.locator('.topbar .who').waitFor();
        for (const view of VIEWS) {
          await page.goto(`${server.url}/dashboard?view=${view}`);
          await page.locator(`main[data-view="${view}"]`).waitFor();
          await page
            .locator('main .loading')
            .waitFor({ state: 'detached' })
            .catch(() => undefined);
          // Charts animate in; the picture is of the settled chart.
          await page.waitForTimeout(1200);
          const file = path.join(outDir, `${view}-${size}.png`);
          await page.screenshot({ path: file, fullPage: size === 'desktop' });
          process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
        }
        await context.close();
      }
    } finally {
      await server.close();
      await jobs.stop();
    }
  } finally {
    await browser.close();
    await ds.destroy();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
