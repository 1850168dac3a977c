/**
 * The serving demo's last words and its shutdown: where to click (the dashboard first), what to
 * paste, and a clean stop on SIGINT/SIGTERM.
 */
import type { DataSource } from 'typeorm';
import type { Logger } from '../src/config/logger';
import type { RunningServer } from '../src/server/app';
import type { DemoPlan } from './catalogue';
import { out } from './console-output';
import { exampleQueries } from './example-queries';
import { describeSimulatedIngestion, type SimulatedIngestion } from './simulated-ingestion';
import { TOTALS_QUERY } from './warehouse-report';

/** Prints the addresses, dashboard first, then the queries to paste and how to trigger an extraction. */
export function announceServing(server: RunningServer, plan: DemoPlan, sim: SimulatedIngestion | null): void {
  const { revenue, streams } = exampleQueries(plan);
  out();
  out(`Dashboard:  ${server.url}/dashboard`);
  out(`GraphiQL:   ${server.url}/playground`);
  if (sim) out(`Jobs admin: ${server.url}/admin/jobs (sign in with the admin token below)`);
  out(`GraphQL API at ${server.url}/graphql (anonymous read on, loopback only)`);
  out();
  out('Paste into GraphiQL — revenue by month and platform:');
  out(revenue);
  out();
  out('Streams by week and source (DistroKid stats pages, TooLost analytics), weeks without data filled with zeros:');
  out(streams);
  out();
  out('Or from a shell:');
  out(`curl -s ${server.url}/graphql -H 'content-type: application/json' --data '${JSON.stringify({ query: TOTALS_QUERY })}'`);
  if (sim) describeSimulatedIngestion(sim);
  out();
  out('Press Ctrl+C to stop.');
}

export interface ServingParts {
  server: RunningServer;
  sim: SimulatedIngestion | null;
  ds: DataSource;
  logger: Logger;
  /** How long running extractions get to finish (the jobs' drain deadline). */
  shutdownDeadlineMs: number;
}

/**
 * As src/server/main.ts, but with persistent listeners: Apollo re-raises the signal once it has
 * stopped, which would otherwise end the process before the datasource is closed.
 */
export function stopOnSignal({ server, sim, ds, logger, shutdownDeadlineMs }: ServingParts): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    // Running extractions get the jobs' drain deadline to finish, then the rest 10 s.
    setTimeout(() => {
      process.stderr.write('demo: shutdown took too long, exiting\n');
      process.exit(1);
    }, shutdownDeadlineMs + 10_000).unref();
    try {
      await server.close();
      await sim?.close();
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
