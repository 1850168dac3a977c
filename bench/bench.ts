/**
 * End-to-end benchmark of the label warehouse.
 *
 *   npm run bench -- [--rows N] [--database sqlite|postgres] [--queries 200] [--artists 40] [--keep] [--profile]
 *                    [--mixed | --no-mixed] [--mixed-rows 100000] [--lake-files 100] [--lake-rows 1000]
 *   npm run bench -- --forecast [--forecast-series 12] [--forecast-origins 4] [--forecast-sample 8]
 *   npm run bench -- --dashboard [--dashboard-rows 100000] [--dashboard-loads 10]
 *   npm run bench -- --throughput [--database sqlite|postgres|both] [--throughput-rows 200000] [--seconds 30] [--connections 20] [--processes 2]
 *   npm run bench -- --overhead [--database sqlite|postgres|both] [--throughput-rows 200000] [--queries 200]
 *   npm run bench -- --postgraphile [--postgraphile-rows 1000000] [--postgraphile-reuse] [--postgraphile-rounds 1] [--seconds 30] [--connections 20]
 *
 * One run:
 *   1. generates an N-row DistroKid bank export (and an N/4 one) into a temp dir, streamed to disk;
 *   2. measures the FLOOR on that file (bench/floors.ts): SQLite, minimal parse + one prepared INSERT into
 *      a table without indexes; PostgreSQL, minimal parse + COPY FROM STDIN into such a table;
 *   3. ingests it end to end (IngestService.ingest: landing copy, parse, load, rollup, curated) on a
 *      fresh warehouse and lake, in a child process, and reports rows/s with a split of the time;
 *   4. measures the floor again (floors before and after are interleaved with the ingest, so load from
 *      other work hits both; their mean is the denominator of "ingest / floor"), then on SQLite the
 *      pandas peer (read_csv + to_sql with /usr/bin/python3, skipped with a message when pandas is missing);
 *   5. inserts the same rows, pre-parsed, into `transactions` of another fresh warehouse with a plain
 *      bulk insert (the physical baseline, same indexes) and reports ingest/baseline;
 *   6. reports the ingest child's peak RSS for N and N/4 (memory must not grow with the file);
 *   7. times the monthly revenue series through the real HTTP server against the same aggregate as
 *      direct SQL on the rollup (and on the fact table for contrast);
 *   8. lake growth: `--lake-files` small exports (`--lake-rows` new lines each), one ingest per file,
 *      with the size of every lake zone against the bytes loaded, sampled ten times (0 files skips it);
 *   9. the mixed batch (bench/mixed-batch.ts): files of all six sources, each source ingested in its
 *      own child into one fresh warehouse, with files, rows, wall time, rows/s and peak RSS per source.
 *      Runs after 1–8 unless `--no-mixed`; `--mixed` runs it alone. `--mixed-rows` sizes its bank export.
 * `--forecast` runs only the forecast accuracy backtest (bench/forecast.ts: the forecast query's method
 * against the seasonal naive, MASE and 80/95 % interval coverage over rolling origins; no database), then
 * times the worst forecast request the API accepts with and without the fit budget (bench/forecast-worst.ts).
 * `--rows 10000000` is the 10M run.
 * Results are printed as tables and written to bench/results/latest.json (git-ignored).
 *
 * The "monthly series over 10M transactions under 100 ms p95" goal is checked by running with
 * `--rows 10000000`: the rollup's size depends on months × stores × countries × artists, not on the
 * number of transactions, so no synthetic shortcut is offered (it would measure something else).
 *
 * `--artists` sets the catalogue size of the generated export (8 tracks per artist). The month × platform
 * question is answered from `revenue_platform_rollup` (one row per source × sale month × reporting month
 * × platform: a few hundred rows whatever --rows is); store, country and artist questions read the
 * finer `revenue_monthly_rollup`.
 *
 * PostgreSQL runs create their own databases on postgres://postgres@127.0.0.1:5432 and drop them.
 * `--keep` leaves the temp dir (and databases) for inspection; `--profile` writes a V8 CPU profile
 * of the N-row ingest child to bench/results/profiles/.
 */
// Before anything loads graphql-js, as in `npm start` (see production-mode.ts).
import '../src/config/production-mode';
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { openWarehouse } from '../src/db/open-warehouse';
import { type BaselineResult, baselineInsert, copyDimensions, readTransactions } from './baseline';
import {
  benchConfig,
  type ChildRequest,
  type ChildResult,
  createPgDatabase,
  type DatabaseKind,
  dropPgDatabase,
  errorMessage,
  fmtInt,
  fmtMb,
  fmtMs,
  INGEST_CHILD_EXEC_ARGV,
  round1,
  runIngestChild,
  table,
  type LakeGrowthResult,
  type WarehouseSpec,
} from './common';
import { parseDecimalToNano } from '../src/domain/money';
import { bankDetailsChunks, bankDetailsTotals } from '../demo/sample-exports/distrokid';
import { type FloorResult, pandasPeer, postgresCopyFloor, sqliteBareFloor } from './floors';
import { benchSampleOptions, DEFAULT_ARTISTS, generateBankExport } from './generate';
import { formatForecastBench, runForecastBench } from './forecast';
import { formatWorstRequest, runWorstForecastRequest } from './forecast-worst';
import { benchDashboard, formatDashboard } from './dashboard';
import { benchThroughput, formatThroughput } from './throughput';
import { benchPostgraphile, formatPostgraphile } from './postgraphile';
import { benchOverhead, formatOverhead } from './overhead';
import { DEFAULT_MIXED, formatMixed, type MixedReport, runMixedBatch } from './mixed-batch';
import { measureQueries, type QueryResults, SERIES_QUERY } from './queries';

