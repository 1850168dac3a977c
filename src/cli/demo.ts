/**
 * npm run demo [-- --no-serve]
 * Generates a fictional label's DistroKid exports (three consecutive full-history bank exports
 * over 18 months, a streams page and an Apple Music page) into data/demo-exports/, ingests them
 * into the configured lake and warehouse, prints the warehouse totals through the GraphQL API,
 * then serves the API with anonymous read on a loopback address until SIGINT/SIGTERM.
 * With --no-serve it stops after printing (exit 0; 1 when a file did not load; 2 on a usage or
 * configuration error). Rerunning regenerates identical files, which ingest reports as already loaded.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { type AppConfig, loadConfigOrExit } from '../config/config';
import { createLogger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { type FileSummary, IngestService } from '../ingest/ingest-service';
import { formatNano, parseDecimalToNano } from '../ingest/money';
import { type RunningServer, startHttpServer } from '../server/app';
import { DEMO_ARTISTS, DEMO_RELEASES, type DemoPlan, lastDayOf, planDemoExports, writeDemoExports } from './demo-catalogue';
import { fileSummaryLine } from './file-summary';

/** The hosts config.ts accepts for anonymous read. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const EXPORTS_DIR = path.resolve('data/demo-exports');
const USAGE = 'usage: npm run demo [-- --no-serve]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { serve: boolean } {
  let serve = true;
  for (const arg of argv) {
    if (arg === '--no-serve') serve = false;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else usage(`unknown argument ${arg}`);
  }
  return { serve };
}

const out = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};

/** A path as the user would type it: relative inside the working directory, absolute elsewhere. */
const rel = (p: string): string => {
  const r = path.relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') || path.isAbsolute(r) ? p : r;
};


