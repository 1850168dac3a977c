/**
 * The TooLost extractor in headless Chromium against the simulated portal, run like the job runs
 * it: analytics JSON and sales reports landed with manifests, loaded, and the warehouse equal to
 * what the simulator served; the JWT session saved encrypted with its expiry and reused; TOTP codes
 * never reused; every fault a typed error with nothing landed, raw or loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Extractor } from '../../../src/ingest/extract/extractor';
import type { TotpSource } from '../../../src/ingest/extract/totp';
import { TOOLOST_PORTAL } from '../../../src/ingest/toolost/portal';
import { TOOLOST_HANDLERS } from '../../../src/ingest/toolost/handlers';
import { createPortalExtractor } from '../../../src/ingest/extract/portal-runner';
import { sessionAccountFor } from '../../../src/ingest/extract/session-store';
import type { AppConfig, PortalCredentials } from '../../../src/config/config';
import type { ExtractionBench } from '../../helpers/extraction';
import { q } from '../ingest/helpers';
import { type RunningToolost, startToolostSimulator } from '../../../demo/portals/toolost/toolost-simulator';
import {
  benchAround,
  checkedManifest,
  describeWithBrowser,
  expectProgressToDone,
  expectSealedSession,
  type Failure,
} from './extractor-test-kit';
import {
  expectNoCodeReused,
  failureLeavingNoTrace,
  lakeAndWarehouse as footprint,
  lateFakeClock,
  switchOffDataFaults,
} from './totp-portal-test-kit';

describeWithBrowser('TooLost extractor (simulated portal)', () => {
  let sim: RunningToolost;
  let bench: ExtractionBench;
  const clock = lateFakeClock();

  benchAround(
    () => startToolostSimulator({ totpClock: clock.now }),
    (s) => ({
      TOOLOST_BASE_URL: s.url,
      TOOLOST_EMAIL: s.credentials.login,
      TOOLOST_PASSWORD: s.credentials.password,
      TOOLOST_TOTP_SECRET: s.credentials.totpSecret,
    }),
    (s, b) => {
      sim = s;
      bench = b;
    },
  );

  const extractor = (creds: Partial<PortalCredentials> = {}, browser: Partial<AppConfig['browser']> = {}, totp?: TotpSource): Extractor =>
    createPortalExtractor(
      TOOLOST_PORTAL,
      TOOLOST_HANDLERS,
      { ...bench.config.extractors.toolost, ...creds },
      { ...bench.config.browser, ...browser },
      { totp: totp ?? (clock.fake ? clock.totp : undefined) },
    );
  const account = () => sessionAccountFor(sim.credentials.login);
  const sessionFile = () => path.join(bench.config.sessions.dir, 'toolost', `${account()}.session.json`);
  const secrets = () => [sim.credentials.password, sim.credentials.totpSecret, ...sim.issuedCookies];

  const extraTables = ['promotion_costs', 'stream_period_totals'];
  const lakeAndWarehouse = () => footprint(bench, extraTables);
  /** Runs an extraction that must fail: nothing reaches the lake or the warehouse, no secret is in the message. */
  const failure = (x: Extractor, code: string, retryable: boolean): Promise<Failure> =>
    failureLeavingNoTrace(bench, x, code, retryable, extraTables, secrets());

  async function daily(platform: string): Promise<Array<{ date: string; streams: number }>> {
    const rows = await q<{ date: string; streams: number | string }>(
      bench.ds,
      `SELECT CAST(s.date AS TEXT) AS date, s.streams FROM streams s JOIN platforms p ON p.id = s.platform_id
        WHERE s.source = 'toolost' AND p.code = ? AND s.track_id IS NULL AND s.artist_id IS NULL AND s.country IS NULL ORDER BY s.date`,
      [platform],
    );
    return rows.map((r) => ({ date: r.date, streams: Number(r.streams) }));
  }

  async function salesByMonth(): Promise<Array<{ month: string; rows: number; net: string; gross: string }>> {
    const rows = await q<{ month: string; n: number | string; net: string; gross: string }>(
      bench.ds,
      `SELECT CAST(sale_month AS TEXT) AS month, COUNT(*) AS n, CAST(SUM(net_nano) AS TEXT) AS net, CAST(SUM(gross_nano) AS TEXT) AS gross
         FROM transactions WHERE source = 'toolost' GROUP BY sale_month ORDER BY sale_month`,
    );
    return rows.map((r) => ({ month: String(r.month).slice(0, 10), rows: Number(r.n), net: String(r.net), gross: String(r.gross) }));
  }

  const servedSales = () =>
    sim.data.reports.map((r) => ({
      month: r.sample.saleMonth,
      rows: r.sample.totals.rows,
      net: String(r.sample.totals.netNano),
      gross: String(r.sample.totals.grossNano),
    }));

  it('logs in with password and TOTP, lands the analytics and every sales report, and the warehouse holds exactly what the portal served', async () => {
    const out = await bench.run(extractor());
    expect(sim.stats.logins).toBe(1);
    expect(sim.totp.accepted).toHaveLength(1);

    const byStream = (s: string) => out.landed.filter((f) => f.stream === s);
    expect(byStream('spotify_analytics').map((f) => f.originalName)).toEqual(['toolost_spotify_analytics.json']);
    expect(byStream('apple_analytics').map((f) => f.originalName)).toEqual(['toolost_apple_analytics.json']);
    expect(
      byStream('sales_report')
        .map((f) => f.originalName)
        .sort(),
    ).toEqual(sim.data.reports.map((r) => `toolost_sales_${r.month}.csv`).sort());
    expect(out.landed).toHaveLength(2 + sim.data.reports.length);
    // Byte for byte what the portal answered.
    expect(fs.readFileSync(byStream('spotify_analytics')[0].absolutePath, 'utf8')).toBe(sim.data.spotify.json);
    expect(fs.readFileSync(byStream('apple_analytics')[0].absolutePath, 'utf8')).toBe(sim.data.apple.json);
    for (const f of out.landed) {
      expect(path.basename(f.absolutePath)).toMatch(/_\d{8}_\d{6}\.(json|csv)$/);
      const manifest = checkedManifest(f.absolutePath, sim.url, secrets());
      expect(manifest.service).toBe('toolost');
      expect(manifest.stream).toBe(f.stream);
    }
    expect(out.summaries.map((s) => `${s.stream}: ${s.status}`)).toEqual(out.landed.map((f) => `${f.stream}: loaded`));

    expect(await daily('spotify')).toEqual(sim.data.spotify.days);
    expect(await daily('apple_music')).toEqual(sim.data.apple.days);
    expect(await salesByMonth()).toEqual(servedSales());

    // The session: encrypted at rest, owner-only, expiring when the JWT does (7 days).
    const jwt = sim.issuedCookies[0];
    const exp = (JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as { exp: number }).exp;
    const status = bench.sessions.status('toolost', account());
    expect(status.expiresAt?.getTime()).toBe(exp * 1000);
    expect(exp * 1000 - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expectSealedSession(sessionFile(), secrets());
    for (const line of [...out.runLog, ...bench.logs]) for (const s of secrets()) expect(line).not.toContain(s);

    expectProgressToDone(out.progress);
  });

  it('reuses the saved session on the next run, does not double count, and keeps to the window when one is given', async () => {
    clock.use();
    const before = { logins: sim.stats.logins, sales: await salesByMonth(), tables: (await lakeAndWarehouse()).tables };
    const last = sim.data.reports.at(-1)!;
    const window = { from: last.sample.saleMonth, to: `${last.sample.saleMonth.slice(0, 7)}-28` };
    const out = await bench.run(extractor(), { window });
    expect(sim.stats.logins).toBe(before.logins);
    expect(out.runLog).toContain('saved TooLost session is valid');
    expect(out.landed.map((f) => f.originalName)).toEqual([
      'toolost_spotify_analytics.json',
      'toolost_apple_analytics.json',
      `toolost_sales_${last.month}.csv`,
    ]);
    // Same content as before: skipped by the loader, nothing counted twice.
    expect(out.summaries.map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(await salesByMonth()).toEqual(before.sales);
    expect((await lakeAndWarehouse()).tables).toEqual(before.tables);
    expect(await daily('spotify')).toEqual(sim.data.spotify.days);
  });

  it('logs in again when the portal has ended the saved session and credentials are set', async () => {
    sim.faults.expiredSession = true;
    const logins = sim.stats.logins;
    const out = await bench.run(extractor());
    expect(sim.stats.logins).toBe(logins + 1);
    expect(out.runLog).toContain('saved TooLost session was refused by the portal: logging in');
    expect(await salesByMonth()).toEqual(servedSales());
  });

  it('fails SESSION_EXPIRED, without retry, when the session ended and no password is configured', async () => {
    sim.faults.expiredSession = true;
    const err = await failure(extractor({ password: undefined, totpSecret: undefined }), 'SESSION_EXPIRED', false);
    expect(err.message).toContain('TOOLOST_PASSWORD');
    // With nothing configured at all there is no session to try either.
    await failure(extractor({ login: undefined, password: undefined, totpSecret: undefined }), 'SESSION_EXPIRED', false);
  });

  it('never submits one TOTP code twice: two logins inside one window use two codes', async () => {
    await expectNoCodeReused({
      fake: clock.fake!,
      totp: sim.totp,
      forgetSession: () => bench.sessions.remove('toolost', account()),
      login: () => bench.run(extractor()),
    });
  });

  it('would be refused by the portal if it reused a code (TWO_FACTOR_FAILED)', async () => {
    bench.sessions.remove('toolost', account());
    const reused = sim.totp.accepted.at(-1)!.code;
    const err = await failure(extractor({}, {}, { code: async () => reused }), 'TWO_FACTOR_FAILED', false);
    expect(err.message).toContain('already been used');
    expect(sim.totp.rejected.at(-1)).toEqual({ code: reused, reason: 'reused' });
  });

  it('fails TWO_FACTOR_FAILED when the portal refuses the codes (wrongTotp)', async () => {
    sim.faults.wrongTotp = true;
    try {
      await failure(extractor(), 'TWO_FACTOR_FAILED', false);
    } finally {
      sim.faults.wrongTotp = false;
    }
  });

  it('fails TWO_FACTOR_REQUIRED when the portal asks for a code and no TOTP secret is set', async () => {
    const err = await failure(extractor({ totpSecret: undefined }), 'TWO_FACTOR_REQUIRED', false);
    expect(err.message).toContain('TOOLOST_TOTP_SECRET');
  });

  it('fails LOGIN_FAILED on a refused password', async () => {
    const err = await failure(extractor({ password: 'not the password' }), 'LOGIN_FAILED', false);
    expect(err.message).toContain('These credentials do not match our records');
    // Log in again for the fault tests below, which then reuse the saved session.
    await bench.run(extractor());
  });

  describe('faults (short browser timeout)', () => {
    const fast = { timeoutMs: 2000 };
    afterEach(() => switchOffDataFaults(sim.faults));

    it('rateLimit: RATE_LIMITED, retryable, with the Retry-After', async () => {
      sim.faults.rateLimit = true;
      const err = await failure(extractor({}, fast), 'RATE_LIMITED', true);
      expect(err.retryAfterMs).toBe(1000);
      expect(err.message).toContain('/api/portal/analytics/spotify');
    });

    it('serverError: HTTP_5XX, retryable', async () => {
      sim.faults.serverError = true;
      await failure(extractor({}, fast), 'HTTP_5XX', true);
    });

    it('slowPage: TIMEOUT, retryable', async () => {
      sim.faults.slowPage = true;
      const err = await failure(extractor({}, fast), 'TIMEOUT', true);
      expect(err.message).toContain('Spotify analytics');
    });

    it('renamedElement: LAYOUT_DRIFT naming the Apple Music tab', async () => {
      sim.faults.renamedElement = true;
      const err = await failure(extractor({}, fast), 'LAYOUT_DRIFT', false);
      expect(err.message).toContain('button#analytics-tab-apple');
      expect(err.message).toContain('/user-portal/analytics/platform');
      expect(err.outcome.artefacts.some((a) => a.endsWith('.png'))).toBe(true);
    });

    it('malformedJson: SCHEMA_DRIFT naming the endpoint', async () => {
      sim.faults.malformedJson = true;
      const err = await failure(extractor({}, fast), 'SCHEMA_DRIFT', false);
      expect(err.message).toContain('/api/portal/analytics/spotify');
      expect(err.message).toContain('not valid JSON');
    });

    it('changedColumn: SCHEMA_DRIFT naming the report and the missing column', async () => {
      sim.faults.changedColumn = true;
      const err = await failure(extractor({}, fast), 'SCHEMA_DRIFT', false);
      expect(err.message).toMatch(/toolost_sales_\d{2}-\d{4}\.csv/);
      expect(err.message).toContain('Store');
    });
  });
});
