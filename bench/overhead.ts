/**
 * GraphQL overhead (`npm run bench -- --overhead [--database sqlite|postgres|both]`): the revenue
 * series (up to 500 points) and the 50-item list with relations through the real HTTP server with
 * the response cache off, beside the very SQL statements each request ran, replayed directly on the
 * same DataSource (recorded by wrapping `ds.query` during one request). Requests and replays are
 * interleaved, one at a time, so machine load hits both alike. The goal: overhead ≤ max(1 ms, 10 %)
 * of the direct SQL. The same server without each speed-up runs beside it (same process, requests
 * interleaved) and its CPU time per request is reported too: on a loaded machine, CPU time moves
 * far less than wall time. One more server answers from the response cache (on by default in the
 * product): what a dashboard's repeated question costs, beside the same SQL. The goal is the
 * uncached answer's; the cached one is reported beside it, never instead of it.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { createLogger } from '../src/config/logger';
import { openWarehouse } from '../src/db/open-warehouse';
import { IngestService } from '../src/ingest/ingest-service';
import { type HttpServerOptions, type RunningServer, startHttpServer } from '../src/server/app';
import { CACHE_HEADER } from '../src/server/response-cache';
import { benchConfig, createPgDatabase, type DatabaseKind, dropPgDatabase, fmtInt, fmtMs, latencyStats, round3, table } from './common';
import { generateBankExport } from './generate';
import { post as postGraphQL, SERIES_QUERY } from './queries';
import { LIST_QUERY } from './throughput';

/** The allowance: max(1 ms, 10 % of the direct SQL). */
export const OVERHEAD_FLOOR_MS = 1;

export interface OverheadWorkload {
  name: string;
  statements: number;
  graphqlP50Ms: number;
  sqlP50Ms: number;
  overheadP50Ms: number;
  /** The tail: GraphQL p95 minus the direct SQL's p95 (the goal is on p50; p95 shows what load and GC add). */
  overheadP95Ms: number;
  allowedMs: number;
  /** CPU time of this process (client, server and, on SQLite, the database) per replay of the statements. */
  sqlCpuMs: number;
  /** Each speed-up's share: the overhead with all of them, and without each (wall p50 and mean CPU per request, minus the SQL's). */
  variants: Array<{ label: string; overheadP50Ms: number; overheadP95Ms: number; overheadCpuMs: number }>;
  /** The same request answered from the response cache (the product's default for repeated read queries), p50; null where it never is. */
  cachedP50Ms: number | null;
}

export interface OverheadResult {
  database: DatabaseKind;
  rows: number;
  requests: number;
  workloads: OverheadWorkload[];
}

type Recorded = Array<{ sql: string; params: unknown[] | undefined }>;

/** A request that must succeed: the bench compares answers, never errors. */
async function post(agent: http.Agent, url: URL, body: string): Promise<string> {
  const { status, text } = await postGraphQL(agent, url, body);
  if (status !== 200 || text.includes('"errors"')) throw new Error(`HTTP ${status}: ${text.slice(0, 300)}`);
  return text;
}

/** The statements one request runs, recorded by wrapping the DataSource's query method. */
async function record(ds: DataSource, run: () => Promise<unknown>): Promise<Recorded> {
  const statements: Recorded = [];
  const original = ds.query.bind(ds);
  ds.query = ((sql: string, params?: unknown[]) => {
    statements.push({ sql, params });
    return original(sql, params);
  }) as DataSource['query'];
  try {
    await run();
  } finally {
    ds.query = original;
  }
  return statements;
}

