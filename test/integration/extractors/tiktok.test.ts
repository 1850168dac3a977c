/**
 * The TikTok Studio extractor in headless Chromium against the simulated Studio, run like the job
 * runs it: per handle the overview ZIP (longest range offered) and the follower snapshot landed with
 * manifests and loaded — social_daily equal to the served days with their years rolled over New
 * Year, the snapshot equal to the profile API's — sessions reused per handle, faults typed, nothing landed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isSignedIn } from '../../../src/ingest/extract/portal-config';
import { launchChromium } from '../../../src/browser/launch-chromium';
import { TIKTOK_HANDLERS } from '../../../src/ingest/tiktok/handlers';
import { createPortalExtractor } from '../../../src/ingest/extract/portal-runner';
import { TIKTOK_PORTAL } from '../../../src/ingest/tiktok/portal';
import type { ExtractionBench } from '../../helpers/extraction';
import { testEnv } from '../../helpers/test-env';
import { resetFaults } from '../../../demo/portals/portal-kit/faults';
import { addDays } from '../../../demo/calendar-days';
import { startTikTokSimulator, type TikTokSimulator } from '../../../demo/portals/tiktok/tiktok-simulator';
import {
  benchAround,
  checkedManifest,
  count,
  describeWithBrowser,
  expectNothingLanded,
  expectRefusedPassword,
  failure,
  type FaultCase,
  filesUnder,
  itFailsOnEachFault,
} from './extractor-test-kit';

interface SocialRow {
  date: string;
  videoViews: number;
  profileViews: number;
  likes: number;
  comments: number;
  shares: number;
}

async function socialDays(bench: ExtractionBench, handle: string): Promise<SocialRow[]> {
  return await bench.ds.query<SocialRow[]>(
    `SELECT sd.date, sd.video_views AS videoViews, sd.profile_views AS profileViews, sd.likes, sd.comments, sd.shares
       FROM social_daily sd JOIN platforms p ON p.id = sd.platform_id WHERE p.code = 'tiktok' AND sd.account = ? ORDER BY sd.date`,
    [handle],
  );
}

describeWithBrowser('TikTok Studio extractor (simulated portal)', () => {
  let sim: TikTokSimulator;
  let bench: ExtractionBench;

  benchAround(
    () => startTikTokSimulator(),
    (s) => ({
      TIKTOK_BASE_URL: s.url,
      TIKTOK_USERNAME: s.credentials.login,
      TIKTOK_PASSWORD: s.credentials.password,
      // The second handle is written as people do, with an @.
      TIKTOK_ACCOUNTS: s.data.accounts.map((a, i) => (i === 1 ? `@${a.handle}` : a.handle)).join(','),
    }),
    (s, b) => {
      sim = s;
      bench = b;
    },
  );

  const extractor = () => createPortalExtractor(TIKTOK_PORTAL, TIKTOK_HANDLERS, bench.config.extractors.tiktok, bench.config.browser);
  const secrets = () => [sim.credentials.password, ...sim.issuedCookies];

  it('lands the overview ZIP and the follower snapshot of every handle, and the warehouse holds exactly what was served', async () => {
    const out = await bench.run(extractor());
    expect(out.landed.map((f) => f.stream)).toEqual(sim.data.accounts.flatMap(() => ['overview', 'followers']));
    for (const f of out.landed) {
      checkedManifest(f.absolutePath, sim.url, secrets());
    }
    expect(out.summaries.map((s) => s.status)).toEqual(out.landed.map(() => 'loaded'));
    // One login per handle: each handle has its own session.
    expect(sim.stats.logins).toBe(sim.data.accounts.length);

    for (const account of sim.data.accounts) {
      const overview = out.landed.find((f) => f.stream === 'overview' && f.originalName.includes(account.handle));
      // The longest range offered (365 days): the name starts on the first served day.
      expect(overview?.originalName).toMatch(
        new RegExp(`^Overview_${account.overview[0].date}_\\d{10}_${account.handle.replace('.', '\\.')}\\.zip$`),
      );
      const rows = await socialDays(bench, account.handle);
      expect(rows).toEqual(account.overview);
      // Yearless dates crossed New Year and got the next year.
      expect(new Set(rows.map((r) => r.date.slice(0, 4))).size).toBe(2);
      expect(rows[rows.length - 1].date).toBe(sim.data.today);

      const snapshots = await bench.ds.query<Array<{ account: string; followers: number; capturedAt: string; sourceUrl: string }>>(
        `SELECT fs.account, fs.followers, fs.captured_at AS capturedAt, fs.source_url AS sourceUrl FROM follower_snapshots fs WHERE fs.account = ?`,
        [account.handle],
      );
      expect(
        snapshots.map((s) => ({
          ...s,
          capturedAt: new Date(`${s.capturedAt.replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(s.capturedAt) ? '' : 'Z'}`).toISOString(),
        })),
      ).toEqual([
        {
          account: account.handle,
          followers: account.followers.followers,
          capturedAt: account.followers.capturedAt,
          sourceUrl: account.followers.sourceUrl,
        },
      ]);

      const sessionFile = path.join(bench.config.sessions.dir, 'tiktok', `${account.handle}.session.json`);
      const stored = fs.readFileSync(sessionFile, 'utf8');
      for (const s of secrets()) expect(stored).not.toContain(s);
      expect(fs.statSync(sessionFile).mode & 0o777).toBe(0o600);
    }
    for (const line of [...out.runLog, ...bench.logs]) for (const s of secrets()) expect(line).not.toContain(s);
  });

  it('reuses each handle’s saved session on the next run and does not double count', async () => {
    const before = { social: await count(bench, 'social_daily'), followers: await count(bench, 'follower_snapshots') };
    const out = await bench.run(extractor());
    expect(sim.stats.logins).toBe(sim.data.accounts.length);
    expect(out.runLog.filter((l) => /saved session of @.* is still valid/.test(l))).toHaveLength(sim.data.accounts.length);
    expect(out.summaries.every((s) => s.status === 'loaded' || s.status === 'skipped')).toBe(true);
    expect({ social: await count(bench, 'social_daily'), followers: await count(bench, 'follower_snapshots') }).toEqual(before);
    for (const account of sim.data.accounts) expect(await socialDays(bench, account.handle)).toEqual(account.overview);
  });

  it('TIKTOK_PORTAL tells a logged-in page from the login form (for the manual login)', async () => {
    const browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
    try {
      const fresh = await browser.newPage();
      await fresh.goto(`${sim.url}${TIKTOK_PORTAL.loginPath}`);
      expect(await isSignedIn(TIKTOK_PORTAL, fresh)).toBe(false);
      const saved = await browser.newContext({ storageState: bench.sessions.load('tiktok', sim.data.accounts[0].handle) as never });
      const page = await saved.newPage();
      await page.goto(`${sim.url}/tiktokstudio/analytics/overview`);
      expect(await isSignedIn(TIKTOK_PORTAL, page)).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('takes the longest range the date select offers, whatever it is', async () => {
    sim.ranges.splice(0, sim.ranges.length, 7, 60, 28);
    try {
      const out = await bench.run(
        createPortalExtractor(
          TIKTOK_PORTAL,
          TIKTOK_HANDLERS,
          { ...bench.config.extractors.tiktok, accounts: [sim.data.accounts[0].handle] },
          bench.config.browser,
        ),
      );
      const overview = out.landed.find((f) => f.stream === 'overview');
      expect(overview?.originalName).toMatch(new RegExp(`^Overview_${addDays(sim.data.today, -59)}_`));
      expect(out.runLog.join('\n')).toMatch(/last 60 days/);
      expect(await socialDays(bench, sim.data.accounts[0].handle)).toEqual(sim.data.accounts[0].overview);
    } finally {
      sim.ranges.splice(0, sim.ranges.length, 7, 28, 60, 365);
    }
  });

  it('logs in again when the saved session has expired and credentials are set', async () => {
    const logins = sim.stats.logins;
    sim.faults.expiredSession = true;
    await bench.run(
      createPortalExtractor(
        TIKTOK_PORTAL,
        TIKTOK_HANDLERS,
        { ...bench.config.extractors.tiktok, accounts: [sim.data.accounts[0].handle] },
        bench.config.browser,
      ),
    );
    expect(sim.stats.logins).toBe(logins + 1);
  });

  it('fails with SESSION_EXPIRED pointing at `npm run login -- tiktok` when no password is configured', async () => {
    const logins = sim.stats.logins;
    const landing = filesUnder(bench.lake.dir('landing')).length;
    sim.faults.expiredSession = true;
    const err = await failure(
      bench,
      createPortalExtractor(
        TIKTOK_PORTAL,
        TIKTOK_HANDLERS,
        { ...bench.config.extractors.tiktok, login: undefined, password: undefined },
        bench.config.browser,
      ),
    );
    expect({ code: err.code, retryable: err.retryable }).toEqual({ code: 'SESSION_EXPIRED', retryable: false });
    expect(err.message).toMatch(/npm run login -- tiktok/);
    expect(filesUnder(bench.lake.dir('landing'))).toHaveLength(landing);
    expect(sim.stats.logins).toBe(logins);
  });
});

describeWithBrowser('TikTok Studio extractor: portal faults', () => {
  let sim: TikTokSimulator;
  let bench: ExtractionBench;

  benchAround(
    () => startTikTokSimulator({ slowPageMs: 2600 }),
    (s) => ({
      BROWSER_TIMEOUT_MS: '2000',
      TIKTOK_BASE_URL: s.url,
      TIKTOK_USERNAME: s.credentials.login,
      TIKTOK_PASSWORD: s.credentials.password,
      TIKTOK_ACCOUNTS: s.data.accounts[1].handle,
    }),
    (s, b) => {
      sim = s;
      bench = b;
    },
  );

  beforeEach(() => resetFaults(sim.faults));

  // Nothing of a failed run reaches the lake or the warehouse.
  afterEach(() => expectNothingLanded(bench, ['social_daily', 'follower_snapshots', 'source_files']));

  const cases: FaultCase[] = [
    { fault: 'rateLimit', code: 'RATE_LIMITED', retryable: true, message: /overview download.*429/, retryAfterMs: 1000 },
    { fault: 'serverError', code: 'HTTP_5XX', retryable: true, message: /HTTP 500/ },
    { fault: 'slowPage', code: 'TIMEOUT', retryable: true, message: /TikTok.*Timeout 2000ms/ },
    { fault: 'renamedElement', code: 'LAYOUT_DRIFT', retryable: false, message: /Download data.*download-data-button/ },
    { fault: 'malformedJson', code: 'SCHEMA_DRIFT', retryable: false, message: /profile API.*not valid JSON/ },
    { fault: 'changedColumn', code: 'SCHEMA_DRIFT', retryable: false, message: /Overview_.*lost column Video Views/ },
    { fault: 'twoFactor', code: 'TWO_FACTOR_REQUIRED', retryable: false, message: /npm run login -- tiktok/ },
  ];

  itFailsOnEachFault(
    cases,
    () => sim,
    () => bench,
    () => createPortalExtractor(TIKTOK_PORTAL, TIKTOK_HANDLERS, bench.config.extractors.tiktok, bench.config.browser),
  );

  it('a refused password → LOGIN_FAILED, not retryable', () =>
    expectRefusedPassword(bench, (password) =>
      createPortalExtractor(TIKTOK_PORTAL, TIKTOK_HANDLERS, { ...bench.config.extractors.tiktok, password }, bench.config.browser),
    ));
});
