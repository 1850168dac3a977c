import type { IngestionRun } from '../../entities/ingestion-run.entity';
import { AdminError } from '../../errors/admin-error';
import type { RunEvents } from './run-events';
import type { RunLedger } from './run-ledger';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled', 'skipped']);
const POLL_MS = 500;

/**
 * Yields the run whenever it changes: woken at once by changes made in this process, and by
 * polling the ledger (every 500 ms) for changes made by other worker processes. Ends after the
 * run has finished.
 */
export async function* watchRun(ledger: RunLedger, events: RunEvents, id: number): AsyncGenerator<IngestionRun> {
  let wake: (() => void) | null = null;
  const off = events.onChange(id, () => wake?.());
  try {
    let last = '';
    for (;;) {
      const run = await ledger.get(id);
      if (!run) throw new AdminError('NOT_FOUND', `no run with id ${id}`, {});
      const key = `${run.status}|${run.progress}|${run.step}|${run.attempt}|${run.updatedAt.getTime()}`;
      if (key !== last) {
        last = key;
        yield run;
      }
      if (FINISHED.has(run.status)) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    off();
  }
}
