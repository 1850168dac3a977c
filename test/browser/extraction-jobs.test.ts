/**
 * End to end through the ingestion job: the six simulated portals on 127.0.0.1, ONE real server
 * (SQLite defaults, jobs in the process, the real extractors built from env, headless Chromium for
 * the five portals), and for each service `triggerExtraction` over HTTP → the run SUCCEEDED with
 * its counts → GraphQL answers equal to what the simulator served (computed here from the
 * simulator's own data). Then pipelineHealth (last success, valid encrypted sessions), a few faults
 * through the job (not retried, retried and recovered, expired session without credentials on a
 * second server that shares the sessions), and last a search of everything the servers wrote for
 * every secret: passwords, TOTP seeds, the Graph token, SESSION_KEY and the portals' cookie values.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Service } from '../../src/config/config';
import { SONG_PERIODS } from '../../src/ingest/spotify/file-names';
import { nano } from '../helpers/bank-oracle';
import { getRun, RUN_FIELDS, type RunView, waitForRun, watchRunOverWebSocket } from '../helpers/jobs';
import { startTestServer, type TestServer } from '../helpers/server';
import { testEnv } from '../helpers/test-env';
import {
  E2E_SESSION_KEY,
  filesAsText,
  filesUnder,
  jobsDbText,
  leaksIn,
  secretsOf,
  simulatorEnv,
  type Simulators,
  startSimulators,
  warehouseText,
} from './extraction-jobs-env';

// Without a browser the suite is skipped loudly; on CI the global setup already failed the run.
const describeWithBrowser = testEnv.chromiumExecutable
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} [SKIPPED: no Chromium found; set CHROMIUM_PATH or install chromium]`, body);

const SERVICES: Service[] = ['toolost', 'distrokid', 'spotify', 'tiktok', 'linktree', 'meta_ads'];
const PORTALS: Service[] = ['toolost', 'distrokid', 'spotify', 'tiktok', 'linktree'];
const enumOf = (s: Service): string => s.toUpperCase();

/** `YYYY-MM-DD` plus `n` days (UTC), written here rather than taken from the code under test. */
function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Resolves once the clock is in a TOTP window after `lastStep` with more than `marginMs` left,
 * so a login starting now gets its code without waiting for the next window.
 */
async function freshTotpWindow(lastStep: number, marginMs = 10_000): Promise<void> {
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    const left = (step + 1) * 30_000 - now;
    if (step > lastStep && left > marginMs) return;
    await new Promise((r) => setTimeout(r, left + 50));
  }
}

interface RunWithLogs extends RunView {
  logs: Array<{ level: string; message: string }>;
}

