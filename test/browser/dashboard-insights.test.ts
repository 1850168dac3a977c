import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/browser/launch-chromium';
import { tempDir } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { testEnv } from '../helpers/test-env';
import { loadInsightsData, parseQuotedCsv, plantQuarantinedFiles, tableRows } from './dashboard-data';
import { buildDashboard, eventually, expectedMoney, nano, openPage, type OpenedPage } from './dashboard-env';

const describeWithBrowser = testEnv.chromiumExecutable
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, body);

interface Health {
  service: string;
  dataQuality: number;
}
interface Quality {
  overall: number;
  scores: Array<{ name: string; score: number; weight: number; rule: string }>;
  failedChecks: Array<{ check: string; count: number; detail: string }>;
}
interface Anomaly {
  period: string;
  source: string;
  kind: string;
  value: string;
  expected: string | null;
  reason: string;
  platform: { name: string } | null;
  artist: { name: string } | null;
}
interface ForecastAnswer {
  levelPercent: number;
  series: Array<{
    source: string;
    platform: { name: string } | null;
    method: { name: string };
    points: Array<Record<'period' | 'value' | 'lower' | 'upper', string>>;
  }>;
}

/** A score as the page should word it: a percent with one decimal (Intl, not the page's code). */
const pct = (score: number) =>
  new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
const grade = (score: number) => (score >= 0.9 ? 'good' : score >= 0.75 ? 'fair' : 'poor');
/** A streams Decimal with one decimal, grouped by Intl from the exact string. */
const streams1 = (d: string) => {
  const n = nano(d);
  const tenths = (n < 0n ? -n : n) / 100_000_000n + (((n < 0n ? -n : n) % 100_000_000n) * 2n >= 100_000_000n ? 1n : 0n);
  return `${n < 0n && tenths ? '-' : ''}${(tenths / 10n).toLocaleString('en-US')}.${tenths % 10n}`;
};

const SERIOUS = (r: { violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }) =>
  r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );

