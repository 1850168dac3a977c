/**
 * The demo's simulated portals: started through demo-portals.ts, the extractors configured from its
 * overrides with loadConfig reach every simulator and load what they fetch; and `npm run demo`,
 * serving, lets its printed ADMIN token trigger an extraction that completes, prints no simulator
 * secret, and revokes the token on Ctrl+C.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, SERVICES } from '../../src/config/config';
import { createExtractors } from '../../src/jobs/extractor-registry';
import { type DemoPortals, startDemoPortals, withDemoPortals } from '../../demo/portals/demo-portals';
import { tempDir } from '../helpers/databases';
import { createExtractionBench, type ExtractionBench, TEST_SESSION_KEY } from '../helpers/extraction';
import { testEnv } from '../helpers/test-env';

const ROOT = path.resolve(__dirname, '..', '..');
const itWithBrowser = testEnv.chromiumExecutable
  ? it
  : (title: string, fn: () => Promise<void>) => it.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, fn);

/** The simulators' fixed passwords and the Meta token's shape: none may reach the demo's output. */
const SIMULATOR_SECRETS = [
  /Corr3ct horse/,
  /Dk-p4ss/,
  /spotify-sim-password/,
  /tiktok-sim-password/,
  /linktree-sim-password/,
  /EAAGsim/,
  /\b[0-9a-f]{64}\b/i,
];

