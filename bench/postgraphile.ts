/**
 * Our API against PostGraphile on the same PostgreSQL warehouse (`npm run bench -- --postgraphile`).
 *
 * PostGraphile is never a dependency of the product: PostGraphile 4 (5 needs Node 22) and the
 * simplify inflector are installed with npm into a scratch folder outside the repository
 * (POSTGRAPHILE_DIR, reused by later runs) and run there as their own process. The warehouse is a
 * fresh database seeded with `--postgraphile-rows` transactions (default 1,000,000; the SQL seed of
 * bench/fact-rows-sql.ts) and migrated by the product. With `--postgraphile-reuse` that database
 * is named by its row count and kept after the run, and a later run finds it and skips the seed
 * when its migrations are all applied and it holds exactly that many transactions and streams (a
 * 10M seed takes minutes). On that scratch database only, smart
 * comments give PostGraphile the relations of `transactions` (the product checks them with
 * set-based triggers, not foreign keys, which PostGraphile would have read).
 *
 * Both servers get the same load generator as the throughput figures (autocannon, `--connections`
 * for `--seconds`), one after the other, in the same run; latencies come from every response
 * (autocannon's own summary has no p95). `--postgraphile-rounds N` measures the list N times per
 * server in alternating order and pools them; each figure also has the CPU its server process and
 * the database's PostgreSQL backends used per request, which a busy shared machine disturbs less. Workloads: the first page of 50 transactions in
 * (sale month, id) order with store, platform and track, on both; our `revenueSeries(MONTH,
 * [PLATFORM])` alone (PostGraphile 4 has no aggregates without a further plugin).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { createDataSource } from '../src/db/data-source';
import { openWarehouse } from '../src/db/open-warehouse';
import { refreshStatistics } from '../src/db/statistics';
import {
  benchConfig,
  createPgDatabase,
  PG_SERVER_URL,
  databaseUrl,
  dropPgDatabase,
  fmtInt,
  fmtMs,
  latencyStats,
  type LatencyStats,
  table,
} from './common';
import { seedFactRows } from './fact-rows-sql';
import { serverCpuMs, startServer, stopServer } from './throughput';

/** Where PostGraphile is installed: outside the repository, never in its package.json. */
export const POSTGRAPHILE_DIR = path.join(os.tmpdir(), 'label-bench-postgraphile');
const PACKAGES = ['postgraphile@4', '@graphile-contrib/pg-simplify-inflector'];

/** The goal of issue 12 for the list page with relations on PostgreSQL. */
export const LIST_P95_GOAL_MS = 20;

const OUR_LIST = JSON.stringify({
  query: `{ transactions(first: 50) { edges { cursor node { id saleMonth reportingDate store net gross platform { code name } track { title } } }
    pageInfo { hasNextPage endCursor } } }`,
});
const THEIR_LIST = JSON.stringify({
  query: `{ transactions(first: 50, orderBy: [SALE_MONTH_ASC, ID_ASC]) { edges { cursor node { id saleMonth reportingDate store { name } netNano grossNano
    platform { code name } track { title } } } pageInfo { hasNextPage endCursor } } }`,
});
const OUR_SERIES = JSON.stringify({
  query: `{ revenueSeries(grain: MONTH, groupBy: [PLATFORM], range: { from: "2020-01-01", to: "2024-12-31" }) { points { period platform { code } net gross } } }`,
});

export interface EndpointResult {
  server: string;
  workload: string;
  reqPerSec: number;
  latency: LatencyStats;
  failed: number;
  /** CPU the server process used per answered request (ms): what it costs whatever else the machine runs. */
  cpuMsPerRequest: number;
  /** CPU of the database's PostgreSQL backends per answered request (ms): the SQL side of the same cost. */
  dbCpuMsPerRequest: number;
  /** Rounds this figure pools (the list workloads alternate servers round by round). */
  rounds: number;
}

