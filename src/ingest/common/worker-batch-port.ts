import { parentPort } from 'node:worker_threads';
import { describeThreadError } from './thread-errors';
import { type BatchMessage, MAX_BATCHES_IN_FLIGHT, type ProducedBatch } from './worker-batches';

/**
 * Worker thread: posts the batches of `produce` to the starting thread (workerBatches), waiting
 * while MAX_BATCHES_IN_FLIGHT are unacknowledged, then `done`, or the error that stopped it.
 * `produce` gets the onBytes to report progress through.
 */
export async function serveBatches<T>(produce: (onBytes: (n: number) => void) => AsyncIterable<ProducedBatch<T>>): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveBatches runs on a worker thread');
  let inFlight = 0;
  let resume: (() => void) | null = null;
  port.on('message', () => {
    inFlight--;
    resume?.();
    resume = null;
  });
  let bytes: number[] = [];
  const post = (m: BatchMessage<T>, transfer?: ProducedBatch<T>['transfer']) => {
    port.postMessage(m, transfer);
    bytes = [];
  };
  try {
    for await (const { batch, transfer } of produce((n) => bytes.push(n))) {
      post({ type: 'batch', batch, bytes }, transfer);
      inFlight++;
      while (inFlight >= MAX_BATCHES_IN_FLIGHT) await new Promise<void>((r) => (resume = r));
    }
    post({ type: 'done', bytes });
  } catch (err) {
    post({ type: 'error', error: describeThreadError(err), bytes });
  }
  // Nothing more to send: let the thread end (the starting thread terminates it anyway).
  port.removeAllListeners('message');
  port.unref();
}
