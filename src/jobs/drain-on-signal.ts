import type { DataSource } from 'typeorm';
import type { Logger } from '../config/logger';
import type { JobsRuntime } from './jobs-runtime';

/**
 * On SIGINT/SIGTERM: stop taking work (`before`, e.g. closing the HTTP server), let running jobs
 * finish up to SHUTDOWN_DEADLINE_MS, close the database, exit 0. A job still running at the
 * deadline keeps its lock until it expires; another worker then takes its run over.
 */
export function drainOnSignal(
  jobs: JobsRuntime,
  ds: DataSource,
  logger: Logger,
  deadlineMs: number,
  before: () => Promise<void> = async () => undefined,
): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: draining running jobs', { signal, deadlineMs });
    await before();
    const { stillRunning } = await jobs.stop();
    if (stillRunning)
      logger.warn('jobs still running at the shutdown deadline; another worker takes them over when their lock expires', { stillRunning });
    await ds.destroy();
    // Agenda leaves lock-check timers behind after draining: exit explicitly.
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
