/**
 * Runs one end-to-end ingest in its own process, so its peak RSS is the ingest's and not the
 * generator's or the bench's. Started by bench.ts with fork(); gets a ChildRequest over IPC and
 * answers a ChildResult (or ChildFailure), then exits.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { ZONES } from '../src/ingest/lake/lake';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../src/config/logger';
import { openWarehouse } from '../src/db/open-warehouse';
import { rebuildCuratedDatasets } from '../src/ingest/curated/curated-datasets';
import { type AfterLoads, IngestService } from '../src/ingest/ingest-service';
import { PostLoadHooks } from '../src/jobs/post-load/post-load-hooks';
import { TransactionLoader } from '../src/ingest/load-transactions';
import {
  type BatchChildRequest,
  type BatchChildResult,
  benchConfig,
  type ChildFailure,
  type ChildRequest,
  type ChildResult,
  errorMessage,
  type IngestPhaseTimes,
  type LakeGrowthRequest,
  type LakeGrowthResult,
  type LakeSizeSample,
} from './common';

/**
 * Wraps a prototype method to record when it starts and how long it takes. Instrumentation only:
 * the wrapped method runs unchanged, and nothing is wrapped if the method does not exist.
 */
interface MethodRecord {
  start: number | null;
  ms: number | null;
  /** maxRSS (bytes) when the method started and when it returned. */
  maxRssAtStart: number | null;
  maxRssAtEnd: number | null;
}

const maxRss = (): number => process.resourceUsage().maxRSS * 1024;
const newRecord = (): MethodRecord => ({ start: null, ms: null, maxRssAtStart: null, maxRssAtEnd: null });

function timeMethod(proto: object, name: string, record: MethodRecord): void {
  const target = proto as Record<string, unknown>;
  const original = target[name];
  if (typeof original !== 'function') return;
  target[name] = async function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    record.start = t0;
    record.maxRssAtStart = maxRss();
    try {
      return await (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    } finally {
      record.ms = (record.ms ?? 0) + (performance.now() - t0);
      record.maxRssAtEnd = maxRss();
    }
  };
}

/** Peaks of the V8 heap and external memory, sampled every 50 ms until `stop()`. */
function sampleMemory(): { peaks: { heapUsed: number; external: number; arrayBuffers: number }; stop: () => void } {
  const peaks = { heapUsed: 0, external: 0, arrayBuffers: 0 };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peaks.heapUsed = Math.max(peaks.heapUsed, m.heapUsed);
    peaks.external = Math.max(peaks.external, m.external);
    peaks.arrayBuffers = Math.max(peaks.arrayBuffers, m.arrayBuffers);
  }, 50);
  return { peaks, stop: () => clearInterval(timer) };
}
/**
 * PostgreSQL on this machine: CPU time (ms) of each server backend of the warehouse's database, from
 * /proc (null on SQLite or when the server runs elsewhere). The ingest's pooled connections stay
 * open until the end, so end minus start is their work; short-lived parallel workers are not counted.
 */
async function serverCpu(ds: Awaited<ReturnType<typeof openWarehouse>>): Promise<Map<number, number> | null> {
  if (ds.options.type !== 'postgres') return null;
  const rows = await ds.query<Array<{ pid: number }>>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  const out = new Map<number, number>();
  try {
    for (const { pid } of rows) {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * 10); // utime + stime, in 10 ms ticks
    }
  } catch {
    return null;
  }
  return out;
}

