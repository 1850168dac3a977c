/**
 * Throughput of the real server under concurrent load (`npm run bench -- --throughput`): autocannon,
 * 20 connections, loopback, against `npm start`'s program (dist/src/server/main.js) in its own
 * process, on SQLite and on PostgreSQL. Floors measured in the same run against the same process:
 * `GET /healthz` (HTTP + Express) and `{ __typename }` (the whole GraphQL pipeline with nothing to
 * resolve). Workloads: the dashboard's own overview query (read from web/src/views/Overview.tsx, so
 * it is what the dashboard sends) and `transactions(first: 50)` with its relations. The server's RSS
 * is sampled every second through the load.
 *
 * Data: a generated DistroKid bank export of `--throughput-rows` lines (default 200,000) ingested
 * through the product (rollups included) into a fresh warehouse per database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createLogger } from '../src/config/logger';
import { openWarehouse } from '../src/db/open-warehouse';
import { IngestService } from '../src/ingest/ingest-service';
import { benchConfig, createPgDatabase, type DatabaseKind, databaseUrl, dropPgDatabase, fmtInt, round1, table } from './common';
import { generateBankExport } from './generate';

const ROOT = path.resolve(__dirname, fs.existsSync(path.resolve(__dirname, '../package.json')) ? '..' : '../..');

/** The issue's goals: req/s for a repeated dashboard query and for the list, p99 in ms. */
export const THROUGHPUT_GOALS = { dashboardReqPerSec: 3000, listReqPerSec: 1000, p99Ms: 50 } as const;

export const LIST_QUERY = `query ListPage { transactions(first: 50) {
  edges { cursor node { id saleMonth reportingDate store country quantity net gross platform { code name } track { title isrc artists { role artist { name } } } } }
  pageInfo { hasNextPage endCursor } } }`;

export interface WorkloadResult {
  name: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** CPU time of the server's processes per request, in ms. */
  serverCpuMsPerRequest: number;
  non2xx: number;
  errors: number;
}

export interface ThroughputResult {
  database: DatabaseKind;
  rows: number;
  seconds: number;
  connections: number;
  processes: number;
  workloads: WorkloadResult[];
  /** The server's RSS (all its processes): at the start, the peak of each workload in order, the end. */
  rssMb: { start: number; peak: number; end: number; workloadPeaks: number[] };
}

/** The dashboard's overview document, as the dashboard sends it. */
function dashboardOverviewQuery(): string {
  const source = fs.readFileSync(path.join(ROOT, 'web/src/views/Overview.tsx'), 'utf8');
  const match = /graphql\(`\s*(query DashboardOverview[\s\S]*?)`\)/.exec(source);
  if (!match) throw new Error('query DashboardOverview not found in web/src/views/Overview.tsx');
  return match[1];
}

/** The server's processes: itself and its children (the HTTP processes of WEB_CONCURRENCY > 1, the job worker child). */
function serverPids(pid: number): string[] {
  try {
    return [String(pid), ...fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean)];
  } catch {
    return [String(pid)];
  }
}

/**
 * CPU time the server's processes have used, in ms (utime + stime from /proc, in clock ticks of
 * 10 ms). Per request, it is what the server spends whatever else runs on the machine: on a loaded
 * machine req/s measure the machine, CPU per request measures the server.
 */
export function serverCpuMs(pid: number): number {
  let ticks = 0;
  for (const p of serverPids(pid)) {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A process that has just exited.
    }
  }
  return ticks * 10;
}

