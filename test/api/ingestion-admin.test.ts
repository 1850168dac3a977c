import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { bankDetailsTotals } from '../../demo/sample-exports/distrokid';
import { ExtractionError } from '../../src/errors/extraction-error';
import type { Extractor } from '../../src/ingest/extract/extractor';
import { nano } from '../helpers/bank-oracle';
import { tempDir } from '../helpers/databases';
import { writeBankExport } from '../helpers/fixtures';
import { getRun, putInLanding, RUN_FIELDS, type RunView, waitForRun, watchRunOverWebSocket } from '../helpers/jobs';
import { TEST_SESSION_KEY } from '../helpers/extraction';
import { startTestServer, type TestServer } from '../helpers/server';
import { until } from '../helpers/worker-process';

const SECRET_PASSWORD = 'hunter2-Sup3rSecret-pw';

/** Stands in for a portal: captures a prepared export the way a real extractor captures a download. */
function fileExtractor(service: 'distrokid', stream: string, file: () => string): Extractor {
  return {
    service,
    async extract(ctx) {
      await ctx.touch(30, 'downloading');
      await ctx.capture({ stream, name: path.basename(file()), origin: 'https://portal.test/bank/details', path: file() });
      await ctx.touch(100, 'downloaded');
    },
  };
}

describe('ingestion admin over HTTP (SQLite defaults, jobs in the server process)', () => {
  let server: TestServer;
  let dir: string;
  let bankFile = '';
  let webhook: http.Server;
  const posts: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    dir = tempDir('admin');
    webhook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        posts.push(JSON.parse(body) as Record<string, unknown>);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
    const hookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
    server = await startTestServer(
      'sqlite',
      {
        NOTIFY_WEBHOOK_URL: hookUrl,
        TOOLOST_PASSWORD: SECRET_PASSWORD,
        JOB_MAX_RETRIES: '1',
        JOB_RETRY_DELAY_MS: '100',
        LOG_LEVEL: 'info',
        SESSION_KEY: TEST_SESSION_KEY,
      },
      {
        worker: true,
        extractors: {
          distrokid: fileExtractor('distrokid', 'bank_details', () => bankFile),
          // A portal whose login fails with a message that (wrongly) repeats the password.
          toolost: {
            service: 'toolost',
            extract: async () => {
              throw new ExtractionError('LOGIN_FAILED', `login refused for password ${SECRET_PASSWORD}`);
            },
          },
        },
      },
    );
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((r) => webhook?.close(r));
  });

  const admin = <T>(query: string, variables?: Record<string, unknown>) => server.gql<T>(query, variables, server.adminToken);

  it('runPipeline loads what is in landing; the subscription sees queued → running → succeeded; the data answers', async () => {
    const bank = writeBankExport(dir, 'dk_bank_details_20250701_090000.tsv', { rows: 1500 });
    await putInLanding(server, bank.file, 'distrokid', 'bank_details');
    const res = await admin<{ runPipeline: RunView }>(`mutation { runPipeline(service: DISTROKID) { ${RUN_FIELDS} } }`);
    expect(res.body.errors).toBeUndefined();
    const queued = res.body.data!.runPipeline;
    expect(queued).toMatchObject({ service: 'DISTROKID', kind: 'PIPELINE', trigger: 'MANUAL', triggeredBy: 'test-admin' });
    const watch = watchRunOverWebSocket(server, queued.id, server.adminToken);
    const updates = await watch.done;
    const statuses = [...new Set(updates.map((u) => u.status))];
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    expect(statuses).toContain('RUNNING');
    const final = updates.at(-1)!;
    expect(final.counts).toMatchObject({ filesLoaded: 1, filesQuarantined: 0, rowsLoaded: 1500 });
    const totals = bankDetailsTotals(bank.opts);
    const summary = await server.gql<{ revenueSummary: { net: string; transactionCount: number } }>(
      '{ revenueSummary { net transactionCount } }',
    );
    expect(nano(summary.body.data!.revenueSummary.net)).toBe(totals.netNano);
    expect(summary.body.data!.revenueSummary.transactionCount).toBe(1500);
  });

  it('triggerExtraction fetches through the extractor, lands with a manifest, loads, and logs each step', async () => {
    bankFile = writeBankExport(dir, 'dk_bank_details_20250801_090000.tsv', { rows: 1800, seed: 9 }).file;
    const res = await admin<{ triggerExtraction: RunView }>(`mutation { triggerExtraction(service: DISTROKID) { ${RUN_FIELDS} } }`);
    expect(res.body.errors).toBeUndefined();
    const run = await waitForRun(server, res.body.data!.triggerExtraction.id, ['SUCCEEDED', 'FAILED']);
    expect(run).toMatchObject({ status: 'SUCCEEDED', kind: 'EXTRACT', progress: 100 });
    expect(run.counts.filesLanded).toBe(1);
    expect(run.counts.bytes).toBe(fs.statSync(bankFile).size);
    const landing = path.join(server.lakeDir, 'landing', 'distrokid', 'bank_details');
    const manifest = fs.readdirSync(landing).find((f) => f.startsWith('dk_bank_details_20250801') && f.endsWith('.manifest.json'));
    expect(manifest).toBeDefined();
    expect(JSON.parse(fs.readFileSync(path.join(landing, manifest!), 'utf8'))).toMatchObject({
      service: 'distrokid',
      stream: 'bank_details',
      origin: 'https://portal.test/bank/details',
    });
    const logs = await admin<{ ingestionRun: { logs: Array<{ level: string; message: string }> } }>(
      `query($id: ID!) { ingestionRun(id: $id) { logs { level message } } }`,
      { id: run.id },
    );
    const messages = logs.body.data!.ingestionRun.logs.map((l) => l.message);
    expect(messages[0]).toMatch(/queued by test-admin/);
    expect(messages.some((m) => /landed 1 files/.test(m))).toBe(true);
    expect(messages.at(-1)).toMatch(/succeeded: 1 files loaded \(1800 rows\)/);
  });

  it('a service without an extractor fails with EXTRACTOR_NOT_AVAILABLE, not retried', async () => {
    const res = await admin<{ triggerExtraction: RunView }>(`mutation { triggerExtraction(service: LINKTREE) { id } }`);
    const run = await waitForRun(server, res.body.data!.triggerExtraction.id, ['FAILED', 'SUCCEEDED']);
    expect(run).toMatchObject({ status: 'FAILED', errorCode: 'EXTRACTOR_NOT_AVAILABLE', attempt: 1 });
  });

  it('two failures in a row post one webhook notification; secrets are redacted from run errors and logs', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await admin<{ triggerExtraction: RunView }>(`mutation { triggerExtraction(service: TOOLOST) { id } }`);
      const run = await waitForRun(server, res.body.data!.triggerExtraction.id, ['FAILED', 'SUCCEEDED']);
      expect(run.errorCode).toBe('LOGIN_FAILED');
      expect(run.errorMessage).toContain('[redacted]');
      expect(run.errorMessage).not.toContain(SECRET_PASSWORD);
    }
    const deadline = Date.now() + 5000;
    while (!posts.some((p) => p.kind === 'run_failed_twice') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const notes = posts.filter((p) => p.kind === 'run_failed_twice');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ service: 'toolost', errorCode: 'LOGIN_FAILED' });
    expect(String(notes[0].text)).toMatch(/TooLost: ingestion failed twice in a row/);
    expect(JSON.stringify(posts)).not.toContain(SECRET_PASSWORD);
    expect(server.logs.join('\n')).not.toContain(SECRET_PASSWORD);
    const rows = await server.ds.query('SELECT error_message FROM ingestion_runs UNION ALL SELECT message FROM ingestion_run_logs');
    expect(JSON.stringify(rows)).not.toContain(SECRET_PASSWORD);
  });

  it('ingestionRuns filters and pages newest first', async () => {
    const page1 = await admin<{
      ingestionRuns: { edges: Array<{ node: RunView; cursor: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(`{ ingestionRuns(first: 2) { edges { cursor node { id service status } } pageInfo { hasNextPage endCursor } } }`);
    const ids = page1.body.data!.ingestionRuns.edges.map((e) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page1.body.data!.ingestionRuns.pageInfo.hasNextPage).toBe(true);
    const page2 = await admin<{ ingestionRuns: { edges: Array<{ node: RunView }> } }>(
      `query($after: String) { ingestionRuns(first: 2, after: $after) { edges { node { id } } } }`,
      {
        after: page1.body.data!.ingestionRuns.pageInfo.endCursor,
      },
    );
    expect(Number(page2.body.data!.ingestionRuns.edges[0].node.id)).toBeLessThan(ids[1]);
    const failed = await admin<{ ingestionRuns: { edges: Array<{ node: RunView }> } }>(
      `{ ingestionRuns(filter: { service: TOOLOST, status: FAILED }, first: 10) { edges { node { service status } } } }`,
    );
    expect(failed.body.data!.ingestionRuns.edges).toHaveLength(2);
    expect(failed.body.data!.ingestionRuns.edges.every((e) => e.node.service === 'TOOLOST' && e.node.status === 'FAILED')).toBe(true);
  });

  it('retryRun queues a new run pointing at the failed one', async () => {
    const failed = await admin<{ ingestionRuns: { edges: Array<{ node: RunView }> } }>(
      `{ ingestionRuns(filter: { service: LINKTREE, status: FAILED }, first: 1) { edges { node { id } } } }`,
    );
    const id = failed.body.data!.ingestionRuns.edges[0].node.id;
    const res = await admin<{ retryRun: RunView }>(`mutation($id: ID!) { retryRun(id: $id) { ${RUN_FIELDS} } }`, { id });
    expect(res.body.data!.retryRun).toMatchObject({ trigger: 'RETRY', retryOf: id, service: 'LINKTREE' });
    await waitForRun(server, res.body.data!.retryRun.id, ['FAILED']);
    const notFailed = await admin(`mutation { retryRun(id: "999999") { id } }`);
    expect(notFailed.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('pipelineHealth reports freshness, last success and failure, quarantine and reasons', async () => {
    const res = await server.gql<{
      pipelineHealth: Array<{
        service: string;
        status: string;
        reasons: string[];
        zones: Array<{ zone: string; files: number; ageHours: number | null }>;
        lastSuccess: { id: string } | null;
        lastFailure: { errorCode: string } | null;
        consecutiveFailures: number;
      }>;
    }>(
      '{ pipelineHealth { service status reasons zones { zone files ageHours } lastSuccess { id } lastFailure { errorCode } consecutiveFailures } }',
    );
    expect(res.body.errors).toBeUndefined();
    const byService = new Map(res.body.data!.pipelineHealth.map((h) => [h.service, h]));
    expect([...byService.keys()].sort()).toEqual(['DISTROKID', 'LINKTREE', 'META_ADS', 'SPOTIFY', 'TIKTOK', 'TOOLOST']);
    const dk = byService.get('DISTROKID')!;
    expect(dk.status).toBe('HEALTHY');
    expect(dk.lastSuccess).not.toBeNull();
    expect(dk.zones.find((z) => z.zone === 'landing')!.files).toBe(2);
    expect(dk.zones.find((z) => z.zone === 'landing')!.ageHours).toBeLessThan(1);
    const tl = byService.get('TOOLOST')!;
    expect(tl.status).toBe('FAILING');
    expect(tl.consecutiveFailures).toBe(2);
    expect(tl.reasons[0]).toMatch(/2 runs failed in a row \(last: LOGIN_FAILED\)/);
    expect(byService.get('SPOTIFY')!.status).toBe('UNKNOWN');
  });

  it('a session about to expire shows in pipelineHealth and is notified once', async () => {
    const expiresAt = new Date(Date.now() + 3 * 3600_000);
    server.jobs!.sessions.save(
      'tiktok',
      'zone.a0',
      { cookies: [{ name: 'sessionid', value: 'c00kie-value-never-shown', expires: expiresAt.getTime() / 1000 }], origins: [] },
      expiresAt,
    );
    const res = await server.gql<{
      pipelineHealth: Array<{
        service: string;
        status: string;
        reasons: string[];
        sessions: Array<{ account: string; state: string; expiresAt: string }>;
      }>;
    }>('{ pipelineHealth { service status reasons sessions { account state expiresAt } } }');
    const tiktok = res.body.data!.pipelineHealth.find((h) => h.service === 'TIKTOK')!;
    expect(tiktok.sessions).toEqual([{ account: 'zone.a0', state: 'EXPIRING', expiresAt: expiresAt.toISOString() }]);
    expect(tiktok.reasons.some((r) => r.includes(`session of zone.a0 expires at ${expiresAt.toISOString()}`))).toBe(true);
    await server.jobs!.checkSessions();
    await server.jobs!.checkSessions();
    const notes = posts.filter((p) => p.kind === 'session_expiring');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ service: 'tiktok', account: 'zone.a0', state: 'expiring', expiresAt: expiresAt.toISOString() });
    expect(String(notes[0].text)).toMatch(/npm run login -- tiktok/);
    expect(JSON.stringify(posts)).not.toContain('c00kie-value-never-shown');
  });

  it('setSchedule validates cron and intervals and lists schedules', async () => {
    const bad = await admin(`mutation { setSchedule(service: TIKTOK, every: "61 * * * *") { every } }`);
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0].message).toMatch(/invalid cron expression "61 \* \* \* \*"/);
    const badZone = await admin(`mutation { setSchedule(service: TIKTOK, every: "6 hours", timezone: "Mars/Olympus") { every } }`);
    expect(badZone.body.errors?.[0].message).toMatch(/unknown time zone "Mars\/Olympus"/);
    const tooOften = await admin(`mutation { setSchedule(service: TIKTOK, every: "5 seconds") { every } }`);
    expect(tooOften.body.errors?.[0].message).toMatch(/shorter than the minimum interval/);
    const ok = await admin<{ setSchedule: { every: string; timezone: string; enabled: boolean } }>(
      `mutation { setSchedule(service: TIKTOK, every: "0 6 * * *", timezone: "Europe/Paris") { every timezone enabled } }`,
    );
    expect(ok.body.data!.setSchedule).toEqual({ every: '0 6 * * *', timezone: 'Europe/Paris', enabled: true });
    await admin(`mutation { setSchedule(service: META_ADS, every: "6 hours", enabled: false) { every } }`);
    const list = await admin<{ schedules: Array<{ service: string; every: string; enabled: boolean }> }>(
      '{ schedules { service every enabled } }',
    );
    expect(list.body.data!.schedules).toEqual([
      { service: 'META_ADS', every: '6 hours', enabled: false },
      { service: 'TIKTOK', every: '0 6 * * *', enabled: true },
    ]);
    const jobs = await server.jobs!.agenda.queryJobs({ name: 'ingestion-schedule:tiktok' });
    expect(jobs.total).toBe(1);
    expect(jobs.jobs[0].repeatInterval).toBe('0 6 * * *');
    const paused = await server.jobs!.agenda.queryJobs({ name: 'ingestion-schedule:meta_ads' });
    expect(paused.jobs[0].disabled).toBe(true);
  });

  it('a schedule firing queues a run with trigger SCHEDULE by the scheduler', async () => {
    await server.jobs!.queue.enqueue('ingestion-schedule:spotify', { service: 'spotify' });
    const run = await until(async () => {
      const res = await admin<{ ingestionRuns: { edges: Array<{ node: RunView }> } }>(
        `{ ingestionRuns(filter: { service: SPOTIFY, trigger: SCHEDULE }) { edges { node { ${RUN_FIELDS} } } } }`,
      );
      return res.body.data!.ingestionRuns.edges[0]?.node;
    }, 'the scheduled run');
    expect(run).toMatchObject({ trigger: 'SCHEDULE', triggeredBy: 'scheduler', kind: 'EXTRACT' });
  });

  it('viewer tokens cannot mutate or read runs; the Service enum rejects anything else', async () => {
    const viewer = await server.gql(`mutation { triggerExtraction(service: DISTROKID) { id } }`);
    expect(viewer.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const runs = await server.gql(`{ ingestionRuns { edges { node { id } } } }`);
    expect(runs.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await server.gql(`mutation { runPipeline(service: DISTROKID) { id } }`, undefined, null);
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const bogus = await admin(`mutation { triggerExtraction(service: "../../etc") { id } }`);
    expect(bogus.status).toBe(400);
    expect(bogus.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const viaVariable = await admin(`mutation($s: Service!) { triggerExtraction(service: $s) { id } }`, { s: 'soundcloud' });
    expect(viaVariable.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a viewer cannot subscribe to run updates', async () => {
    const watch = watchRunOverWebSocket(server, '1', server.viewerToken);
    await expect(watch.done).rejects.toThrow(/ADMIN/);
  });

  it('Agendash at /admin/jobs needs an admin: header or sign-in cookie', async () => {
    const anonymous = await fetch(`${server.url}/admin/jobs/`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/admin/login');
    const anonymousApi = await fetch(`${server.url}/admin/jobs/api/stats`);
    expect(anonymousApi.status).toBe(401);
    const viewer = await fetch(`${server.url}/admin/jobs/`, { headers: { authorization: `Bearer ${server.viewerToken}` } });
    expect(viewer.status).toBe(403);
    const withHeader = await fetch(`${server.url}/admin/jobs/`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(withHeader.status).toBe(200);
    expect(await withHeader.text()).toMatch(/<html/i);
    const wrong = await fetch(`${server.url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ token: server.viewerToken }),
    });
    expect(wrong.status).toBe(401);
    const login = await fetch(`${server.url}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ token: server.adminToken }),
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await fetch(`${server.url}/admin/jobs/`, { headers: { cookie: cookie.split(';')[0] } });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get('content-security-policy')).toBeTruthy();
  });

  it('/healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'ok', jobs: 'ok', jobsBackend: 'SQLite' });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${server.viewerToken}` } })).text();
    expect(metrics).toMatch(/ingestion_runs_total\{service="distrokid",status="succeeded"\} 2/);
    expect(metrics).toMatch(/ingestion_runs_total\{service="toolost",status="failed"\} 2/);
    expect(metrics).toMatch(/ingestion_rows_loaded_total\{service="distrokid"\} 3300/);
    expect(metrics).toMatch(/ingestion_run_duration_seconds_bucket\{service="distrokid",le="\+Inf"\} 2/);
    expect(metrics).toMatch(/ingestion_last_success_timestamp_seconds\{service="distrokid"\} \d{10}/);
    expect(metrics).toMatch(/ingestion_queue_size \d+/);
  });
});

describe('ingestion admin: idempotent triggers and cancellation (API process that only queues)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {}, { worker: false });
  });
  afterAll(async () => server?.close());

  it('20 simultaneous triggerExtraction(DISTROKID) calls create exactly one run', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        server.gql<{ triggerExtraction: { id: string } }>(
          `mutation { triggerExtraction(service: DISTROKID) { id } }`,
          undefined,
          server.adminToken,
        ),
      ),
    );
    const ids = new Set(results.map((r) => r.body.data?.triggerExtraction.id));
    expect(ids.size).toBe(1);
    const rows = await server.ds.query(`SELECT COUNT(*) AS n FROM ingestion_runs WHERE service = 'distrokid'`);
    expect(Number(rows[0].n)).toBe(1);
    const jobs = await server.jobs!.agenda.queryJobs({ name: 'ingestion-run' });
    expect(jobs.total).toBe(1);
  });

  it('the database refuses a second active run even when code does not check', async () => {
    await expect(
      server.ds.query(
        `INSERT INTO ingestion_runs (service, kind, "trigger", status, queued_at, triggered_by) VALUES ('distrokid', 'extract', 'manual', 'queued', datetime('now'), 'sql')`,
      ),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('cancelRun cancels a queued run and removes its job; a finished run cannot be cancelled', async () => {
    const active = await server.gql<{ ingestionRuns: { edges: Array<{ node: { id: string } }> } }>(
      `{ ingestionRuns(filter: { status: QUEUED }) { edges { node { id } } } }`,
      undefined,
      server.adminToken,
    );
    const id = active.body.data!.ingestionRuns.edges[0].node.id;
    const res = await server.gql<{ cancelRun: RunView }>(
      `mutation($id: ID!) { cancelRun(id: $id) { ${RUN_FIELDS} } }`,
      { id },
      server.adminToken,
    );
    expect(res.body.data!.cancelRun.status).toBe('CANCELLED');
    expect((await server.jobs!.agenda.queryJobs({ name: 'ingestion-run' })).total).toBe(0);
    const again = await server.gql(`mutation($id: ID!) { cancelRun(id: $id) { id } }`, { id }, server.adminToken);
    expect(again.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const next = await server.gql<{ triggerExtraction: { id: string } }>(
      `mutation { triggerExtraction(service: DISTROKID) { id } }`,
      undefined,
      server.adminToken,
    );
    expect(next.body.data!.triggerExtraction.id).not.toBe(id);
    expect((await getRun(server, next.body.data!.triggerExtraction.id)).status).toBe('QUEUED');
  });

  it('a schedule that fires while a run is active records a skipped run instead of a second one', async () => {
    const active = await server.jobs!.admin.trigger({ service: 'meta_ads', kind: 'extract', trigger: 'manual', by: 'test' });
    const skipped = await server.jobs!.admin.trigger({ service: 'meta_ads', kind: 'extract', trigger: 'schedule', by: 'scheduler' });
    expect(skipped.id).not.toBe(active.id);
    expect(skipped).toMatchObject({
      status: 'skipped',
      trigger: 'schedule',
      errorMessage: `run #${active.id} was already queued or running`,
    });
    expect((await server.jobs!.ledger.get(active.id))!.status).toBe('queued');
  });

  it('/readyz answers 503 naming the job backend when it is unreachable', async () => {
    await server.jobs!.queue.stop();
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; database: string; jobs: string };
    expect(body).toMatchObject({ status: 'not ready', database: 'ok' });
    expect(body.jobs).toMatch(/^unreachable: /);
  });
});