describe('demo portals (demo-portals.ts)', () => {
  let portals: DemoPortals;
  let bench: ExtractionBench;
  let sessionDir: string;

  beforeAll(async () => {
    sessionDir = tempDir('demo-sessions');
    portals = await startDemoPortals({ haveSessionKey: false, sessionDir });
    bench = await createExtractionBench({ ...portals.env, CHROMIUM_PATH: testEnv.chromiumExecutable ?? '' });
  });

  afterAll(async () => {
    await bench?.close();
    await portals?.close();
    fs.rmSync(sessionDir, { recursive: true, force: true });
  });

  it('starts one simulator per service on loopback and points every extractor at it, with a per-run SESSION_KEY', () => {
    expect(portals.portals.map((p) => p.service).sort()).toEqual([...SERVICES].sort());
    for (const p of portals.portals) expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const url = (service: string) => portals.portals.find((p) => p.service === service)?.url;
    const e = bench.config.extractors;
    expect([e.toolost.baseUrl, e.distrokid.baseUrl, e.spotify.baseUrl, e.tiktok.baseUrl, e.linktree.baseUrl, e.meta_ads.graphUrl]).toEqual(
      ['toolost', 'distrokid', 'spotify', 'tiktok', 'linktree', 'meta_ads'].map(url),
    );
    expect(e.spotify.artistIds.length).toBeGreaterThan(0);
    expect(e.tiktok.accounts.length).toBeGreaterThan(0);
    expect(e.toolost.totpSecret).toBeTruthy();
    expect(portals.env.SESSION_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(bench.config.sessions.dir).toBe(sessionDir);

    // The demo's merge: the user's config with the simulators' extractors; the user's key wins when set.
    const generated = withDemoPortals(loadConfig({}), portals);
    expect(generated.extractors).toEqual(e);
    expect(generated.sessions).toEqual({ dir: sessionDir, key: Buffer.from(portals.env.SESSION_KEY, 'hex') });
    expect(withDemoPortals(loadConfig({ SESSION_KEY: TEST_SESSION_KEY }), portals).sessions.key).toEqual(
      Buffer.from(TEST_SESSION_KEY, 'hex'),
    );
  });

  it('Meta Ads (the API, no browser): extracted and loaded', async () => {
    const out = await bench.run(createExtractors(bench.config).meta_ads);
    expect(out.landed.length).toBeGreaterThan(0);
    expect(out.summaries.map((s) => s.status)).toEqual(out.landed.map(() => 'loaded'));
  });

  itWithBrowser('TooLost (browser: password and TOTP): extracted, loaded, its session saved encrypted', async () => {
    const out = await bench.run(createExtractors(bench.config).toolost);
    expect(out.landed.length).toBeGreaterThan(0);
    expect(out.summaries.map((s) => s.status)).toEqual(out.landed.map(() => 'loaded'));
    expect(bench.sessions.accounts('toolost')).toEqual([portals.env.TOOLOST_EMAIL]);
  });
});

describe('npm run demo, serving: extractions from the simulated portals', () => {
  let child: ChildProcessWithoutNullStreams | null = null;

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints an ADMIN token that triggers an extraction to completion, never a simulator secret, and revokes it on exit', async () => {
    const cwd = tempDir('demo-serve');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: `sqlite:${cwd}/w.sqlite`,
      DATA_LAKE_DIR: `${cwd}/lake`,
      PORT: '0',
      LOG_LEVEL: 'error',
      JOB_PROCESS_EVERY_MS: '300',
      ...(testEnv.chromiumExecutable ? { CHROMIUM_PATH: testEnv.chromiumExecutable } : {}),
    };
    const proc = spawn(process.execPath, [path.join(ROOT, 'dist/demo/main.js')], { cwd, env });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => void (stdout += d.toString('utf8')));
    proc.stderr.on('data', (d: Buffer) => void (stderr += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));

    const deadline = Date.now() + 120_000;
    while (!stdout.includes('Press Ctrl+C to stop.')) {
      if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`the demo did not start serving:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(stdout).toMatch(/^SIMULATED portals/m);
    const url = /GraphQL API at (http:\/\/\S+)\/graphql/.exec(stdout)?.[1];
    const token = /\{"Authorization": "Bearer (lat_[A-Za-z0-9_-]+)"\}/.exec(stdout)?.[1];
    expect({ url: !!url, token: !!token }).toEqual({ url: true, token: true });
    expect(stdout).toContain('mutation { triggerExtraction(service: TOOLOST) { id status } }');

    const graphql = async <T>(query: string, auth = true): Promise<{ data?: T; errors?: Array<{ message: string }> }> => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
    };
    // Anonymous read does not reach the admin mutations.
    expect((await graphql('mutation { triggerExtraction(service: META_ADS) { id } }', false)).errors?.length).toBeGreaterThan(0);

    const services = testEnv.chromiumExecutable ? ['META_ADS', 'LINKTREE'] : ['META_ADS'];
    for (const service of services) {
      const started = await graphql<{ triggerExtraction: { id: string } }>(
        `mutation { triggerExtraction(service: ${service}) { id status } }`,
      );
      const id = started.data?.triggerExtraction.id;
      expect({ service, errors: started.errors, id: typeof id }).toEqual({ service, errors: undefined, id: 'string' });
      type Run = { status: string; errorMessage: string | null; counts: { filesLoaded: number; rowsLoaded: number } };
      let run: Run | null | undefined;
      const until = Date.now() + 60_000;
      do {
        await new Promise((r) => setTimeout(r, 300));
        run = (
          await graphql<{ ingestionRun: Run | null }>(
            `query { ingestionRun(id: "${id}") { status errorMessage counts { filesLoaded rowsLoaded } } }`,
          )
        ).data?.ingestionRun;
      } while (run && !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status) && Date.now() < until);
      expect({ service, status: run?.status, errorMessage: run?.errorMessage }).toEqual({
        service,
        status: 'SUCCEEDED',
        errorMessage: null,
      });
      expect(run?.counts.filesLoaded).toBeGreaterThan(0);
    }

    proc.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const secret of SIMULATOR_SECRETS) expect(`${stdout}\n${stderr}`).not.toMatch(secret);
    const db = new Database(`${cwd}/w.sqlite`, { readonly: true });
    const row = db.prepare("SELECT revoked_at AS revokedAt FROM api_tokens WHERE name = 'demo-admin'").get() as
      { revokedAt: string | null } | undefined;
    db.close();
    expect(row?.revokedAt).toBeTruthy();
    fs.rmSync(cwd, { recursive: true, force: true });
  }, 180_000);
});