interface Args {
  rows: number;
  database: DatabaseKind;
  queries: number;
  artists: number;
  keep: boolean;
  profile: boolean;
  /** Run the existing sections (1–5). */
  main: boolean;
  /** Run the mixed batch. */
  mixed: boolean;
  mixedRows: number;
  /** Lake growth step: how many small files, of how many rows each (0 files skips it). */
  lakeFiles: number;
  lakeRows: number;
  /** Run only the forecast backtest, with this many series per family and origins per series. */
  forecast: boolean;
  /** Run only the dashboard budgets (bench/dashboard.ts). */
  dashboard: boolean;
  dashboardRows: number;
  dashboardLoads: number;
  /** Run only the concurrent-load figures (bench/throughput.ts), on one database or both. */
  throughput: boolean;
  /** Run only our API against PostGraphile 4 on one PostgreSQL warehouse (bench/postgraphile.ts). */
  postgraphile: boolean;
  postgraphileRows: number;
  /** Keep the seeded PostgreSQL database after the run and reuse a kept one that fits. */
  postgraphileReuse: boolean;
  /** Rounds of the list workload per server, alternating which goes first. */
  postgraphileRounds: number;
  /** Run only the GraphQL overhead figures (bench/overhead.ts): GraphQL over HTTP against the same SQL run directly. */
  overhead: boolean;
  throughputBoth: boolean;
  throughputRows: number;
  /** WEB_CONCURRENCY of the server under --throughput. */
  processes: number;
  seconds: number;
  connections: number;
  forecastSeries: number;
  forecastOrigins: number;
  /** Series of the worst forecast request also fitted without the budget (timed and scaled to the whole request). */
  forecastSample: number;
}

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run bench -- [--rows N] [--database sqlite|postgres] [--queries 200] [--artists 40] [--keep] [--profile] [--mixed | --no-mixed] [--mixed-rows 100000] [--lake-files 100] [--lake-rows 1000] | --forecast [--forecast-series 12] [--forecast-origins 4] [--forecast-sample 8] | --dashboard [--dashboard-rows 100000] [--dashboard-loads 10] | --throughput [--database sqlite|postgres|both] [--throughput-rows 200000] [--seconds 30] [--connections 20] [--processes 2] | --overhead [--database sqlite|postgres|both] [--throughput-rows 200000] [--queries 200] | --postgraphile [--postgraphile-rows 1000000] [--postgraphile-reuse] [--postgraphile-rounds 1] [--seconds 30] [--connections 20]\n`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    rows: 1_000_000,
    database: 'sqlite',
    queries: 200,
    artists: DEFAULT_ARTISTS,
    keep: false,
    profile: false,
    main: true,
    mixed: true,
    mixedRows: 100_000,
    lakeFiles: 100,
    lakeRows: 1000,
    forecast: false,
    dashboard: false,
    dashboardRows: 100_000,
    dashboardLoads: 10,
    throughput: false,
    postgraphile: false,
    postgraphileRows: 1_000_000,
    postgraphileReuse: false,
    postgraphileRounds: 1,
    overhead: false,
    throughputBoth: false,
    throughputRows: 200_000,
    processes: 2,
    seconds: 30,
    connections: 20,
    forecastSeries: 12,
    forecastOrigins: 4,
    forecastSample: 8,
  };
  let mixedOnly = false;
  let noMixed = false;
  const positiveInt = (name: string, value: string | undefined): number => {
    const n = Number((value ?? '').replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < 1) usage(`${name} needs a positive integer, got "${value ?? ''}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=')
      ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)]
      : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--rows':
        args.rows = positiveInt('--rows', value());
        break;
      case '--queries':
        args.queries = positiveInt('--queries', value());
        break;
      case '--artists':
        args.artists = positiveInt('--artists', value());
        break;
      case '--database': {
        const v = value();
        if (v === 'both') {
          args.throughputBoth = true;
          break;
        }
        if (v !== 'sqlite' && v !== 'postgres') usage(`--database must be sqlite, postgres or (with --throughput) both, got "${v ?? ''}"`);
        args.database = v;
        break;
      }
      case '--keep':
        args.keep = true;
        break;
      case '--profile':
        args.profile = true;
        break;
      case '--mixed':
        mixedOnly = true;
        break;
      case '--no-mixed':
        noMixed = true;
        break;
      case '--lake-files': {
        const v = value();
        args.lakeFiles = v === '0' ? 0 : positiveInt('--lake-files', v);
        break;
      }
      case '--lake-rows':
        args.lakeRows = positiveInt('--lake-rows', value());
        break;
      case '--mixed-rows':
        args.mixedRows = positiveInt('--mixed-rows', value());
        break;
      case '--dashboard':
        args.dashboard = true;
        break;
      case '--dashboard-rows':
        args.dashboardRows = positiveInt('--dashboard-rows', value());
        break;
      case '--dashboard-loads':
        args.dashboardLoads = positiveInt('--dashboard-loads', value());
        break;
      case '--postgraphile':
        args.postgraphile = true;
        break;
      case '--postgraphile-rows':
        args.postgraphileRows = positiveInt('--postgraphile-rows', value());
        break;
      case '--postgraphile-reuse':
        args.postgraphileReuse = true;
        break;
      case '--postgraphile-rounds':
        args.postgraphileRounds = positiveInt('--postgraphile-rounds', value());
        break;
      case '--throughput':
        args.throughput = true;
        break;
      case '--overhead':
        args.overhead = true;
        break;
      case '--throughput-rows':
        args.throughputRows = positiveInt('--throughput-rows', value());
        break;
      case '--seconds':
        args.seconds = positiveInt('--seconds', value());
        break;
      case '--processes':
        args.processes = positiveInt('--processes', value());
        break;
      case '--connections':
        args.connections = positiveInt('--connections', value());
        break;
      case '--forecast':
        args.forecast = true;
        break;
      case '--forecast-series':
        args.forecastSeries = positiveInt('--forecast-series', value());
        break;
      case '--forecast-origins':
        args.forecastOrigins = positiveInt('--forecast-origins', value());
        break;
      case '--forecast-sample':
        args.forecastSample = positiveInt('--forecast-sample', value());
        break;
      default:
        usage(`unknown argument ${argv[i]}`);
    }
  }
  if (args.rows < 4) usage('--rows must be at least 4 (the memory check also ingests N/4 rows)');
  if (mixedOnly && noMixed) usage('--mixed and --no-mixed exclude each other');
  if (mixedOnly) args.main = false;
  if (noMixed) args.mixed = false;
  return args;
}

const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** npm runs scripts from the project root; results go to its bench/results (git-ignored). */
const RESULTS_DIR = path.resolve(process.cwd(), 'bench', 'results');

