/**
 * Shared pieces of the benchmark: warehouse configurations built from explicit objects (never the
 * process environment), throw-away PostgreSQL databases, latency statistics and table printing.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { type AppConfig, loadConfig } from '../src/config/config';

export type DatabaseKind = 'sqlite' | 'postgres';

/** The server every PostgreSQL run talks to; each run creates its own databases there and drops them. */
export const PG_SERVER_URL = 'postgres://postgres@127.0.0.1:5432';

export interface WarehouseSpec {
  kind: DatabaseKind;
  /** sqlite: path of the database file; postgres: database name on PG_SERVER_URL. */
  target: string;
  lakeDir: string;
}

export function databaseUrl(spec: WarehouseSpec): string {
  return spec.kind === 'sqlite' ? `sqlite:${spec.target}` : `${PG_SERVER_URL}/${spec.target}`;
}

/** A configuration for one warehouse, through the project's own validation (loadConfig with an explicit env). */
export function benchConfig(spec: WarehouseSpec, extra: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATABASE_URL: databaseUrl(spec),
    DATA_LAKE_DIR: spec.lakeDir,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    ALLOW_ANONYMOUS_READ: 'true',
    ...extra,
  });
}

async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${PG_SERVER_URL}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const PG_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function createPgDatabase(name: string): Promise<void> {
  if (!PG_NAME.test(name)) throw new Error(`unsafe database name ${name}`);
  await withAdminClient(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
}

export async function dropPgDatabase(name: string): Promise<void> {
  if (!PG_NAME.test(name)) throw new Error(`unsafe database name ${name}`);
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export interface LatencyStats {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Nearest-rank percentiles over the sample (milliseconds). */
export function latencyStats(samples: number[]): LatencyStats {
  if (samples.length === 0) return { count: 0, p50Ms: NaN, p95Ms: NaN, maxMs: NaN, meanMs: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return {
    count: sorted.length,
    p50Ms: round3(rank(0.5)),
    p95Ms: round3(rank(0.95)),
    maxMs: round3(sorted[sorted.length - 1]),
    meanMs: round3(sorted.reduce((s, x) => s + x, 0) / sorted.length),
  };
}

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
export const round1 = (x: number): number => Math.round(x * 10) / 10;

export function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n);
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

export function fmtMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A plain text table: first row is the header. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]), sep, ...rows.slice(1).map(line)].join('\n');
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Messages from the ingest child to the bench. */
export interface ChildRequest {
  spec: WarehouseSpec;
  file: string;
  rows: number;
  /** Also time a second curated rebuild, to split the ingest time. */
  timeCurated: boolean;
  /** Lines the ingest must add (default `rows`): a full-history export adds only its new ones. */
  expectLoaded?: number;
  /** Run the product's after-load hooks (data-quality snapshot, notifications) as `npm run ingest` and the worker do, timed apart. */
  afterLoads?: boolean;
}

export interface IngestPhaseTimes {
  /** Landing copy + sha256 (until the progress callback has seen the file once). */
  landingMs: number | null;
  /** From the end of landing until TransactionLoader.finish starts: parse, dimension lookups, raw/staging writes, inserts (temp table; a first load: transactions). */
  parseAndStageMs: number | null;
  /** TransactionLoader.finish: a first load's rollup, index rebuilds and repeat numbering; a staged load's numbering, probe of known lines, insert and rollup. */
  finishMs: number | null;
  /** The rollup statement alone (part of finishMs). */
  rollupMs: number | null;
  /** After finish until ingest returns: source_files update, COMMIT, zone-file commits, curated rebuild. */
  afterFinishMs: number | null;
  /**
   * IngestService.refreshCurated inside the ingest (part of afterFinishMs): PRAGMA optimize/ANALYZE and the
   * curated rebuild, including the statement-line part of the file just loaded (a second rebuild skips it).
   */
  refreshCuratedMs: number | null;
}