describeWithBrowser('dashboard insights in Chromium: quality badges, anomaly markers, forecast bands', () => {
  let server: TestServer;
  let browser: Browser;
  let planted: Awaited<ReturnType<typeof loadInsightsData>>['planted'];
  let range: { from: string; to: string };
  const dir = tempDir('dashboard-insights');

  beforeAll(async () => {
    buildDashboard();
    server = await startTestServer('sqlite', {}, { worker: false });
    const loaded = await loadInsightsData(server, `${dir}/demo`);
    planted = loaded.planted;
    // Quarantined files lower some services' validity, so the services' scores differ and a badge shown for the wrong service would be seen.
    await plantQuarantinedFiles(server, `${dir}/bad`);
    // The last 90 days of the stats pages: the spike, the zero day and the restated days fall in them, with 8 weeks of baseline before.
    range = { from: addDays(loaded.statsDays.to, -89), to: loaded.statsDays.to };
    // One stored snapshot, so the history has a point (the test loads without the after-load hooks).
    const rec = await server.gql(`mutation { recordDataQuality(service: DISTROKID) { overall } }`, {}, server.adminToken);
    expect(rec.body.errors).toBeUndefined();
    browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  function addDays(day: string, n: number): string {
    return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  }
  const overviewUrl = () => `/dashboard?view=overview&range=custom&from=${range.from}&to=${range.to}&grain=DAY`;

  async function signIn(path: string, token: string): Promise<OpenedPage> {
    const o = await openPage(browser, `${server.url}${path}`);
    await o.page.locator('input[name="token"]').fill(token);
    await o.page.getByRole('button', { name: 'Sign in' }).click();
    await o.page.locator('.topbar .who').waitFor();
    return o;
  }
  async function query<T>(q: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await server.gql<T>(q, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!;
  }
  const badges = (page: Page) =>
    page.locator('[data-quality-badge]').evaluateAll((els) =>
      els.map((el) => ({
        service: el.getAttribute('data-quality-badge') ?? '',
        score: Number(el.getAttribute('data-score')),
        text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
  async function download(page: Page, table: string): Promise<string[][]> {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-table="${table}"] button`, { hasText: 'Download CSV' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`${table}.csv`);
    return parseQuotedCsv(fs.readFileSync(await file.path(), 'utf8'));
  }

  it('a viewer sees each service’s overall quality on the Overview, equal to pipelineHealth and dataQuality, with scores, failed checks and history on demand', async () => {
    const { pipelineHealth } = await query<{ pipelineHealth: Health[] }>(`{ pipelineHealth { service dataQuality } }`);
    const o = await signIn(overviewUrl(), server.viewerToken);
    await o.page.locator('[data-quality-strip] [data-quality-badge]').first().waitFor();
    const shown = await badges(o.page);
    expect(new Set(pipelineHealth.map((h) => h.dataQuality)).size).toBeGreaterThan(1);
    expect(shown.map((b) => b.service)).toEqual(pipelineHealth.map((h) => h.service));
    for (const h of pipelineHealth) {
      const b = shown.find((x) => x.service === h.service)!;
      expect(b.score).toBe(h.dataQuality);
      // The grade is written out and named, not only coloured.
      expect(b.text).toBe(
        `${b.score >= 0.9 ? '✓' : b.score >= 0.75 ? '!' : '✕'} Data quality of ${h.service}: ${pct(h.dataQuality)} ${grade(h.dataQuality)}`,
      );
      // dataQuality(service) over its default range gives the same overall score.
      const { dataQuality } = await query<{ dataQuality: Quality }>(`query($s: Service!) { dataQuality(service: $s) { overall } }`, {
        s: h.service,
      });
      expect(dataQuality.overall).toBe(h.dataQuality);
    }

    // Details on demand: the five scores, the failed checks and the stored history of DISTROKID.
    const { dataQuality: q, dataQualityHistory: history } = await query<{
      dataQuality: Quality;
      dataQualityHistory: Array<{
        computedAt: string;
        overall: number;
        completeness: number;
        accuracy: number;
        consistency: number;
        timeliness: number;
        validity: number;
      }>;
    }>(
      `{ dataQuality(service: DISTROKID) { overall scores { name score weight rule } failedChecks { check count detail } }
         dataQualityHistory(service: DISTROKID, first: 30) { computedAt overall completeness accuracy consistency timeliness validity } }`,
    );
    expect(o.graphqlOperations).not.toContain('DashboardServiceQuality');
    await o.page.locator('[data-quality-strip] summary', { hasText: 'DISTROKID' }).click();
    await o.page.locator('[data-table="quality-scores-distrokid"] tbody tr').first().waitFor();
    expect(await tableRows(o.page, 'quality-scores-distrokid')).toEqual(
      q.scores.map((s) => ({ Score: s.name, Value: pct(s.score), Weight: s.weight.toFixed(2), Rule: s.rule })),
    );
    expect(q.scores.map((s) => s.name).sort()).toEqual(['accuracy', 'completeness', 'consistency', 'timeliness', 'validity']);
    expect(await tableRows(o.page, 'quality-checks-distrokid')).toEqual(
      q.failedChecks.map((c) => ({ Check: c.check, Count: String(c.count), Detail: c.detail })),
    );
    // The history chart is drawn, and its table view gives the snapshots, oldest first.
    expect(history.length).toBeGreaterThan(0);
    const historyCard = o.page.locator('[data-chart="quality-history-distrokid"]');
    await historyCard.locator('[role="img"][aria-label] canvas').first().waitFor();
    await historyCard.locator('button[aria-pressed]').click();
    expect(await tableRows(o.page, 'quality-history-distrokid')).toEqual(
      [...history].reverse().map((s) => ({
        'Computed (UTC)': s.computedAt,
        Overall: pct(s.overall),
        Completeness: pct(s.completeness),
        Accuracy: pct(s.accuracy),
        Consistency: pct(s.consistency),
        Timeliness: pct(s.timeliness),
        Validity: pct(s.validity),
      })),
    );
    expect(o.graphqlOperations.filter((op) => op === 'DashboardServiceQuality')).toHaveLength(1);
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it('the Pipeline view’s service cards carry the same badges as pipelineHealth', async () => {
    const { pipelineHealth } = await query<{ pipelineHealth: Health[] }>(`{ pipelineHealth { service dataQuality } }`);
    const o = await signIn('/dashboard?view=pipeline', server.adminToken);
    await o.page.locator('.health-grid [data-quality-badge]').first().waitFor();
    for (const h of pipelineHealth) {
      const badge = o.page.locator(`section[data-service="${h.service}"] [data-quality-badge]`);
      expect(Number(await badge.getAttribute('data-score'))).toBe(h.dataQuality);
      expect(await badge.locator('.quality-score').innerText()).toBe(pct(h.dataQuality));
    }
    expect(o.graphqlOperations.filter((op) => op.startsWith('Dashboard'))).toEqual(['DashboardPipeline']);
    await o.page.context().close();
  });

  it('lists the anomalies of the range as anomalies(...) answers them, the planted spike and restated days among them, and marks them on the streams chart', async () => {
    const { anomalies } = await query<{ anomalies: Anomaly[] }>(
      `query($r: DateRange!) { anomalies(range: $r, metric: STREAMS, first: 1000) { period source kind value expected reason platform { name } artist { name } } }`,
      { r: range },
    );
    expect(anomalies).toEqual(expect.arrayContaining([expect.objectContaining({ period: planted.spike, kind: 'SPIKE' })]));
    // The restated days the demo planted (Spotify's figures, inside the source's total) are flagged RESTATED.
    const restated = planted.restated.map((d) => d.date).filter((d) => d >= range.from && d <= range.to);
    expect(restated.length).toBeGreaterThan(0);
    for (const day of restated)
      expect(anomalies).toEqual(expect.arrayContaining([expect.objectContaining({ period: day, kind: 'RESTATED' })]));
    const o = await signIn(overviewUrl(), server.viewerToken);
    await o.page.locator('[data-table="anomalies"] tbody tr td').first().waitFor();
    const expected = anomalies.map((a) => ({
      Day: a.period,
      Source: a.source,
      Series: [a.platform?.name, a.artist?.name].filter(Boolean).join(' · ') || 'all',
      Kind: a.kind,
      Value: a.value,
      Expected: a.expected ?? '',
      Reason: a.reason,
    }));
    expect(await tableRows(o.page, 'anomalies')).toEqual(expected);
    const csv = await download(o.page, 'anomalies');
    expect(csv[0]).toEqual(['Day', 'Source', 'Series', 'Kind', 'Value', 'Expected', 'Reason']);
    expect(csv.slice(1)).toEqual(expected.map((r) => Object.values(r)));
    // The streams chart is drawn with the markers; its text alternative is the table view.
    const chart = o.page.locator('[data-chart="streams-by-source"]');
    await chart.locator('canvas').first().waitFor();
    const label = await chart.locator('[role="img"]').getAttribute('aria-label');
    // At DAY grain every anomaly of a drawn source is marked on its own day.
    expect(label).toContain(`${anomalies.length} anomalies marked`);
    expect(label).toContain('Show table');
    await chart.screenshot({ path: '/tmp/dashboard-anomalies.png' });
    expect(await chart.locator('.note').innerText()).toContain('Anomalies are marked by kind');
    expect(o.graphqlOperations).toContain('DashboardOverview');
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it('filtered by a platform at WEEK grain, lists and marks that platform’s own anomalies (anomalies split by PLATFORM)', async () => {
    const { anomalies } = await query<{ anomalies: Array<Anomaly & { platform: { code: string; name: string } | null }> }>(
      `query($r: DateRange!) { anomalies(range: $r, metric: STREAMS, groupBy: [PLATFORM], first: 1000) { period source kind value expected reason platform { code name } artist { name } } }`,
      { r: range },
    );
    // The planted spike is in Spotify's streams: filtering on Spotify shows it and hides the other platforms' anomalies.
    expect(anomalies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ period: planted.spike, kind: 'SPIKE', platform: expect.objectContaining({ code: 'spotify' }) }),
      ]),
    );
    const own = anomalies.filter((a) => a.platform?.code === 'spotify');
    const o = await signIn(
      `/dashboard?view=overview&range=custom&from=${range.from}&to=${range.to}&grain=WEEK&platform=spotify`,
      server.viewerToken,
    );
    await o.page.locator('[data-table="anomalies"] tbody tr td').first().waitFor();
    expect(await tableRows(o.page, 'anomalies')).toEqual(
      own.map((a) => ({
        Day: a.period,
        Source: a.source,
        Series: a.platform!.name,
        Kind: a.kind,
        Value: a.value,
        Expected: a.expected ?? '',
        Reason: a.reason,
      })),
    );
    // Each daily anomaly is marked in the week that holds it.
    const chart = o.page.locator('[data-chart="streams-by-source"]');
    await chart.locator('canvas').first().waitFor();
    expect(await chart.locator('[role="img"]').getAttribute('aria-label')).toContain(`${own.length} anomalies marked`);
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it('shows the net revenue and streams forecasts with their bands: the table views equal forecast(...), money exact, methods named', async () => {
    const { revenue, streams } = await query<{ revenue: ForecastAnswer; streams: ForecastAnswer }>(
      `{ revenue: forecast(metric: NET_REVENUE, grain: MONTH, horizon: 6, level: 80) { levelPercent series { source platform { name } method { name } points { period value lower upper } } }
         streams: forecast(metric: STREAMS, grain: WEEK, horizon: 12, level: 80) { levelPercent series { source platform { name } method { name } points { period value lower upper } } } }`,
    );
    expect(revenue.series.length).toBeGreaterThan(0);
    expect(streams.series.length).toBeGreaterThan(0);
    const o = await signIn(overviewUrl(), server.viewerToken);
    for (const [name, answer, show] of [
      ['forecast-revenue', revenue, (d: string) => expectedMoney(nano(d))],
      ['forecast-streams', streams, streams1],
    ] as const) {
      const card = o.page.locator(`[data-chart="${name}"]`);
      await card.locator('[role="img"][aria-label] canvas').first().waitFor();
      const note = await card.locator('.note').innerText();
      for (const s of answer.series) expect(note).toContain(s.method.name);
      expect(note).toContain(`${answer.levelPercent}% interval shaded`);
      await card.locator('button[aria-pressed]').click();
      const points = answer.series.flatMap((s) =>
        s.points.map((p) => ({ series: s.source + (s.platform ? ` · ${s.platform.name}` : ''), method: s.method.name, ...p })),
      );
      expect(await tableRows(o.page, name)).toEqual(
        points.map((p) => ({
          Series: p.series,
          Method: p.method,
          Period: p.period,
          Forecast: show(p.value),
          Lower: show(p.lower),
          Upper: show(p.upper),
        })),
      );
      // The CSV keeps the API's exact Decimal strings.
      expect((await download(o.page, name)).slice(1)).toEqual(points.map((p) => [p.series, p.method, p.period, p.value, p.lower, p.upper]));
    }
    expect(revenue.series.every((s) => s.points.length === 6)).toBe(true);
    expect(o.graphqlOperations).toContain('DashboardOutlook');
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it('the Overview and Pipeline with their new parts open have no serious or critical axe violation, and every chart a text alternative', async () => {
    for (const [path, token, opener] of [
      [overviewUrl(), server.viewerToken, '[data-quality-strip] summary'],
      ['/dashboard?view=pipeline', server.adminToken, '.health-grid summary'],
    ] as const) {
      const o = await signIn(path, token);
      await o.page.locator(opener).first().waitFor();
      await eventually(() => o.page.evaluate(`String(!document.querySelector('main .loading, main .loading-inline'))`), 'true', 30_000);
      await o.page.locator(opener).first().click();
      await o.page.locator('[data-quality-details] table').first().waitFor();
      await eventually(() => o.page.evaluate(`String(!document.querySelector('main .loading-inline'))`), 'true', 30_000);
      await eventually(
        () =>
          o.page.evaluate(
            `String(document.querySelectorAll('[data-chart] canvas').length === document.querySelectorAll('[data-chart] [role="img"]').length)`,
          ),
        'true',
        30_000,
      );
      await o.page.screenshot({
        path: `/tmp/dashboard-insights-${path.includes('pipeline') ? 'pipeline' : 'overview'}.png`,
        fullPage: true,
      });
      const result = await new AxeBuilder({ page: o.page }).analyze();
      expect(SERIOUS(result)).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(5);
      const charts = o.page.locator('[data-chart]');
      for (let i = 0; i < (await charts.count()); i++) {
        expect(await charts.nth(i).locator('[role="img"][aria-label], .chart-empty').count()).toBe(1);
        expect(await charts.nth(i).locator('button[aria-pressed]', { hasText: /table/i }).count()).toBe(1);
      }
      expect(o.problems).toEqual([]);
      await o.page.context().close();
    }
  });
});