/** Runs one ingest in a child process and waits for its report. */
function ingestInChild(req: ChildRequest, profile: boolean, children: Set<ChildProcess>): Promise<ChildResult> {
  const execArgv = [...INGEST_CHILD_EXEC_ARGV];
  if (profile) {
    const dir = path.join(RESULTS_DIR, 'profiles');
    fs.mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=ingest-${req.spec.kind}-${req.rows}-${Date.now()}.cpuprofile`);
  }
  return runIngestChild<ChildResult>(req, execArgv, children, `ingest of ${req.rows} rows`);
}

/** The machine and the run the report describes. */
interface ReportMeta {
  date: string;
  database: DatabaseKind;
  node: string;
  platform: string;
  cpu: string;
  memory: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  databaseVersion: string;
  rows: number;
  queries: number;
  artists: number;
  mixedRows: number | null;
  seriesQuery: string;
}

interface Report {
  meta: ReportMeta;
  generation: { rows: number; quarterRows: number; fileBytes: number; quarterFileBytes: number; ms: number; rowsPerSec: number };
  ingest: ChildResult;
  ingestQuarter: ChildResult;
  baseline: (BaselineResult & { ratio: number; cpuRatio: number | null; readBackMs: number }) | null;
  baselineError: string | null;
  memory: { fullMaxRssBytes: number; quarterMaxRssBytes: number; growthBytes: number; limitBytes: number; ok: boolean };
  queries: QueryResults | null;
  queriesError: string | null;
  targets: Array<{ name: string; target: string; measured: string; ok: boolean | null }>;
  /** The warehouse agrees with the generator's own totals, the rollup with the facts, and the API with both. */
  dataCheck: { ok: boolean; details: string[] };
  /** The mixed batch (all six sources into one warehouse); null with --no-mixed or when it failed. */
  mixed: MixedReport | null;
  mixedError: string | null;
  /** Floors and peer on the same N-row file, measured before and after the ingest (the mean is used). */
  floors: FloorsReport;
  /** Lake size against data size over many small loads; null when skipped. */
  lake: LakeGrowthResult | null;
  lakeError: string | null;
  /**
   * The label's usual load: the next full-history export (every earlier line again, and 1 % new ones)
   * into the N-row warehouse, with the after-load hooks `npm run ingest` runs; null when it failed.
   */
  reload: ChildResult | null;
  reloadError: string | null;
}

/** Writes a report to bench/results/latest.json and a stamped copy; answers the latest path. */
function writeResults(report: object, stampedPrefix: string): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v), 2)}\n`;
  const out = path.join(RESULTS_DIR, 'latest.json');
  const stamped = path.join(RESULTS_DIR, `${stampedPrefix}-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}.json`);
  fs.writeFileSync(out, json);
  fs.writeFileSync(stamped, json);
  log(`results written to ${path.relative(process.cwd(), out)} (and ${path.relative(process.cwd(), stamped)})`);
}

/** Compares what was loaded with what was generated (totals computed from the generated values, not parsed). */
async function checkData(ds: DataSource, rows: number, artists: number): Promise<{ ok: boolean; details: string[]; netNano: bigint }> {
  const expected = bankDetailsTotals(benchSampleOptions(rows, artists));
  const text = ds.options.type === 'postgres' ? 'text' : 'TEXT';
  const sums = (table: string, count: string) =>
    ds.query<
      Array<Record<string, unknown>>
    >(`SELECT ${count} AS n, CAST(COALESCE(SUM(gross_nano), 0) AS ${text}) AS gross, CAST(COALESCE(SUM(net_nano), 0) AS ${text}) AS net,
      CAST(COALESCE(SUM(quantity), 0) AS ${text}) AS quantity FROM ${table}`);
  const [facts] = await sums('transactions', 'COUNT(*)');
  const [rollup] = await sums('revenue_monthly_rollup', 'SUM(transaction_count)');
  const [platformRollup] = await sums('revenue_platform_rollup', 'SUM(transaction_count)');
  const details: string[] = [];
  const compare = (what: string, got: unknown, want: bigint | number) => {
    if (String(got) !== String(want)) details.push(`${what}: warehouse ${String(got)}, expected ${String(want)}`);
  };
  compare('transactions', facts.n, expected.rows);
  compare('gross (nano)', facts.gross, expected.grossNano);
  compare('net (nano)', facts.net, expected.netNano);
  compare('quantity', facts.quantity, expected.quantity);
  compare('rollup transaction_count', rollup.n, expected.rows);
  compare('rollup net (nano)', rollup.net, expected.netNano);
  compare('rollup quantity', rollup.quantity, expected.quantity);
  compare('platform rollup transaction_count', platformRollup.n, expected.rows);
  compare('platform rollup net (nano)', platformRollup.net, expected.netNano);
  return { ok: details.length === 0, details, netNano: expected.netNano };
}

async function databaseVersion(ds: DataSource): Promise<string> {
  const rows: Array<{ v: string }> = await ds.query(
    ds.options.type === 'postgres' ? `SELECT version() AS v` : `SELECT 'SQLite ' || sqlite_version() AS v`,
  );
  return String(rows[0].v);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.dashboard) {
    const result = await benchDashboard({ rows: args.dashboardRows, loads: args.dashboardLoads, log });
    process.stdout.write(
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}\n${formatDashboard(result)}\n`,
    );
    return 0;
  }
  if (args.overhead) {
    for (const database of args.throughputBoth ? (['sqlite', 'postgres'] as const) : [args.database]) {
      const result = await benchOverhead({ database, rows: args.throughputRows, requests: args.queries, log });
      process.stdout.write(
        `load average ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}\n${formatOverhead(result)}\n\n`,
      );
    }
    return 0;
  }
  if (args.postgraphile) {
    const result = await benchPostgraphile({
      rows: args.postgraphileRows,
      reuse: args.postgraphileReuse,
      rounds: args.postgraphileRounds,
      seconds: args.seconds,
      connections: args.connections,
      log,
    });
    process.stdout.write(
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}\n${formatPostgraphile(result)}\n`,
    );
    writeResults(
      { meta: { date: new Date().toISOString(), node: process.version }, postgraphile: result },
      `postgraphile-${args.postgraphileRows}`,
    );
    return 0;
  }
  if (args.throughput) {
    const databases: DatabaseKind[] = args.throughputBoth ? ['sqlite', 'postgres'] : [args.database];
    for (const database of databases) {
      const result = await benchThroughput({
        database,
        rows: args.throughputRows,
        seconds: args.seconds,
        connections: args.connections,
        processes: args.processes,
        log,
      });
      process.stdout.write(
        `load average ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}\n${formatThroughput(result)}\n\n`,
      );
    }
    return 0;
  }
  if (args.forecast) {
    log(`forecast backtest: ${args.forecastSeries} series per family, ${args.forecastOrigins} origins each`);
    const results = runForecastBench({ seriesPerFamily: args.forecastSeries, origins: args.forecastOrigins }, RESULTS_DIR, log);
    process.stdout.write(`${formatForecastBench(results)}\n\n`);
    const worst = runWorstForecastRequest(args.forecastSample, log);
    fs.writeFileSync(path.join(RESULTS_DIR, 'forecast-worst-latest.json'), `${JSON.stringify(worst, null, 1)}\n`);
    process.stdout.write(`${formatWorstRequest(worst)}\n`);
    return 0;
  }
  const quarterRows = Math.floor(args.rows / 4);
  // Other work on the machine moves wall-clock figures: the load average is recorded with the results.
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'label-bench-'));
  const tag = `label_bench_${process.pid}_${Date.now().toString(36)}`;
  const children = new Set<ChildProcess>();
  const pgDatabases: string[] = [];
  const openSources: DataSource[] = [];

  const spec = (name: string): WarehouseSpec => ({
    kind: args.database,
    target: args.database === 'sqlite' ? path.join(tmp, `${name}.sqlite`) : `${tag}_${name}`,
    lakeDir: path.join(tmp, `lake-${name}`),
  });
  const prepare = async (s: WarehouseSpec): Promise<WarehouseSpec> => {
    if (s.kind === 'postgres') {
      pgDatabases.push(s.target);
      await createPgDatabase(s.target);
    }
    return s;
  };
  const open = async (s: WarehouseSpec): Promise<DataSource> => {
    const ds = await openWarehouse(benchConfig(s));
    openSources.push(ds);
    return ds;
  };
  const close = async (ds: DataSource): Promise<void> => {
    openSources.splice(openSources.indexOf(ds), 1);
    if (ds.isInitialized) await ds.destroy();
  };

  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    for (const child of children) child.kill('SIGTERM');
    for (const ds of [...openSources]) await ds.destroy().catch(() => undefined);
    if (!args.keep) {
      for (const db of pgDatabases) await dropPgDatabase(db).catch((err) => log(`could not drop database ${db}: ${errorMessage(err)}`));
      fs.rmSync(tmp, { recursive: true, force: true });
    } else {
      log(`kept ${tmp}${pgDatabases.length ? ` and databases ${pgDatabases.join(', ')}` : ''}`);
    }
  };
  // Ctrl-C stops the children, closes connections, drops the databases and removes the temp dir.
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping and cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // 6. The mixed batch: its own fresh warehouse, its own input folder.
  const runMixed = async (): Promise<{ mixed: MixedReport | null; mixedError: string | null }> => {
    try {
      const mixedSpec = await prepare(spec('mixed'));
      const mixed = await runMixedBatch({
        spec: mixedSpec,
        dir: path.join(tmp, 'input-mixed'),
        options: { bankRows: args.mixedRows, artists: args.artists, ...DEFAULT_MIXED },
        children,
        log,
        interrupted: () => interrupted,
      });
      if (!mixed.ok)
        log(`mixed batch: not every file loaded (${mixed.notLoaded.length} not loaded, ${mixed.childErrors.length} sources failed)`);
      return { mixed, mixedError: null };
    } catch (err) {
      const mixedError = errorMessage(err);
      log(`mixed batch failed: ${mixedError}`);
      return { mixed: null, mixedError };
    }
  };
  const baseMeta = () => ({
    date: new Date().toISOString(),
    database: args.database,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    memory: fmtMb(os.totalmem()),
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
  });

  try {
    if (!args.main) {
      log(`mixed batch only, database ${args.database}, bank export ${fmtInt(args.mixedRows)} rows, temp dir ${tmp}`);
      const { mixed, mixedError } = await runMixed();
      const meta = { ...baseMeta(), mixedRows: args.mixedRows, artists: args.artists };
      process.stdout.write(
        `\nload average at start ${loadAtStart.join(' ')}, at end ${meta.loadAverageAtEnd.join(' ')} (${os.cpus().length} CPUs)\n`,
      );
      process.stdout.write(mixed ? `${formatMixed(mixed)}\n\n` : `Mixed batch: FAILED — ${mixedError}\n\n`);
      writeResults({ meta, mixed, mixedError }, `${args.database}-mixed-${args.mixedRows}`);
      return mixed?.ok ? 0 : 1;
    }
    log(`rows ${fmtInt(args.rows)} (and ${fmtInt(quarterRows)}), database ${args.database}, ${args.queries} queries, temp dir ${tmp}`);

    // 1. Generation (not part of any timed ingest figure).
    const inputDir = path.join(tmp, 'input');
    const quarterDir = path.join(tmp, 'input-quarter');
    fs.mkdirSync(inputDir);
    fs.mkdirSync(quarterDir);
    const file = path.join(inputDir, 'dk_bank_details_20260101_000000.tsv');
    const quarterFile = path.join(quarterDir, 'dk_bank_details_20260101_000000.tsv');
    log(`generating ${file}`);
    const g0 = performance.now();
    const fileBytes = await generateBankExport(file, args.rows, args.artists);
    const genMs = performance.now() - g0;
    const quarterFileBytes = await generateBankExport(quarterFile, quarterRows, args.artists);
    // The next download of the same account: the generator is prefix-stable, so its first N lines are the N-row export's.
    const reloadRows = args.rows + Math.ceil(args.rows / 100);
    const reloadFile = path.join(tmp, 'input-reload', 'dk_bank_details_20260201_000000.tsv');
    fs.mkdirSync(path.dirname(reloadFile));
    await generateBankExport(reloadFile, reloadRows, args.artists);
    log(`generated ${fmtMb(fileBytes)} in ${fmtMs(genMs)}`);

    // 2 + 4. End-to-end ingest of N rows in a child process, then N/4 rows in another.
    // Floors on the same file, before and after the ingest: interleaved, so load from other work hits both.
    const floorRuns: FloorResult[] = [];
    const measureFloor = async (k: number): Promise<void> => {
      try {
        if (args.database === 'sqlite') floorRuns.push(await sqliteBareFloor(file, path.join(tmp, `floor-${k}.sqlite`)));
        else {
          const db = `${tag}_floor_${k}`;
          pgDatabases.push(db);
          await createPgDatabase(db);
          floorRuns.push(await postgresCopyFloor(file, db));
          await dropPgDatabase(db);
          pgDatabases.splice(pgDatabases.indexOf(db), 1);
        }
        log(`floor ${k}: ${fmtInt(floorRuns[floorRuns.length - 1].rowsPerSec)} rows/s`);
      } catch (err) {
        log(`floor ${k} failed: ${errorMessage(err)}`);
      } finally {
        for (const f of fs.readdirSync(tmp)) if (f.startsWith(`floor-${k}.sqlite`)) fs.rmSync(path.join(tmp, f), { force: true });
      }
    };
    await measureFloor(1);
    const full = await prepare(spec('full'));
    log(`ingesting ${fmtInt(args.rows)} rows (child process)`);
    const ingest = await ingestInChild({ spec: full, file, rows: args.rows, timeCurated: true }, args.profile, children);
    log(`ingest: ${fmtMs(ingest.ingestMs)}, ${fmtInt(ingest.rowsPerSec)} rows/s, peak RSS ${fmtMb(ingest.maxRssAfterIngestBytes)}`);
    if (interrupted) throw new Error('interrupted');

    const quarter = await prepare(spec('quarter'));
    log(`ingesting ${fmtInt(quarterRows)} rows (child process, memory comparison)`);
    const ingestQuarter = await ingestInChild({ spec: quarter, file: quarterFile, rows: quarterRows, timeCurated: false }, false, children);
    log(`ingest N/4: ${fmtMs(ingestQuarter.ingestMs)}, peak RSS ${fmtMb(ingestQuarter.maxRssAfterIngestBytes)}`);
    if (quarter.kind === 'postgres') {
      await dropPgDatabase(quarter.target);
      pgDatabases.splice(pgDatabases.indexOf(quarter.target), 1);
    } else if (!args.keep) {
      for (const f of fs.readdirSync(tmp)) if (f.startsWith('quarter.sqlite')) fs.rmSync(path.join(tmp, f), { force: true });
    }
    if (!args.keep) fs.rmSync(quarter.lakeDir, { recursive: true, force: true });
    if (interrupted) throw new Error('interrupted');

    await measureFloor(2);
    let pandas: FloorResult | { skipped: string } = { skipped: 'PostgreSQL run (the peer writes SQLite)' };
    if (args.database === 'sqlite') {
      log('pandas peer (read_csv + to_sql)');
      pandas = await pandasPeer(file, path.join(tmp, 'pandas.sqlite'));
      log('skipped' in pandas ? `pandas peer skipped: ${pandas.skipped}` : `pandas peer: ${fmtInt(pandas.rowsPerSec)} rows/s`);
      for (const f of fs.readdirSync(tmp)) if (f.startsWith('pandas.sqlite')) fs.rmSync(path.join(tmp, f), { force: true });
    }
    const floorRowsPerSec = floorRuns.length ? floorRuns.reduce((a, f) => a + f.rowsPerSec, 0) / floorRuns.length : NaN;
    const floors: FloorsReport = { runs: floorRuns, meanRowsPerSec: floorRowsPerSec, ratio: ingest.rowsPerSec / floorRowsPerSec, pandas };

    // 3. Physical baseline.
    const fullDs = await open(full);
    const dbVersion = await databaseVersion(fullDs);
    const check = await checkData(fullDs, args.rows, args.artists);
    const dataCheck = { ok: check.ok, details: check.details };
    log(check.ok ? 'data check: warehouse and rollup match the generated totals' : `DATA CHECK FAILED: ${check.details.join('; ')}`);
    let baseline: Report['baseline'] = null;
    let baselineError: string | null = null;
    try {
      log('baseline: reading the ingested rows back into memory');
      const r0 = performance.now();
      let cols: Awaited<ReturnType<typeof readTransactions>> | null = await readTransactions(fullDs);
      const readBackMs = performance.now() - r0;
      const baseSpec = await prepare(spec('baseline'));
      const baseDs = await open(baseSpec);
      try {
        await copyDimensions(fullDs, baseDs);
        if (global.gc) global.gc();
        log(`baseline: inserting ${fmtInt(cols.length)} rows into a fresh warehouse`);
        const result = await baselineInsert(baseDs, cols);
        // On SQLite both run in-process, so CPU time is a second, contention-resistant view of the ratio.
        const cpuRatio = args.database === 'sqlite' ? result.cpuMs / ingest.ingestCpuMs : null;
        baseline = { ...result, ratio: ingest.rowsPerSec / result.rowsPerSec, cpuRatio, readBackMs };
        log(`baseline: ${fmtMs(result.ms)}, ${fmtInt(result.rowsPerSec)} rows/s`);
      } finally {
        cols = null;
        await close(baseDs);
        if (baseSpec.kind === 'postgres') {
          await dropPgDatabase(baseSpec.target);
          pgDatabases.splice(pgDatabases.indexOf(baseSpec.target), 1);
        } else if (!args.keep) {
          for (const f of fs.readdirSync(tmp)) if (f.startsWith('baseline.sqlite')) fs.rmSync(path.join(tmp, f), { force: true });
        }
        if (global.gc) global.gc();
      }
    } catch (err) {
      baselineError = errorMessage(err);
      log(`baseline failed: ${baselineError}`);
    }
    if (interrupted) throw new Error('interrupted');

    // 5. Query latency over the N-row warehouse.
    let queries: QueryResults | null = null;
    let queriesError: string | null = null;
    try {
      // One client sending hundreds of requests back to back: not what the rate limiter is for. The response cache
      // is off so the figure is the GraphQL layer's own cost (throughput, with --throughput, measures the cache).
      queries = await measureQueries(
        fullDs,
        benchConfig(full, { RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '100000', RESPONSE_CACHE_ENTRIES: '0' }),
        args.queries,
        log,
      );
      if (queries.graphqlError) log(`GraphQL query failed: ${queries.graphqlError}`);
      // Every generated sale month is inside the queried range, so the API's total is the whole file's net.
      const apiNet = queries.graphql?.totalNet == null ? null : parseDecimalToNano(queries.graphql.totalNet);
      if (queries.graphql && apiNet !== check.netNano) {
        dataCheck.ok = false;
        dataCheck.details.push(`revenueSeries totals.net ${queries.graphql.totalNet}, expected ${check.netNano} nano`);
      }
    } catch (err) {
      queriesError = errorMessage(err);
      log(`query latency failed: ${queriesError}`);
    }
    await close(fullDs);
    if (interrupted) throw new Error('interrupted');

    // 5b. The next full-history export into the same warehouse, after the queries (it changes the totals they check).
    let reload: ChildResult | null = null;
    let reloadError: string | null = null;
    try {
      log(`reload: a full-history export of ${fmtInt(reloadRows)} lines (${fmtInt(reloadRows - args.rows)} new) into the warehouse`);
      reload = await ingestInChild(
        { spec: full, file: reloadFile, rows: reloadRows, expectLoaded: reloadRows - args.rows, afterLoads: true, timeCurated: false },
        false,
        children,
      );
      log(
        `reload: ${fmtMs(reload.ingestMs)} (after-load hooks ${fmtMs(reload.afterLoadsMs ?? NaN)}), peak RSS ${fmtMb(reload.maxRssAfterIngestBytes)}`,
      );
      const reloadDs = await open(full);
      try {
        const after = await checkData(reloadDs, reloadRows, args.artists);
        if (!after.ok) {
          dataCheck.ok = false;
          dataCheck.details.push(...after.details.map((d) => `after the reload: ${d}`));
        }
      } finally {
        await close(reloadDs);
      }
    } catch (err) {
      reloadError = errorMessage(err);
      log(`reload failed: ${reloadError}`);
    }
    if (interrupted) throw new Error('interrupted');

    let mixed: MixedReport | null = null;
    let mixedError: string | null = null;
    if (args.mixed) ({ mixed, mixedError } = await runMixed());

    let lake: LakeGrowthResult | null = null;
    let lakeError: string | null = null;
    if (args.lakeFiles > 0) {
      try {
        const lakeDir = path.join(tmp, 'input-lake');
        fs.mkdirSync(lakeDir);
        const files = await generateDailyExports(lakeDir, args.lakeFiles, args.lakeRows, args.artists);
        const lakeSpec = await prepare(spec('lake'));
        log(`lake growth: ${args.lakeFiles} loads of ${fmtInt(args.lakeRows)} rows, one ingest each`);
        lake = await runIngestChild<LakeGrowthResult>(
          { kind: 'lake-growth', spec: lakeSpec, files, every: Math.max(1, Math.floor(args.lakeFiles / 10)) },
          INGEST_CHILD_EXEC_ARGV,
          children,
          'lake growth',
        );
        log(`lake growth: ${fmtMs(lake.ms)}`);
      } catch (err) {
        lakeError = errorMessage(err);
        log(`lake growth failed: ${lakeError}`);
      }
    }

    const limit = 300 * 1024 * 1024;
    const memory = {
      fullMaxRssBytes: ingest.maxRssAfterIngestBytes,
      quarterMaxRssBytes: ingestQuarter.maxRssAfterIngestBytes,
      growthBytes: ingest.maxRssAfterIngestBytes - ingestQuarter.maxRssAfterIngestBytes,
      limitBytes: limit,
      ok: Math.max(ingest.maxRssAfterIngestBytes, ingestQuarter.maxRssAfterIngestBytes) < limit,
    };

    const sqlite = args.database === 'sqlite';
    const targets: Report['targets'] = [
      {
        name: 'ingest throughput',
        target: sqlite ? '≥ 100,000 rows/s (SQLite)' : '≥ 100,000 rows/s (set for SQLite)',
        measured: `${fmtInt(ingest.rowsPerSec)} rows/s`,
        ok: sqlite ? ingest.rowsPerSec >= 100_000 : null,
      },
      {
        name: 'ingest / physical baseline',
        target: sqlite ? '≥ 0.30× (SQLite)' : '≥ 0.30× (set for SQLite)',
        measured: baseline ? `${baseline.ratio.toFixed(3)}×` : `n/a (${baselineError})`,
        ok: baseline && sqlite ? baseline.ratio >= 0.3 : null,
      },
      {
        name: 'ingest peak RSS (N and N/4)',
        target: '< 300 MB',
        measured: `${fmtMb(memory.fullMaxRssBytes)} / ${fmtMb(memory.quarterMaxRssBytes)}`,
        ok: memory.ok,
      },
      {
        name: sqlite ? 'ingest / bare floor (same run)' : 'ingest / COPY floor (same run)',
        target: '≥ 0.5×',
        measured: Number.isFinite(floors.ratio)
          ? `${floors.ratio.toFixed(3)}× (${fmtInt(ingest.rowsPerSec)} / ${fmtInt(floors.meanRowsPerSec)} rows/s)`
          : 'n/a',
        ok: Number.isFinite(floors.ratio) ? floors.ratio >= 0.5 : null,
      },
    ];
    if (!('skipped' in floors.pandas)) {
      const peer = floors.pandas;
      targets.push({
        name: 'ingest / pandas peer (same run)',
        target: '> 1×',
        measured: `${(ingest.rowsPerSec / peer.rowsPerSec).toFixed(3)}× (${fmtInt(ingest.rowsPerSec)} / ${fmtInt(peer.rowsPerSec)} rows/s)`,
        ok: ingest.rowsPerSec > peer.rowsPerSec,
      });
    }
    if (lake && lake.samples.length >= 2) {
      const first = lake.samples[0];
      const last = lake.samples[lake.samples.length - 1];
      const r0 = first.total / first.input;
      const r1 = last.total / last.input;
      targets.push({
        name: `lake bytes / data bytes, ${first.loads} → ${last.loads} loads`,
        target: 'flat (≤ 1.25× of the first ratio)',
        measured: `${r0.toFixed(2)} → ${r1.toFixed(2)}`,
        ok: r1 <= r0 * 1.25,
      });
    }
    if (queries?.overhead) {
      const o = queries.overhead;
      targets.push(
        { name: 'GraphQL overhead p50', target: `≤ max(1 ms, 10%) = ${fmtMs(o.allowedP50Ms)}`, measured: fmtMs(o.p50Ms), ok: o.p50Ok },
        { name: 'GraphQL overhead p95', target: `≤ max(1 ms, 10%) = ${fmtMs(o.allowedP95Ms)}`, measured: fmtMs(o.p95Ms), ok: o.p95Ok },
        {
          name: `monthly series p95 over ${fmtInt(args.rows)} rows`,
          target: '< 100 ms (goal stated for 10M rows)',
          measured: fmtMs(queries.graphql!.p95Ms),
          ok: queries.graphql!.p95Ms < 100,
        },
      );
    } else {
      targets.push({
        name: 'GraphQL overhead',
        target: 'max(2 ms, 10%)',
        measured: `n/a (${queries?.graphqlError ?? queriesError})`,
        ok: null,
      });
    }

    const report: Report = {
      meta: {
        ...baseMeta(),
        databaseVersion: dbVersion,
        rows: args.rows,
        queries: args.queries,
        artists: args.artists,
        mixedRows: args.mixed ? args.mixedRows : null,
        seriesQuery: SERIES_QUERY,
      },
      generation: { rows: args.rows, quarterRows, fileBytes, quarterFileBytes, ms: genMs, rowsPerSec: args.rows / (genMs / 1000) },
      ingest,
      ingestQuarter,
      baseline,
      baselineError,
      memory,
      queries,
      queriesError,
      targets,
      dataCheck,
      mixed,
      mixedError,
      floors,
      lake,
      lakeError,
      reload,
      reloadError,
    };
    print(report);
    writeResults(report, `${args.database}-${args.rows}`);
    const mixedFailed = args.mixed && !mixed?.ok;
    return baselineError || queriesError || reloadError || !dataCheck.ok || mixedFailed ? 1 : 0;
  } finally {
    await cleanup();
  }
}

