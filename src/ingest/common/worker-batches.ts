import type { Transferable, Worker } from 'node:worker_threads';
import { rebuildThreadError, type ThreadError } from './thread-errors';

/**
 * Batches produced on a worker thread and consumed in order on the starting thread, so that parsing
 * and loading use two cores. At most MAX_BATCHES_IN_FLIGHT batches exist at once (the worker waits
 * for the consumer), so memory stays flat whatever the file size. Byte progress crosses with the
 * batches, in the order the worker reported it; an error thrown in the worker arrives after the
 * batches before it, rebuilt as the same error (thread-errors.ts).
 *
 * Flow control is a shared counter rather than a message per batch: waking the other thread costs
 * the waker its core on a busy 2-core machine (an acknowledgement per batch showed as ~5 % of the
 * loading thread's time in a profile), so the consumer only counts, and wakes the worker once it
 * has fallen back to half the window.
 */
// 64 batches of a few hundred rows: a few MB. A window of 8 let the loading thread run dry while the
// woken worker waited for a core on a loaded machine (the parse phase at 1M went from 18.9 s to 25.4 s).
export const MAX_BATCHES_IN_FLIGHT = 64;

/** Worker → starting thread. `bytes`: the worker's onBytes calls since the previous message. */
export type BatchMessage<T> =
  { type: 'batch'; batch: T; bytes: number[] } | { type: 'done'; bytes: number[] } | { type: 'error'; error: ThreadError; bytes: number[] };

/** A batch and the buffers it can hand over instead of copying. */
export interface ProducedBatch<T> {
  batch: T;
  transfer?: Transferable[];
}

/** The shared flow counters: batches consumed, and the count at which the waiting worker wants waking (0: not waiting). */
export const CONSUMED = 0;
export const WAKE_AT = 1;

/**
 * Starting thread: iterates the batches of the worker that `start` creates (it must hand `flow` to
 * serveBatches in the worker). The worker is terminated when the iteration ends for any reason:
 * finished, failed, or left early by the consumer.
 */
export async function* workerBatches<T>(start: (flow: SharedArrayBuffer) => Worker, onBytes?: (n: number) => void): AsyncGenerator<T> {
  const flow = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const counters = new Int32Array(flow);
  const worker = start(flow);
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
        if (state.exited) throw new Error('the worker thread stopped before its last batch');
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const m = queue.shift()!;
      for (const n of m.bytes) onBytes?.(n);
      if (m.type === 'error') throw rebuildThreadError(m.error);
      if (m.type === 'done') return;
      yield m.batch;
      const consumed = Atomics.add(counters, CONSUMED, 1) + 1;
      const wakeAt = Atomics.load(counters, WAKE_AT);
      if (wakeAt !== 0 && consumed >= wakeAt) Atomics.notify(counters, CONSUMED);
    }
  } finally {
    await worker.terminate();
  }
}
