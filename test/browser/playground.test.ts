import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/browser/launch-chromium';
import { startTestServer, type TestServer } from '../helpers/server';
import { testEnv } from '../helpers/test-env';

const QUERY = '{ platforms(first: 3, filter: { codes: ["spotify"] }) { edges { node { code name } } } }';

// Without a browser the suite is skipped loudly; on CI the global setup already failed the run.
const describeWithBrowser = testEnv.chromiumExecutable
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, body);

describeWithBrowser('GraphQL playground', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { ALLOW_ANONYMOUS_READ: 'true' });
    browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  interface OpenedPage {
    page: Page;
    requests: string[];
    /** Script errors, CSP violations and failed asset loads. */
    problems: string[];
    /** HTTP status of each GraphiQL introspection request. */
    introspection: number[];
  }

  async function openPage(path: string): Promise<OpenedPage> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const opened: OpenedPage = { page, requests: [], problems: [], introspection: [] };
    page.on('request', (r) => opened.requests.push(r.url()));
    page.on('response', (r) => {
      if (r.request().postData()?.includes('IntrospectionQuery')) opened.introspection.push(r.status());
    });
    page.on('pageerror', (e) => opened.problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // GraphQL errors come with 4xx statuses, which Chromium logs; those are answers, not page problems.
      const graphqlStatus = m.text().startsWith('Failed to load resource') && m.location().url.endsWith('/graphql');
      if (m.type() === 'error' && !graphqlStatus) opened.problems.push(`console: ${m.text()} (${m.location().url})`);
    });
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('Label analytics — GraphQL playground');
    return opened;
  }

  function expectLoopbackOnly(requests: string[]): void {
    const foreign = requests.filter((u) => new URL(u).hostname !== '127.0.0.1');
    expect(foreign).toEqual([]);
  }

  it('runs a query typed into GraphiQL at /graphql, loading nothing from outside', async () => {
    const { page, requests, problems } = await openPage('/graphql');
    const editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(QUERY);
    await page.keyboard.press('Escape'); // closes an autocomplete popup, if one is open
    // Auto-closed brackets and quotes must not have doubled what was typed.
    expect(await page.evaluate<string>(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()`)).toBe(QUERY);
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response .CodeMirror-code').filter({ hasText: '"spotify"' }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: '/tmp/playground.png' });

    expect(requests.some((u) => u.includes('/playground/assets/graphiql.min.js'))).toBe(true);
    expectLoopbackOnly(requests);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("serves the same page at /playground and sends the headers editor's Authorization", async () => {
    const { page, requests, problems } = await openPage('/playground');
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await page.getByRole('button', { name: 'Headers' }).click();
    await page.locator('.graphiql-editor-tool .CodeMirror:visible').click();
    await page.keyboard.type('{"Authorization": "Bearer lat_not-a-real-token"');
    await page.locator('.graphiql-execute-button').click();
    // Anonymous read is on, so only a header that reached the server can produce this refusal.
    await page.locator('.graphiql-response .CodeMirror-code').filter({ hasText: 'invalid or revoked token' }).waitFor({ timeout: 20_000 });
    // Dialogs inject styles, which must pass the CSP through the page's nonce.
    await page.getByRole('button', { name: 'Open settings dialog' }).click();
    await page.getByRole('dialog').waitFor();
    expectLoopbackOnly(requests);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('loads the schema for docs and autocompletion (introspection within the server limits)', async () => {
    const { page, introspection } = await openPage('/playground');
    // GraphiQL introspects as soon as it mounts, often before a waitForResponse could be armed.
    for (let i = 0; i < 100 && introspection.length === 0; i++) await page.waitForTimeout(100);
    expect(introspection.length).toBeGreaterThan(0);
    expect(introspection.every((s) => s === 200)).toBe(true);
    await page.close();
  });

  it('sends a strict CSP and long-cached assets', async () => {
    const page = await fetch(`${server.url}/playground`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/style-src 'self' 'nonce-[\w+/=]+'/);
    const html = await page.text();
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/); // no inline script
    const asset = html.match(/src="(\/playground\/assets\/graphiql\.min\.js\?v=\w+)"/)?.[1];
    expect(asset).toBeDefined();
    const res = await fetch(`${server.url}${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toContain('max-age=31536000');
    await res.arrayBuffer();
  });

  it('leaves GET /graphql from API clients to Apollo', async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: 'application/json' } });
    expect(res.headers.get('content-type') ?? '').not.toContain('text/html');
    expect(await res.text()).not.toContain('GraphQL playground');
  });

  it('refuses asset names outside the allow-list', async () => {
    for (const name of ['package.json', '..%2F..%2Fpackage.json', 'graphiql.min.js.map', '%2E%2E%2Fpackage.json']) {
      const res = await fetch(`${server.url}/playground/assets/${name}`);
      expect(res.status).toBe(404);
      await res.text();
    }
  });
});

describeWithBrowser('GraphQL playground subscriptions', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // A jobs runtime without a worker: a queued run stays queued, so the subscription has a live run to watch.
    server = await startTestServer('sqlite', {}, { worker: false });
    browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("runs the README's subscription over graphql-ws, with the headers editor's token in connectionParams", async () => {
    const queued = await server.gql<{ runPipeline: { id: string; status: string } }>(
      'mutation { runPipeline(service: DISTROKID) { id status } }',
      undefined,
      server.adminToken,
    );
    const run = queued.body.data!.runPipeline;
    expect(run.status).toBe('QUEUED');

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const sockets: string[] = [];
    const posts: string[] = [];
    const problems: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    page.on('request', (r) => {
      if (r.method() === 'POST' && !r.postData()?.includes('IntrospectionQuery')) posts.push(r.postData() ?? '');
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}/playground`);
    const editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.waitFor();
    await page.evaluate(
      `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(${JSON.stringify(`subscription { ingestionRunUpdated(id: "${run.id}") { id status service } }`)})`,
    );
    await page.getByRole('button', { name: 'Headers' }).click();
    await page.locator('.graphiql-editor-tool .CodeMirror:visible').click();
    await page.keyboard.type(`{"Authorization": "Bearer ${server.adminToken}"`);
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response .CodeMirror-code').filter({ hasText: '"QUEUED"' }).waitFor({ timeout: 20_000 });
    const response = await page.evaluate<string>(`document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()`);
    expect(JSON.parse(response)).toEqual({ data: { ingestionRunUpdated: { id: run.id, status: 'QUEUED', service: 'DISTROKID' } } });
    // It went over the WebSocket, not as an HTTP POST (which answered INTERNAL_SERVER_ERROR before).
    expect(sockets.some((u) => u.startsWith('ws://127.0.0.1') && u.endsWith('/graphql'))).toBe(true);
    expect(posts.filter((b) => b.includes('ingestionRunUpdated'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a subscription without a token is refused by the server, and GraphiQL shows why', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/playground`);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await page.evaluate(
      `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('subscription { ingestionRunUpdated(id: "1") { status } }')`,
    );
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response .CodeMirror-code');
    await response.filter({ hasText: /errors/ }).waitFor({ timeout: 20_000 });
    // Anonymous read is off: graphql-ws closes the connection with 4403, and the playground says so.
    const shown = await page.evaluate<string>(`document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()`);
    expect(JSON.parse(shown)).toEqual({ errors: [{ message: 'connection closed (4403: Forbidden)' }] });
    await page.close();
  });
});
