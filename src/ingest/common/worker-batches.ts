import type { Transferable, Worker } from 'node:worker_threads';
import { rebuildThreadError, type ThreadError } from './thread-errors';

/**
 * Batches produced on a worker thread and consumed in order on the starting thread, so that parsing
 * and loading use two cores. At most MAX_BATCHES_IN_FLIGHT batches exist at once (the worker waits
 * for an acknowledgement), so memory stays flat whatever the file size. Byte progress crosses with
 * the batches, in the order the worker reported it; an error thrown in the worker arrives after the
 * batches before it, rebuilt as the same error (thread-errors.ts).
 */
export const MAX_BATCHES_IN_FLIGHT = 8;

/** Worker → starting thread. `bytes`: the worker's onBytes calls since the previous message. */
export type BatchMessage<T> =
  { type: 'batch'; batch: T; bytes: number[] } | { type: 'done'; bytes: number[] } | { type: 'error'; error: ThreadError; bytes: number[] };

/** A batch and the buffers it can hand over instead of copying. */
export interface ProducedBatch<T> {
  batch: T;
  transfer?: Transferable[];
}

/**
 * Starting thread: iterates the batches of the worker `start()` creates. The worker is terminated
 * when the iteration ends for any reason: finished, failed, or left early by the consumer.
 */
export async function* workerBatches<T>(start: () => Worker, onBytes?: (n: number) => void): AsyncGenerator<T> {
  const worker = start();
  const queue: Array<BatchMessage<T>> = [];
  // Set by the worker's events (an object: the loop below must read them fresh after each await).
  const state: { failure: Error | null; exited: boolean } = { failure: null, exited: false };
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: BatchMessage<T>) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (err) => {
    state.failure ??= err;
    notify();
  });
  worker.on('exit', () => {
    state.exited = true;
    notify();
  });
  try {
    while (true) {
      while (queue.length === 0) {
        if (state.failure) throw state.failure;
        if (state.exited) throw new Error('the parse worker stopped before the end of the file');
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const m = queue.shift()!;
      for (const n of m.bytes) onBytes?.(n);
      if (m.type === 'error') throw rebuildThreadError(m.error);
      if (m.type === 'done') return;
      yield m.batch;
      worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}