async function run(req: ChildRequest): Promise<ChildResult> {
  const config = benchConfig(req.spec);
  const logger = createLogger('warn');
  const ds = await openWarehouse(config);
  try {
    const finish = newRecord();
    const rollup = newRecord();
    timeMethod(TransactionLoader.prototype, 'finish', finish);
    timeMethod(TransactionLoader.prototype, 'updateRollup', rollup);
    const refreshCurated = newRecord();
    timeMethod(IngestService.prototype, 'refreshCurated', refreshCurated);

    const fileBytes = fs.statSync(req.file).size;
    let afterLoadsMs: number | null = null;
    let afterLoads: AfterLoads | undefined;
    if (req.afterLoads) {
      const hooks = new PostLoadHooks(ds, config, logger).afterLoads;
      afterLoads = async (loads) => {
        const h0 = performance.now();
        await hooks(loads);
        afterLoadsMs = performance.now() - h0;
      };
    }
    const service = new IngestService(ds, config.dataLakeDir, logger, { afterLoads });
    let landedAt: number | null = null;
    let maxRssAfterLanding: number | null = null;
    if (global.gc) global.gc();
    const rssBeforeIngestBytes = process.memoryUsage().rss;
    // The event loop runs during landing and parsing (not inside synchronous SQLite statements).
    const { peaks, stop } = sampleMemory();

    const server0 = await serverCpu(ds);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let t1: number;
    let summaries: Awaited<ReturnType<IngestService['ingest']>>;
    try {
      summaries = await service.ingest([req.file], {
        onProgress: (_file, done) => {
          if (landedAt === null && done >= fileBytes) {
            landedAt = performance.now();
            maxRssAfterLanding = maxRss();
          }
        },
      });
      t1 = performance.now();
    } finally {
      stop();
    }
    const cpu = process.cpuUsage(cpu0);
    const server1 = await serverCpu(ds);
    const maxRssAfterIngestBytes = maxRss();

    if (summaries.length !== 1) throw new Error(`expected one file summary, got ${summaries.length}`);
    const s = summaries[0];
    if (s.status !== 'loaded') throw new Error(`ingest did not load the file: ${s.status}: ${s.message}`);
    const expected = req.expectLoaded ?? req.rows;
    if (s.rowsLoaded !== expected) throw new Error(`ingest loaded ${s.rowsLoaded} rows, expected ${expected}`);

    const finishEnd = finish.start !== null && finish.ms !== null ? finish.start + finish.ms : null;
    const phases: IngestPhaseTimes = {
      landingMs: landedAt !== null ? landedAt - t0 : null,
      parseAndStageMs: landedAt !== null && finish.start !== null ? finish.start - landedAt : null,
      finishMs: finish.ms,
      rollupMs: rollup.ms,
      afterFinishMs: finishEnd !== null ? t1 - finishEnd : null,
      refreshCuratedMs: refreshCurated.ms,
    };

    let curatedRebuildMs: number | null = null;
    if (req.timeCurated) {
      const c0 = performance.now();
      await rebuildCuratedDatasets(ds, service.lake);
      curatedRebuildMs = performance.now() - c0;
    }

    const [{ n: transactions }] = await ds.query<Array<{ n: unknown }>>(`SELECT COUNT(*) AS n FROM transactions`);
    const [{ n: rollupRows }] = await ds.query<Array<{ n: unknown }>>(`SELECT COUNT(*) AS n FROM revenue_monthly_rollup`);
    const ingestMs = t1 - t0;
    return {
      ok: true,
      rows: req.rows,
      fileBytes,
      ingestMs,
      ingestCpuMs: (cpu.user + cpu.system) / 1000,
      serverCpuMs: server0 && server1 ? [...server1].reduce((sum, [pid, ms]) => sum + ms - (server0.get(pid) ?? 0), 0) : null,
      rowsPerSec: req.rows / (ingestMs / 1000),
      phases,
      curatedRebuildMs,
      maxRssAfterIngestBytes,
      maxRssAtEndBytes: maxRss(),
      rssBeforeIngestBytes,
      maxRssByPhase: {
        afterLanding: maxRssAfterLanding,
        atFinishStart: finish.maxRssAtStart,
        atRollupStart: rollup.maxRssAtStart,
        atFinishEnd: finish.maxRssAtEnd,
        atIngestEnd: maxRssAfterIngestBytes,
      },
      sampledPeaks: peaks,
      summary: { status: s.status, rowsRead: s.rowsRead, rowsLoaded: s.rowsLoaded, rowsSkipped: s.rowsSkipped, message: s.message },
      transactions: Number(transactions),
      rollupRows: Number(rollupRows),
      afterLoadsMs,
    };
  } finally {
    await ds.destroy();
  }
}

/** Fact tables whose sizes are reported after a batch (a table this schema lacks is left out). */
const FACT_TABLES = [
  'transactions',
  'revenue_monthly_rollup',
  'streams',
  'platform_daily_metrics',
  'stream_period_totals',
  'audience_daily',
  'song_metrics',
  'social_daily',
  'follower_snapshots',
  'campaigns',
  'campaign_daily',
  'campaign_period_totals',
  'promotion_costs',
  'link_daily',
  'source_files',
];

