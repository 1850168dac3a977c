/**
 * The dashboard's range presets in Chromium: the page sends the API's preset (the URL carries its
 * name, never dates), shows the days the API resolved, and every figure and "vs previous period"
 * equals what an independent GraphQL call for the same preset answers. The server's clock is
 * injected (30 June 2025, 22:30 UTC: already 1 July for the label in Europe/Berlin) so the fixture's
 * data fills every preset.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/browser/launch-chromium';
import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { tempDir } from '../helpers/databases';
import { writeBankExport, writeStreamsPage } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { testEnv } from '../helpers/test-env';
import { buildDashboard, eventually, expectedMoney, expectedPct, nano, openPage, type OpenedPage } from './dashboard-env';

const describeWithBrowser = testEnv.chromiumExecutable
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, body);

const PRESETS = [
  'LAST_7_DAYS',
  'LAST_30_DAYS',
  'LAST_90_DAYS',
  'LAST_12_MONTHS',
  'YEAR_TO_DATE',
  'PREVIOUS_MONTH',
  'PREVIOUS_QUARTER',
  'PREVIOUS_YEAR',
];
// 22:30 UTC on 30 June is already 1 July in Berlin: the page must show the label's days, not UTC's or the browser's.
const NOW = new Date('2025-06-30T22:30:00Z');

interface Figures {
  resolvedDateRange: { from: string; to: string; previous: { from: string; to: string } };
  revenueSummary: { net: string; gross: string };
  streamSeries: { totals: { streams: number } };
}
const FIGURES = `query($r: DateRange!) {
  resolvedDateRange(range: $r) { from to previous { from to } }
  revenueSummary(range: $r) { net gross }
  streamSeries(range: $r, grain: YEAR) { totals { streams } }
}`;

describeWithBrowser('dashboard range presets in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const dir = tempDir('dashboard-presets');

  beforeAll(async () => {
    buildDashboard();
    server = await startTestServer('sqlite', { LABEL_TIME_ZONE: 'Europe/Berlin' }, undefined, { now: () => NOW });
    const bank = writeBankExport(dir, 'dk_bank_details_20250701_090000.tsv', { rows: 3000 });
    const page = writeStreamsPage(dir, 'streams_stats_20250701_090000.html', '2025-06-30');
    const summaries = await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([bank.file, page.file]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded']);
    browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(path: string): Promise<OpenedPage> {
    const opened = await openPage(browser, `${server.url}${path}`);
    await opened.page.locator('input[name="token"]').fill(server.viewerToken);
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await opened.page.locator('.topbar .who').waitFor();
    return opened;
  }

  /** The API's answer for a preset, and for its previous period, asked independently of the page. */
  async function apiFigures(preset: string): Promise<{ current: Figures; previous: Figures }> {
    const [current, previous] = await Promise.all([
      server.gql<Figures>(FIGURES, { r: { preset } }),
      server.gql<Figures>(FIGURES, { r: { preset, previous: true } }),
    ]);
    expect(current.body.errors).toBeUndefined();
    expect(previous.body.errors).toBeUndefined();
    return { current: current.body.data!, previous: previous.body.data! };
  }

  /** The page shows `expected` at the selector, once the new preset's answer has replaced the last one. */
  const shows = (o: OpenedPage, selector: string, expected: string) => eventually(() => o.page.locator(selector).innerText(), expected);

  const change = (cur: bigint, prev: bigint) => (prev === 0n ? 'no previous data' : `${expectedPct(cur, prev)} vs previous period`);

  it("picks each preset: the URL carries its name, the page shows the API's days and the API's figures for it", async () => {
    const o = await signIn('/dashboard?range=custom&from=2025-01-01&to=2025-03-31&grain=MONTH');
    await o.page.locator('[data-kpi="net"] .kpi-value').waitFor();
    let withRevenue = 0;
    for (const preset of PRESETS) {
      await o.page.locator('select[name="preset"]').selectOption(preset);
      const url = new URL(o.page.url());
      expect([url.searchParams.get('range'), url.searchParams.get('from'), url.searchParams.get('to')]).toEqual([preset, null, null]);
      const { current, previous } = await apiFigures(preset);
      const days = current.resolvedDateRange;
      await eventually(() => o.page.locator('input[name="from"]').inputValue(), days.from);
      expect(await o.page.locator('input[name="to"]').inputValue()).toBe(days.to);
      await shows(o, '[data-range="current"]', `${days.from} → ${days.to}`);
      await shows(o, '[data-range="previous"]', `${days.previous.from} → ${days.previous.to}`);
      // The previous period the page compares with is the API's for this preset.
      expect(previous.resolvedDateRange).toMatchObject({ from: days.previous.from, to: days.previous.to });
      const net = nano(current.revenueSummary.net);
      await shows(o, '[data-kpi="net"] .kpi-value', expectedMoney(net));
      await shows(o, '[data-kpi="net"] .kpi-change', change(net, nano(previous.revenueSummary.net)));
      await shows(o, '[data-kpi="gross"] .kpi-value', expectedMoney(nano(current.revenueSummary.gross)));
      const streams = BigInt(current.streamSeries.totals.streams);
      await shows(o, '[data-kpi="streams"] .kpi-value', streams.toLocaleString('en-US'));
      await shows(o, '[data-kpi="streams"] .kpi-change', change(streams, BigInt(previous.streamSeries.totals.streams)));
      if (net !== 0n) withRevenue += 1;
    }
    // The fixture's statements reach June 2025: most presets have revenue to compare (the figures above are not all zero).
    expect(withRevenue).toBeGreaterThanOrEqual(5);
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it("a link with a preset reproduces the view, and the platforms view grows against the API's previous period", async () => {
    const o = await signIn('/dashboard?view=platforms&range=PREVIOUS_QUARTER');
    const res = await server.gql<{
      resolvedDateRange: { from: string; to: string; previous: { from: string; to: string } };
      platformComparison: Array<{ platform: { name: string }; net: string; revenueGrowthPct: string | null }>;
    }>(`{ resolvedDateRange(range: { preset: PREVIOUS_QUARTER }) { from to previous { from to } }
          platformComparison(range: { preset: PREVIOUS_QUARTER }) { platform { name } net revenueGrowthPct } }`);
    expect(res.body.errors).toBeUndefined();
    const { resolvedDateRange: days, platformComparison } = res.body.data!;
    // (In UTC it is still 30 June, whose previous quarter would be January to March.)
    // On 1 July the previous quarter is April to June, compared with January to March.
    expect(days).toEqual({ from: '2025-04-01', to: '2025-06-30', previous: { from: '2025-01-01', to: '2025-03-31' } });
    await shows(o, '[data-range="previous"]', `${days.previous.from} → ${days.previous.to}`);
    expect(await o.page.locator('select[name="preset"]').inputValue()).toBe('PREVIOUS_QUARTER');
    await o.page.locator('[data-table="platforms"] tbody tr').first().waitFor();
    const cells = await o.page
      .locator('[data-table="platforms"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const headers = await o.page.locator('[data-table="platforms"] thead th').allInnerTexts();
    const growthColumn = headers.indexOf('Revenue growth');
    expect(growthColumn).toBeGreaterThan(0);
    const onPage = new Map(cells.map((r) => [r[0], r[growthColumn]]));
    const withGrowth = platformComparison.filter((p) => p.revenueGrowthPct !== null);
    expect(withGrowth.length).toBeGreaterThan(0);
    for (const p of platformComparison) {
      const g = p.revenueGrowthPct;
      expect(onPage.get(p.platform.name)).toBe(g === null ? '—' : `${g.startsWith('-') ? '' : '+'}${g}%`);
    }
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });
});
