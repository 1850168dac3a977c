/**
 * The dashboard's Marketing and Pipeline views in headless Chromium over real data: the demo's
 * generated exports (Meta Ads, TikTok, Linktree, Spotify audience, DistroKid) through the real
 * ingest, and bad files quarantined by it. Every figure on screen is compared to an independent
 * GraphQL call; Release and Dismiss are checked through the API after the clicks.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/browser/launch-chromium';
import { SessionStore } from '../../src/ingest/extract/session-store';
import { tempDir } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { testEnv } from '../helpers/test-env';
import { loadMarketingData, parseQuotedCsv, plantQuarantinedFiles, type PlantedFiles, tableRows } from './dashboard-data';
import { buildDashboard, eventually, expectedMoney, foreignRequests, nano, openPage, type OpenedPage } from './dashboard-env';

const describeWithBrowser = testEnv.chromiumExecutable
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, body);

const RANGE = { from: '2025-01-01', to: '2025-06-30' };
const GRAIN = 'MONTH';
const MARKETING = `/dashboard?view=marketing&range=custom&from=${RANGE.from}&to=${RANGE.to}&grain=${GRAIN}`;
const SESSION_KEY = 'b0a7b0a7b0a7b0a7b0a7b0a7b0a7b0a7b0a7b0a7b0a7b0a7b0a7b0a7b0a7b0a7';

/** The page's formats, computed here without the page's code. */
const count = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'));
const amount = (d: string | null) => (d === null ? '—' : expectedMoney(nano(d)).replace(/ USD$/, ''));
const usd = (d: string | null) => (d === null ? '—' : expectedMoney(nano(d)));
const raw = (d: string | null) => (d === null ? '—' : d);

interface Campaign {
  campaign: { name: string; currency: string | null };
  coverage: { basis: string };
  spend: string | null;
  impressions: number | null;
  clicks: number | null;
  cpc: string | null;
  cpm: string | null;
  ctr: string | null;
  attribution: {
    target: string;
    streamsDuring: number | null;
    streamsUplift: number | null;
    revenueDuring: string | null;
    revenueUplift: string | null;
    roi: string | null;
  };
}
interface MarketingAnswer {
  campaignPerformance: Campaign[];
  socialSeries: {
    points: Array<{ period: string; account: string | null; videoViews: number; followers: number | null; engagementRate: string }>;
  };
  linkSeries: { points: Array<{ period: string; views: number; clicks: number; ctr: string }> };
  audienceSeries: {
    points: Array<{ period: string; artist: { name: string } | null; listeners: string | null; followers: number | null }>;
  };
}
const MARKETING_QUERY = `query($range: DateRange!, $grain: Grain!) {
  campaignPerformance(range: $range) {
    campaign { name currency } coverage { basis } spend impressions clicks cpc cpm ctr
    attribution { target streamsDuring streamsUplift revenueDuring revenueUplift roi }
  }
  socialSeries(range: $range, grain: $grain, groupBy: [ACCOUNT]) { points { period account videoViews followers engagementRate } }
  linkSeries(range: $range, grain: $grain) { points { period views clicks ctr } }
  audienceSeries(range: $range, grain: $grain) { points { period artist { name } listeners followers } }
}`;

interface QuarantinedNode {
  id: string;
  originalName: string;
  landingFile: string;
  service: string;
  reason: { code: string; message: string; line: number | null } | null;
}
const QUARANTINE_QUERY = `{ quarantinedFiles(first: 50) { totalCount edges { node { id originalName landingFile service reason { code message line } } } } }`;

