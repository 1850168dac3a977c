/**
 * The Spotify for Artists extractor in headless Chromium against the simulated portal, run like the
 * job runs it: audience CSVs and song lists landed with manifests, loaded, and the warehouse equal
 * to what the simulator served; the saved session reused; every fault a typed error with nothing landed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isSignedIn } from '../../../src/ingest/extract/portal-config';
import { launchChromium } from '../../../src/browser/launch-chromium';
import { SONG_PERIODS } from '../../../src/ingest/spotify/file-names';
import { SPOTIFY_HANDLERS } from '../../../src/ingest/spotify/handlers';
import { createPortalExtractor } from '../../../src/ingest/extract/portal-runner';
import { SPOTIFY_PORTAL } from '../../../src/ingest/spotify/portal';
import type { ExtractionBench } from '../../helpers/extraction';
import { testEnv } from '../../helpers/test-env';
import { resetFaults } from '../../../demo/portals/portal-kit/faults';
import { startSpotifySimulator, type SpotifySimulator } from '../../../demo/portals/spotify/spotify-simulator';
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

/** The artist key as the warehouse folds names (case and separators dropped), written here independently. */
const foldedArtist = (name: string) => name.toLowerCase().replace(/[\s._-]+/g, '');

describeWithBrowser('Spotify for Artists extractor (simulated portal)', () => {
  let sim: SpotifySimulator;
  let bench: ExtractionBench;

  benchAround(
    () => startSpotifySimulator(),
    (s) => ({
      SPOTIFY_BASE_URL: s.url,
      SPOTIFY_EMAIL: s.credentials.login,
      SPOTIFY_PASSWORD: s.credentials.password,
      SPOTIFY_ARTIST_IDS: s.data.artists.map((a) => a.id).join(','),
    }),
    (s, b) => {
      sim = s;
      bench = b;
    },
  );

  const extractor = () => createPortalExtractor(SPOTIFY_PORTAL, SPOTIFY_HANDLERS, bench.config.extractors.spotify, bench.config.browser);
  const secrets = () => [sim.credentials.password, ...sim.issuedCookies];

  it('lands every audience export and song list with a manifest, and the warehouse holds exactly what the portal served', async () => {
    const out = await bench.run(extractor());
    const periods = SONG_PERIODS.length;
    expect(out.landed).toHaveLength(sim.data.artists.length * (1 + periods));
    for (const f of out.landed) {
      const manifest = checkedManifest(f.absolutePath, sim.url, secrets());
      expect(['audience', 'songs']).toContain(manifest.stream);
    }
    expect(
      out.landed
        .filter((f) => f.stream === 'audience')
        .map((f) => f.originalName)
        .sort(),
    ).toEqual(sim.data.artists.map((a) => `spotify_audience_${a.id}_${a.name.replace(/ /g, '_')}.csv`).sort());
    expect(out.summaries.map((s) => s.status)).toEqual(out.landed.map(() => 'loaded'));
    expect(sim.stats.logins).toBe(1);

    for (const artist of sim.data.artists) {
      const rows = await bench.ds.query<
        Array<{ date: string; listeners: number | null; streams: number | null; followers: number | null }>
      >(
        `SELECT ad.date, ad.listeners, ad.streams, ad.followers FROM audience_daily ad JOIN artists a ON a.id = ad.artist_id
          WHERE ad.source = 'spotify' AND a.name_key = ? ORDER BY ad.date`,
        [foldedArtist(artist.name)],
      );
      expect(rows).toEqual(artist.audience);

      for (const period of SONG_PERIODS) {
        const songs = await bench.ds.query<
          Array<{ title: string; streams: number; listeners: number; savers: number; canvasViews: number | null; isDisabled: number }>
        >(
          `SELECT t.title, sm.streams, sm.listeners, sm.savers, sm.canvas_views AS canvasViews, sm.is_disabled AS isDisabled
             FROM song_metrics sm JOIN tracks t ON t.id = sm.track_id JOIN artists a ON a.id = t.primary_artist_id
            WHERE sm.period = ? AND a.name_key = ? ORDER BY t.title`,
          [period, foldedArtist(artist.name)],
        );
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
      expect(await isSignedIn(SPOTIFY_PORTAL, fresh)).toBe(false);
      const saved = await browser.newContext({ storageState: bench.sessions.load('spotify', sim.credentials.login) as never });
      const page = await saved.newPage();
      await page.goto(`${sim.url}${SPOTIFY_PORTAL.loginPath}`);
      expect(await isSignedIn(SPOTIFY_PORTAL, page)).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('logs in again when the saved session has expired and credentials are set', async () => {
    sim.faults.expiredSession = true;
    const one = { ...bench.config.extractors.spotify, artistIds: [sim.data.artists[0].id] };
    const out = await bench.run(createPortalExtractor(SPOTIFY_PORTAL, SPOTIFY_HANDLERS, one, bench.config.browser));
    expect(sim.stats.logins).toBe(2);
    expect(out.runLog.join('\n')).toMatch(/expired, logging in/);
  });

  it('fails with SESSION_EXPIRED, not retryable, when the session expired and no password is configured', async () => {
    sim.faults.expiredSession = true;
    const landing = filesUnder(bench.lake.dir('landing')).length;
    const err = await failure(
      bench,
      createPortalExtractor(
        SPOTIFY_PORTAL,
        SPOTIFY_HANDLERS,
        { ...bench.config.extractors.spotify, password: undefined },
        bench.config.browser,
      ),
    );
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

  benchAround(
    () => startSpotifySimulator({ slowPageMs: 2600 }),
    (s) => ({
      BROWSER_TIMEOUT_MS: '2000',
      SPOTIFY_BASE_URL: s.url,
      SPOTIFY_EMAIL: s.credentials.login,
      SPOTIFY_PASSWORD: s.credentials.password,
      SPOTIFY_ARTIST_IDS: s.data.artists[0].id,
    }),
    (s, b) => {
      sim = s;
      bench = b;
    },
  );

  beforeEach(() => resetFaults(sim.faults));

  // Nothing of a failed run reaches the lake or the warehouse.
  afterEach(() => expectNothingLanded(bench, ['audience_daily', 'song_metrics', 'source_files']));

  const cases: FaultCase[] = [
    { fault: 'rateLimit', code: 'RATE_LIMITED', retryable: true, message: /429/, retryAfterMs: 1000 },
    { fault: 'serverError', code: 'HTTP_5XX', retryable: true, message: /HTTP 500/ },
    { fault: 'slowPage', code: 'TIMEOUT', retryable: true, message: /audience page/ },
    { fault: 'renamedElement', code: 'LAYOUT_DRIFT', retryable: false, message: /Export.*export-csv.*audience page/ },
    { fault: 'malformedJson', code: 'SCHEMA_DRIFT', retryable: false, message: /catalog API.*not valid JSON/ },
    { fault: 'changedColumn', code: 'SCHEMA_DRIFT', retryable: false, message: /audience export of ZONE A0.*lost column streams/ },
    { fault: 'twoFactor', code: 'TWO_FACTOR_REQUIRED', retryable: false, message: /npm run login -- spotify/ },
  ];

  itFailsOnEachFault(
    cases,
    () => sim,
    () => bench,
    () => createPortalExtractor(SPOTIFY_PORTAL, SPOTIFY_HANDLERS, bench.config.extractors.spotify, bench.config.browser),
  );

  it('a refused password → LOGIN_FAILED, not retryable', () =>
    expectRefusedPassword(bench, (password) =>
      createPortalExtractor(SPOTIFY_PORTAL, SPOTIFY_HANDLERS, { ...bench.config.extractors.spotify, password }, bench.config.browser),
    ));
});