export async function benchOverhead(opts: {
  database: DatabaseKind;
  rows: number;
  requests: number;
  log: (m: string) => void;
}): Promise<OverheadResult> {
  const { database, log } = opts;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-overhead-'));
  const pgName = `bench_overhead_${process.pid}`;
  const spec = {
    kind: database,
    target: database === 'sqlite' ? path.join(dir, 'warehouse.sqlite') : pgName,
    lakeDir: path.join(dir, 'lake'),
  };
  if (database === 'postgres') await createPgDatabase(pgName);
  const config = benchConfig(spec, {
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_BURST: '100000',
    RESPONSE_CACHE_ENTRIES: '0',
    LOG_LEVEL: 'error',
  });
  const ds = await openWarehouse(config);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const servers: RunningServer[] = [];
  try {
    const bank = path.join(dir, 'dk_bank_details_20250701_090000.tsv');
    await generateBankExport(bank, opts.rows);
    log(`${database}: ingesting ${fmtInt(opts.rows)} statement lines`);
    await new IngestService(ds, config.dataLakeDir, createLogger('error')).ingest([bank]);
    // The server with every speed-up, and one without each, in this process: requests interleaved, so load hits all alike.
    const variants: Array<[string, HttpServerOptions['levers']]> = [
      ['all speed-ups', {}],
      // Two servers alike: how far apart identical servers measure is the noise band of this run.
      ['all speed-ups, again', {}],
      ['without remembered checks', { rememberPassedChecks: false }],
      ['without compiled execution', { compiledExecution: false }],
      ['without direct field resolvers', { directFieldResolvers: false }],
    ];
    for (const [, levers] of variants) servers.push(await startHttpServer(ds, config, createLogger('error'), { levers }));
    // Last, beside the others: the product as configured by default, its response cache on (a repeat never reaches Apollo).
    const cachedConfig = { ...config, responseCache: benchConfig(spec).responseCache };
    servers.push(await startHttpServer(ds, cachedConfig, createLogger('error')));
    const cached = servers.length - 1;
    const workloads: OverheadWorkload[] = [];
    for (const [name, query, cacheable] of [
      ['revenueSeries, month × platform', SERIES_QUERY, true],
      ['transactions(first: 50) with relations', LIST_QUERY, true],
      // No SQL and a 30-byte answer: what Node's HTTP, Express and Apollo cost a request before any answer (never cached).
      ['{ __typename }: the stack alone', '{ __typename }', false],
    ] as const) {
      const body = JSON.stringify({ query });
      const urls = servers.map((s) => new URL('/graphql', s.url));
      // The statements of a warm request (the first one may read what a later one caches, such as the principal).
      for (const url of urls) for (let i = 0; i < 20; i++) await post(agent, url, body);
      const check = await fetch(urls[cached], { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await check.arrayBuffer();
      if ((check.headers.get(CACHE_HEADER) === 'hit') !== cacheable)
        throw new Error(`the response cache answered ${name}: ${check.headers.get(CACHE_HEADER)}`);
      const statements = await record(ds, () => post(agent, urls[0], body));
      const replay = async () => {
        for (const s of statements) await ds.query(s.sql, s.params);
      };
      for (let i = 0; i < 20; i++) await replay();
      const wall = urls.map(() => [] as number[]);
      const cpu = urls.map(() => 0);
      const sqlWall: number[] = [];
      let sqlCpu = 0;
      const measure = async (fn: () => Promise<unknown>): Promise<[number, number]> => {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await fn();
        const ms = performance.now() - t0;
        const c = process.cpuUsage(c0);
        return [ms, (c.user + c.system) / 1000];
      };
      for (let i = 0; i < opts.requests; i++) {
        for (let v = 0; v < urls.length; v++) {
          const [ms, cpuMs] = await measure(() => post(agent, urls[v], body));
          wall[v].push(ms);
          cpu[v] += cpuMs;
        }
        const [ms, cpuMs] = await measure(replay);
        sqlWall.push(ms);
        sqlCpu += cpuMs;
      }
      const { p50Ms: s, p95Ms: s95 } = latencyStats(sqlWall);
      const sCpu = sqlCpu / opts.requests;
      const { p50Ms: g, p95Ms: g95 } = latencyStats(wall[0]);
      const { p50Ms: c } = latencyStats(wall[cached]);
      workloads.push({
        name,
        statements: statements.length,
        graphqlP50Ms: round3(g),
        sqlP50Ms: round3(s),
        overheadP50Ms: round3(g - s),
        overheadP95Ms: round3(g95 - s95),
        allowedMs: round3(Math.max(OVERHEAD_FLOOR_MS, 0.1 * s)),
        sqlCpuMs: round3(sCpu),
        variants: variants.map(([label], v) => ({
          label,
          overheadP50Ms: round3(latencyStats(wall[v]).p50Ms - s),
          overheadP95Ms: round3(latencyStats(wall[v]).p95Ms - s95),
          overheadCpuMs: round3(cpu[v] / opts.requests - sCpu),
        })),
        cachedP50Ms: cacheable ? round3(c) : null,
      });
      const fromCache = cacheable ? ` (${fmtMs(c)} from the response cache)` : '';
      log(`${database}: ${name}: GraphQL ${fmtMs(g)}${fromCache}, its ${statements.length} statements directly ${fmtMs(s)}`);
    }
    return { database, rows: opts.rows, requests: opts.requests, workloads };
  } finally {
    agent.destroy();
    for (const server of servers) await server.close();
    await ds.destroy();
    if (database === 'postgres') await dropPgDatabase(pgName);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function formatOverhead(r: OverheadResult): string {
  return [
    `${r.database}, ${fmtInt(r.rows)} statement lines, ${r.requests} requests each (response cache off), p50 (overhead p95: GraphQL p95 − SQL p95)`,
    table([
      [
        'workload',
        'statements',
        'GraphQL',
        'same SQL directly',
        'overhead',
        'overhead p95',
        'allowed',
        'met',
        'from the response cache',
        ...r.workloads[0].variants.map((v) => `CPU overhead, ${v.label}`),
      ],
      ...r.workloads.map((w) => [
        w.name,
        String(w.statements),
        fmtMs(w.graphqlP50Ms),
        fmtMs(w.sqlP50Ms),
        fmtMs(w.overheadP50Ms),
        fmtMs(w.overheadP95Ms),
        fmtMs(w.allowedMs),
        w.overheadP50Ms <= w.allowedMs ? 'yes' : 'NO',
        w.cachedP50Ms === null ? '—' : `${fmtMs(w.cachedP50Ms)} (${fmtMs(w.cachedP50Ms - w.sqlP50Ms)} beside the SQL)`,
        ...w.variants.map((v) => `${fmtMs(v.overheadCpuMs)} (p50 ${fmtMs(v.overheadP50Ms)}, p95 ${fmtMs(v.overheadP95Ms)})`),
      ]),
    ]),
  ].join('\n');
}