/** RSS of the server's processes. */
function rssMb(pid: number): number {
  const kbOf = (p: string) => {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  return round1(serverPids(pid).reduce((kb, p) => kb + kbOf(p), 0) / 1024);
}

/** Starts the server program in its own process; answers its base URL once it says it is ready. */
export function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/server/main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /GraphQL API at (http:\/\/[^\s/]+)\/graphql/.exec(out);
      if (m) resolve({ child, url: m[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${out}`)));
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** One request first: the load must measure answers, not errors. */
async function checkAnswer(url: string, body: string): Promise<void> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (res.status !== 200 || json.errors || !json.data)
    throw new Error(`the workload's query fails: HTTP ${res.status} ${JSON.stringify(json.errors)}`);
}

async function load(name: string, opts: autocannon.Options, pid: number): Promise<WorkloadResult> {
  const cpu0 = serverCpuMs(pid);
  const r = await autocannon(opts);
  const cpuMs = serverCpuMs(pid) - cpu0;
  return {
    serverCpuMsPerRequest: r.requests.total ? Math.round((cpuMs / r.requests.total) * 1000) / 1000 : 0,
    name,
    reqPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

export async function benchThroughput(opts: {
  database: DatabaseKind;
  rows: number;
  seconds: number;
  connections: number;
  /** WEB_CONCURRENCY of the server: its HTTP processes. */
  processes: number;
  log: (m: string) => void;
}): Promise<ThroughputResult> {
  const { database, log } = opts;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-throughput-'));
  const pgName = `bench_throughput_${process.pid}`;
  const spec = {
    kind: database,
    target: database === 'sqlite' ? path.join(dir, 'warehouse.sqlite') : pgName,
    lakeDir: path.join(dir, 'lake'),
  };
  if (database === 'postgres') await createPgDatabase(pgName);
  let server: ChildProcess | null = null;
  try {
    const config = benchConfig(spec);
    const ds = await openWarehouse(config);
    try {
      const bank = path.join(dir, 'dk_bank_details_20250701_090000.tsv');
      await generateBankExport(bank, opts.rows);
      log(`${database}: ingesting ${fmtInt(opts.rows)} statement lines`);
      await new IngestService(ds, config.dataLakeDir, createLogger('error')).ingest([bank]);
    } finally {
      await ds.destroy();
    }
    const started = await startServer({
      DATABASE_URL: databaseUrl(spec),
      DATA_LAKE_DIR: spec.lakeDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'error',
      ALLOW_ANONYMOUS_READ: 'true',
      // The limiter protects a shared deployment from one client; here the one client is the load generator.
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_BURST: '100000',
      JOBS_SQLITE_PATH: path.join(dir, 'jobs.sqlite'),
      SESSION_DIR: path.join(dir, 'sessions'),
      WEB_CONCURRENCY: String(opts.processes),
    });
    server = started.child;
    const pid = server.pid!;
    const { url } = started;
    const dashboard = JSON.stringify({
      operationName: 'DashboardOverview',
      query: dashboardOverviewQuery(),
      variables: {
        range: { from: '2024-07-01', to: '2025-06-30' },
        previous: { from: '2023-07-01', to: '2024-06-30' },
        grain: 'MONTH',
        revenueFilter: {},
        streamFilter: {},
        anomalyGroupBy: [],
      },
    });
    const list = JSON.stringify({ operationName: 'ListPage', query: LIST_QUERY });
    const typename = JSON.stringify({ query: '{ __typename }' });
    for (const body of [typename, dashboard, list]) await checkAnswer(url, body);

    const rss = { start: rssMb(pid), peak: 0, end: 0, workloadPeaks: [] as number[] };
    let workloadPeak = 0;
    const sampler = setInterval(() => (workloadPeak = Math.max(workloadPeak, rssMb(pid))), 1000);
    const common = { connections: opts.connections, duration: opts.seconds };
    const post = (body: string) => ({
      ...common,
      url: `${url}/graphql`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const workloads: WorkloadResult[] = [];
    try {
      for (const [name, o] of [
        ['floor: GET /healthz', { ...common, url: `${url}/healthz` }],
        ['floor: { __typename }', post(typename)],
        ['dashboard overview query', post(dashboard)],
        ['transactions(first: 50) with relations', post(list)],
      ] as const) {
        log(`${database}: ${name}, ${opts.connections} connections for ${opts.seconds} s`);
        workloadPeak = rssMb(pid);
        workloads.push(await load(name, o, pid));
        rss.workloadPeaks.push(Math.max(workloadPeak, rssMb(pid)));
      }
    } finally {
      clearInterval(sampler);
    }
    rss.end = rssMb(pid);
    rss.peak = Math.max(rss.end, ...rss.workloadPeaks);
    return {
      database,
      rows: opts.rows,
      seconds: opts.seconds,
      connections: opts.connections,
      processes: opts.processes,
      workloads,
      rssMb: rss,
    };
  } finally {
    if (server) await stopServer(server);
    if (database === 'postgres') await dropPgDatabase(pgName);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatThroughput(r: ThroughputResult): string {
  const floor = r.workloads.find((w) => w.name.includes('__typename'))!;
  const goal = (w: WorkloadResult) =>
    w.name.startsWith('dashboard')
      ? THROUGHPUT_GOALS.dashboardReqPerSec
      : w.name.startsWith('transactions')
        ? THROUGHPUT_GOALS.listReqPerSec
        : null;
  const rows = r.workloads.map((w) => {
    const g = goal(w);
    const ok = g === null ? '' : w.reqPerSec >= g && w.p99Ms < THROUGHPUT_GOALS.p99Ms ? 'yes' : 'NO';
    return [
      w.name,
      fmtInt(w.reqPerSec),
      `${w.p50Ms} ms`,
      `${w.p99Ms} ms`,
      `${round1(w.reqPerSec / floor.reqPerSec)}×`,
      `${w.serverCpuMsPerRequest} ms`,
      g === null ? '' : `≥ ${fmtInt(g)}, p99 < ${THROUGHPUT_GOALS.p99Ms} ms`,
      ok,
      String(w.non2xx + w.errors),
    ];
  });
  return [
    `${r.database}, ${fmtInt(r.rows)} statement lines, ${r.processes} HTTP process(es), ${r.connections} connections × ${r.seconds} s, server RSS ${r.rssMb.start} → peak ${r.rssMb.peak} → ${r.rssMb.end} MB`,
    // Flat under load: the last 30 s-workload's peak against the one before it (growth that goes on is a leak).
    `server RSS peak per workload: ${r.rssMb.workloadPeaks.join(' → ')} MB; last two workloads ${r.rssMb.workloadPeaks.length >= 2 ? `${round1(r.rssMb.workloadPeaks.at(-1)! / r.rssMb.workloadPeaks.at(-2)!)}×` : 'n/a'} (flat: ≤ 1.1×)`,
    table([['workload', 'req/s', 'p50', 'p99', '÷ __typename', 'server CPU/req', 'goal', 'met', 'failed'], ...rows]),
  ].join('\n');
}
