/**
 * `npm run login`: the request checks (service, meta_ads, SESSION_KEY, which account), the CLI's
 * exit codes, and the flow itself driven headless against the simulated TooLost portal, the test
 * typing into the page as a person would: the session is saved encrypted under the extractor's
 * account with the JWT's expiry, and the next extraction runs on it without logging in.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { manualLogin, ManualLoginUsageError, resolveLoginTarget, sessionFilePath } from '../../../src/ingest/extract/manual-login';
import { PORTALS } from '../../../src/ingest/portals';
import { totpAt } from '../../../src/ingest/extract/totp';
import { TOOLOST_HANDLERS } from '../../../src/ingest/toolost/handlers';
import { createPortalExtractor } from '../../../src/ingest/extract/portal-runner';
import { sessionAccountFor } from '../../../src/ingest/extract/session-store';
import { TOOLOST_PORTAL, TOOLOST_SELECTORS } from '../../../src/ingest/toolost/portal';
import { tempDir } from '../../helpers/databases';
import { createExtractionBench, type ExtractionBench, TEST_SESSION_KEY } from '../../helpers/extraction';
import { testEnv } from '../../helpers/test-env';
import { type RunningToolost, startToolostSimulator } from '../../../demo/portals/toolost/toolost-simulator';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const describeWithBrowser = testEnv.chromiumExecutable
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, body);

describe('npm run login: what is asked', () => {
  const config = (env: Record<string, string> = {}) => loadConfig({ SESSION_KEY: TEST_SESSION_KEY, ...env });
  const refusal = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(ManualLoginUsageError);
      return (err as Error).message;
    }
    throw new Error('expected a ManualLoginUsageError');
  };

  it('refuses meta_ads (a token, not a login), unknown services, and any login without SESSION_KEY', () => {
    expect(refusal(() => resolveLoginTarget('meta_ads', undefined, config(), PORTALS))).toMatch(/META_ACCESS_TOKEN/);
    expect(refusal(() => resolveLoginTarget('youtube', undefined, config(), PORTALS))).toMatch(
      /unknown service "youtube".*toolost, distrokid, spotify, tiktok, linktree/,
    );
    expect(refusal(() => resolveLoginTarget('toolost', undefined, loadConfig({}), PORTALS))).toMatch(
      /^SESSION_KEY is not set: sessions are never stored unencrypted/,
    );
  });

  it('files one-login portals under the configured login, as their extractors read them, and nothing else', () => {
    const c = config({ SPOTIFY_EMAIL: 'label+spotify@example.com', SPOTIFY_BASE_URL: 'https://s4a.test/' });
    expect(resolveLoginTarget('spotify', undefined, c, PORTALS)).toMatchObject({
      account: 'label_spotify@example.com',
      loginUrl: 'https://s4a.test/c',
      notes: [],
    });
    expect(resolveLoginTarget('spotify', 'label+spotify@example.com', c, PORTALS).account).toBe('label_spotify@example.com');
    expect(refusal(() => resolveLoginTarget('spotify', 'someone@example.com', c, PORTALS))).toMatch(
      /reads the session of SPOTIFY_EMAIL=label\+spotify@example\.com, not "someone@example\.com"/,
    );
    const unset = resolveLoginTarget('linktree', undefined, config(), PORTALS);
    expect(unset.account).toBe('default');
    expect(unset.notes.join()).toMatch(/LINKTREE_USERNAME is not set/);
  });

  it('files TikTok per handle: the one configured, or the one named', () => {
    expect(resolveLoginTarget('tiktok', undefined, config({ TIKTOK_ACCOUNTS: '@Zone.A0' }), PORTALS).account).toBe('zone.a0');
    const two = config({ TIKTOK_ACCOUNTS: 'zone.a0,pig1987' });
    expect(refusal(() => resolveLoginTarget('tiktok', undefined, two, PORTALS))).toMatch(/name the TikTok handle.*@zone\.a0, @pig1987/);
    expect(resolveLoginTarget('tiktok', '@PIG1987', two, PORTALS)).toMatchObject({ account: 'pig1987', notes: [] });
    expect(resolveLoginTarget('tiktok', 'other', two, PORTALS).notes.join()).toMatch(/@other is not in TIKTOK_ACCOUNTS/);
    expect(refusal(() => resolveLoginTarget('tiktok', 'not a handle!', two, PORTALS))).toMatch(/is not a TikTok handle/);
  });

  it('the CLI exits 2 with the reason before opening any browser', () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [path.join(ROOT, 'dist/src/cli/login.js'), ...args], {
        cwd: tempDir('login-cli'),
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const meta = run(['meta_ads']);
    expect({ status: meta.status, stdout: meta.stdout }).toEqual({ status: 2, stdout: '' });
    expect(meta.stderr).toMatch(/META_ACCESS_TOKEN/);
    const noKey = run(['toolost']);
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toMatch(/SESSION_KEY is not set/);
    const badTimeout = run(['toolost', '--timeout', '0'], { SESSION_KEY: TEST_SESSION_KEY });
    expect(badTimeout.status).toBe(2);
    expect(badTimeout.stderr).toMatch(/--timeout must be a number of minutes/);
  });
});

describeWithBrowser('npm run login: the flow (simulated TooLost, headless)', () => {
  let sim: RunningToolost;
  let bench: ExtractionBench;

  beforeAll(async () => {
    sim = await startToolostSimulator();
    // No password or TOTP secret: the extraction can only succeed on the session saved by hand.
    bench = await createExtractionBench({
      CHROMIUM_PATH: testEnv.chromiumExecutable ?? '',
      TOOLOST_BASE_URL: sim.url,
      TOOLOST_EMAIL: sim.credentials.login,
    });
  });

  afterAll(async () => {
    await bench?.close();
    await sim?.close();
  });

  const browser = () => ({ chromiumPath: bench.config.browser.chromiumPath, headless: true });

  it('saves the session a person completes in the window, encrypted, with the JWT expiry; the next extraction needs no login', async () => {
    const target = resolveLoginTarget('toolost', undefined, bench.config, PORTALS);
    expect(target.account).toBe(sessionAccountFor(sim.credentials.login));
    expect(target.loginUrl).toBe(`${sim.url}/login`);

    let typedAt = 0;
    const result = await manualLogin({
      portal: target.portal,
      account: target.account,
      loginUrl: target.loginUrl,
      sessions: bench.sessions,
      browser: browser(),
      timeoutMs: 30_000,
      pollMs: 200,
      // The person: password, then the code from their authenticator (the part that cannot be automated for SMS/QR).
      async onPage(page) {
        await page.fill(TOOLOST_SELECTORS.email, sim.credentials.login);
        await page.fill(TOOLOST_SELECTORS.password, sim.credentials.password);
        await page.click(TOOLOST_SELECTORS.loginSubmit);
        await page.fill(TOOLOST_SELECTORS.totpInput, totpAt(sim.credentials.totpSecret, Date.now()));
        typedAt = Date.now();
        await page.click(TOOLOST_SELECTORS.totpSubmit);
      },
    });
    expect(typedAt).toBeGreaterThan(0);
    expect(sim.stats.logins).toBe(1);

    const jwt = sim.issuedCookies[0];
    const exp = (JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as { exp: number }).exp;
    expect(result).toEqual({ outcome: 'saved', expiresAt: new Date(exp * 1000) });

    const file = sessionFilePath(bench.config.sessions.dir, 'toolost', target.account);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const onDisk = fs.readFileSync(file, 'utf8');
    for (const secret of [...sim.issuedCookies, sim.credentials.password]) expect(onDisk).not.toContain(secret);
    expect(JSON.parse(onDisk)).toMatchObject({ v: 1, expiresAt: new Date(exp * 1000).toISOString() });
    expect(bench.sessions.status('toolost', target.account)).toMatchObject({ state: 'valid', expiresAt: new Date(exp * 1000) });
    expect(bench.sessions.load('toolost', target.account)?.cookies.map((c) => c.name)).toEqual(
      expect.arrayContaining(['jwt_token', 'laravel_session', 'XSRF-TOKEN']),
    );

    const out = await bench.run(
      createPortalExtractor(TOOLOST_PORTAL, TOOLOST_HANDLERS, bench.config.extractors.toolost, bench.config.browser),
    );
    expect(sim.stats.logins).toBe(1);
    expect(out.runLog).toContain('saved TooLost session is valid');
    expect(out.landed.length).toBe(2 + sim.data.reports.length);
    expect(out.summaries.map((s) => s.status)).toEqual(out.landed.map(() => 'loaded'));
  });

  it('gives up after the timeout and saves nothing', async () => {
    const started = Date.now();
    const result = await manualLogin({
      portal: TOOLOST_PORTAL,
      account: 'nobody@example.com',
      loginUrl: `${sim.url}/login`,
      sessions: bench.sessions,
      browser: browser(),
      timeoutMs: 1500,
      pollMs: 200,
    });
    expect(result).toEqual({ outcome: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(fs.existsSync(sessionFilePath(bench.config.sessions.dir, 'toolost', 'nobody@example.com'))).toBe(false);
  });

  it('ends when the person closes the window, and saves nothing', async () => {
    const result = await manualLogin({
      portal: TOOLOST_PORTAL,
      account: 'closed@example.com',
      loginUrl: `${sim.url}/login`,
      sessions: bench.sessions,
      browser: browser(),
      timeoutMs: 30_000,
      pollMs: 100,
      onPage: (page) => page.close(),
    });
    expect(result).toEqual({ outcome: 'closed' });
    expect(fs.existsSync(sessionFilePath(bench.config.sessions.dir, 'toolost', 'closed@example.com'))).toBe(false);
  });
});