const withSeparators = (n: number | bigint | string): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** "1234.5678" → "1,234.57" for display; the exact value is printed beside it where it matters. */
const usd = (decimal: string): string => {
  const nano = parseDecimalToNano(decimal) ?? 0n;
  const cents = (nano < 0n ? nano - 5_000_000n : nano + 5_000_000n) / 10_000_000n;
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}$${withSeparators(abs / 100n)}.${String(abs % 100n).padStart(2, '0')}`;
};

async function graphql<T>(url: string, query: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL ${res.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  return body.data;
}

const TOTALS_QUERY = '{ revenueSummary { gross net quantity transactionCount } }';
const ARTISTS_QUERY = '{ artists(first: 50) { totalCount edges { node { name tracks { isrc } } } } }';

function exampleQueries(plan: DemoPlan): { revenue: string; streams: string } {
  const revenue = `{
  revenueSeries(
    range: { from: "${plan.saleMonths.from}-01", to: "${lastDayOf(plan.saleMonths.to)}" }
    grain: MONTH
    groupBy: [PLATFORM]
  ) {
    points { period platform { code name } gross net quantity payoutPerStream }
    totals { gross net quantity }
  }
}`;
  // The range starts before the pages' 365 days, so fillGaps has weeks to fill with zeros.
  const streams = `{
  streamSeries(
    range: { from: "${plan.saleMonths.from}-01", to: "${plan.statsDays.to}" }
    grain: WEEK
    groupBy: [PLATFORM]
    fillGaps: true
  ) {
    points { period platform { code name } streams }
    totals { streams }
  }
}`;
  return { revenue, streams };
}

interface RevenueSeriesData {
  revenueSeries: { points: Array<{ period: string; platform: { code: string } | null; net: string }>; totals: { gross: string; net: string; quantity: number } };
}
interface StreamSeriesData {
  streamSeries: { points: Array<{ period: string; platform: { code: string } | null; streams: number }>; totals: { streams: number } };
}

/** Runs the two example queries so a broken example shows here, and describes what they return. */
async function previewExamples(url: string, plan: DemoPlan): Promise<void> {
  const { revenue, streams } = exampleQueries(plan);
  const r = (await graphql<RevenueSeriesData>(url, revenue)).revenueSeries;
  const months = new Set(r.points.map((p) => p.period));
  const byPlatform = new Map<string, bigint>();
  for (const p of r.points) byPlatform.set(p.platform?.code ?? '?', (byPlatform.get(p.platform?.code ?? '?') ?? 0n) + (parseDecimalToNano(p.net) ?? 0n));
  const top = [...byPlatform].sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1)).slice(0, 3);
  out(`  revenueSeries (month × platform): ${r.points.length} points over ${months.size} months and ${byPlatform.size} platforms; top by net: ${top.map(([code, net]) => `${code} ${usd(formatNano(net))}`).join(', ')}`);
  const s = (await graphql<StreamSeriesData>(url, streams)).streamSeries;
  const weeks = new Set(s.points.map((p) => p.period));
  const zeros = s.points.filter((p) => p.streams === 0).length;
  const platforms = [...new Set(s.points.map((p) => p.platform?.code ?? '?'))].sort();
  out(`  streamSeries (week × platform, fillGaps): ${s.points.length} points over ${weeks.size} weeks for ${platforms.join(' and ')}, ${zeros} of them gap-filled zeros; ${withSeparators(s.totals.streams)} streams in all`);
}

function describePlan(plan: DemoPlan): void {
  const variants = DEMO_RELEASES.map((r) => r.artist).filter((a, i, all) => all.indexOf(a) === i && !(DEMO_ARTISTS as readonly string[]).includes(a));
  out(`Demo label: ${DEMO_ARTISTS.length} artists (${DEMO_ARTISTS.join(', ')}), ${plan.tracks.length} tracks on ${DEMO_RELEASES.length} releases;`);
  out(`  billed on some releases as ${variants.map((v) => `"${v}"`).join(', ')} (spellings and a collaboration that must resolve to those artists).`);
  out(
    `  Bank lines for sale months ${plan.saleMonths.from}…${plan.saleMonths.to}, reported ${plan.reportingMonths[0]}…${plan.reportingMonths[plan.reportingMonths.length - 1]}; ` +
      `stats pages for ${plan.statsDays.from}…${plan.statsDays.to}.`,
  );
}

async function main(): Promise<void> {
  const { serve } = parseArgs(process.argv.slice(2));
  const config = loadConfigOrExit();
  if (serve && !LOOPBACK_HOSTS.has(config.host)) {
    process.stderr.write(
      `npm run demo serves the API with anonymous read, which is only allowed on a loopback address (127.0.0.1, localhost or ::1), not HOST=${config.host}.\n` +
        'Unset HOST (or set HOST=127.0.0.1), or run with --no-serve.\n',
    );
    process.exit(2);
  }
  // The demo always reads anonymously. With --no-serve the API only answers the demo's own queries: an ephemeral loopback port.
  const demoConfig: AppConfig = { ...config, allowAnonymousRead: true, ...(serve ? {} : { host: '127.0.0.1', port: 0 }) };
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);

  const plan = planDemoExports(new Date());
  describePlan(plan);
  const written = writeDemoExports(EXPORTS_DIR, plan);
  out();
  out(`Exports in ${rel(EXPORTS_DIR)}/ (${written.every((w) => w.unchanged) ? 'identical to the last run' : 'written'}):`);
  for (const w of written) out(`  ${w.file.name.padEnd(41)} ${w.file.description}`);

  if (config.database.kind === 'sqlite') fs.mkdirSync(path.dirname(config.database.path), { recursive: true });
  const ds = await openWarehouse(demoConfig);
  let server: RunningServer | null = null;
  let ok = false;
  try {
    out();
    out(`Ingesting into ${config.database.kind === 'sqlite' ? `sqlite:${rel(config.database.path)}` : 'PostgreSQL'} through the lake at ${rel(config.dataLakeDir)}/:`);
    const summaries = await new IngestService(ds, config.dataLakeDir, logger).ingest(
      written.map((w) => w.path),
      { service: 'distrokid', origin: 'npm run demo (generated sample exports)' },
    );
    for (const s of summaries) out(fileSummaryLine(s));
    const count = (status: FileSummary['status']) => summaries.filter((s) => s.status === status).length;
    out(`${summaries.length} files: ${count('loaded')} loaded, ${count('skipped')} skipped, ${count('quarantined')} quarantined, ${count('failed')} failed`);
    if (count('skipped') === summaries.length) out('All files were already loaded by an earlier demo run (same content): nothing was added, the totals below are unchanged.');
    else if (count('skipped') > 0) out(`${count('skipped')} of the files were already loaded by an earlier demo run (same content): they added nothing.`);
    ok = count('quarantined') + count('failed') === 0;
    if (!ok) out('Some files did not load: see the lines above (and the lake\'s quarantine folder).');

    server = await startHttpServer(ds, demoConfig, logger);
    const { revenueSummary: t } = await graphql<{ revenueSummary: { gross: string; net: string; quantity: number; transactionCount: number } }>(server.url, TOTALS_QUERY);
    out();
    out(`Warehouse totals (GraphQL ${TOTALS_QUERY}):`);
    out(`  gross ${t.gross} USD (${usd(t.gross)}), net ${t.net} USD (${usd(t.net)}), quantity ${withSeparators(t.quantity)}, ${withSeparators(t.transactionCount)} transactions`);
    const e = plan.expected;
    const matches = parseDecimalToNano(t.gross) === e.grossNano && parseDecimalToNano(t.net) === e.netNano && t.quantity === e.quantity && t.transactionCount === e.rows;
    out(
      matches
        ? `  = exactly what the latest export holds (${withSeparators(e.rows)} lines): the two earlier full-history exports added nothing twice.`
        : `  The latest export alone holds gross ${formatNano(e.grossNano)}, net ${formatNano(e.netNano)}, quantity ${withSeparators(e.quantity)}, ${withSeparators(e.rows)} lines; ` +
            'the warehouse holds more (other data, or demo months from an earlier run).',
    );

    const { artists } = await graphql<{ artists: { totalCount: number; edges: Array<{ node: { name: string; tracks: Array<{ isrc: string | null }> } }> } }>(server.url, ARTISTS_QUERY);
    const onLines = DEMO_RELEASES.map((r) => r.artist).filter((a, i, all) => all.indexOf(a) === i);
    out(`Artists in the warehouse (${artists.totalCount}): ${artists.edges.map(({ node: a }) => `${a.name} (${a.tracks.filter((tr) => tr.isrc).length} recordings)`).join(', ')}`);
    if (artists.totalCount === DEMO_ARTISTS.length) out(`  = the ${onLines.length} billings on the lines (${onLines.map((a) => `"${a}"`).join(', ')}) resolved to ${DEMO_ARTISTS.length} artists, no duplicates.`);
    out('Example queries:');
    await previewExamples(server.url, plan);
  } catch (err) {
    await server?.close().catch(() => undefined);
    await ds.destroy().catch(() => undefined);
    throw err;
  }

  if (!serve) {
    await server.close();
    await ds.destroy();
    out();
    out(`Done (--no-serve). Run \`npm run demo\` without it to browse the data in the GraphQL playground.`);
    process.exitCode = ok ? 0 : 1;
    return;
  }

  const running = server;
  const { revenue, streams } = exampleQueries(plan);
  out();
  out(`GraphQL API at ${running.url}/graphql (anonymous read on, loopback only)`);
  out(`Playground: ${running.url}/playground`);
  out();
  out('Paste into the playground — revenue by month and platform:');
  out(revenue);
  out();
  out('Streams by week, weeks without data filled with zeros:');
  out(streams);
  out();
  out('Or from a shell:');
  out(`curl -s ${running.url}/graphql -H 'content-type: application/json' --data '${JSON.stringify({ query: TOTALS_QUERY })}'`);
  out();
  out('Press Ctrl+C to stop.');

  // As src/server/main.ts, but with persistent listeners: Apollo re-raises the signal once it has
  // stopped, which would otherwise end the process before the datasource is closed.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    setTimeout(() => {
      process.stderr.write('demo: shutdown took too long, exiting\n');
      process.exit(1);
    }, 10_000).unref();
    try {
      await running.close();
      await ds.destroy();
      process.exit(0);
    } catch (err) {
      process.stderr.write(`demo: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  const message = err instanceof Error ? err.message : String(err);
  const hint = (err as { code?: string }).code === 'EADDRINUSE' ? ' (set PORT to a free port, e.g. PORT=4100 npm run demo)' : '';
  process.stderr.write(`demo failed: ${message}${hint}\n`);
  process.exit(1);
});