describeWithBrowser('extraction jobs end to end (six simulated portals, one server, headless Chromium)', () => {
  let sims: Simulators;
  let server: TestServer;
  /** A second server with the first one's sessions and lake but no Spotify password. */
  let sessionsOnly: TestServer | undefined;
  const runs = new Map<Service, Promise<RunView>>();
  /** Days of the Meta Ads default window, from the day the extraction was queued. */
  let metaWindow = { from: '', to: '' };

  const admin = <T>(s: TestServer, query: string, variables?: Record<string, unknown>) => s.gql<T>(query, variables, s.adminToken);

  async function trigger(s: TestServer, service: Service): Promise<RunView> {
    const res = await admin<{ triggerExtraction: RunView }>(
      s,
      `mutation($s: Service!) { triggerExtraction(service: $s) { ${RUN_FIELDS} } }`,
      { s: enumOf(service) },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.triggerExtraction;
  }

  async function runWithLogs(s: TestServer, id: string): Promise<RunWithLogs> {
    const res = await admin<{ ingestionRun: RunWithLogs }>(
      s,
      `query($id: ID!) { ingestionRun(id: $id) { ${RUN_FIELDS} logs(last: 5000) { level message } } }`,
      { id },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.ingestionRun;
  }

  async function query<T>(q: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await server.gql<T>(q, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!;
  }

  /** Lake files and warehouse rows of one service: what a failed run must leave as it was. */
  async function footprint(service: Service): Promise<Record<string, unknown>> {
    const zones = Object.fromEntries(
      ['landing', 'raw', 'staging', 'quarantine'].map((z) => [
        z,
        filesUnder(path.join(server.lakeDir, z, service)).map((f) => path.relative(server.lakeDir, f)),
      ]),
    );
    const count = async (sql: string, params: unknown[] = []): Promise<number> =>
      Number((await server.ds.query<Array<{ n: number | string }>>(sql, params))[0].n);
    return {
      zones,
      sourceFiles: await count('SELECT COUNT(*) AS n FROM source_files WHERE service = ?', [service]),
      streams: await count('SELECT COUNT(*) AS n FROM streams WHERE source = ?', [service]),
      transactions: await count('SELECT COUNT(*) AS n FROM transactions WHERE source = ?', [service]),
      audienceDaily: await count('SELECT COUNT(*) AS n FROM audience_daily WHERE source = ?', [service]),
      songMetrics: await count('SELECT COUNT(*) AS n FROM song_metrics'),
      linkDaily: await count('SELECT COUNT(*) AS n FROM link_daily'),
      socialDaily: await count('SELECT COUNT(*) AS n FROM social_daily'),
      campaignDaily: await count('SELECT COUNT(*) AS n FROM campaign_daily'),
    };
  }

  beforeAll(async () => {
    sims = await startSimulators();
    server = await startTestServer(
      'sqlite',
      {
        ...simulatorEnv(sims),
        LOG_LEVEL: 'debug',
        BROWSER_TIMEOUT_MS: '15000',
        // Longer than a TOTP login that waits out the last 5 s of a window (the helper's 6 s is not).
        JOB_LOCK_LIFETIME_MS: '15000',
        // One retry, a second later: the retryable fault below is switched off while its run waits.
        JOB_MAX_RETRIES: '1',
        JOB_RETRY_DELAY_MS: '1000',
      },
      { worker: true },
    );
  }, 60_000);

  afterAll(async () => {
    await sessionsOnly?.close();
    await server?.close();
    await sims?.close();
  });

  it('queues one extraction per service over HTTP with the admin token (a viewer may not)', async () => {
    const viewer = await server.gql(`mutation { triggerExtraction(service: TOOLOST) { id } }`);
    expect(viewer.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const today = new Date().toISOString().slice(0, 10);
    metaWindow = { from: plusDays(today, -30), to: plusDays(today, -1) };
    for (const service of SERVICES) {
      const queued = await trigger(server, service);
      expect(queued).toMatchObject({
        service: enumOf(service),
        kind: 'EXTRACT',
        trigger: 'MANUAL',
        status: 'QUEUED',
        attempt: 1,
        triggeredBy: 'test-admin',
      });
      const done = waitForRun(server, queued.id, ['SUCCEEDED', 'FAILED', 'CANCELLED'], 80_000);
      done.catch(() => undefined); // awaited by the service's own test
      runs.set(service, done);
    }
    expect(new Set([...runs.keys()])).toEqual(new Set(SERVICES));
  });

  async function succeeded(service: Service, expectedFiles: number): Promise<RunWithLogs> {
    const run = await runs.get(service)!;
    const full = await runWithLogs(server, run.id);
    expect({ status: full.status, errorCode: full.errorCode, errorMessage: full.errorMessage, attempt: full.attempt }).toEqual({
      status: 'SUCCEEDED',
      errorCode: null,
      errorMessage: null,
      attempt: 1,
    });
    expect(full.progress).toBe(100);
    expect(full.counts.filesLanded).toBeGreaterThanOrEqual(1);
    expect(full.counts.filesLoaded).toBeGreaterThanOrEqual(1);
    // Exactly the exports the portal offers, all loaded (a fresh warehouse: nothing to skip).
    expect(full.counts).toMatchObject({ filesLanded: expectedFiles, filesLoaded: expectedFiles, filesSkipped: 0, filesQuarantined: 0 });
    expect(full.counts.rowsLoaded).toBeGreaterThan(0);
    expect(full.logs.map((l) => l.message)).toContain(`attempt 1 started (extract, manual)`);
    expect(full.logs.at(-1)?.message).toMatch(new RegExp(`^succeeded: ${expectedFiles} files loaded`));
    // Every landed file has its manifest naming the service.
    const manifests = filesUnder(path.join(server.lakeDir, 'landing', service)).filter((f) => f.endsWith('.manifest.json'));
    expect(manifests).toHaveLength(expectedFiles);
    for (const m of manifests) expect(JSON.parse(fs.readFileSync(m, 'utf8'))).toMatchObject({ service });
    return full;
  }

  it('TooLost: SUCCEEDED; streams per day (Spotify and Apple Music analytics) and sales revenue equal what the portal served', async () => {
    const sim = sims.toolost;
    await succeeded('toolost', 2 + sim.data.reports.length);
    expect(sim.totp.accepted).toHaveLength(1);

    for (const [platform, days] of [
      ['spotify', sim.data.spotify.days],
      ['apple_music', sim.data.apple.days],
    ] as const) {
      const { streamSeries } = await query<{
        streamSeries: { points: Array<{ period: string; streams: number }>; totals: { streams: number } };
      }>(
        `query($r: DateRange!, $p: [String!]) { streamSeries(range: $r, grain: DAY, filter: { sources: ["toolost"], platforms: $p }, first: 10000) { points { period streams } totals { streams } } }`,
        { r: { from: days[0].date, to: days.at(-1)!.date }, p: [platform] },
      );
      expect(streamSeries.points).toEqual(days.map((d) => ({ period: d.date, streams: d.streams })));
      expect(streamSeries.totals.streams).toBe(days.reduce((n, d) => n + d.streams, 0));
    }

    const { revenueSummary } = await query<{ revenueSummary: { net: string; gross: string; transactionCount: number } }>(
      `{ revenueSummary(filter: { sources: ["toolost"] }) { net gross transactionCount } }`,
    );
    const served = sim.data.reports.reduce(
      (t, r) => ({ net: t.net + r.sample.totals.netNano, gross: t.gross + r.sample.totals.grossNano, rows: t.rows + r.sample.totals.rows }),
      { net: 0n, gross: 0n, rows: 0 },
    );
    expect({ net: nano(revenueSummary.net), gross: nano(revenueSummary.gross), rows: revenueSummary.transactionCount }).toEqual(served);
  });

  it('DistroKid: SUCCEEDED (watched over the subscription); Spotify streams per day and the bank export’s net revenue equal what was served', async () => {
    const sim = sims.distrokid;
    const run = await runs.get('distrokid')!;
    // The subscription of a finished run yields its last state and completes.
    const updates = await watchRunOverWebSocket(server, run.id, server.adminToken).done;
    expect(updates.at(-1)).toMatchObject({ id: run.id, status: 'SUCCEEDED', progress: 100 });
    await succeeded('distrokid', 3);
    expect(sim.totp.accepted).toHaveLength(1);

    const days = sim.data.streams;
    const { streamSeries } = await query<{ streamSeries: { points: Array<{ period: string; streams: number }> } }>(
      `query($r: DateRange!) { streamSeries(range: $r, grain: DAY, filter: { sources: ["distrokid"], platforms: ["spotify"] }, first: 10000) { points { period streams } } }`,
      { r: { from: days[0].date, to: days.at(-1)!.date } },
    );
    expect(streamSeries.points).toEqual(days.map((d) => ({ period: d.date, streams: d.streams })));

    const { revenueSummary } = await query<{ revenueSummary: { net: string; gross: string; quantity: number; transactionCount: number } }>(
      `{ revenueSummary(filter: { sources: ["distrokid"] }) { net gross quantity transactionCount } }`,
    );
    const t = sim.data.bank.totals;
    expect({
      net: nano(revenueSummary.net),
      gross: nano(revenueSummary.gross),
      quantity: revenueSummary.quantity,
      rows: revenueSummary.transactionCount,
    }).toEqual({
      net: t.netNano,
      gross: t.grossNano,
      quantity: t.quantity,
      rows: t.rows,
    });
  });

  interface AudiencePoint {
    period: string;
    artist: { name: string } | null;
    listeners: string | null;
    streams: number | null;
    followers: number | null;
  }

  async function audience(): Promise<AudiencePoint[]> {
    const all = sims.spotify.data.artists.flatMap((a) => a.audience.map((d) => d.date)).sort();
    const { audienceSeries } = await query<{ audienceSeries: { points: AudiencePoint[] } }>(
      `query($r: DateRange!) { audienceSeries(range: $r, grain: DAY) { points { period artist { name } listeners streams followers } } }`,
      { r: { from: all[0], to: all.at(-1)! } },
    );
    return audienceSeries.points;
  }

  it('Spotify for Artists: SUCCEEDED; the daily audience (listeners, followers) of every artist equals the served CSVs', async () => {
    const sim = sims.spotify;
    await succeeded('spotify', sim.data.artists.length * (1 + SONG_PERIODS.length));
    expect(sim.stats.logins).toBe(1);
    const points = await audience();
    for (const artist of sim.data.artists) {
      const mine = points.filter((p) => p.artist?.name === artist.name);
      expect(
        mine.map((p) => ({ period: p.period, listeners: p.listeners === null ? null : Number(p.listeners), followers: p.followers })),
      ).toEqual(artist.audience.map((d) => ({ period: d.date, listeners: d.listeners, followers: d.followers })));
      // Streams where the dashboard had a figure.
      const known = new Map(artist.audience.filter((d) => d.streams !== null).map((d) => [d.date, d.streams]));
      expect(mine.filter((p) => known.has(p.period)).map((p) => [p.period, p.streams])).toEqual([...known.entries()]);
    }
    expect(points).toHaveLength(sim.data.artists.reduce((n, a) => n + a.audience.length, 0));
  });

  it('Spotify for Artists: a day whose streams cell was empty is answered as null (unknown), not 0', async () => {
    await runs.get('spotify');
    const points = await audience();
    const blanks = sims.spotify.data.artists.flatMap((a) => a.audience.filter((d) => d.streams === null).map((d) => `${a.name} ${d.date}`));
    expect(blanks.length).toBeGreaterThan(0);
    const answered = points
      .filter((p) => blanks.includes(`${p.artist?.name} ${p.period}`))
      .map((p) => `${p.artist?.name} ${p.period}: ${p.streams}`);
    expect(answered.sort()).toEqual(blanks.map((b) => `${b}: null`).sort());
  });

  it('TikTok: SUCCEEDED; socialSeries per account and day equals the served overview, followers from the profile snapshot', async () => {
    const sim = sims.tiktok;
    await succeeded('tiktok', sim.data.accounts.length * 2);
    const dates = sim.data.accounts.flatMap((a) => a.overview.map((d) => d.date)).sort();
    const { socialSeries } = await query<{
      socialSeries: {
        points: Array<{
          period: string;
          account: string | null;
          videoViews: number;
          profileViews: number;
          likes: number;
          comments: number;
          shares: number;
          followers: number | null;
        }>;
      };
    }>(
      `query($r: DateRange!) { socialSeries(range: $r, grain: DAY, groupBy: [ACCOUNT]) { points { period account videoViews profileViews likes comments shares followers } } }`,
      { r: { from: dates[0], to: dates.at(-1)! } },
    );
    for (const account of sim.data.accounts) {
      const capturedDay = account.followers.capturedAt.slice(0, 10);
      expect(socialSeries.points.filter((p) => p.account === account.handle)).toEqual(
        account.overview.map((d) => ({
          period: d.date,
          account: account.handle,
          videoViews: d.videoViews,
          profileViews: d.profileViews,
          likes: d.likes,
          comments: d.comments,
          shares: d.shares,
          followers: d.date >= capturedDay ? account.followers.followers : null,
        })),
      );
    }
    expect(socialSeries.points).toHaveLength(sim.data.accounts.reduce((n, a) => n + a.overview.length, 0));
  });

  it('Linktree: SUCCEEDED; linkSeries per day equals the daily year served', async () => {
    const sim = sims.linktree;
    await succeeded('linktree', 1);
    const s = sim.data.series;
    const { linkSeries } = await query<{
      linkSeries: { points: Array<{ period: string; views: number; uniqueViews: number; clicks: number; uniqueClicks: number }> };
    }>(
      `query($r: DateRange!, $a: String) { linkSeries(range: $r, grain: DAY, account: $a) { points { period views uniqueViews clicks uniqueClicks } } }`,
      { r: { from: s[0].date, to: s.at(-1)!.date }, a: sim.data.username },
    );
    expect(linkSeries.points).toEqual(
      s.map((d) => ({
        period: d.date,
        views: d.totalViews,
        uniqueViews: d.uniqueViews,
        clicks: d.totalClicks,
        uniqueClicks: d.uniqueClicks,
      })),
    );
  });

  interface CampaignNode {
    externalId: string;
    name: string;
    daily: Array<{ date: string; spend: string; impressions: number; clicks: number; reach: number | null }>;
  }

  async function metaCampaigns(): Promise<CampaignNode[]> {
    const { campaigns } = await query<{ campaigns: { edges: Array<{ node: CampaignNode }> } }>(
      `query($r: DateRange!) { campaigns(first: 100, filter: { platform: "meta_ads" }) { edges { node { externalId name daily(range: $r) { date spend impressions clicks reach } } } } }`,
      { r: metaWindow },
    );
    return campaigns.edges.map((e) => e.node);
  }

  it('Meta Ads: SUCCEEDED; every campaign’s daily spend, impressions, clicks and reach over the default 30-day window equal the Graph API’s', async () => {
    const sim = sims.meta_ads;
    await succeeded('meta_ads', 2);
    const byId = new Map((await metaCampaigns()).map((c) => [c.externalId, c]));
    expect([...byId.keys()].sort()).toEqual(sim.data.campaigns.map((c) => c.id).sort());
    let days = 0;
    for (const c of sim.data.campaigns) {
      const served = sim.data.days
        .filter((d) => d.campaignId === c.id && d.date >= metaWindow.from && d.date <= metaWindow.to)
        .sort((a, b) => (a.date < b.date ? -1 : 1));
      days += served.length;
      const got = byId.get(c.id)!;
      expect(got.name).toBe(c.name);
      expect(
        got.daily.map((d) => ({ date: d.date, spendNano: nano(d.spend), impressions: d.impressions, clicks: d.clicks, reach: d.reach })),
      ).toEqual(
        // 1 cent = 10^7 nano-units.
        served.map((d) => ({
          date: d.date,
          spendNano: BigInt(d.spendCents) * 10_000_000n,
          impressions: d.impressions,
          clicks: d.clicks,
          reach: d.reach,
        })),
      );
    }
    expect(days).toBeGreaterThan(100);
    // The token went in the Authorization header only.
    expect(sim.requests.length).toBeGreaterThan(0);
    expect(sim.requests.every((r) => r.auth === 'header' && !r.tokenInQuery)).toBe(true);
  });

  it('pipelineHealth: every service HEALTHY with its last success; each portal session valid, encrypted and owner-only', async () => {
    const ids = new Map<Service, string>();
    for (const service of SERVICES) ids.set(service, (await runs.get(service)!).id);
    const { pipelineHealth } = await query<{
      pipelineHealth: Array<{
        service: string;
        status: string;
        reasons: string[];
        lastSuccess: { id: string; status: string } | null;
        lastFailure: { id: string } | null;
        sessions: Array<{ account: string; state: string; expiresAt: string | null }>;
      }>;
    }>(`{ pipelineHealth { service status reasons lastSuccess { id status } lastFailure { id } sessions { account state expiresAt } } }`);
    const byService = new Map(pipelineHealth.map((h) => [h.service, h]));
    for (const service of SERVICES) {
      const h = byService.get(enumOf(service))!;
      expect({ service, status: h.status, reasons: h.reasons, lastSuccess: h.lastSuccess, lastFailure: h.lastFailure }).toEqual({
        service,
        status: 'HEALTHY',
        reasons: [],
        lastSuccess: { id: ids.get(service), status: 'SUCCEEDED' },
        lastFailure: null,
      });
    }
    const accounts: Record<Service, string[]> = {
      toolost: [sims.toolost.credentials.login],
      distrokid: [sims.distrokid.credentials.login],
      spotify: [sims.spotify.credentials.login],
      tiktok: sims.tiktok.data.accounts.map((a) => a.handle).sort(),
      linktree: [sims.linktree.credentials.login],
      meta_ads: [],
    };
    for (const service of SERVICES) {
      expect({ service, sessions: byService.get(enumOf(service))!.sessions.map((s) => ({ account: s.account, state: s.state })) }).toEqual({
        service,
        sessions: accounts[service].map((account) => ({ account, state: 'VALID' })),
      });
    }
    // TooLost's session expires with its JWT (exp 7 days after the login).
    const jwt = sims.toolost.issuedCookies.find((c) => c.split('.').length === 3)!;
    const exp = (JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as { exp: number }).exp;
    expect(new Date(byService.get('TOOLOST')!.sessions[0].expiresAt!).getTime()).toBe(exp * 1000);

    // On disk: one file per portal account, owner-only, no cookie value or credential in clear.
    const files = filesUnder(server.config.sessions.dir);
    expect(files.map((f) => path.relative(server.config.sessions.dir, f)).sort()).toEqual(
      PORTALS.flatMap((s) => accounts[s].map((a) => `${s}/${a}.session.json`)).sort(),
    );
    const secrets = secretsOf(sims);
    for (const f of files) {
      expect(fs.statSync(f).mode & 0o777).toBe(0o600);
      const sealed = JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>;
      expect(Object.keys(sealed).sort()).toEqual(['data', 'expiresAt', 'iv', 'savedAt', 'tag', 'v']);
      expect(leaksIn(f, fs.readFileSync(f, 'utf8'), secrets)).toEqual([]);
    }
  });

  describe('faults through the job', () => {
    it('retryable: Linktree answers HTTP 500: attempt 1 fails HTTP_5XX and is requeued; the switch goes off while it waits; attempt 2 SUCCEEDS without double counting', async () => {
      const sim = sims.linktree;
      const before = await footprint('linktree');
      sim.faults.serverError = true;
      let waiting: RunView | null = null;
      try {
        const queued = await trigger(server, 'linktree');
        const watch = watchRunOverWebSocket(server, queued.id, server.adminToken);
        watch.done.catch(() => undefined);
        const deadline = Date.now() + 45_000;
        while (!waiting) {
          const run = await getRun(server, queued.id);
          if (run.status === 'QUEUED' && run.attempt === 2) waiting = run;
          else if (run.status === 'SUCCEEDED' || run.status === 'FAILED' || Date.now() > deadline)
            throw new Error(`the run never waited for a retry: ${JSON.stringify(run)}`);
          else await new Promise((r) => setTimeout(r, 40));
        }
        sim.faults.serverError = false;
        expect(waiting).toMatchObject({ errorCode: 'HTTP_5XX', step: 'waiting to retry (HTTP_5XX)' });
        expect(waiting.errorMessage).toMatch(/getAccountAnalytics.*HTTP 500/);

        const updates = await watch.done;
        const final = updates.at(-1)!;
        expect({ status: final.status, attempt: final.attempt, errorCode: final.errorCode }).toEqual({
          status: 'SUCCEEDED',
          attempt: 2,
          errorCode: null,
        });
        // The ledger as the subscription saw it: running, back to queued for attempt 2, running again, done.
        const transitions = updates.map((u) => `${u.status}#${u.attempt}`).filter((t, i, all) => t !== all[i - 1]);
        expect(transitions.slice(-3)).toEqual(['QUEUED#2', 'RUNNING#2', 'SUCCEEDED#2']);
        expect(['QUEUED#1,RUNNING#1', 'RUNNING#1']).toContain(transitions.slice(0, -3).join(','));
        const messages = (await runWithLogs(server, queued.id)).logs.map((l) => l.message);
        expect(messages.filter((m) => /^attempt \d started/.test(m))).toEqual([
          'attempt 1 started (extract, manual)',
          'attempt 2 started (extract, manual)',
        ]);
        expect(messages.some((m) => /^attempt 1 failed \(HTTP_5XX\): .*retrying at \d{4}-/.test(m))).toBe(true);
        expect(final.counts.filesLanded).toBe(1);
        expect(final.counts.filesQuarantined).toBe(0);
      } finally {
        sim.faults.serverError = false;
      }
      // Same figures: the new capture is either skipped or rewrites the same days.
      const after = await footprint('linktree');
      expect(after.linkDaily).toBe(before.linkDaily);
      const { linkSeries } = await query<{ linkSeries: { points: Array<{ period: string; views: number; clicks: number }> } }>(
        `query($r: DateRange!) { linkSeries(range: $r, grain: DAY) { points { period views clicks } } }`,
        { r: { from: sim.data.series[0].date, to: sim.data.series.at(-1)!.date } },
      );
      expect(linkSeries.points).toEqual(sim.data.series.map((d) => ({ period: d.date, views: d.totalViews, clicks: d.totalClicks })));
    });

    it('expired session: the portal ended the Spotify session and no password is configured: SESSION_EXPIRED, not retried; pipelineHealth tells the user to log in', async () => {
      const sim = sims.spotify;
      // A worker with the saved sessions (same SESSION_DIR and key) and the lake, but only the login.
      sessionsOnly = await startTestServer(
        'sqlite',
        {
          CHROMIUM_PATH: testEnv.chromiumExecutable ?? '',
          SESSION_KEY: E2E_SESSION_KEY,
          SESSION_DIR: server.config.sessions.dir,
          DATA_LAKE_DIR: server.lakeDir,
          LOG_LEVEL: 'debug',
          BROWSER_TIMEOUT_MS: '15000',
          JOB_LOCK_LIFETIME_MS: '15000',
          JOB_MAX_RETRIES: '1',
          JOB_RETRY_DELAY_MS: '1000',
          SPOTIFY_BASE_URL: sim.url,
          SPOTIFY_EMAIL: sim.credentials.login,
          SPOTIFY_ARTIST_IDS: sim.data.artists.map((a) => a.id).join(','),
        },
        { worker: true },
      );
      const before = await footprint('spotify');
      const logins = sim.stats.logins;
      sim.faults.expiredSession = true;
      const queued = await trigger(sessionsOnly, 'spotify');
      const run = await waitForRun(sessionsOnly, queued.id, ['SUCCEEDED', 'FAILED'], 45_000);
      expect({ status: run.status, errorCode: run.errorCode, attempt: run.attempt }).toEqual({
        status: 'FAILED',
        errorCode: 'SESSION_EXPIRED',
        attempt: 1,
      });
      expect(run.errorMessage).toMatch(/npm run login -- spotify/);
      expect(sim.stats.logins).toBe(logins);
      expect(await footprint('spotify')).toEqual(before);
      const loaded = await sessionsOnly.ds.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM source_files');
      expect(Number(loaded[0].n)).toBe(0);

      const health = await sessionsOnly.gql<{
        pipelineHealth: Array<{
          service: string;
          status: string;
          reasons: string[];
          lastFailure: { id: string; errorCode: string } | null;
          sessions: Array<{ state: string }>;
        }>;
      }>(`{ pipelineHealth { service status reasons lastFailure { id errorCode } sessions { state } } }`);
      expect(health.body.errors).toBeUndefined();
      const spotify = health.body.data!.pipelineHealth.find((h) => h.service === 'SPOTIFY')!;
      expect(spotify.lastFailure).toEqual({ id: run.id, errorCode: 'SESSION_EXPIRED' });
      expect(['WARNING', 'FAILING']).toContain(spotify.status);
      expect(spotify.reasons.some((r) => /SESSION_EXPIRED/.test(r) && /npm run login -- spotify/.test(r))).toBe(true);
      // The refused session is recorded as expired, so health says so too.
      expect(spotify.sessions.map((x) => x.state)).toEqual(['EXPIRED']);
      expect(spotify.status).toBe('FAILING');
    });

    it('not retryable: TooLost refuses the TOTP codes: FAILED TWO_FACTOR_FAILED at attempt 1, not retried, nothing new in the lake or the warehouse', async () => {
      const sim = sims.toolost;
      const before = await footprint('toolost');
      const rejected = sim.totp.rejected.length;
      // The job's TOTP generator never hands out a code twice and waits for the next 30 s window
      // instead (without touching the job): start where it gets its code at once.
      await freshTotpWindow(sim.totp.accepted.at(-1)!.timeStep);
      // The portal ends the saved session, so the job logs in again; every code is then refused.
      sim.faults.expiredSession = true;
      sim.faults.wrongTotp = true;
      try {
        const queued = await trigger(server, 'toolost');
        const run = await waitForRun(server, queued.id, ['SUCCEEDED', 'FAILED'], 60_000);
        expect({ status: run.status, errorCode: run.errorCode, attempt: run.attempt }).toEqual({
          status: 'FAILED',
          errorCode: 'TWO_FACTOR_FAILED',
          attempt: 1,
        });
        expect(sim.totp.rejected.length).toBeGreaterThan(rejected);
        const full = await runWithLogs(server, run.id);
        expect(full.logs.some((l) => /retrying at/.test(l.message))).toBe(false);
        expect(full.logs.at(-1)).toMatchObject({ level: 'error', message: expect.stringMatching(/^failed \(TWO_FACTOR_FAILED\)/) });
        expect(full.counts).toMatchObject({ filesLanded: 0, filesLoaded: 0 });
      } finally {
        sim.faults.wrongTotp = false;
        sim.faults.expiredSession = false;
      }
      expect(await footprint('toolost')).toEqual(before);
    });
  });

  describe('secrets, searched after every run above (successes, retries and failures)', () => {
    it('none in the server logs, any warehouse table, the Agenda jobs file, run logs and errors over GraphQL, or the lake (manifests and files)', async () => {
      expect(sessionsOnly).toBeDefined();
      const secrets = secretsOf(sims);
      // Cookies were issued by every portal, so the search has them to look for.
      for (const s of PORTALS) expect(secrets.some((x) => x.label.startsWith(`${s} cookie`))).toBe(true);
      const leaks: string[] = [];
      for (const [i, s] of [server, sessionsOnly!].entries()) {
        const name = `server ${i + 1}`;
        // Debug logging was on (the Graph client logs each page it follows at debug): there is plenty to search.
        if (s === server) expect(s.logs.some((l) => l.includes('"level":"debug"'))).toBe(true);
        expect(s.logs.length).toBeGreaterThan(0);
        leaks.push(...leaksIn(`${name} logs`, s.logs.join('\n'), secrets));
        for (const [table, text] of Object.entries(await warehouseText(s.ds)))
          leaks.push(...leaksIn(`${name} warehouse ${table}`, text, secrets));
        const jobs = jobsDbText(s.config.jobs.sqlitePath);
        expect(Object.keys(jobs).length).toBeGreaterThan(0);
        for (const [table, text] of Object.entries(jobs)) leaks.push(...leaksIn(`${name} jobs ${table}`, text, secrets));
        // Runs in one page, then each run's logs: all runs' logs in one document is priced over the cost limit (as it should be).
        const res = await admin<{ ingestionRuns: { edges: Array<{ node: Omit<RunWithLogs, 'logs'> & { artefacts: string[] } }> } }>(
          s,
          `{ ingestionRuns(first: 100) { edges { node { ${RUN_FIELDS} artefacts } } } }`,
        );
        expect(res.body.errors).toBeUndefined();
        const nodes: Array<RunWithLogs & { artefacts: string[] }> = [];
        for (const e of res.body.data!.ingestionRuns.edges) {
          const withLogs = await admin<{ ingestionRun: RunWithLogs }>(
            s,
            `query($id: ID!) { ingestionRun(id: $id) { logs(last: 5000) { level message } } }`,
            { id: e.node.id },
          );
          expect(withLogs.body.errors).toBeUndefined();
          nodes.push({ ...e.node, logs: withLogs.body.data!.ingestionRun.logs });
        }
        expect(nodes.some((n) => n.status === 'FAILED')).toBe(true);
        leaks.push(...leaksIn(`${name} runs over GraphQL`, JSON.stringify(nodes), secrets));
        leaks.push(
          ...leaksIn(
            `${name} run errors and logs over GraphQL`,
            nodes.flatMap((n) => [n.errorMessage ?? '', ...n.logs.map((l) => l.message)]).join('\n'),
            secrets,
          ),
        );
      }
      // The lake both servers share: every manifest, and the landed files themselves.
      const lake = filesAsText(server.lakeDir);
      expect(Object.keys(lake).filter((f) => f.endsWith('.manifest.json')).length).toBeGreaterThanOrEqual(10);
      for (const [file, text] of Object.entries(lake)) leaks.push(...leaksIn(path.relative(server.lakeDir, file), text, secrets));
      expect(leaks).toEqual([]);
    });

    it('failure artefacts are owner-only, and a trace holds no secret but the failing portal’s own session cookie', async () => {
      const secrets = secretsOf(sims);
      const dirs = [server.config.artefactsDir, sessionsOnly!.config.artefactsDir];
      const artefacts = Object.assign({}, ...dirs.map((d) => filesAsText(d))) as Record<string, string>;
      // The retried Linktree attempt failed after its login: its trace is among them.
      expect(Object.keys(artefacts).some((f) => f.endsWith('-trace.zip'))).toBe(true);
      for (const file of dirs.flatMap((d) => filesUnder(d))) {
        expect({ file, mode: (fs.statSync(file).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
        expect({ dir: path.dirname(file), mode: (fs.statSync(path.dirname(file)).mode & 0o777).toString(8) }).toEqual({
          dir: path.dirname(file),
          mode: '700',
        });
      }
      // Tracing starts after the login: no password, TOTP seed, token or key. The network log does
      // record the session cookie the pages were requested with (hence owner-only, like the sessions).
      const leaks = Object.entries(artefacts).flatMap(([file, text]) => {
        const service = path.basename(file.split('!')[0]).split('-')[0];
        return leaksIn(path.basename(file), text, secrets).filter((l) => !new RegExp(`: ${service} cookie #\\d+$`).test(l));
      });
      expect(leaks).toEqual([]);
    });
  });
});
