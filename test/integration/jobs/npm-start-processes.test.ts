/**
 * `npm start` with WEB_CONCURRENCY=2 (the compiled dist/src/server/main.js, as a user runs it): two
 * HTTP processes on one port behind node:cluster, one scheduler, one job worker child. Every request
 * here opens its own connection, which the cluster hands to the HTTP processes in turn, so each
 * process answers some of them. Proved over real HTTP: both processes cache answers, a load that the
 * worker child commits makes every process answer anew (with the new totals), and a dashboard
 * session opened through one process is honoured, and once closed refused, by the other.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createApiToken } from '../../../src/access/api-tokens';
import { loadConfig } from '../../../src/config/config';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { CACHE_HEADER } from '../../../src/server/response-cache';
import { nano, readBankExport } from '../../helpers/bank-oracle';
import { createTestDatabase, describeEachDatabase, tempDir, type TestDatabase } from '../../helpers/databases';
import { writeBankExport } from '../../helpers/fixtures';
import { jobsTestEnv, putInLanding } from '../../helpers/jobs';
import { until } from '../../helpers/worker-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'dist/src/server/main.js');
const PROCESSES = 2;
const SUMMARY = `query Summary($range: DateRange) { revenueSummary(range: $range) { net } }`;
const ALL = { range: { from: '2020-01-01', to: '2026-12-31' } };

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a connection of its own (no keep-alive): the cluster gives each new connection to the next process. */
function request(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: { connection: 'close', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describeEachDatabase(`npm start with WEB_CONCURRENCY=${PROCESSES}`, (kind) => {
  let child: ChildProcess;
  let out = '';
  let url: string;
  let env: Record<string, string>;
  let db: TestDatabase;
  let ds: DataSource;
  let adminToken: string;
  let viewerToken: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    env = jobsTestEnv(kind, db.url, tempDir('npm-start-processes'), {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      WEB_CONCURRENCY: String(PROCESSES),
      SHUTDOWN_DEADLINE_MS: '5000',
    });
    child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    url = await until(
      async () => {
        if (child.exitCode !== null) throw new Error(`npm start exited early:\n${out}`);
        return /GraphQL API at (http:\/\/[^/\s]+)\/graphql/.exec(out)?.[1];
      },
      'npm start to serve',
      60_000,
      50,
    );
    ds = await openWarehouse(loadConfig(env));
    adminToken = await createApiToken(ds, 'processes-admin', 'ADMIN');
    viewerToken = await createApiToken(ds, 'processes-viewer', 'VIEWER');
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await ds?.destroy();
    await db?.drop();
  }, 30_000);

  const gql = (query: string, variables: Record<string, unknown>, token: string) =>
    request(
      `${url}/graphql`,
      'POST',
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      JSON.stringify({ query, variables }),
    );

  /** The same summary asked on `n` new connections: the cache header and the net of each answer. */
  async function askAround(n: number): Promise<Array<{ cache: string; net: bigint }>> {
    const answers: Array<{ cache: string; net: bigint }> = [];
    for (let i = 0; i < n; i++) {
      const res = await gql(SUMMARY, ALL, viewerToken);
      expect(res.status).toBe(200);
      const body = JSON.parse(res.body) as { data: { revenueSummary: { net: string } } };
      answers.push({ cache: String(res.headers[CACHE_HEADER]), net: nano(body.data.revenueSummary.net) });
    }
    return answers;
  }

  async function loadThroughTheWorker(name: string, seed: number): Promise<bigint> {
    const bank = writeBankExport(tempDir('processes-load'), name, { rows: 300, seed });
    await putInLanding({ lakeDir: env.DATA_LAKE_DIR }, bank.file, 'distrokid', 'bank_details');
    const queued = JSON.parse((await gql('mutation { runPipeline(service: DISTROKID) { id } }', {}, adminToken)).body) as {
      data: { runPipeline: { id: string } };
    };
    const id = queued.data.runPipeline.id;
    const status = await until(
      async () => {
        const res = JSON.parse((await gql('query($id: ID!) { ingestionRun(id: $id) { status } }', { id }, adminToken)).body) as {
          data: { ingestionRun: { status: string } };
        };
        const s = res.data.ingestionRun.status;
        return s === 'SUCCEEDED' || s === 'FAILED' ? s : null;
      },
      'the run to finish',
      60_000,
      100,
    );
    expect(status).toBe('SUCCEEDED');
    return readBankExport(bank.file).reduce((sum, r) => sum + r.net, 0n);
  }

  it('serves from two processes, each with its own cache, and a load committed by the worker child reaches every one', async () => {
    expect(out).toMatch(/"httpProcesses":2/);
    const first = await loadThroughTheWorker('dk_bank_details_20250101_090000.tsv', 1);
    const before = await askAround(3 * PROCESSES);
    // Each process computes the answer once (a miss), then answers from its own cache.
    expect(before.filter((a) => a.cache === 'miss')).toHaveLength(PROCESSES);
    expect(before.slice(PROCESSES).every((a) => a.cache === 'hit')).toBe(true);
    for (const a of before) expect(a.net).toBe(first);

    const added = await loadThroughTheWorker('dk_bank_details_20250201_090000.tsv', 2);
    const after = await askAround(3 * PROCESSES);
    // No process answers from before the load: each misses once, and every answer has both files.
    expect(after.filter((a) => a.cache === 'miss')).toHaveLength(PROCESSES);
    for (const a of after) expect(a.net).toBe(first + added);
  }, 180_000);

  it('honours a dashboard session in every process, and refuses it everywhere once closed', async () => {
    const signIn = await request(
      `${url}/dashboard/session`,
      'POST',
      { 'content-type': 'application/json' },
      JSON.stringify({ token: viewerToken }),
    );
    expect(signIn.status).toBe(200);
    const cookie = String(signIn.headers['set-cookie']?.[0]).split(';')[0];
    expect(cookie).toMatch(/^dashboard_session=.+/);
    const whoAmI = async () => (await request(`${url}/dashboard/session`, 'GET', { cookie })).status;
    const statuses: number[] = [];
    for (let i = 0; i < 2 * PROCESSES; i++) statuses.push(await whoAmI());
    expect(statuses).toEqual(Array<number>(2 * PROCESSES).fill(200));
    // GraphQL too, on the cookie alone.
    const viaCookie = await request(
      `${url}/graphql`,
      'POST',
      { 'content-type': 'application/json', cookie },
      JSON.stringify({ query: '{ __typename }' }),
    );
    expect(viaCookie.status).toBe(200);

    expect((await request(`${url}/dashboard/session`, 'DELETE', { cookie })).status).toBe(204);
    const after: number[] = [];
    for (let i = 0; i < 2 * PROCESSES; i++) after.push(await whoAmI());
    expect(after).toEqual(Array<number>(2 * PROCESSES).fill(401));
  }, 60_000);
});
