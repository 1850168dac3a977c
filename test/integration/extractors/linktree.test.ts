/**
 * The Linktree extractor in headless Chromium against the simulated admin, run like the job runs
 * it: the analytics page's GraphQL answers captured as one landing file with a manifest, loaded,
 * and link_daily equal to the simulator's daily year; the saved session reused; every fault a
 * typed error with nothing landed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isSignedIn } from '../../../src/ingest/extract/portal-config';
import { launchChromium } from '../../../src/browser/launch-chromium';
import { LINKTREE_HANDLERS } from '../../../src/ingest/linktree/handlers';
import { createPortalExtractor } from '../../../src/ingest/extract/portal-runner';
import { LINKTREE_PORTAL } from '../../../src/ingest/linktree/portal';
import type { ExtractionBench } from '../../helpers/extraction';
import { testEnv } from '../../helpers/test-env';
import { startLinktreeSimulator, type LinktreeSimulator } from '../../../demo/portals/linktree/linktree-simulator';
import { resetFaults } from '../../../demo/portals/portal-kit/faults';
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

async function linkDays(bench: ExtractionBench, account: string): Promise<Array<Record<string, unknown>>> {
  return await bench.ds.query<Array<Record<string, unknown>>>(
    `SELECT date, total_views AS totalViews, unique_views AS uniqueViews, total_clicks AS totalClicks, unique_clicks AS uniqueClicks
       FROM link_daily WHERE account = ? ORDER BY date`,
    [account],
  );
}

describeWithBrowser('Linktree extractor (simulated admin)', () => {
  let sim: LinktreeSimulator;
  let bench: ExtractionBench;

  benchAround(
    () => startLinktreeSimulator(),
    (s) => ({
      LINKTREE_BASE_URL: s.url,
      LINKTREE_USERNAME: s.credentials.login,
      LINKTREE_PASSWORD: s.credentials.password,
    }),
    (s, b) => {
      sim = s;
      bench = b;
    },
  );

  const extractor = () => createPortalExtractor(LINKTREE_PORTAL, LINKTREE_HANDLERS, bench.config.extractors.linktree, bench.config.browser);
  const secrets = () => [sim.credentials.password, ...sim.issuedCookies];

  it('captures the analytics page’s GraphQL answers with a manifest, and link_daily holds exactly the daily year served', async () => {
    const out = await bench.run(extractor());
    expect(out.landed).toHaveLength(1);
    const [file] = out.landed;
    expect(file.stream).toBe('analytics');
    expect(file.originalName).toBe(`linktree_${sim.data.username}_graphql.json`);
    const manifest = checkedManifest(file.absolutePath, sim.url, secrets());
    expect(manifest.stream).toBe('analytics');

    // The page's other operations are kept beside the one daily-year analytics answer.
    const responses = JSON.parse(fs.readFileSync(file.absolutePath, 'utf8')) as Array<{ data: Record<string, Record<string, unknown>> }>;
    const shapes = responses.map((r) =>
      Object.keys(r.data)
        .map(
          (k) =>
            `${k}.${Object.keys(r.data[k])
              .filter((f) => f !== '__typename')
              .join('+')}`,
        )
        .join(),
    );
    expect(shapes.sort()).toEqual(
      [
        'currentUser.id+username+profileUrl+tier',
        'account.id+links',
        'account.socialLinks',
        'getAccountAnalytics.referrers',
        'getAccountAnalytics.locations',
        'getAccountAnalytics.overview',
      ].sort(),
    );
    // The page first showed 7 days, then weekly figures for the year, then the daily year.
    expect(sim.operations.filter((o) => o === 'getAccountAnalytics')).toHaveLength(3);

    expect(out.summaries.map((s) => s.status)).toEqual(['loaded']);
    expect(await linkDays(bench, sim.data.username)).toEqual(sim.data.series);
    expect(await count(bench, 'link_daily')).toBe(365);
    expect(sim.stats.logins).toBe(1);

    const sessionFile = path.join(bench.config.sessions.dir, 'linktree', `${sim.credentials.login}.session.json`);
    const stored = fs.readFileSync(sessionFile, 'utf8');
    for (const s of secrets()) expect(stored).not.toContain(s);
    expect(fs.statSync(sessionFile).mode & 0o777).toBe(0o600);
    for (const line of [...out.runLog, ...bench.logs]) for (const s of secrets()) expect(line).not.toContain(s);
  });

  it('reuses the saved session on the next run and does not double count', async () => {
    const out = await bench.run(extractor());
    expect(sim.stats.logins).toBe(1);
    expect(out.runLog.join('\n')).toMatch(/saved session is still valid/);
    expect(out.summaries.every((s) => s.status === 'loaded' || s.status === 'skipped')).toBe(true);
    expect(await count(bench, 'link_daily')).toBe(365);
    expect(await linkDays(bench, sim.data.username)).toEqual(sim.data.series);
  });

  it('LINKTREE_PORTAL tells a logged-in page from the login form (for the manual login)', async () => {
    const browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
    try {
      const fresh = await browser.newPage();
      await fresh.goto(`${sim.url}${LINKTREE_PORTAL.loginPath}`);
      expect(await isSignedIn(LINKTREE_PORTAL, fresh)).toBe(false);
      const saved = await browser.newContext({ storageState: bench.sessions.load('linktree', sim.credentials.login) as never });
      const page = await saved.newPage();
      await page.goto(`${sim.url}/admin`);
      expect(await isSignedIn(LINKTREE_PORTAL, page)).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('logs in again when the saved session has expired and credentials are set', async () => {
    sim.faults.expiredSession = true;
    await bench.run(extractor());
    expect(sim.stats.logins).toBe(2);
  });

  it('fails with SESSION_EXPIRED, not retryable, when the session expired and no password is configured', async () => {
    sim.faults.expiredSession = true;
    const landing = filesUnder(bench.lake.dir('landing')).length;
    const err = await failure(
      bench,
      createPortalExtractor(
        LINKTREE_PORTAL,
        LINKTREE_HANDLERS,
        { ...bench.config.extractors.linktree, password: undefined },
        bench.config.browser,
      ),
    );
    expect({ code: err.code, retryable: err.retryable }).toEqual({ code: 'SESSION_EXPIRED', retryable: false });
    expect(err.message).toMatch(/npm run login -- linktree/);
    expect(filesUnder(bench.lake.dir('landing'))).toHaveLength(landing);
    expect(sim.stats.logins).toBe(2);
  });
});

describeWithBrowser('Linktree extractor: portal faults', () => {
  let sim: LinktreeSimulator;
  let bench: ExtractionBench;

  benchAround(
    () => startLinktreeSimulator({ slowPageMs: 2600 }),
    (s) => ({
      BROWSER_TIMEOUT_MS: '2000',
      LINKTREE_BASE_URL: s.url,
      LINKTREE_USERNAME: s.credentials.login,
      LINKTREE_PASSWORD: s.credentials.password,
    }),
    (s, b) => {
      sim = s;
      bench = b;
    },
  );

  beforeEach(() => resetFaults(sim.faults));

  // Nothing of a failed run reaches the lake or the warehouse.
  afterEach(() => expectNothingLanded(bench, ['link_daily', 'source_files']));

  const cases: FaultCase[] = [
    { fault: 'rateLimit', code: 'RATE_LIMITED', retryable: true, message: /getAccountAnalytics.*429/, retryAfterMs: 1000 },
    { fault: 'serverError', code: 'HTTP_5XX', retryable: true, message: /getAccountAnalytics.*HTTP 500/ },
    { fault: 'slowPage', code: 'TIMEOUT', retryable: true, message: /analytics page/ },
    { fault: 'renamedElement', code: 'LAYOUT_DRIFT', retryable: false, message: /date range picker.*analytics-date-range/ },
    { fault: 'malformedJson', code: 'SCHEMA_DRIFT', retryable: false, message: /getAccountAnalytics.*not valid JSON/ },
    { fault: 'changedColumn', code: 'SCHEMA_DRIFT', retryable: false, message: /timeseries\[0\] has no totalViews/ },
    { fault: 'twoFactor', code: 'TWO_FACTOR_REQUIRED', retryable: false, message: /npm run login -- linktree/ },
  ];

  itFailsOnEachFault(
    cases,
    () => sim,
    () => bench,
    () => createPortalExtractor(LINKTREE_PORTAL, LINKTREE_HANDLERS, bench.config.extractors.linktree, bench.config.browser),
  );

  it('an analytics page that no longer calls getAccountAnalytics → LAYOUT_DRIFT naming the operation', async () => {
    sim.skippedOperations.add('getAccountAnalytics');
    try {
      const err = await failure(
        bench,
        createPortalExtractor(LINKTREE_PORTAL, LINKTREE_HANDLERS, bench.config.extractors.linktree, bench.config.browser),
      );
      expect({ code: err.code, retryable: err.retryable }).toEqual({ code: 'LAYOUT_DRIFT', retryable: false });
      expect(err.message).toMatch(/getAccountAnalytics GraphQL response.*analytics page/);
    } finally {
      sim.skippedOperations.clear();
    }
  });

  it('a refused password → LOGIN_FAILED, not retryable', () =>
    expectRefusedPassword(bench, (password) =>
      createPortalExtractor(LINKTREE_PORTAL, LINKTREE_HANDLERS, { ...bench.config.extractors.linktree, password }, bench.config.browser),
    ));
});