interface FloorsReport {
  runs: FloorResult[];
  meanRowsPerSec: number;
  /** Ingest rows/s over the mean floor rows/s. */
  ratio: number;
  pandas: FloorResult | { skipped: string };
}

function formatFloors(f: FloorsReport, ingestRowsPerSec: number, ingestRss: number, ingestCpuMs: number): string {
  const rows: string[][] = [['Floor and peer (same file, same run)', 'rows', 'time', 'rows/s', 'ingest / this', 'peak RSS']];
  for (const [k, run] of f.runs.entries())
    rows.push([
      `floor ${k === 0 ? 'before' : 'after'} ingest: ${run.method}`,
      fmtInt(run.rows),
      fmtMs(run.ms),
      fmtInt(run.rowsPerSec),
      `${(ingestRowsPerSec / run.rowsPerSec).toFixed(3)}×`,
      '',
    ]);
  rows.push(['ingest, end to end (validation, exact money, keys, rollups, lake)', '', '', fmtInt(ingestRowsPerSec), '', fmtMb(ingestRss)]);
  const cpu = f.runs.filter((r) => r.cpuMs !== undefined);
  const cpuLine = cpu.length
    ? `\n  by CPU time (contention-resistant, SQLite only): floor ${fmtMs(cpu.reduce((a, r) => a + r.cpuMs!, 0) / cpu.length)} / ingest ${fmtMs(ingestCpuMs)} = ${(cpu.reduce((a, r) => a + r.cpuMs!, 0) / cpu.length / ingestCpuMs).toFixed(3)}×`
    : '';
  if ('skipped' in f.pandas) return `${table(rows)}${cpuLine}\n  pandas peer: skipped (${f.pandas.skipped})`;
  const p = f.pandas;
  rows.push([
    `peer: ${p.method}`,
    fmtInt(p.rows),
    fmtMs(p.ms),
    fmtInt(p.rowsPerSec),
    `${(ingestRowsPerSec / p.rowsPerSec).toFixed(3)}×`,
    p.maxRssBytes ? fmtMb(p.maxRssBytes) : '',
  ]);
  const peerCpu =
    p.cpuMs !== undefined
      ? `\n  pandas CPU time (process total, imports included) ${fmtMs(p.cpuMs)} / ingest ${fmtMs(ingestCpuMs)} = ${(p.cpuMs / ingestCpuMs).toFixed(3)}×`
      : '';
  return `${table(rows)}${cpuLine}${peerCpu}\n  pandas' float sum of Earnings (USD): ${p.earningsSum} (the warehouse sums nano-unit integers exactly)`;
}