export interface PostgraphileResult {
  rows: number;
  /** Time of this run's seed; null when a kept database was reused. */
  seedMs: number | null;
  /** The scratch database, kept after the run under `--postgraphile-reuse`, else dropped. */
  database: string;
  kept: boolean;
  postgraphileVersion: string;
  connections: number;
  /** Seconds of each round. */
  seconds: number;
  results: EndpointResult[];
  /** Both first pages list the same 50 transaction ids. */
  samePage: boolean;
}

function installPostgraphile(log: (m: string) => void): string {
  const pkg = path.join(POSTGRAPHILE_DIR, 'node_modules', 'postgraphile', 'package.json');
  if (!fs.existsSync(pkg)) {
    log(`installing ${PACKAGES.join(' ')} into ${POSTGRAPHILE_DIR}`);
    fs.mkdirSync(POSTGRAPHILE_DIR, { recursive: true });
    execFileSync('npm', ['install', '--prefix', POSTGRAPHILE_DIR, '--no-save', '--no-audit', '--no-fund', ...PACKAGES], {
      stdio: 'inherit',
    });
  }
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function post(url: string, body: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function startPostgraphile(databaseUrlText: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const cli = path.join(POSTGRAPHILE_DIR, 'node_modules', 'postgraphile', 'cli.js');
  const args = ['-c', databaseUrlText, '--host', '127.0.0.1', '-p', String(port), '--disable-default-mutations', '--disable-query-log'];
  args.push('--append-plugins', '@graphile-contrib/pg-simplify-inflector');
  const child = spawn(process.execPath, [cli, ...args], { cwd: POSTGRAPHILE_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`PostGraphile exited with ${child.exitCode}:\n${out}`);
    try {
      const r = await post(url, JSON.stringify({ query: '{ __typename }' }));
      if (r.data) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`PostGraphile did not answer within 120 s:\n${out}`);
}

/** One autocannon round on one endpoint; every response's latency is kept for exact percentiles. */
interface Round {
  latencies: number[];
  requests: number;
  seconds: number;
  failed: number;
  cpuMs: number;
  dbCpuMs: number;
}

/** CPU time (ms) of each PostgreSQL backend connected to the database, by pid (same machine: /proc). */
async function backendCpuMs(client: Client, database: string): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
    database,
  ]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // A backend that has just exited.
    }
  }
  return cpu;
}

/** CPU the backends used between two readings; a backend that connected in between counts whole. */
function backendCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}

async function measureRound(
  url: string,
  body: string,
  pid: number,
  db: { client: Client; name: string },
  connections: number,
  seconds: number,
): Promise<Round> {
  const latencies: number[] = [];
  const db0 = await backendCpuMs(db.client, db.name);
  const cpu0 = serverCpuMs(pid);
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: seconds },
      (err, result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  const cpuMs = serverCpuMs(pid) - cpu0;
  const dbCpuMs = backendCpuDelta(db0, await backendCpuMs(db.client, db.name));
  return { latencies, requests: r.requests.total, seconds: r.duration, failed: r.non2xx + r.errors, cpuMs, dbCpuMs };
}

function pooled(server: string, workload: string, rounds: Round[]): EndpointResult {
  const sum = (f: (r: Round) => number) => rounds.reduce((t, r) => t + f(r), 0);
  const requests = sum((r) => r.requests);
  return {
    server,
    workload,
    reqPerSec: Math.round(requests / sum((r) => r.seconds)),
    latency: latencyStats(rounds.flatMap((r) => r.latencies)),
    failed: sum((r) => r.failed),
    cpuMsPerRequest: requests ? Math.round((sum((r) => r.cpuMs) / requests) * 100) / 100 : NaN,
    dbCpuMsPerRequest: requests ? Math.round((sum((r) => r.dbCpuMs) / requests) * 100) / 100 : NaN,
    rounds: rounds.length,
  };
}

/** PostGraphile's relations of `transactions`, the table's comment, written last by the seed. */
export const SMART_COMMENT = [
  '@foreignKey (store_id) references stores (id)',
  '@foreignKey (platform_id) references platforms (id)',
  '@foreignKey (track_id) references tracks (id)',
].join('\n');

/** Name of the kept database for a row count: one per size, so runs at 1M and 10M keep both. */
export function keptDatabaseName(rows: number): string {
  return `bench_postgraphile_${rows}`;
}

