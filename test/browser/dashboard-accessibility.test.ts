import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/browser/launch-chromium';
import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { tempDir } from '../helpers/databases';
import { writeBankExport, writeStreamsPage } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { testEnv } from '../helpers/test-env';
import { loadMarketingData, plantQuarantinedFiles } from './dashboard-data';
import { buildDashboard, eventually, openPage, type OpenedPage } from './dashboard-env';

const describeWithBrowser = testEnv.chromiumExecutable
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, body);

const RANGE = 'range=custom&from=2025-01-01&to=2025-06-30&grain=MONTH';
const VIEWS = ['overview', 'platforms', 'catalogue', 'marketing', 'pipeline'] as const;

/** Elements a keyboard user must be able to reach: every visible, enabled control. */
const CONTROLS =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tabs through the page from the top and returns how many of its controls were never focused (with a description of each). */
async function unreachableByKeyboard(page: Page): Promise<string[]> {
  await page.evaluate(`(() => {
    window.__focused = new Set();
    document.addEventListener('focusin', (e) => window.__focused.add(e.target), true);
    document.activeElement && document.activeElement.blur && document.activeElement.blur();
  })()`);
  const total = await page.locator(CONTROLS).count();
  // Tab until the focus comes back to where it started (the page wraps around), at most twice round;
  // a focus trap would keep the walk from ever reaching the rest.
  await page.keyboard.press('Tab');
  const first = await page.evaluate<string>(`document.activeElement && document.activeElement.outerHTML`);
  for (let i = 0; i < 2 * total + 5; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate<string>(`document.activeElement && document.activeElement.outerHTML`)) === first) break;
  }
  return page.evaluate<string[]>(`(() => {
    const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
    return [...document.querySelectorAll(${JSON.stringify(CONTROLS)})]
      .filter((el) => visible(el) && !window.__focused.has(el))
      .map((el) => el.tagName.toLowerCase() + ' "' + (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().slice(0, 40) + '"');
  })()`);
}

describeWithBrowser('dashboard accessibility in Chromium (axe-core, keyboard, text alternatives)', () => {
  let server: TestServer;
  let browser: Browser;
  const dir = tempDir('dashboard-a11y');

  beforeAll(async () => {
    buildDashboard();
    // The ingestion admin (queue only) answers pipelineHealth, so the Pipeline view shows its data.
    server = await startTestServer('sqlite', {}, { worker: false });
    const bank = writeBankExport(dir, 'dk_bank_details_20250701_090000.tsv', { rows: 800 });
    const page = writeStreamsPage(dir, 'streams_stats_20250701_090000.html', '2025-06-30');
    const summaries = await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([bank.file, page.file]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded']);
    // Marketing and Pipeline are checked with data present: campaigns, TikTok, Linktree, audience, and quarantined files.
    await loadMarketingData(server, `${dir}/demo`);
    await plantQuarantinedFiles(server, `${dir}/bad`);
    browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openView(view: (typeof VIEWS)[number]): Promise<OpenedPage> {
    const o = await openPage(browser, `${server.url}/dashboard?view=${view}&${RANGE}`);
    await o.page.locator('input[name="token"]').fill(server.adminToken);
    await o.page.getByRole('button', { name: 'Sign in' }).click();
    await o.page.locator(`main[data-view="${view}"]`).waitFor();
    // Wait until the view's data has arrived (no loading placeholder left).
    await eventually(() => o.page.evaluate(`String(!document.querySelector('main .loading'))`), 'true', 30_000);
    return o;
  }

  it('the sign-in form has no serious or critical axe violation', async () => {
    const o = await openPage(browser, `${server.url}/dashboard`);
    await o.page.locator('input[name="token"]').waitFor();
    const result = await new AxeBuilder({ page: o.page }).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(result.passes.length).toBeGreaterThan(5);
    await o.page.context().close();
  });

  for (const view of VIEWS) {
    it(`${view}: no serious or critical axe violation, every control reachable by keyboard, every chart has a text alternative`, async () => {
      const o = await openView(view);
      const result = await new AxeBuilder({ page: o.page }).analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map(
          (v) =>
            `${v.id}: ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')})`,
        ),
      ).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(5);

      expect(await o.page.locator(CONTROLS).count()).toBeGreaterThan(3);
      expect(await unreachableByKeyboard(o.page)).toEqual([]);

      // A chart is an image to assistive technology, named, with its table view one key press away.
      const charts = o.page.locator('[data-chart]');
      for (let i = 0; i < (await charts.count()); i++) {
        const chart = charts.nth(i);
        expect(await chart.locator('[role="img"][aria-label], .chart-empty').count()).toBe(1);
        expect(await chart.locator('button[aria-pressed]', { hasText: /table/i }).count()).toBe(1);
      }
      expect(o.problems).toEqual([]);
      await o.page.context().close();
    });
  }

  it('marketing and pipeline were checked with their data on screen', async () => {
    const marketing = await openView('marketing');
    expect(await marketing.page.locator('[data-table="campaigns"] tbody tr td.num').count()).toBeGreaterThan(0);
    expect(await marketing.page.locator('[data-chart] canvas').count()).toBeGreaterThan(1);
    await marketing.page.context().close();
    const pipeline = await openView('pipeline');
    expect(await pipeline.page.locator('[data-table="quarantine"] [data-action="releaseQuarantinedFile"]').count()).toBe(2);
    await pipeline.page.context().close();
  });

  it('the confirmation dialog of Release is modal, named, keyboard operable, and has no serious or critical axe violation', async () => {
    const o = await openView('pipeline');
    const release = o.page.locator('[data-action="releaseQuarantinedFile"]').first();
    await release.focus();
    await o.page.keyboard.press('Enter');
    const dialog = o.page.getByRole('dialog', { name: /^Release .+\?$/ });
    await dialog.waitFor();
    const result = await new AxeBuilder({ page: o.page }).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    // Focus starts on Cancel and Tab stays inside the dialog (the page behind is inert).
    expect(await o.page.evaluate<string>(`document.activeElement.textContent`)).toBe('Cancel');
    for (let i = 0; i < 4; i++) {
      await o.page.keyboard.press('Tab');
      expect(await o.page.evaluate<boolean>(`!!document.activeElement.closest('dialog')`)).toBe(true);
    }
    // Escape cancels and gives the focus back to the button that opened it.
    await o.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await release.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it("the table view of a chart opens from the keyboard and shows the chart's data as a table", async () => {
    const o = await openView('overview');
    const chart = o.page.locator('[data-chart]').first();
    const toggle = chart.locator('button[aria-pressed]');
    await toggle.focus();
    await o.page.keyboard.press('Enter');
    const rows = chart.locator('table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await o.page.context().close();
  });
});