/**
 * Mixed batch: one source's files through one IngestService.ingest call, as `npm run ingest` does
 * with a folder. Files that do not load are reported, not thrown: the bench says which and why.
 */
async function runBatch(req: BatchChildRequest): Promise<BatchChildResult> {
  const config = benchConfig(req.spec);
  const logger = createLogger('warn');
  const ds = await openWarehouse(config);
  try {
    const bytesOf = new Map(req.files.map((f) => [f, fs.statSync(f).size]));
    const service = new IngestService(ds, config.dataLakeDir, logger);
    if (global.gc) global.gc();
    const rssBeforeIngestBytes = process.memoryUsage().rss;
    const { peaks, stop } = sampleMemory();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let summaries: Awaited<ReturnType<IngestService['ingest']>>;
    try {
      summaries = await service.ingest(req.files);
    } finally {
      stop();
    }
    const ingestMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const maxRssBytes = maxRss();

    const warehouseRows: Record<string, number> = {};
    for (const table of FACT_TABLES) {
      try {
        const [{ n }] = await ds.query<Array<{ n: unknown }>>(`SELECT COUNT(*) AS n FROM ${table}`);
        warehouseRows[table] = Number(n);
      } catch {
        // Not in this schema.
      }
    }
    return {
      ok: true,
      kind: 'batch',
      label: req.label,
      files: summaries.map((s) => ({
        file: s.input,
        bytes: bytesOf.get(s.input) ?? 0,
        service: s.service,
        stream: s.stream,
        status: s.status,
        rowsRead: s.rowsRead,
        rowsLoaded: s.rowsLoaded,
        rowsSkipped: s.rowsSkipped,
        message: s.message,
      })),
      bytes: [...bytesOf.values()].reduce((a, b) => a + b, 0),
      ingestMs,
      ingestCpuMs: (cpu.user + cpu.system) / 1000,
      rssBeforeIngestBytes,
      maxRssBytes,
      sampledPeaks: peaks,
      warehouseRows,
    };
  } finally {
    await ds.destroy();
  }
}

/** Bytes of every file under a folder. */
function folderBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? folderBytes(p) : fs.statSync(p).size;
  }
  return total;
}

/** Loads the files one ingest call each, as daily extractions arrive, and samples how each lake zone grows. */
async function runLakeGrowth(req: LakeGrowthRequest): Promise<LakeGrowthResult> {
  const config = benchConfig(req.spec);
  const ds = await openWarehouse(config);
  try {
    const service = new IngestService(ds, config.dataLakeDir, createLogger('warn'));
    const samples: LakeSizeSample[] = [];
    const notLoaded: string[] = [];
    let input = 0;
    const t0 = performance.now();
    for (const [k, file] of req.files.entries()) {
      const [summary] = await service.ingest([file]);
      if (summary.status !== 'loaded') notLoaded.push(`${path.basename(file)}: ${summary.status} ${summary.message}`);
      input += fs.statSync(file).size;
      if ((k + 1) % req.every === 0 || k === req.files.length - 1) {
        const zones = Object.fromEntries(ZONES.map((z) => [z, folderBytes(path.join(config.dataLakeDir, z))]));
        samples.push({ loads: k + 1, input, zones, total: Object.values(zones).reduce((a, b) => a + b, 0) });
      }
    }
    return { ok: true, kind: 'lake-growth', samples, ms: performance.now() - t0, notLoaded };
  } finally {
    await ds.destroy();
  }
}

function reply(message: ChildResult | BatchChildResult | LakeGrowthResult | ChildFailure): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      process.stdout.write(`${JSON.stringify(message)}\n`);
      resolve();
      return;
    }
    process.send(message, () => resolve());
  });
}

process.once('message', (req: ChildRequest | BatchChildRequest | LakeGrowthRequest) => {
  const work: Promise<ChildResult | BatchChildResult | LakeGrowthResult> = !('kind' in req)
    ? run(req)
    : req.kind === 'lake-growth'
      ? runLakeGrowth(req)
      : runBatch(req);
  work
    .then((result) => reply(result))
    .catch(async (err) => {
      process.stderr.write(`ingest child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      await reply({ ok: false, error: errorMessage(err) });
      process.exitCode = 1;
    })
    .finally(() => process.disconnect?.());
});