/**
 * Why a kept database cannot be reused as it is (null when it can): missing, a migration not
 * applied (the product changed since it was seeded), a row count other than asked, or a seed that
 * did not finish (the smart comment is written last).
 */
export async function keptDatabaseProblem(name: string, rows: number, lakeDir: string): Promise<string | null> {
  const admin = new Client({ connectionString: `${PG_SERVER_URL}/postgres` });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) return 'no such database';
  } finally {
    await admin.end();
  }
  const ds = createDataSource(benchConfig({ kind: 'postgres', target: name, lakeDir }, { STATEMENT_TIMEOUT_MS: '600000' }));
  await ds.initialize();
  try {
    if (await ds.showMigrations()) return 'a migration is not applied';
    const [c]: Array<{ transactions: string; streams: string; comment: string | null }> = await ds.query(
      `SELECT (SELECT count(*) FROM transactions) AS transactions, (SELECT count(*) FROM streams) AS streams,
        obj_description('transactions'::regclass, 'pg_class') AS comment`,
    );
    if (Number(c.transactions) !== rows || Number(c.streams) !== rows)
      return `it holds ${c.transactions} transactions and ${c.streams} streams, not ${rows}`;
    if (c.comment !== SMART_COMMENT) return 'its seed did not finish';
    return null;
  } finally {
    await ds.destroy();
  }
}

function pageIds(r: { data?: Record<string, unknown> }): string {
  const conn = r.data?.transactions as { edges: Array<{ node: { id: unknown } }> } | undefined;
  return (conn?.edges ?? []).map((e) => String(e.node.id)).join(',');
}