function formatLake(l: LakeGrowthResult): string {
  const zones = Object.keys(l.samples[0]?.zones ?? {});
  const rows: string[][] = [['Lake growth (one ingest per file)', 'data (input)', ...zones, 'lake total', 'lake / data']];
  for (const s of l.samples)
    rows.push([
      `after ${s.loads} loads`,
      fmtMb(s.input),
      ...zones.map((z) => fmtMb(s.zones[z])),
      fmtMb(s.total),
      `${(s.total / s.input).toFixed(2)}×`,
    ]);
  const notLoaded = l.notLoaded.length ? `\n  NOT LOADED: ${l.notLoaded.join('; ')}` : '';
  return `${table(rows)}\n  ${l.samples[l.samples.length - 1]?.loads ?? 0} loads in ${fmtMs(l.ms)}${notLoaded}`;
}

/** Small incremental exports (different seeds, so new lines each time), as daily downloads would bring. */
async function generateDailyExports(dir: string, count: number, rows: number, artists: number): Promise<string[]> {
  const files: string[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let k = 0; k < count; k++) {
    const stamp = new Date(start + k * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const file = path.join(dir, `dk_bank_details_${stamp}_060000.tsv`);
    fs.writeFileSync(file, [...bankDetailsChunks({ ...benchSampleOptions(rows, artists), seed: 1000 + k })].join(''));
    files.push(file);
  }
  return files;
}

/** The next full-history export into the N-row warehouse, against the first load and the bare floor (lines read per second). */
function formatReload(re: ChildResult, first: ChildResult, floorRowsPerSec: number): string {
  const ph = re.phases;
  const hooks = re.afterLoadsMs ?? 0;
  const linesPerSec = (ms: number) => re.summary.rowsRead / (ms / 1000);
  return [
    table([
      ['Reload: next full-history export into the N-row warehouse', 'time', 'lines read/s', '÷ bare floor', '÷ first load (wall)'],
      [
        'total, with the after-load hooks (as npm run ingest)',
        fmtMs(re.ingestMs),
        fmtInt(linesPerSec(re.ingestMs)),
        `${(linesPerSec(re.ingestMs) / floorRowsPerSec).toFixed(3)}×`,
        `${(re.ingestMs / first.ingestMs).toFixed(3)}×`,
      ],
      [
        'the load alone (without the hooks)',
        fmtMs(re.ingestMs - hooks),
        fmtInt(linesPerSec(re.ingestMs - hooks)),
        `${(linesPerSec(re.ingestMs - hooks) / floorRowsPerSec).toFixed(3)}×`,
        `${((re.ingestMs - hooks) / first.ingestMs).toFixed(3)}×`,
      ],
      ['  (CPU time of the ingest process)', fmtMs(re.ingestCpuMs), '', '', ''],
      ...(re.serverCpuMs !== null ? [['  (CPU time of its PostgreSQL backends)', fmtMs(re.serverCpuMs), '', '', '']] : []),
      ['  parse + resolve + raw/staging + insert into the temp table', fmtMs(ph.parseAndStageMs ?? NaN), '', '', ''],
      ['  finish: number repeats, probe known lines, insert the new, rollup', fmtMs(ph.finishMs ?? NaN), '', '', ''],
      ['  commit + zone files + curated', fmtMs((ph.afterFinishMs ?? NaN) - hooks), '', '', ''],
      ['  after-load hooks (data-quality snapshot, notifications)', fmtMs(hooks), '', '', ''],
    ]),
    `  loaded ${fmtInt(re.summary.rowsLoaded)} new of ${fmtInt(re.summary.rowsRead)} lines (${fmtInt(re.summary.rowsSkipped)} already loaded); peak RSS ${fmtMb(re.maxRssAfterIngestBytes)}`,
  ].join('\n');
}

function print(r: Report): void {
  const out: string[] = [];
  const i = r.ingest;
  const ph = i.phases;
  const pct = (ms: number | null) => (ms === null ? '' : `${round1((100 * ms) / i.ingestMs)}%`);
  out.push(
    '',
    `load average at start ${r.meta.loadAverageAtStart.join(' ')}, at end ${r.meta.loadAverageAtEnd.join(' ')} (${os.cpus().length} CPUs)`,
  );
  out.push(
    `Label warehouse benchmark — ${r.meta.database} (${r.meta.databaseVersion}), ${fmtInt(r.generation.rows)} rows, ${r.meta.artists} artists, node ${r.meta.node}, ${r.meta.cpu}`,
    '',
  );
  out.push(
    table([
      ['Generation (not timed in ingest)', 'rows', 'size', 'time', 'rows/s'],
      [
        'bank export, N rows',
        fmtInt(r.generation.rows),
        fmtMb(r.generation.fileBytes),
        fmtMs(r.generation.ms),
        fmtInt(r.generation.rowsPerSec),
      ],
      ['bank export, N/4 rows', fmtInt(r.generation.quarterRows), fmtMb(r.generation.quarterFileBytes), '', ''],
    ]),
    '',
  );
  // What the ingest spends after finish outside its own curated refresh: source_files update, COMMIT (and the WAL checkpoint it triggers), zone-file renames.
  const afterFinishDb =
    ph.afterFinishMs !== null && ph.refreshCuratedMs !== null && ph.afterFinishMs >= ph.refreshCuratedMs
      ? ph.afterFinishMs - ph.refreshCuratedMs
      : null;
  out.push(
    table([
      ['Ingest, end to end (IngestService.ingest)', 'time', 'share', 'rows/s'],
      ['total', fmtMs(i.ingestMs), '100%', fmtInt(i.rowsPerSec)],
      ['  (CPU time of the ingest process)', fmtMs(i.ingestCpuMs), '', ''],
      ...(i.serverCpuMs !== null && i.serverCpuMs !== undefined
        ? [['  (CPU time of its PostgreSQL backends)', fmtMs(i.serverCpuMs), '', '']]
        : []),
      ['  landing copy + sha256', fmtMs(ph.landingMs ?? NaN), pct(ph.landingMs), ''],
      [
        '  parse + resolve + raw/staging + insert (temp table; first load: transactions)',
        fmtMs(ph.parseAndStageMs ?? NaN),
        pct(ph.parseAndStageMs),
        ph.parseAndStageMs ? fmtInt(i.rows / (ph.parseAndStageMs / 1000)) : '',
      ],
      [
        '  finish: rollup + index rebuilds + numbering repeats (staged: probe known lines, insert the new)',
        fmtMs(ph.finishMs ?? NaN),
        pct(ph.finishMs),
        '',
      ],
      ['    of which rollup', fmtMs(ph.rollupMs ?? NaN), pct(ph.rollupMs), ''],
      ['  commit + zone files + curated (rest)', fmtMs(ph.afterFinishMs ?? NaN), pct(ph.afterFinishMs), ''],
      ['    statistics + curated rebuild (in the ingest)', fmtMs(ph.refreshCuratedMs ?? NaN), pct(ph.refreshCuratedMs), ''],
      ['    ⇒ COMMIT + WAL checkpoint + zone-file renames', fmtMs(afterFinishDb ?? NaN), pct(afterFinishDb), ''],
      [
        '    curated rebuild again (its statement-line part already written)',
        fmtMs(i.curatedRebuildMs ?? NaN),
        pct(i.curatedRebuildMs),
        '',
      ],
    ]),
    `  loaded ${fmtInt(i.summary.rowsLoaded)} of ${fmtInt(i.summary.rowsRead)} rows; warehouse holds ${fmtInt(i.transactions)} transactions, ${fmtInt(i.rollupRows)} rollup rows`,
    '',
  );
  if (r.baseline) {
    const b = r.baseline;
    out.push(
      table([
        ['Physical baseline (same rows into transactions)', 'rows', 'time', 'CPU time', 'rows/s', 'ingest/baseline'],
        [b.method, fmtInt(b.rows), fmtMs(b.ms), fmtMs(b.cpuMs), fmtInt(b.rowsPerSec), `${b.ratio.toFixed(3)}×`],
      ]),
      b.cpuRatio !== null
        ? `  by CPU time: baseline ${fmtMs(b.cpuMs)} / ingest ${fmtMs(r.ingest.ingestCpuMs)} = ${b.cpuRatio.toFixed(3)}× (less sensitive to other load)`
        : '  (PostgreSQL does the work in the server process: only wall time is comparable)',
      '',
    );
  } else out.push(`Physical baseline: FAILED — ${r.baselineError}`, '');
  out.push(formatFloors(r.floors, i.rowsPerSec, i.maxRssAfterIngestBytes, i.ingestCpuMs), '');
  if (r.reload) out.push(formatReload(r.reload, i, r.floors.meanRowsPerSec), '');
  else if (r.reloadError) out.push(`Reload of a full-history export: FAILED — ${r.reloadError}`, '');
  if (r.lake) out.push(formatLake(r.lake), '');
  else if (r.lakeError) out.push(`Lake growth: FAILED — ${r.lakeError}`, '');
  out.push(
    table([
      ['Ingest child memory', 'rows', 'RSS before ingest', 'peak RSS (maxRSS)', 'peak at end (+ curated again)'],
      [
        'N',
        fmtInt(r.ingest.rows),
        fmtMb(r.ingest.rssBeforeIngestBytes),
        fmtMb(r.ingest.maxRssAfterIngestBytes),
        fmtMb(r.ingest.maxRssAtEndBytes),
      ],
      [
        'N/4',
        fmtInt(r.ingestQuarter.rows),
        fmtMb(r.ingestQuarter.rssBeforeIngestBytes),
        fmtMb(r.ingestQuarter.maxRssAfterIngestBytes),
        fmtMb(r.ingestQuarter.maxRssAtEndBytes),
      ],
    ]),
    `  N: maxRSS after landing ${fmtMb(r.ingest.maxRssByPhase.afterLanding ?? NaN)}, at finish start ${fmtMb(r.ingest.maxRssByPhase.atFinishStart ?? NaN)}, at rollup start ${fmtMb(r.ingest.maxRssByPhase.atRollupStart ?? NaN)}, at finish end ${fmtMb(r.ingest.maxRssByPhase.atFinishEnd ?? NaN)}, at ingest end ${fmtMb(r.ingest.maxRssByPhase.atIngestEnd)}`,
    `  N: sampled peaks (event loop running): V8 heap used ${fmtMb(r.ingest.sampledPeaks.heapUsed)}, external ${fmtMb(r.ingest.sampledPeaks.external)}`,
    `  peak grows by ${fmtMb(r.memory.growthBytes)} from N/4 to N rows (N/4 ingest: ${fmtMs(r.ingestQuarter.ingestMs)}, ${fmtInt(r.ingestQuarter.rowsPerSec)} rows/s)`,
    '',
  );
  if (r.queries) {
    const q = r.queries;
    const rows: string[][] = [['Query latency (sequential)', 'runs', 'p50', 'p95', 'max', 'result rows']];
    if (q.graphql)
      rows.push([
        'revenueSeries via HTTP POST /graphql',
        String(q.graphql.count),
        fmtMs(q.graphql.p50Ms),
        fmtMs(q.graphql.p95Ms),
        fmtMs(q.graphql.maxMs),
        String(q.graphql.points ?? ''),
      ]);
    else rows.push(['revenueSeries via HTTP POST /graphql', '0', 'ERROR', '', '', '']);
    rows.push([
      'direct SQL on revenue_platform_rollup',
      String(q.rollupSql.count),
      fmtMs(q.rollupSql.p50Ms),
      fmtMs(q.rollupSql.p95Ms),
      fmtMs(q.rollupSql.maxMs),
      String(q.rollupSql.rows),
    ]);
    rows.push([
      "RevenueService.series (the resolver's SQL), direct",
      String(q.resolverSql.count),
      fmtMs(q.resolverSql.p50Ms),
      fmtMs(q.resolverSql.p95Ms),
      fmtMs(q.resolverSql.maxMs),
      '',
    ]);
    rows.push([
      'direct SQL on transactions (contrast)',
      String(q.factSql.count),
      fmtMs(q.factSql.p50Ms),
      fmtMs(q.factSql.p95Ms),
      fmtMs(q.factSql.maxMs),
      String(q.factSql.rows),
    ]);
    if (q.overhead)
      rows.push(['GraphQL overhead (GraphQL − rollup series SQL)', '', fmtMs(q.overhead.p50Ms), fmtMs(q.overhead.p95Ms), '', '']);
    if (q.frameworkOverhead)
      rows.push([
        "  of which HTTP+Apollo+serialisation (− resolver's SQL)",
        '',
        fmtMs(q.frameworkOverhead.p50Ms),
        fmtMs(q.frameworkOverhead.p95Ms),
        '',
        '',
      ]);
    out.push(table(rows), `  rollup table: ${fmtInt(q.rollupSql.rollupRows)} rows; warm-up ${q.warmup} of each`);
    if (q.graphqlError) out.push(`  GraphQL ERROR: ${q.graphqlError}`);
    out.push('');
  } else out.push(`Query latency: FAILED — ${r.queriesError}`, '');
  out.push(
    r.dataCheck.ok
      ? 'Data check: OK (facts, rollup and API totals equal the generated totals)'
      : `Data check: FAILED — ${r.dataCheck.details.join('; ')}`,
    '',
  );
  out.push(
    table([
      ['Targets', 'target', 'measured', 'result'],
      ...r.targets.map((t) => [t.name, t.target, t.measured, t.ok === null ? 'n/a' : t.ok ? 'PASS' : 'MISS']),
    ]),
    '',
  );
  if (r.mixed) out.push(formatMixed(r.mixed), '');
  else if (r.mixedError) out.push(`Mixed batch: FAILED — ${r.mixedError}`, '');
  process.stdout.write(`${out.join('\n')}\n`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