describeWithBrowser('dashboard Marketing and Pipeline views on real data in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let planted: PlantedFiles;
  const dir = tempDir('dashboard-marketing');

  beforeAll(async () => {
    buildDashboard();
    server = await startTestServer('sqlite', { SESSION_KEY }, { worker: false });
    await loadMarketingData(server, `${dir}/exports`);
    planted = await plantQuarantinedFiles(server, `${dir}/bad`);
    // A TikTok portal session that expired yesterday: the Pipeline view must say so and how to renew it.
    new SessionStore(server.config.sessions.dir, server.config.sessions.key).save(
      'tiktok',
      'label.admin',
      { cookies: [], origins: [] },
      new Date(Date.now() - 24 * 3600_000),
    );
    browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(path: string, token: string): Promise<OpenedPage> {
    const opened = await openPage(browser, `${server.url}${path}`);
    await opened.page.locator('input[name="token"]').fill(token);
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await opened.page.locator('.topbar .who').waitFor();
    return opened;
  }
  async function marketingAnswer(): Promise<MarketingAnswer> {
    const res = await server.gql<MarketingAnswer>(MARKETING_QUERY, { range: RANGE, grain: GRAIN });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!;
  }
  async function quarantined(): Promise<QuarantinedNode[]> {
    const res = await server.gql<{ quarantinedFiles: { edges: Array<{ node: QuarantinedNode }> } }>(
      QUARANTINE_QUERY,
      undefined,
      server.adminToken,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.quarantinedFiles.edges.map((e) => e.node);
  }
  async function downloadCsv(o: OpenedPage, table: string): Promise<string[][]> {
    const [download] = await Promise.all([
      o.page.waitForEvent('download'),
      o.page.locator(`[data-table="${table}"] button`, { hasText: 'Download CSV' }).click(),
    ]);
    return parseQuotedCsv(fs.readFileSync(await download.path(), 'utf8'));
  }

  it('Marketing: campaigns with spend, CPC/CPM/CTR, attributed streams and revenue, ROI and the rule, as the API answers', async () => {
    const api = await marketingAnswer();
    // The demo's campaigns deliver daily in this range, and those named after a track get a target and an ROI.
    expect(api.campaignPerformance.length).toBeGreaterThan(3);
    expect(api.campaignPerformance.every((c) => c.coverage.basis === 'DAILY' && c.spend !== null)).toBe(true);
    expect(api.campaignPerformance.some((c) => c.attribution.roi !== null && c.attribution.revenueDuring !== null)).toBe(true);

    const o = await signIn(MARKETING, server.viewerToken);
    await o.page.locator('[data-table="campaigns"] tbody tr td.num').first().waitFor();
    const shown = await tableRows(o.page, 'campaigns');
    expect(shown.map((r) => r.Campaign)).toEqual(api.campaignPerformance.map((c) => c.campaign.name));
    api.campaignPerformance.forEach((c, i) => {
      const row = shown[i];
      expect({
        spend: row.Spend,
        currency: row.Currency,
        impressions: row.Impressions,
        clicks: row.Clicks,
        cpc: row.CPC,
        cpm: row.CPM,
        ctr: row['CTR (clicks ÷ impressions)'],
        target: row['Attributed to'],
        streamsDuring: row['Streams during'],
        streamsUplift: row['Streams uplift'],
        revenueDuring: row['Revenue during'],
        revenueUplift: row['Revenue uplift'],
        roi: row['ROI (ratio)'],
      }).toEqual({
        spend: amount(c.spend),
        currency: c.campaign.currency ?? '',
        impressions: count(c.impressions),
        clicks: count(c.clicks),
        cpc: amount(c.cpc),
        cpm: amount(c.cpm),
        ctr: raw(c.ctr),
        target: c.attribution.target,
        streamsDuring: count(c.attribution.streamsDuring),
        streamsUplift: count(c.attribution.streamsUplift),
        revenueDuring: usd(c.attribution.revenueDuring),
        revenueUplift: usd(c.attribution.revenueUplift),
        roi: raw(c.attribution.roi),
      });
    });
    // The CSV holds the exact values.
    const [header, ...lines] = await downloadCsv(o, 'campaigns');
    const col = (label: string) => header.indexOf(label);
    expect(lines.map((l) => [l[col('Campaign')], l[col('Spend')], l[col('CTR (clicks ÷ impressions)')], l[col('ROI (ratio)')]])).toEqual(
      api.campaignPerformance.map((c) => [c.campaign.name, c.spend, c.ctr, c.attribution.roi ?? '']),
    );
    // The attribution rule sits beside the table.
    const rule = await o.page.locator('[data-rule="attribution"]').innerText();
    expect(rule).toMatch(/Attribution rule/);
    expect(rule).toMatch(/ROI = \(revenue uplift − spend\) ÷ spend/);
    expect(rule).toMatch(/same length ending the day before/);
    expect(o.graphqlOperations.filter((op) => op === 'DashboardMarketing')).toHaveLength(1);
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it("Marketing: TikTok views and followers per account, Linktree clicks and CTR, audience listeners; the charts' table views hold the API's series", async () => {
    const api = await marketingAnswer();
    expect(api.socialSeries.points.length).toBeGreaterThan(6);
    expect(new Set(api.socialSeries.points.map((p) => p.account)).size).toBeGreaterThan(1);
    expect(api.linkSeries.points.length).toBe(6);
    expect(api.audienceSeries.points.length).toBeGreaterThan(5);

    const o = await signIn(MARKETING, server.viewerToken);
    for (const chart of ['tiktok', 'linktree']) {
      await o.page.locator(`[data-chart="${chart}"] canvas`).first().waitFor();
      await o.page.locator(`[data-chart="${chart}"] button[aria-pressed]`).click();
    }
    const tiktok = await tableRows(o.page, 'tiktok');
    expect(tiktok).toEqual(
      api.socialSeries.points.map((p) => ({
        Period: p.period,
        Account: p.account ?? '',
        'Video views': count(p.videoViews),
        Likes: expect.any(String),
        Followers: count(p.followers),
        'Engagement rate': p.engagementRate,
      })),
    );
    const links = await tableRows(o.page, 'linktree');
    expect(links).toEqual(
      api.linkSeries.points.map((p) => ({ Period: p.period, Views: count(p.views), Clicks: count(p.clicks), CTR: p.ctr })),
    );
    const audience = await tableRows(o.page, 'audience');
    expect(audience.map((r) => [r.Period, r.Artist, r.Listeners, r.Followers])).toEqual(
      api.audienceSeries.points.map((p) => [p.period, p.artist?.name ?? '', raw(p.listeners), count(p.followers)]),
    );
    // The series a chart draws, exactly, in its table view's CSV.
    const tiktokCsv = await downloadCsv(o, 'tiktok');
    expect(tiktokCsv.slice(1).map((r) => [r[0], r[1], Number(r[2])])).toEqual(
      api.socialSeries.points.map((p) => [p.period, p.account ?? '', p.videoViews]),
    );
    const linksCsv = await downloadCsv(o, 'linktree');
    expect(linksCsv.slice(1).map((r) => [r[0], Number(r[1]), Number(r[2]), r[3]])).toEqual(
      api.linkSeries.points.map((p) => [p.period, p.views, p.clicks, p.ctr]),
    );
    expect(o.problems).toEqual([]);
    expect(foreignRequests(o.requests)).toEqual([]);
    await o.page.context().close();
  });

  it('Pipeline (ADMIN): zone freshness, expired session with the command to renew it, and the quarantined files with their reasons', async () => {
    const health = await server.gql<{
      pipelineHealth: Array<{
        service: string;
        reasons: string[];
        zones: Array<{ zone: string; files: number }>;
        sessions: Array<{ account: string; state: string }>;
      }>;
    }>('{ pipelineHealth { service reasons zones { zone files } sessions { account state } } }', undefined, server.adminToken);
    expect(health.body.errors).toBeUndefined();
    const byService = new Map(health.body.data!.pipelineHealth.map((h) => [h.service, h]));
    const files = await quarantined();
    expect(files.map((f) => f.landingFile).sort()).toEqual([planted.wrongService, planted.badHeader].sort());

    const o = await signIn('/dashboard?view=pipeline', server.adminToken);
    await o.page.locator('[data-table="quarantine"] tbody tr').first().waitFor();
    const rows = await tableRows(o.page, 'quarantine');
    expect(
      rows.map((r) => ({ file: r.File, service: r.Service, code: r['Reason code'], reason: r.Reason, landing: r['Landing file'] })),
    ).toEqual(
      files.map((f) => ({
        file: f.originalName,
        service: f.service,
        code: f.reason!.code,
        reason: f.reason!.message,
        landing: f.landingFile,
      })),
    );
    const badHeader = rows.find((r) => r['Landing file'] === planted.badHeader)!;
    expect(badHeader['Reason code']).toBe('BAD_HEADER');
    expect(badHeader.Where).toMatch(/^line 1\b/);
    const csv = await downloadCsv(o, 'quarantine');
    expect(csv[0]).not.toContain('Actions');
    const cell = (r: string[], label: string) => r[csv[0].indexOf(label)];
    expect(csv.slice(1).map((r) => [cell(r, 'File'), cell(r, 'Reason code'), cell(r, 'Reason'), cell(r, 'Landing file')])).toEqual(
      files.map((f) => [f.originalName, f.reason!.code, f.reason!.message, f.landingFile]),
    );

    // Per service: the health reasons, each zone's file count, and the sessions.
    for (const [service, h] of byService) {
      const card = o.page.locator(`[data-service="${service}"]`);
      expect(await card.locator('.reasons li').allInnerTexts()).toEqual(h.reasons.length ? h.reasons : ['no problems reported']);
      const zones = await card
        .locator('[data-zone]')
        .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-zone'), tr.querySelector('td')!.textContent]));
      expect(zones).toEqual(h.zones.map((z) => [z.zone, String(z.files)]));
    }
    const tiktok = byService.get('TIKTOK')!;
    expect(tiktok.sessions).toEqual([{ account: 'label.admin', state: 'EXPIRED' }]);
    const session = o.page.locator('[data-service="TIKTOK"] [data-session="label.admin"]');
    expect(await session.getAttribute('data-state')).toBe('EXPIRED');
    expect(await session.locator('code').innerText()).toBe('npm run login -- tiktok label.admin');
    expect(tiktok.reasons.some((r) => r.includes('npm run login -- tiktok'))).toBe(true);
    expect(await o.page.locator('[data-service="DISTROKID"] [data-action="runPipeline"]').count()).toBe(1);
    expect(o.graphqlOperations.filter((op) => op.startsWith('Dashboard'))).toEqual(['DashboardPipeline']);
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it('Pipeline (ADMIN): Release (as DistroKid) and Dismiss go through a confirmation, from the keyboard; the API records them and the rows leave the list', async () => {
    const o = await signIn('/dashboard?view=pipeline', server.adminToken);
    const table = o.page.locator('[data-table="quarantine"]');
    const row = (landing: string) => table.locator('tbody tr', { hasText: landing });
    await row(planted.wrongService).waitFor();
    const before = await quarantined();
    const wrong = before.find((f) => f.landingFile === planted.wrongService)!;
    const bad = before.find((f) => f.landingFile === planted.badHeader)!;
    const name = wrong.originalName;

    // Cancelling changes nothing: Escape closes the dialog and the file is still quarantined.
    await row(planted.badHeader)
      .getByRole('button', { name: /^Dismiss / })
      .click();
    const dialog = o.page.getByRole('dialog');
    await dialog.waitFor();
    expect(await o.page.evaluate(`document.activeElement && document.activeElement.textContent`)).toBe('Cancel');
    await o.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await quarantined()).map((f) => f.landingFile)).toContain(planted.badHeader);

    // Release from the keyboard: focus the row's button, Enter, pick the service, Tab to the confirm button, Enter.
    await row(planted.wrongService)
      .getByRole('button', { name: `Release ${name}` })
      .focus();
    await o.page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').innerText()).toBe(`Release ${name}?`);
    await dialog.locator('select[name="release-service"]').selectOption('DISTROKID');
    await dialog.getByRole('button', { name: 'Release file' }).focus();
    await o.page.keyboard.press('Enter');
    await row(planted.wrongService).waitFor({ state: 'detached' });
    const status = await o.page.getByRole('status').innerText();
    expect(status).toMatch(
      new RegExp(`^Released ${name.replace(/[.]/g, '\\.')}: .*status LOADED, ${planted.wrongServiceRows} rows loaded\\)$`),
    );

    // Dismiss with a note, by mouse.
    await row(planted.badHeader)
      .getByRole('button', { name: /^Dismiss / })
      .click();
    await dialog.locator('textarea[name="dismiss-note"]').fill('wrong export, asked for a new one');
    await dialog.getByRole('button', { name: 'Dismiss file' }).click();
    await row(planted.badHeader).waitFor({ state: 'detached' });
    await table.locator('td.empty', { hasText: 'No quarantined files' }).waitFor();

    // The API has both recorded, with who did it.
    expect(await quarantined()).toEqual([]);
    const file = (id: string) =>
      server.gql<{ sourceFile: { status: string; resolution: string; resolvedBy: string } }>(
        `query($id: ID!) { sourceFile(id: $id) { status resolution resolvedBy } }`,
        { id },
        server.adminToken,
      );
    expect((await file(wrong.id)).body.data!.sourceFile).toEqual({
      status: 'LOADED',
      resolution: 'RELEASED',
      resolvedBy: 'test-admin',
    });
    expect((await file(bad.id)).body.data!.sourceFile).toEqual({
      status: 'DISMISSED',
      resolution: 'DISMISSED',
      resolvedBy: 'test-admin',
    });
    expect(o.graphqlOperations).toEqual(expect.arrayContaining(['DashboardReleaseQuarantinedFile', 'DashboardDismissQuarantinedFile']));
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it('Pipeline (ADMIN): Extract now queues a run shown live; Cancel and Retry in the ledger do what the API then reports', async () => {
    // This server queues runs but has no worker: a run stays QUEUED until the page cancels it.
    const run = (id: string) =>
      server.gql<{ ingestionRun: { id: string; service: string; kind: string; status: string } }>(
        `query($id: ID!) { ingestionRun(id: $id) { id service kind status } }`,
        { id },
        server.adminToken,
      );
    const o = await signIn('/dashboard?view=pipeline', server.adminToken);
    await o.page.locator('[data-service="LINKTREE"] [data-action="triggerExtraction"]').click();
    const live = o.page.locator('.live-run').first();
    await live.waitFor();
    const queued = (await live.getAttribute('data-run-id'))!;
    expect((await run(queued)).body.data!.ingestionRun).toEqual({ id: queued, service: 'LINKTREE', kind: 'EXTRACT', status: 'QUEUED' });

    await o.page.getByRole('button', { name: `Cancel LINKTREE run ${queued}` }).click();
    await o.page.locator(`.live-run[data-run-id="${queued}"][data-status="CANCELLED"]`).waitFor();
    expect((await run(queued)).body.data!.ingestionRun.status).toBe('CANCELLED');

    await o.page.getByRole('button', { name: `Retry LINKTREE run ${queued}` }).click();
    const retried = o.page.locator('.live-run').first();
    await eventually(
      () => o.page.evaluate(`String(document.querySelector('.live-run').getAttribute('data-run-id') !== ${JSON.stringify(queued)})`),
      'true',
      30_000,
    );
    const again = (await retried.getAttribute('data-run-id'))!;
    expect((await run(again)).body.data!.ingestionRun).toEqual({ id: again, service: 'LINKTREE', kind: 'EXTRACT', status: 'QUEUED' });
    // The ledger lists both, as the API does; cancel the new one so nothing is left queued.
    await o.page.locator('[data-table="runs"] tbody tr', { hasText: 'CANCELLED' }).first().waitFor();
    await o.page.getByRole('button', { name: `Cancel LINKTREE run ${again}` }).click();
    await o.page.locator(`.live-run[data-run-id="${again}"][data-status="CANCELLED"]`).waitFor();
    expect(o.graphqlOperations).toEqual(expect.arrayContaining(['DashboardTriggerExtraction', 'DashboardCancelRun', 'DashboardRetryRun']));
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it('a VIEWER sees neither the Pipeline link nor any control, even asking for the view by URL', async () => {
    const o = await signIn('/dashboard?view=pipeline', server.viewerToken);
    await o.page.locator('main[data-view="overview"]').waitFor();
    expect(await o.page.getByRole('button', { name: 'Pipeline' }).count()).toBe(0);
    expect(await o.page.locator('[data-action], [data-table="quarantine"], dialog').count()).toBe(0);
    expect(o.graphqlOperations).not.toContain('DashboardPipeline');
    await o.page.context().close();
  });
});