export async function benchPostgraphile(opts: {
  rows: number;
  seconds: number;
  connections: number;
  /** Keep the seeded database after the run, and reuse it when a kept one fits. */
  reuse?: boolean;
  /** Rounds of the list workload per server, alternating which server goes first (ours, theirs, theirs, ours…). */
  rounds?: number;
  log: (m: string) => void;
}): Promise<PostgraphileResult> {
  const { log } = opts;
  const reuse = opts.reuse ?? false;
  const version = installPostgraphile(log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-postgraphile-'));
  const name = reuse ? keptDatabaseName(opts.rows) : `bench_postgraphile_${process.pid}`;
  const spec = { kind: 'postgres' as const, target: name, lakeDir: path.join(dir, 'lake') };
  const problem = reuse ? await keptDatabaseProblem(name, opts.rows, spec.lakeDir) : 'not asked to reuse';
  if (reuse)
    log(
      problem
        ? `kept database ${name} not reusable (${problem}): seeding it again`
        : `REUSING kept database ${name} (${fmtInt(opts.rows)} transactions, migrations applied): no seed`,
    );
  if (problem) await createPgDatabase(name);
  const children: ChildProcess[] = [];
  const closers: Array<() => Promise<void>> = [];
  try {
    let seedMs: number | null = null;
    if (problem) {
      const ds = await openWarehouse(benchConfig(spec, { STATEMENT_TIMEOUT_MS: '600000' }));
      try {
        log(`seeding ${fmtInt(opts.rows)} transactions (and as many streams)`);
        const t0 = performance.now();
        await seedFactRows(ds, opts.rows);
        await refreshStatistics(ds);
        seedMs = performance.now() - t0;
        log(`seeded in ${fmtMs(seedMs)}`);
        // Scratch database only: PostGraphile reads relations from foreign keys or from these smart
        // comments. Written last: a kept database without it did not finish its seed.
        await ds.query(`COMMENT ON TABLE transactions IS '${SMART_COMMENT}'`);
      } finally {
        await ds.destroy();
      }
    }
    const ours = await startServer({
      DATABASE_URL: databaseUrl(spec),
      DATA_LAKE_DIR: spec.lakeDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'error',
      ALLOW_ANONYMOUS_READ: 'true',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_BURST: '100000',
      // The figure is the query's own cost, as in the other latency figures: no response cache.
      RESPONSE_CACHE_ENTRIES: '0',
      JOBS_SQLITE_PATH: path.join(dir, 'jobs.sqlite'),
      SESSION_DIR: path.join(dir, 'sessions'),
    });
    children.push(ours.child);
    const theirs = await startPostgraphile(databaseUrl(spec));
    children.push(theirs.child);
    const ourUrl = `${ours.url}/graphql`;
    const a = await post(ourUrl, OUR_LIST);
    const b = await post(theirs.url, THEIR_LIST);
    const s = await post(ourUrl, OUR_SERIES);
    for (const [who, r] of [
      ['our list', a],
      ['PostGraphile list', b],
      ['our revenueSeries', s],
    ] as const)
      if (!r.data || r.errors) throw new Error(`${who} query fails: ${JSON.stringify(r.errors)}`);
    // Reads the backends' CPU from the maintenance database, so that it is not one of them.
    const db = { client: new Client({ connectionString: `${PG_SERVER_URL}/postgres` }), name };
    await db.client.connect();
    closers.push(() => db.client.end());
    const listWorkload = 'transactions(first: 50) + store, platform, track';
    const servers = [
      { server: 'ours', url: ourUrl, body: OUR_LIST, pid: ours.child.pid!, rounds: [] as Round[] },
      { server: `PostGraphile ${version}`, url: theirs.url, body: THEIR_LIST, pid: theirs.child.pid!, rounds: [] as Round[] },
    ];
    // Alternating order (AB BA AB…), so that a change of load on the shared machine falls on both.
    for (let round = 0; round < (opts.rounds ?? 1); round += 1) {
      for (const x of round % 2 === 0 ? servers : [...servers].reverse()) {
        log(`round ${round + 1}, ${x.server}: ${listWorkload}, ${opts.connections} connections for ${opts.seconds} s`);
        x.rounds.push(await measureRound(x.url, x.body, x.pid, db, opts.connections, opts.seconds));
      }
    }
    const results = servers.map((x) => pooled(x.server, listWorkload, x.rounds));
    log(`ours: revenueSeries, ${opts.connections} connections for ${opts.seconds} s`);
    const series = await measureRound(ourUrl, OUR_SERIES, ours.child.pid!, db, opts.connections, opts.seconds);
    results.push(pooled('ours', 'revenueSeries(MONTH, [PLATFORM]), 5 years', [series]));
    return {
      rows: opts.rows,
      seedMs,
      database: name,
      kept: reuse,
      postgraphileVersion: version,
      connections: opts.connections,
      seconds: opts.seconds,
      results,
      samePage: pageIds(a) !== '' && pageIds(a) === pageIds(b),
    };
  } finally {
    for (const close of closers) await close();
    for (const child of children) await stopServer(child);
    if (reuse) log(`kept database ${name} for later runs (drop it with: DROP DATABASE ${name})`);
    else await dropPgDatabase(name);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatPostgraphile(r: PostgraphileResult): string {
  const rows = r.results.map((x) => [
    x.server,
    x.workload,
    fmtInt(x.reqPerSec),
    fmtMs(x.latency.p50Ms),
    fmtMs(x.latency.p95Ms),
    x.cpuMsPerRequest.toFixed(2),
    x.dbCpuMsPerRequest.toFixed(2),
    x.server === 'ours' && x.workload.startsWith('transactions')
      ? `p95 ≤ ${LIST_P95_GOAL_MS} ms: ${x.latency.p95Ms <= LIST_P95_GOAL_MS ? 'yes' : 'NO'}`
      : '',
    String(x.failed),
    String(x.rounds),
  ]);
  return [
    `PostgreSQL, ${fmtInt(r.rows)} transactions (${r.seedMs === null ? `REUSED kept database ${r.database}, not seeded in this run` : `seeded in ${fmtMs(r.seedMs)}${r.kept ? `, kept as ${r.database}` : ''}`}), ${r.connections} connections × ${r.seconds} s per round, same first page: ${r.samePage ? 'yes' : 'NO'}`,
    table([
      ['server', 'workload', 'req/s', 'p50', 'p95', 'server CPU ms/req', 'PostgreSQL CPU ms/req', 'goal', 'failed', 'rounds'],
      ...rows,
    ]),
  ].join('\n');
}
