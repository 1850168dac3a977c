/**
 * The Spotify for Artists extractor in headless Chromium against the simulated portal, run like the
 * job runs it: audience CSVs and song lists landed with manifests, loaded, and the warehouse equal
 * to what the simulator served; the saved session reused; every fault a typed error with nothing landed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../../../src/browser/launch-chromium';
import { ExtractionError } from '../../../src/ingest/extract/extraction-error';
import type { Extractor } from '../../../src/ingest/extract/extractor';
import { SONG_PERIODS } from '../../../src/ingest/spotify/file-names';
import { createSpotifyExtractor } from '../../../src/ingest/spotify/extractor';
import { SPOTIFY_PORTAL } from '../../../src/ingest/spotify/portal';
import { createExtractionBench, type ExtractionBench, type ExtractionOutcome } from '../../helpers/extraction';
import { testEnv } from '../../helpers/test-env';
import { resetFaults, type PortalFaults } from '../../simulators/portal-kit/faults';
import { startSpotifySimulator, type SpotifySimulator } from '../../simulators/spotify/spotify-simulator';

const describeWithBrowser = testEnv.chromiumExecutable
  ? describe
  : (title: string, body: () => void) => describe.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, body);

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function failure(bench: ExtractionBench, extractor: Extractor): Promise<ExtractionError & { outcome: ExtractionOutcome }> {
  const err = await bench.run(extractor).then(
    () => new Error('the extraction was expected to fail'),
    (e: unknown) => e,
  );
  if (!(err instanceof ExtractionError)) throw err;
  return err as ExtractionError & { outcome: ExtractionOutcome };
}

async function count(bench: ExtractionBench, table: string): Promise<number> {
  const [row] = (await bench.ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: number | string }>;
  return Number(row.n);
}

describeWithBrowser('Spotify for Artists extractor (simulated portal)', () => {
  let sim: SpotifySimulator;
  let bench: ExtractionBench;

  beforeAll(async () => {
    sim = await startSpotifySimulator();
    bench = await createExtractionBench({
      CHROMIUM_PATH: testEnv.chromiumExecutable ?? '',
      SPOTIFY_BASE_URL: sim.url,
      SPOTIFY_EMAIL: sim.credentials.login,
      SPOTIFY_PASSWORD: sim.credentials.password,
      SPOTIFY_ARTIST_IDS: sim.data.artists.map((a) => a.id).join(','),
    });
  });

  afterAll(async () => {
    await bench?.close();
    await sim?.close();
  });

  const extractor = () => createSpotifyExtractor(bench.config.extractors.spotify, bench.config.browser);
  const secrets = () => [sim.credentials.password, ...sim.issuedCookies];

  it('lands every audience export and song list with a manifest, and the warehouse holds exactly what the portal served', async () => {
    const out = await bench.run(extractor());
    const periods = SONG_PERIODS.length;
    expect(out.landed).toHaveLength(sim.data.artists.length * (1 + periods));
    for (const f of out.landed) {
      const manifest = JSON.parse(fs.readFileSync(`${f.absolutePath}.manifest.json`, 'utf8')) as { stream: string; origin: string };
      expect(['audience', 'songs']).toContain(manifest.stream);
      expect(manifest.origin.startsWith(sim.url)).toBe(true);
      for (const s of secrets()) expect(manifest.origin).not.toContain(s);
    }
    expect(out.landed.filter((f) => f.stream === 'audience').map((f) => f.originalName).sort()).toEqual(
      sim.data.artists.map((a) => `spotify_audience_${a.id}_${a.name.replace(/ /g, '_')}.csv`).sort(),
    );
    expect(out.summaries.map((s) => s.status)).toEqual(out.landed.map(() => 'loaded'));
    expect(sim.stats.logins).toBe(1);

    for (const artist of sim.data.artists) {
      const rows = (await bench.ds.query(
        `SELECT ad.date, ad.listeners, ad.streams, ad.followers FROM audience_daily ad JOIN artists a ON a.id = ad.artist_id
          WHERE ad.source = 'spotify' AND a.name_key = ? ORDER BY ad.date`,
        [artist.name.toLowerCase()],
      )) as Array<{ date: string; listeners: number | null; streams: number | null; followers: number | null }>;
      expect(rows).toEqual(artist.audience);

      for (const period of SONG_PERIODS) {
        const songs = (await bench.ds.query(
          `SELECT t.title, sm.streams, sm.listeners, sm.savers, sm.canvas_views AS canvasViews, sm.is_disabled AS isDisabled
             FROM song_metrics sm JOIN tracks t ON t.id = sm.track_id JOIN artists a ON a.id = t.primary_artist_id
            WHERE sm.period = ? AND a.name_key = ? ORDER BY t.title`,
          [period, artist.name.toLowerCase()],
        )) as Array<{ title: string; streams: number; listeners: number; savers: number; canvasViews: number | null; isDisabled: number }>;
        const served = [...artist.songs[period]].sort((x, y) => (x.title < y.title ? -1 : 1));
        expect(songs).toEqual(
          served.map((s) => ({
            title: s.title,
            streams: Number(s.streams),
            listeners: Number(s.listeners),
            savers: Number(s.savers),
            canvasViews: s.canvasViews === null ? null : Number(s.canvasViews),
            isDisabled: s.isDisabled ? 1 : 0,
          })),
        );
      }
    }

    // The session is stored encrypted (no cookie value in clear) and readable by the owner only.
    const sessionFile = path.join(bench.config.sessions.dir, 'spotify', `${sim.credentials.login}.session.json`);
    const stored = fs.readFileSync(sessionFile, 'utf8');
    for (const s of secrets()) expect(stored).not.toContain(s);
    expect(fs.statSync(sessionFile).mode & 0o777).toBe(0o600);
    for (const line of [...out.runLog, ...bench.logs]) for (const s of secrets()) expect(line).not.toContain(s);
    expect(out.progress.length).toBeGreaterThan(5);
  });

  it('reuses the saved session on the next run and does not double count', async () => {
    const before = { audience: await count(bench, 'audience_daily'), songs: await count(bench, 'song_metrics') };
    const out = await bench.run(extractor());
    expect(sim.stats.logins).toBe(1);
    expect(out.runLog.join('\n')).toMatch(/saved session is still valid/);
    // The same content again: each file is landed (a new extraction) and found already loaded.
    expect(out.summaries.map((s) => s.status)).toEqual(out.landed.map(() => 'skipped'));
    expect({ audience: await count(bench, 'audience_daily'), songs: await count(bench, 'song_metrics') }).toEqual(before);
  });

  it('SPOTIFY_PORTAL tells a logged-in page from the login form (for the manual login)', async () => {
    const browser = await launchChromium({ chromiumPath: testEnv.chromiumExecutable });
    try {
      const fresh = await browser.newPage();
      await fresh.goto(`${sim.url}${SPOTIFY_PORTAL.loginPath}`);
      expect(await SPOTIFY_PORTAL.isLoggedIn(fresh)).toBe(false);
      const saved = await browser.newContext({ storageState: bench.sessions.load('spotify', sim.credentials.login) as never });
      const page = await saved.newPage();
      await page.goto(`${sim.url}${SPOTIFY_PORTAL.loginPath}`);
      expect(await SPOTIFY_PORTAL.isLoggedIn(page)).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('logs in again when the saved session has expired and credentials are set', async () => {
    sim.faults.expiredSession = true;
    const one = { ...bench.config.extractors.spotify, artistIds: [sim.data.artists[0].id] };
    const out = await bench.run(createSpotifyExtractor(one, bench.config.browser));
    expect(sim.stats.logins).toBe(2);
    expect(out.runLog.join('\n')).toMatch(/expired, logging in/);
  });

  it('fails with SESSION_EXPIRED, not retryable, when the session expired and no password is configured', async () => {
    sim.faults.expiredSession = true;
    const landing = filesUnder(bench.lake.dir('landing')).length;
    const err = await failure(bench, createSpotifyExtractor({ ...bench.config.extractors.spotify, password: undefined }, bench.config.browser));
    expect(err.code).toBe('SESSION_EXPIRED');
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/npm run login -- spotify/);
    expect(filesUnder(bench.lake.dir('landing'))).toHaveLength(landing);
    expect(sim.stats.logins).toBe(2);
  });
});

describeWithBrowser('Spotify for Artists extractor: portal faults', () => {
  let sim: SpotifySimulator;
  let bench: ExtractionBench;

  beforeAll(async () => {
    sim = await startSpotifySimulator({ slowPageMs: 2600 });
    bench = await createExtractionBench({
      CHROMIUM_PATH: testEnv.chromiumExecutable ?? '',
      BROWSER_TIMEOUT_MS: '2000',
      SPOTIFY_BASE_URL: sim.url,
      SPOTIFY_EMAIL: sim.credentials.login,
      SPOTIFY_PASSWORD: sim.credentials.password,
      SPOTIFY_ARTIST_IDS: sim.data.artists[0].id,
    });
  });

  afterAll(async () => {
    await bench?.close();
    await sim?.close();
  });

  beforeEach(() => resetFaults(sim.faults));

  afterEach(async () => {
    // Nothing of a failed run reaches the lake or the warehouse.
    expect(filesUnder(bench.lake.dir('landing'))).toEqual([]);
    expect(filesUnder(bench.lake.dir('raw'))).toEqual([]);
    expect(await count(bench, 'audience_daily')).toBe(0);
    expect(await count(bench, 'song_metrics')).toBe(0);
    expect(await count(bench, 'source_files')).toBe(0);
  });

  const cases: Array<{ fault: keyof PortalFaults; code: string; retryable: boolean; message: RegExp; retryAfterMs?: number }> = [
    { fault: 'rateLimit', code: 'RATE_LIMITED', retryable: true, message: /429/, retryAfterMs: 1000 },
    { fault: 'serverError', code: 'HTTP_5XX', retryable: true, message: /HTTP 500/ },
    { fault: 'slowPage', code: 'TIMEOUT', retryable: true, message: /audience page/ },
    { fault: 'renamedElement', code: 'LAYOUT_DRIFT', retryable: false, message: /Export.*export-csv.*audience page/ },
    { fault: 'malformedJson', code: 'SCHEMA_DRIFT', retryable: false, message: /catalog API.*not valid JSON/ },
    { fault: 'changedColumn', code: 'SCHEMA_DRIFT', retryable: false, message: /audience export of ZONE A0.*lost column streams/ },
    { fault: 'twoFactor', code: 'TWO_FACTOR_REQUIRED', retryable: false, message: /npm run login -- spotify/ },
  ];

  it.each(cases)('$fault → $code', async ({ fault, code, retryable, message, retryAfterMs }) => {
    sim.faults[fault] = true;
    const err = await failure(bench, createSpotifyExtractor(bench.config.extractors.spotify, bench.config.browser));
    expect({ code: err.code, retryable: err.retryable }).toEqual({ code, retryable });
    expect(err.message).toMatch(message);
    if (retryAfterMs !== undefined) expect(err.retryAfterMs).toBe(retryAfterMs);
    expect(err.message).not.toContain(sim.credentials.password);
    for (const line of err.outcome.runLog) expect(line).not.toContain(sim.credentials.password);
  });

  it('a refused password → LOGIN_FAILED, not retryable', async () => {
    const err = await failure(bench, createSpotifyExtractor({ ...bench.config.extractors.spotify, password: 'not-the-password' }, bench.config.browser));
    expect({ code: err.code, retryable: err.retryable }).toEqual({ code: 'LOGIN_FAILED', retryable: false });
    expect(err.message).not.toContain('not-the-password');
  });
});
