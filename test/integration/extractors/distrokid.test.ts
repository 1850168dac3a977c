/**
 * The DistroKid extractor in headless Chromium against the simulated web app, run like the job
 * runs it: both statistics pages and the bank details export landed with manifests, loaded, and
 * the warehouse equal to what the simulator served; the session saved encrypted and reused; TOTP
 * codes never reused; every fault a typed error with nothing landed, raw or loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig, PortalCredentials } from '../../../src/config/config';
import { DISTROKID_PORTAL } from '../../../src/ingest/distrokid/portal';
import { DISTROKID_HANDLERS } from '../../../src/ingest/distrokid/handlers';
import { createPortalExtractor } from '../../../src/ingest/extract/portal-runner';
import { sessionAccountFor } from '../../../src/ingest/extract/session-store';
import type { Extractor } from '../../../src/ingest/extract/extractor';
import type { ExtractionBench } from '../../helpers/extraction';
import { startDistrokidSimulator, type RunningDistrokid } from '../../../demo/portals/distrokid/distrokid-simulator';
import { q } from '../ingest/helpers';
import {
  benchAround,
  checkedManifest,
  count,
  describeWithBrowser,
  expectProgressToDone,
  expectSealedSession,
  type Failure,
} from './extractor-test-kit';
import { expectNoCodeReused, failureLeavingNoTrace, lateFakeClock, switchOffDataFaults } from './totp-portal-test-kit';

describeWithBrowser('DistroKid extractor (simulated web app)', () => {
  let sim: RunningDistrokid;
  let bench: ExtractionBench;
  const clock = lateFakeClock();

  benchAround(
    () => startDistrokidSimulator({ totpClock: clock.now }),
    (s) => ({
      DISTROKID_BASE_URL: s.url,
      DISTROKID_EMAIL: s.credentials.login,
      DISTROKID_PASSWORD: s.credentials.password,
      DISTROKID_TOTP_SECRET: s.credentials.totpSecret,
    }),
    (s, b) => {
      sim = s;
      bench = b;
    },
  );

  const extractor = (creds: Partial<PortalCredentials> = {}, browser: Partial<AppConfig['browser']> = {}): Extractor =>
    createPortalExtractor(
      DISTROKID_PORTAL,
      DISTROKID_HANDLERS,
      { ...bench.config.extractors.distrokid, ...creds },
      { ...bench.config.browser, ...browser },
      { totp: clock.totp },
    );
  const account = () => sessionAccountFor(sim.credentials.login);
  const sessionFile = () => path.join(bench.config.sessions.dir, 'distrokid', `${account()}.session.json`);
  const secrets = () => [sim.credentials.password, sim.credentials.totpSecret, ...sim.issuedCookies];

  const countOf = (table: string) => count(bench, table);
  const extraTables = ['source_files'];
  /** Runs an extraction that must fail: nothing reaches the lake or the warehouse, no secret is in the message. */
  const failure = (x: Extractor, code: string, retryable: boolean): Promise<Failure> =>
    failureLeavingNoTrace(bench, x, code, retryable, extraTables, secrets());

  async function daily(platform: string): Promise<Array<{ date: string; streams: number }>> {
    const rows = await q<{ date: string; streams: number | string }>(
      bench.ds,
      `SELECT CAST(s.date AS TEXT) AS date, s.streams FROM streams s JOIN platforms p ON p.id = s.platform_id
        WHERE s.source = 'distrokid' AND p.code = ? AND s.track_id IS NULL AND s.artist_id IS NULL AND s.country IS NULL ORDER BY s.date`,
      [platform],
    );
    return rows.map((r) => ({ date: r.date, streams: Number(r.streams) }));
  }

  async function bankTotals(): Promise<{ rows: number; earnings: string; net: string; quantity: string }> {
    const [r] = await q<{ n: number | string; gross: string; net: string; quantity: string }>(
      bench.ds,
      `SELECT COUNT(*) AS n, CAST(SUM(gross_nano) AS TEXT) AS gross, CAST(SUM(net_nano) AS TEXT) AS net, CAST(SUM(quantity) AS TEXT) AS quantity
         FROM transactions WHERE source = 'distrokid'`,
    );
    return { rows: Number(r.n), earnings: String(r.gross), net: String(r.net), quantity: String(r.quantity) };
  }

  const servedBank = () => {
    const t = sim.data.bank.totals;
    return { rows: t.rows, earnings: String(t.grossNano), net: String(t.netNano), quantity: String(t.quantity) };
  };

  it('signs in with password and TOTP, lands both statistics pages and the bank export, and the warehouse holds exactly what was served', async () => {
    const out = await bench.run(extractor());
    expect(sim.stats.logins).toBe(1);
    expect(sim.totp.accepted).toHaveLength(1);

    expect(out.landed.map((f) => `${f.stream}/${f.originalName}`)).toEqual([
      'streams_stats/streams_stats.html',
      'applemusic_stats/applemusic_stats.html',
      'bank_details/dk_bank_details.tsv',
    ]);
    const bankFile = out.landed[2].absolutePath;
    expect(path.basename(bankFile)).toMatch(/^dk_bank_details_\d{8}_\d{6}\.tsv$/);
    expect(path.basename(out.landed[0].absolutePath)).toMatch(/^streams_stats_\d{8}_\d{6}\.html$/);
    expect(path.basename(out.landed[1].absolutePath)).toMatch(/^applemusic_stats_\d{8}_\d{6}\.html$/);
    // The export byte for byte, bare-CR lines included.
    const tsv = fs.readFileSync(bankFile, 'utf8');
    expect(tsv).toBe(sim.data.bank.tsv);
    expect(tsv).not.toMatch(/\n/);
    for (const f of out.landed) {
      const manifest = checkedManifest(f.absolutePath, sim.url, secrets());
      expect(manifest.service).toBe('distrokid');
      expect(manifest.stream).toBe(f.stream);
    }
    expect(out.summaries.map((s) => `${s.stream}: ${s.status}`)).toEqual(out.landed.map((f) => `${f.stream}: loaded`));

    expect(await daily('spotify')).toEqual(sim.data.streams);
    expect(await daily('apple_music')).toEqual(sim.data.applePlays.map((d) => ({ date: d.date, streams: d.plays })));
    expect(await bankTotals()).toEqual(servedBank());

    // The session: encrypted at rest, owner-only, expiring with the session cookie (30 days).
    const expiresAt = bench.sessions.status('distrokid', account()).expiresAt!;
    expect(Math.abs(expiresAt.getTime() - (Date.now() + 30 * 86_400_000))).toBeLessThan(60_000);
    expectSealedSession(sessionFile(), secrets());
    for (const line of [...out.runLog, ...bench.logs]) for (const s of secrets()) expect(line).not.toContain(s);

    expectProgressToDone(out.progress);
  });

  it('reuses the saved session on the next run and does not double count', async () => {
    clock.use();
    const before = { logins: sim.stats.logins, bank: await bankTotals(), streams: await countOf('streams') };
    const out = await bench.run(extractor(), { window: { from: '2020-01-01', to: '2020-01-31' } });
    expect(sim.stats.logins).toBe(before.logins);
    expect(out.runLog).toContain('saved DistroKid session is valid');
    expect(out.landed).toHaveLength(3);
    // The full-history export is the same file again: skipped, the totals unchanged.
    expect(out.summaries.find((s) => s.stream === 'bank_details')?.status).toBe('skipped');
    expect(await bankTotals()).toEqual(before.bank);
    expect(await countOf('streams')).toBe(before.streams);
    expect(await daily('spotify')).toEqual(sim.data.streams);
  });

  it('signs in again when the portal has ended the saved session and credentials are set', async () => {
    sim.faults.expiredSession = true;
    const logins = sim.stats.logins;
    const out = await bench.run(extractor());
    expect(sim.stats.logins).toBe(logins + 1);
    expect(out.runLog).toContain('saved DistroKid session was refused by the portal: signing in');
    expect(await bankTotals()).toEqual(servedBank());
  });

  it('fails SESSION_EXPIRED, without retry, when the session ended and no password is configured', async () => {
    sim.faults.expiredSession = true;
    const err = await failure(extractor({ password: undefined, totpSecret: undefined }), 'SESSION_EXPIRED', false);
    expect(err.message).toContain('DISTROKID_PASSWORD');
    await failure(extractor({ login: undefined, password: undefined, totpSecret: undefined }), 'SESSION_EXPIRED', false);
  });

  it('fails TWO_FACTOR_REQUIRED when DistroKid asks for a code and no TOTP secret is set', async () => {
    const err = await failure(extractor({ totpSecret: undefined }), 'TWO_FACTOR_REQUIRED', false);
    expect(err.message).toContain('DISTROKID_TOTP_SECRET');
  });

  it('signs in with the password alone when the account has no 2FA', async () => {
    sim.faults.twoFactor = false;
    try {
      const accepted = sim.totp.accepted.length;
      const out = await bench.run(extractor({ totpSecret: undefined }));
      expect(out.runLog).toContain('signed in to DistroKid (password)');
      expect(sim.totp.accepted).toHaveLength(accepted);
    } finally {
      sim.faults.twoFactor = true;
    }
  });

  it('never submits one TOTP code twice: two sign-ins inside one window use two codes', async () => {
    await expectNoCodeReused({
      fake: clock.fake!,
      totp: sim.totp,
      forgetSession: () => bench.sessions.remove('distrokid', account()),
      login: () => bench.run(extractor()),
    });
  });

  it('fails TWO_FACTOR_FAILED when DistroKid refuses the codes (wrongTotp)', async () => {
    bench.sessions.remove('distrokid', account());
    sim.faults.wrongTotp = true;
    try {
      const err = await failure(extractor(), 'TWO_FACTOR_FAILED', false);
      expect(err.message).toContain('That code is not right');
    } finally {
      sim.faults.wrongTotp = false;
    }
  });

  it('fails LOGIN_FAILED on a refused password', async () => {
    const err = await failure(extractor({ password: 'not the password' }), 'LOGIN_FAILED', false);
    expect(err.message).toContain('Incorrect email or password');
    // Sign in again for the fault tests below, which then reuse the saved session.
    await bench.run(extractor());
  });

  describe('faults (short browser timeout)', () => {
    const fast = { timeoutMs: 2000 };
    afterEach(() => switchOffDataFaults(sim.faults));

    it('rateLimit: RATE_LIMITED, retryable, with the Retry-After', async () => {
      sim.faults.rateLimit = true;
      const err = await failure(extractor({}, fast), 'RATE_LIMITED', true);
      expect(err.retryAfterMs).toBe(1000);
      expect(err.message).toContain('/stats/?data=streams');
    });

    it('serverError: HTTP_5XX, retryable, on the bank export download', async () => {
      sim.faults.serverError = true;
      const err = await failure(extractor({}, fast), 'HTTP_5XX', true);
      expect(err.message).toContain('/bank/details/export.tsv');
    });

    it('slowPage: TIMEOUT, retryable', async () => {
      sim.faults.slowPage = true;
      const err = await failure(extractor({}, fast), 'TIMEOUT', true);
      expect(err.message).toContain('streams statistics page');
    });

    it('renamedElement: LAYOUT_DRIFT naming the Download TSV link', async () => {
      sim.faults.renamedElement = true;
      const err = await failure(extractor({}, fast), 'LAYOUT_DRIFT', false);
      expect(err.message).toContain('a#download-bank-tsv');
      expect(err.message).toContain('/bank/details/');
    });

    it('signedOutStats: SESSION_EXPIRED, without retry, naming the public page the streams page showed', async () => {
      sim.faults.signedOutStats = true;
      try {
        const err = await failure(extractor({}, fast), 'SESSION_EXPIRED', false);
        expect(err.message).toContain('/stats/?data=streams');
        expect(err.message).toContain('Upload & sell your music');
      } finally {
        sim.faults.signedOutStats = false;
      }
    });

    it('malformedJson: SCHEMA_DRIFT naming the Apple Music page and its chart data', async () => {
      sim.faults.malformedJson = true;
      const err = await failure(extractor({}, fast), 'SCHEMA_DRIFT', false);
      expect(err.message).toContain('/stats/applemusic/');
      expect(err.message).toContain('chartData');
    });

    it('changedColumn: SCHEMA_DRIFT naming the missing column', async () => {
      sim.faults.changedColumn = true;
      const err = await failure(extractor({}, fast), 'SCHEMA_DRIFT', false);
      expect(err.message).toContain('Earnings (USD)');
      expect(err.message).toContain('bank details export');
    });
  });
});
