import { parentPort } from 'node:worker_threads';
import { describeThreadError } from './thread-errors';
import { type BatchMessage, CONSUMED, MAX_BATCHES_IN_FLIGHT, type ProducedBatch, WAKE_AT } from './worker-batches';

/**
 * Worker thread: posts the batches of `produce` to the starting thread (workerBatches), then `done`,
 * or the error that stopped it. When MAX_BATCHES_IN_FLIGHT are unconsumed it waits on the shared
 * `flow` counters until half of them are. `produce` gets the onBytes to report progress through.
 */
export async function serveBatches<T>(
  flow: SharedArrayBuffer,
  produce: (onBytes: (n: number) => void) => AsyncIterable<ProducedBatch<T>>,
): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveBatches runs on a worker thread');
  const counters = new Int32Array(flow);
  let posted = 0;
  let bytes: number[] = [];
  const post = (m: BatchMessage<T>, transfer?: ProducedBatch<T>['transfer']) => {
    port.postMessage(m, transfer);
    bytes = [];
  };
  try {
    for await (const { batch, transfer } of produce((n) => bytes.push(n))) {
      post({ type: 'batch', batch, bytes }, transfer);
      posted++;
      if (posted - Atomics.load(counters, CONSUMED) >= MAX_BATCHES_IN_FLIGHT)
        await consumedUpTo(counters, posted - MAX_BATCHES_IN_FLIGHT / 2);
    }
    post({ type: 'done', bytes });
  } catch (err) {
    post({ type: 'error', error: describeThreadError(err), bytes });
  }
}

/** Waits until the consumer has taken `target` batches (no lost wake-up: a change before the wait makes it return at once). */
async function consumedUpTo(counters: Int32Array, target: number): Promise<void> {
  Atomics.store(counters, WAKE_AT, target);
  // A pending waitAsync does not keep the thread's event loop alive: without this the thread would end here.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    for (let seen = Atomics.load(counters, CONSUMED); seen < target; seen = Atomics.load(counters, CONSUMED)) {
      const wait = AtomicsAsync.waitAsync(counters, CONSUMED, seen);
      if (wait.async) await wait.value;
    }
  } finally {
    clearInterval(keepAlive);
  }
  Atomics.store(counters, WAKE_AT, 0);
}

/** Atomics.waitAsync (Node 16+), which the project's TypeScript lib (before ES2024) does not declare. */
const AtomicsAsync = Atomics as unknown as {
  waitAsync(
    array: Int32Array,
    index: number,
    value: number,
  ): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
};