export interface ChildResult {
  ok: true;
  rows: number;
  fileBytes: number;
  ingestMs: number;
  /** CPU time (user + system) of the ingest process during ingest(): on SQLite all the work, less sensitive to a busy machine than wall time. */
  ingestCpuMs: number;
  /** PostgreSQL on this machine: CPU time of the server backends of the warehouse's database during ingest() (null when /proc cannot tell). */
  serverCpuMs: number | null;
  rowsPerSec: number;
  phases: IngestPhaseTimes;
  /** A second rebuildCuratedDatasets call on the loaded warehouse. */
  curatedRebuildMs: number | null;
  /** process.resourceUsage().maxRSS (bytes) right after ingest() returned, before the extra curated rebuild. */
  maxRssAfterIngestBytes: number;
  /** Same, at the very end of the child (includes the extra curated rebuild). */
  maxRssAtEndBytes: number;
  /** RSS of the child after opening the warehouse, before ingesting: node + TypeORM + driver. */
  rssBeforeIngestBytes: number;
  /** maxRSS (bytes, monotonic) at phase boundaries: where the peak was reached. */
  maxRssByPhase: {
    afterLanding: number | null;
    atFinishStart: number | null;
    atRollupStart: number | null;
    atFinishEnd: number | null;
    atIngestEnd: number;
  };
  /** Peaks of process.memoryUsage() sampled every 50 ms while the event loop ran (bytes). */
  sampledPeaks: { heapUsed: number; external: number; arrayBuffers: number };
  summary: { status: string; rowsRead: number; rowsLoaded: number; rowsSkipped: number; message: string };
  transactions: number;
  rollupRows: number;
  /** The after-load hooks inside ingestMs, when asked for (ChildRequest.afterLoads). */
  afterLoadsMs: number | null;
}

export interface ChildFailure {
  ok: false;
  error: string;
}

/** The ingest child's V8 flags: the same heap limit as `npm run ingest`, so the peak RSS measured is the one users get. */
export const INGEST_CHILD_EXEC_ARGV: readonly string[] = ['--expose-gc', '--max-old-space-size=160'];

/** A batch of one source's files, ingested by one IngestService.ingest call in the ingest child (mixed batch). */
export interface BatchChildRequest {
  kind: 'batch';
  spec: WarehouseSpec;
  /** What the batch is, for messages (e.g. the source's name). */
  label: string;
  files: string[];
}

/** One input file's outcome in a batch (FileSummary without the landing details). */
export interface BatchFileOutcome {
  file: string;
  bytes: number;
  service: string;
  stream: string;
  status: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsSkipped: number;
  message: string;
}

/** Lake growth: each file through its own IngestService.ingest call (one curated update per load), zone sizes sampled as it goes. */
export interface LakeGrowthRequest {
  kind: 'lake-growth';
  spec: WarehouseSpec;
  files: string[];
  /** Sample the zone sizes after every `every` loads (and after the last). */
  every: number;
}

/** Bytes per lake zone after a number of loads; `input` is the bytes of the files loaded so far (the data). */
export interface LakeSizeSample {
  loads: number;
  input: number;
  zones: Record<string, number>;
  total: number;
}

export interface LakeGrowthResult {
  ok: true;
  kind: 'lake-growth';
  samples: LakeSizeSample[];
  ms: number;
  notLoaded: string[];
}

export interface BatchChildResult {
  ok: true;
  kind: 'batch';
  label: string;
  files: BatchFileOutcome[];
  bytes: number;
  /** Wall time of the one IngestService.ingest call over all the files (landing, loads, statistics, one curated rebuild). */
  ingestMs: number;
  ingestCpuMs: number;
  /** RSS after opening the warehouse, before ingesting. */
  rssBeforeIngestBytes: number;
  /** process.resourceUsage().maxRSS (bytes) right after ingest() returned. */
  maxRssBytes: number;
  /** Peaks of process.memoryUsage() sampled every 50 ms while the event loop ran (bytes). */
  sampledPeaks: { heapUsed: number; external: number; arrayBuffers: number };
  /** Row counts of the warehouse's fact tables after this batch (the warehouse accumulates across batches). */
  warehouseRows: Record<string, number>;
}

/**
 * Forks the ingest child (dist/bench/ingest-child.js), sends it one request and waits for its one
 * answer. The child is tracked in `children` while it runs, so that an interrupted bench can stop it.
 */
export function runIngestChild<T extends { ok: true }>(
  request: ChildRequest | BatchChildRequest | LakeGrowthRequest,
  execArgv: readonly string[],
  children: Set<ChildProcess>,
  what: string,
): Promise<T> {
  const child = fork(path.join(__dirname, 'ingest-child.js'), [], {
    execArgv: [...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    let answer: T | ChildFailure | null = null;
    child.on('message', (m: T | ChildFailure) => {
      answer = m;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (answer?.ok) resolve(answer);
      else if (answer) reject(new Error(`${what} failed: ${answer.error}`));
      else reject(new Error(`ingest child for ${what} exited (${signal ?? `code ${code}`}) without a report`));
    });
    child.send(request);
  });
}
