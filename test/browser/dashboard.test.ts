import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import { launchChromium } from '../../src/browser/launch-chromium';
import { createLogger } from '../../src/config/logger';
import { dialectOf, SqlParams } from '../../src/db/dialect';
import { IngestService } from '../../src/ingest/ingest-service';
import { type OracleRow, readBankExport, sumBy } from '../helpers/bank-oracle';
import { tempDir } from '../helpers/databases';
import { writeBankExport, writeStreamsPage } from '../helpers/fixtures';
import { putInLanding } from '../helpers/jobs';
import { startTestServer, type TestServer } from '../helpers/server';
import { testEnv } from '../helpers/test-env';
import {
  buildDashboard,
  eventually,
  expectedMoney,
  expectedPct,
  foreignRequests,
  nano,
  openPage,
  type OpenedPage,
  parseCsv,
} from './dashboard-env';

const describeWithBrowser = testEnv.chromiumExecutable
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, body);

const RANGE = { from: '2025-01-01', to: '2025-06-30' };
const VIEW = `/dashboard?range=custom&from=${RANGE.from}&to=${RANGE.to}&grain=MONTH`;

describeWithBrowser('label dashboard in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let rows: OracleRow[];
  let series: Array<{ date: string; streams: number }>;
  const dir = tempDir('dashboard-fixtures');
  const inRange = (r: OracleRow) => r.saleMonth >= RANGE.from.slice(0, 7) && r.saleMonth <= RANGE.to.slice(0, 7);
  const total = (rs: OracleRow[], f: 'net' | 'gross') => rs.reduce((s, r) => s + r[f], 0n);

  beforeAll(async () => {
    buildDashboard();
    server = await startTestServer('sqlite', {}, { worker: true });
    const bank = writeBankExport(dir, 'dk_bank_details_20250701_090000.tsv', { rows: 3000 });
    rows = readBankExport(bank.file);
    const page = writeStreamsPage(dir, 'streams_stats_20250701_090000.html', '2025-06-30');
    series = page.series;
    const summaries = await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([bank.file, page.file]);
    expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded']);
    browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens graphql-ws with a cookie and an Origin, sends connection_init without a token: the ack, or the close code. */
  function wsHandshake(cookie: string | null, origin: string): Promise<string> {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
      headers: { origin, ...(cookie ? { cookie } : {}) },
    });
    return new Promise((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
      ws.on('message', (m: Buffer) => {
        resolve((JSON.parse(m.toString()) as { type: string }).type);
        ws.close();
      });
      ws.on('close', (code: number) => resolve(`closed ${code}`));
      ws.on('error', reject);
    });
  }

  async function signIn(path: string, token: string): Promise<OpenedPage> {
    const opened = await openPage(browser, `${server.url}${path}`);
    await opened.page.locator('input[name="token"]').fill(token);
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await opened.page.locator('.topbar .who').waitFor();
    return opened;
  }
  const kpi = (o: OpenedPage, name: string) => o.page.locator(`[data-kpi="${name}"] .kpi-value`).innerText();
  const kpiChange = (o: OpenedPage, name: string) => o.page.locator(`[data-kpi="${name}"] .kpi-change`).innerText();

  it('serves the built app at /dashboard with a strict CSP, and / redirects to it', async () => {
    const res = await fetch(`${server.url}/dashboard`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script is a file
    expect(html).not.toMatch(/https?:\/\//); // no CDN
    const asset = html.match(/src="(\/dashboard\/assets\/[\w.-]+\.js)"/)?.[1];
    const js = await fetch(`${server.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    await js.arrayBuffer();
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/dashboard');
    const missing = await fetch(`${server.url}/dashboard/assets/..%2F..%2Fpackage.json`);
    expect([403, 404]).toContain(missing.status); // express.static refuses a path that climbs out
    expect(await missing.text()).not.toContain('"devDependencies"');
  });

  it('refuses bad sign-ins with coded errors and sets an HttpOnly, SameSite=Strict cookie on a good one', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${server.url}/dashboard/session`, { method: 'POST', headers: { 'content-type': type }, body });
    const form = await post('token=x', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(((await form.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    const empty = await post('{}');
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toContain('"token"');
    const bad = await post(JSON.stringify({ token: 'lat_not-a-real-token' }));
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const good = await post(JSON.stringify({ token: server.viewerToken }));
    expect(await good.json()).toEqual({ role: 'VIEWER', name: 'test-viewer' });
    const cookie = good.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^dashboard_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
    const session = cookie.split(';')[0];
    const gql = (headers: Record<string, string>) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { cookie: session, ...headers },
        body: JSON.stringify({ query: '{ revenueSummary { net } }' }),
      });
    // The cookie authenticates JSON requests; a simple (form-like) request is still stopped by CSRF prevention.
    const json = await gql({ 'content-type': 'application/json' });
    expect(json.status).toBe(200);
    expect(nano(((await json.json()) as { data: { revenueSummary: { net: string } } }).data.revenueSummary.net)).toBe(total(rows, 'net'));
    const simple = await gql({ 'content-type': 'text/plain' });
    expect(simple.status).toBe(400);
    await simple.text();
    // The cookie opens a graphql-ws connection only from a page of our own origin (WebSockets escape CORS).
    const host = new URL(server.url).host;
    expect(await wsHandshake(session, `http://${host}`)).toBe('connection_ack');
    expect(await wsHandshake(session, 'http://evil.example')).toBe('closed 4403');
    expect(await wsHandshake(null, `http://${host}`)).toBe('closed 4403');
    const signedOut = await fetch(`${server.url}/dashboard/session`);
    expect(signedOut.status).toBe(401);
    await signedOut.text();
  });

  it('shows the overview figures the oracle computes, in one parallel load with named operations, loading nothing from outside', async () => {
    const o = await signIn(VIEW, server.viewerToken);
    await o.page.locator('[data-kpi="net"] .kpi-value').waitFor();
    const current = rows.filter(inRange);
    expect(await kpi(o, 'net')).toBe(expectedMoney(total(current, 'net')));
    expect(await kpi(o, 'gross')).toBe(expectedMoney(total(current, 'gross')));
    const streams = series.filter((d) => d.date >= RANGE.from && d.date <= RANGE.to).reduce((s, d) => s + d.streams, 0);
    expect(await kpi(o, 'streams')).toBe(streams.toLocaleString('en-US'));
    // The previous range's figures are the API's (the range ends mid-month; its sale-month rule is the API's to define).
    const prev = await server.gql<{ revenueSummary: { net: string } }>('query($r: DateRange!) { revenueSummary(range: $r) { net } }', {
      r: { from: '2024-07-04', to: '2024-12-31' },
    });
    expect(await kpiChange(o, 'net')).toBe(
      `${expectedPct(total(current, 'net'), nano(prev.body.data!.revenueSummary.net))} vs previous period`,
    );
    const units = current.reduce((s, r) => s + r.quantity, 0n);
    const pps = (total(current, 'net') * 2n) / (units * 10n); // nano → 1e-8 units, doubled for rounding half away from zero
    const pps8 = (pps + (pps >= 0n ? 1n : -1n)) / 2n;
    expect(await kpi(o, 'pps')).toBe(expectedMoney(pps8 * 10n, 5));

    // Top tracks and countries, exact and in order.
    const byIsrc = [
      ...sumBy(
        current.filter((r) => r.isrc),
        (r) => r.isrc!,
        (r) => r.net,
      ),
    ].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0));
    const firstTrack = o.page.locator('[data-table="top-tracks"] tbody tr').first().locator('td');
    expect(await firstTrack.nth(2).innerText()).toBe(byIsrc[0][0]);
    expect(await firstTrack.nth(3).innerText()).toBe(expectedMoney(byIsrc[0][1]));
    const byCountry = [
      ...sumBy(
        current.filter((r) => r.country),
        (r) => r.country!,
        (r) => r.net,
      ),
    ].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0));
    const countryCells = await o.page.locator('[data-table="top-countries"] tbody tr td:nth-child(2)').allInnerTexts();
    expect(countryCells).toEqual(byCountry.slice(0, 10).map(([c]) => c));

    // Charts drew (canvas present), the overview came in one request, filters, the range's days, the quality strip and the outlook in one more each (in parallel), all named.
    expect(await o.page.locator('[data-chart="revenue-by-month"] canvas').count()).toBeGreaterThan(0);
    expect([...o.graphqlOperations].sort()).toEqual([
      'DashboardFilters',
      'DashboardOutlook',
      'DashboardOverview',
      'DashboardQuality',
      'DashboardRange',
    ]);
    await o.page.screenshot({ path: '/tmp/dashboard-overview.png', fullPage: true });
    expect(foreignRequests(o.requests)).toEqual([]);
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it('downloads a table as CSV with the exact decimals, and every chart has a table view', async () => {
    const o = await signIn(VIEW, server.viewerToken);
    await o.page.locator('[data-table="top-countries"] tbody tr').first().waitFor();
    const [download] = await Promise.all([
      o.page.waitForEvent('download'),
      o.page.locator('[data-table="top-countries"] button', { hasText: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('top-countries.csv');
    const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
    expect(csv[0]).toEqual(['#', 'Country', 'Net (USD)', 'Units']);
    const current = rows.filter(inRange);
    const net = sumBy(
      current.filter((r) => r.country),
      (r) => r.country!,
      (r) => r.net,
    );
    const qty = sumBy(
      current.filter((r) => r.country),
      (r) => r.country!,
      (r) => r.quantity,
    );
    expect(csv.length).toBe(Math.min(10, net.size) + 1);
    for (const [, country, amount, units] of csv.slice(1)) {
      expect(nano(amount)).toBe(net.get(country));
      expect(BigInt(units)).toBe(qty.get(country));
    }

    // The revenue chart as a table: one row per month and platform, exact against the oracle.
    await o.page.locator('[data-chart="revenue-by-month"] button', { hasText: 'Show table' }).click();
    const [chartCsv] = await Promise.all([
      o.page.waitForEvent('download'),
      o.page.locator('[data-table="revenue-by-month"] button', { hasText: 'Download CSV' }).click(),
    ]);
    const cells = parseCsv(fs.readFileSync(await chartCsv.path(), 'utf8')).slice(1);
    const expected = sumBy(
      current,
      (r) => `${r.saleMonth}`,
      (r) => r.net,
    );
    const got = new Map<string, bigint>();
    for (const [month, , amount] of cells) got.set(month, (got.get(month) ?? 0n) + nano(amount));
    expect(got).toEqual(expected);
    await o.page.context().close();
  });

  it('keeps the view in the URL: a link reproduces a filtered view, and a control writes the URL', async () => {
    const o = await signIn(`${VIEW}&platform=spotify`, server.viewerToken);
    await o.page.locator('[data-kpi="net"] .kpi-value').waitFor();
    const spotify = rows.filter((r) => inRange(r) && r.platform === 'spotify');
    expect(await kpi(o, 'net')).toBe(expectedMoney(total(spotify, 'net')));
    expect(await o.page.locator('select[name="platform"]').inputValue()).toBe('spotify');
    await o.page.locator('select[name="grain"]').selectOption('QUARTER');
    expect(new URL(o.page.url()).searchParams.get('grain')).toBe('QUARTER');
    await o.page.reload();
    await o.page.locator('[data-kpi="net"] .kpi-value').waitFor();
    expect(await o.page.locator('select[name="grain"]').inputValue()).toBe('QUARTER');
    expect(await kpi(o, 'net')).toBe(expectedMoney(total(spotify, 'net')));
    // A broken link falls back to the default range rather than failing.
    await o.page.goto(`${server.url}/dashboard?range=custom&from=2025-13-01&to=nope&grain=SECOND`);
    await o.page.locator('[data-kpi="net"] .kpi-value').waitFor();
    expect(await o.page.locator('select[name="preset"]').inputValue()).toBe('LAST_12_MONTHS');
    expect(await o.page.locator('select[name="grain"]').inputValue()).toBe('MONTH');
    // A preset sends only its name: the server resolves it (label time zone UTC here) and the page shows its days.
    await o.page.locator('select[name="preset"]').selectOption('LAST_30_DAYS');
    const today = new Date();
    const day = (offset: number) =>
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset)).toISOString().slice(0, 10);
    await eventually(() => o.page.locator('input[name="from"]').inputValue(), day(-29));
    expect(await o.page.locator('input[name="to"]').inputValue()).toBe(day(0));
    expect(new URL(o.page.url()).searchParams.get('range')).toBe('LAST_30_DAYS');
    expect(new URL(o.page.url()).searchParams.get('from')).toBeNull();
    // Links written before the API knew presets still open their range.
    await o.page.goto(`${server.url}/dashboard?range=ytd`);
    await o.page.locator('[data-kpi="net"] .kpi-value').waitFor();
    expect(await o.page.locator('select[name="preset"]').inputValue()).toBe('YEAR_TO_DATE');
    // A view the API refuses shows the API's message and a way out instead of figures.
    await o.page.goto(`${server.url}/dashboard?range=custom&from=2015-01-01&to=2025-06-30&grain=DAY`);
    // (Ten years of days: the server's cost limit answers before its range limit.)
    const refusal = o.page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/^query cost \d+ exceeds the maximum of \d+.*\nTry a coarser grain or a shorter range\.$/s);
    expect(await o.page.locator('[data-kpi]').count()).toBe(0);
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it("compares platforms with the statements' exact net and units per platform", async () => {
    const o = await signIn(VIEW.replace('/dashboard?', '/dashboard?view=platforms&'), server.viewerToken);
    await o.page.locator('[data-table="platforms"] tbody tr').first().waitFor();
    const [download] = await Promise.all([
      o.page.waitForEvent('download'),
      o.page.locator('[data-table="platforms"] button', { hasText: 'Download CSV' }).click(),
    ]);
    const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
    expect(csv[0]).toEqual([
      'Platform',
      'Streams',
      'Stream share',
      'Streams growth',
      'Statement units',
      'Net (USD)',
      'Revenue share',
      'Revenue growth',
      'Net per unit (USD)',
    ]);
    const current = rows.filter(inRange);
    const net = sumBy(
      current,
      (r) => r.platform,
      (r) => r.net,
    );
    const units = sumBy(
      current,
      (r) => r.platform,
      (r) => r.quantity,
    );
    const platforms = await server.gql<{ platforms: { edges: Array<{ node: { code: string; name: string } }> } }>(
      '{ platforms(first: 100) { edges { node { code name } } } }',
    );
    const codeOf = new Map(platforms.body.data!.platforms.edges.map((e) => [e.node.name, e.node.code]));
    const got = new Map(
      csv
        .slice(1)
        .filter((r) => nano(r[5]) !== 0n || r[4] !== '0')
        .map((r) => [codeOf.get(r[0])!, nano(r[5])]),
    );
    expect(got).toEqual(net);
    for (const r of csv.slice(1)) if (net.has(codeOf.get(r[0])!)) expect(BigInt(r[4])).toBe(units.get(codeOf.get(r[0])!));
    expect(await o.page.locator('[data-chart="platform-shares"] canvas').count()).toBeGreaterThan(0);
    expect(o.graphqlOperations).toContain('DashboardPlatforms');
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it('walks the catalogue: artist → track → statement lines page by page with Relay cursors, exact against the file', async () => {
    const track = rows.find((r) => r.artist === 'PIG1987' && r.isrc)!.isrc!;
    const expected = rows.filter((r) => r.isrc === track);
    const o = await signIn('/dashboard?view=catalogue&range=custom&from=2024-01-01&to=2025-06-30', server.viewerToken);
    await o.page.locator('[data-artist="PIG1987"]').click();
    await o.page.locator(`[data-track="${track}"]`).click();
    expect(new URL(o.page.url()).searchParams.get('track')).not.toBeNull();
    const lines = o.page.locator('[data-table="statement-lines"]');
    await lines.locator('.table-title', { hasText: `${expected.length} lines (page 1)` }).waitFor();
    let net = 0n;
    let count = 0;
    for (let pageNo = 1; ; pageNo++) {
      await lines.locator('.table-title', { hasText: `(page ${pageNo})` }).waitFor();
      const [download] = await Promise.all([o.page.waitForEvent('download'), lines.locator('button', { hasText: 'Download CSV' }).click()]);
      const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8')).slice(1);
      count += csv.length;
      net += csv.reduce((s, r) => s + nano(r[6]), 0n);
      const next = o.page.getByRole('button', { name: 'Next page' });
      if (await next.isDisabled()) break;
      await next.click();
    }
    expect(expected.length).toBeGreaterThan(50); // more than one page, so the cursors were used
    expect(count).toBe(expected.length);
    expect(net).toBe(expected.reduce((s, r) => s + r.net, 0n));
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });

  it('shows campaign performance from daily delivery, with its basis, exact spend and clicks', async () => {
    // Campaign rows written with SQL (as test/api/campaign-api.test.ts does): this is about what the page shows.
    const days = Array.from({ length: 10 }, (_, i) => ({
      date: `2025-03-${String(11 + i).padStart(2, '0')}`,
      spend: `${2 + i}.5`,
      clicks: 20 + i,
    }));
    const isrc = rows.find((r) => r.isrc)!.isrc!;
    const q = (sql: string, values: unknown[] = []) => server.ds.query(sql, values);
    const [{ id: trackId }] = await q(`SELECT id FROM tracks WHERE isrc = '${isrc}'`);
    const [{ id: meta }] = await q(`SELECT id FROM platforms WHERE code = 'meta_ads'`);
    await q(
      `INSERT INTO source_files (service, stream, path, original_name, sha256, size_bytes, status, extracted_at) VALUES ('meta_ads', 'insights', 'm', 'm', 'm', 0, 'loaded', '2025-04-01')`,
    );
    const [{ id: fileId }] = await q(`SELECT id FROM source_files WHERE path = 'm'`);
    let p = new SqlParams(dialectOf(server.ds));
    await q(
      `INSERT INTO campaigns (platform_id, external_id, name, objective, status, track_id, currency) VALUES (${p.list([meta, '120200', 'Spring push', 'OUTCOME_TRAFFIC', 'ACTIVE', trackId, 'USD'])})`,
      p.values,
    );
    const [{ id: campaignId }] = await q(`SELECT id FROM campaigns WHERE external_id = '120200'`);
    for (const d of days) {
      p = new SqlParams(dialectOf(server.ds));
      const values = [campaignId, d.date, nano(d.spend).toString(), 1000, d.clicks, 800, 0, fileId, '2025-04-01 00:00:00'];
      await q(
        `INSERT INTO campaign_daily (campaign_id, date, spend_nano, impressions, clicks, reach, purchase, source_file_id, extracted_at) VALUES (${p.list(values)})`,
        p.values,
      );
    }
    const o = await signIn('/dashboard?view=marketing&range=custom&from=2025-03-01&to=2025-03-31&grain=WEEK', server.viewerToken);
    const table = o.page.locator('[data-table="campaigns"]');
    await table.locator('tbody tr', { hasText: 'Spring push' }).waitFor();
    const [download] = await Promise.all([o.page.waitForEvent('download'), table.locator('button', { hasText: 'Download CSV' }).click()]);
    const [header, row] = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
    const cell = (label: string) => row[header.indexOf(label)];
    expect(cell('Campaign')).toBe('Spring push');
    expect(cell('Basis')).toBe('DAILY');
    expect(nano(cell('Spend'))).toBe(days.reduce((s, d) => s + nano(d.spend), 0n));
    expect(Number(cell('Clicks'))).toBe(days.reduce((s, d) => s + d.clicks, 0));
    expect(cell('Currency')).toBe('USD');
    expect(o.graphqlOperations).toContain('DashboardMarketing');
    expect(o.problems).toEqual([]);
    await o.page.screenshot({ path: '/tmp/dashboard-marketing.png', fullPage: true });
    await o.page.context().close();
  });

  it('a viewer sees no admin controls, even asking for the pipeline view', async () => {
    const o = await signIn('/dashboard?view=pipeline', server.viewerToken);
    await o.page.locator('[data-kpi="net"]').waitFor();
    expect(await o.page.locator('.topbar .who').getAttribute('data-role')).toBe('VIEWER');
    expect(await o.page.getByRole('button', { name: 'Pipeline' }).count()).toBe(0);
    expect(await o.page.locator('[data-action]').count()).toBe(0);
    expect(o.graphqlOperations).not.toContain('DashboardPipeline');
    // Signing out clears the cookie: the next load asks for a token again.
    await o.page.getByRole('button', { name: 'Sign out' }).click();
    await o.page.locator('input[name="token"]').waitFor();
    await o.page.reload();
    await o.page.locator('input[name="token"]').waitFor();
    expect((await o.page.context().cookies()).filter((c) => c.name === 'dashboard_session')).toEqual([]);
    await o.page.context().close();
  });

  it('a wrong token is refused on the sign-in form', async () => {
    const o = await openPage(browser, `${server.url}/dashboard`);
    await o.page.locator('input[name="token"]').fill('lat_wrong');
    await o.page.getByRole('button', { name: 'Sign in' }).click();
    await o.page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    expect(await o.page.locator('.topbar').count()).toBe(0);
    await o.page.context().close();
  });

  it('an admin runs the pipeline and watches it to SUCCEEDED over the subscription', async () => {
    const extra = writeBankExport(dir, 'dk_bank_details_20250801_090000.tsv', { rows: 700, seed: 21 });
    await putInLanding(server, extra.file, 'distrokid', 'bank_details');
    const o = await signIn('/dashboard?view=pipeline', server.adminToken);
    const card = o.page.locator('[data-service="DISTROKID"]');
    await card.waitFor();
    // Record every status the live row shows, as the subscription pushes them.
    await o.page.evaluate(`(() => {
      const seen = (window.seenStatuses = []);
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('.live-run')) {
          const s = el.getAttribute('data-status') || '';
          if (seen[seen.length - 1] !== s) seen.push(s);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    })()`);
    await card.locator('[data-action="runPipeline"]').click();
    const live = o.page.locator('.live-run').first();
    await o.page.locator('.live-run[data-status="SUCCEEDED"]').waitFor({ timeout: 30_000 });
    expect(await live.innerText()).toContain('700 rows loaded');
    const seen = await o.page.evaluate<string[]>('window.seenStatuses');
    expect(seen.at(-1)).toBe('SUCCEEDED');
    expect(seen).toContain('RUNNING');
    expect(await live.locator('progress').getAttribute('value')).toBe('100');
    expect(o.requests.some((u) => u.startsWith('ws://127.0.0.1') && u.endsWith('/graphql'))).toBe(true);
    // The ledger shows the run the API reports.
    const runs = await server.gql<{ ingestionRuns: { edges: Array<{ node: { id: string; status: string } }> } }>(
      '{ ingestionRuns(first: 1) { edges { node { id status } } } }',
      undefined,
      server.adminToken,
    );
    expect(runs.body.data!.ingestionRuns.edges[0].node.status).toBe('SUCCEEDED');
    await o.page.locator('[data-table="runs"] tbody tr').filter({ hasText: 'SUCCEEDED' }).first().waitFor();
    expect(foreignRequests(o.requests)).toEqual([]);
    expect(o.problems).toEqual([]);
    await o.page.screenshot({ path: '/tmp/dashboard-pipeline.png', fullPage: true });
    await o.page.context().close();
  });
});

describeWithBrowser('label dashboard with anonymous read', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    buildDashboard();
    server = await startTestServer('sqlite', { ALLOW_ANONYMOUS_READ: 'true' });
    browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens straight into the overview as the anonymous viewer', async () => {
    const o = await openPage(browser, `${server.url}/dashboard`);
    await o.page.locator('[data-kpi="net"] .kpi-value').waitFor();
    expect(await o.page.locator('.topbar .who').getAttribute('data-role')).toBe('VIEWER');
    expect(await o.page.locator('input[name="token"]').count()).toBe(0);
    expect(await o.page.locator('[data-kpi="net"] .kpi-value').innerText()).toBe('0.00 USD');
    expect(o.problems).toEqual([]);
    await o.page.context().close();
  });
});
