/**
 * npm run demo [-- --no-serve]   (node dist/demo/main.js [--no-serve] [--help])
 * Generates a fictional label's DistroKid exports (three consecutive full-history bank exports
 * over 18 months, a streams page and an Apple Music page) and, over the same acts and tracks, the
 * exports of the five other sources (TooLost, Spotify for Artists, TikTok, Meta Ads, Linktree; see
 * other-sources.ts) into data/demo-exports/, ingests them all in one run into the configured lake
 * and warehouse, prints the warehouse totals and one line per example query through the GraphQL
 * API, then serves the dashboard and the API with anonymous read on a loopback address until
 * SIGINT/SIGTERM. While serving, the six portals run as SIMULATORS on loopback (portals/) with a
 * worker in this process, and an ADMIN token for the demo is printed (revoked on exit):
 * triggerExtraction in GraphiQL then runs a real, browser-driven extraction against them, offline.
 * With --no-serve it stops after printing (exit 0; 1 when a file did not load or an example query
 * failed or returned nothing; 2 on a usage or configuration error). Rerunning the same day
 * regenerates identical files, which ingest reports as already loaded.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { type AppConfig, loadConfigOrExit } from '../src/config/config';
import { createLogger } from '../src/config/logger';
import { openWarehouse } from '../src/db/open-warehouse';
import { type RunningServer, startHttpServer } from '../src/server/app';
import { planDemoExports, writeDemoExports } from './catalogue';
import { out, rel } from './console-output';
import { parseDemoArgs } from './demo-args';
import { previewExamples } from './example-queries';
import { ingestDemoExports } from './ingest-exports';
import { planSourceExports } from './other-sources';
import { describePlan } from './plan-description';
import { announceServing, stopOnSignal } from './serving';
import { type SimulatedIngestion, startSimulatedIngestion } from './simulated-ingestion';
import { reportWarehouse } from './warehouse-report';

/** The hosts config.ts accepts for anonymous read. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const EXPORTS_DIR = path.resolve('data/demo-exports');

async function main(): Promise<void> {
  const { serve } = parseDemoArgs(process.argv.slice(2));
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
  const sources = planSourceExports(plan);
  describePlan(plan, sources);
  const written = writeDemoExports(EXPORTS_DIR, [...plan.files, ...sources.files]);
  out();
  out(`Exports in ${rel(EXPORTS_DIR)}/ (${written.every((w) => w.unchanged) ? 'identical to the last run' : 'written'}):`);
  const width = Math.max(41, ...written.map((w) => w.file.name.length));
  for (const w of written) out(`  ${w.file.name.padEnd(width)} ${w.file.description}`);

  if (config.database.kind === 'sqlite') fs.mkdirSync(path.dirname(config.database.path), { recursive: true });
  const ds = await openWarehouse(demoConfig);
  let server: RunningServer | null = null;
  let simulated: SimulatedIngestion | null = null;
  let ok: boolean;
  try {
    ok = await ingestDemoExports(
      ds,
      config,
      logger,
      written.map((w) => w.path),
    );
    // Started before the server, which needs the jobs runtime for the admin mutations.
    if (serve) simulated = await startSimulatedIngestion(ds, demoConfig, logger);
    server = await startHttpServer(ds, simulated?.config ?? demoConfig, logger, { jobs: simulated?.jobs ?? null });
    await reportWarehouse(server.url, plan, sources);
    out('Example queries:');
    if (!(await previewExamples(server.url, plan, sources))) {
      ok = false;
      out('Some example queries failed or returned nothing: see the lines above.');
    }
  } catch (err) {
    await server?.close().catch(() => undefined);
    await simulated?.close().catch(() => undefined);
    await ds.destroy().catch(() => undefined);
    throw err;
  }

  if (!serve) {
    await server.close();
    await ds.destroy();
    out();
    out('Done (--no-serve). Run `npm run demo` without it to browse the data in the dashboard and GraphiQL.');
    process.exitCode = ok ? 0 : 1;
    return;
  }
  announceServing(server, plan, simulated);
  stopOnSignal({ server, sim: simulated, ds, logger, shutdownDeadlineMs: config.jobs.shutdownDeadlineMs });
}

main().catch((err) => {
  const message = err instanceof Error ? err.message : String(err);
  const hint = (err as { code?: string }).code === 'EADDRINUSE' ? ' (set PORT to a free port, e.g. PORT=4100 npm run demo)' : '';
  process.stderr.write(`demo failed: ${message}${hint}\n`);
  process.exit(1);
});
