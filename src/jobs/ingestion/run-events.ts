import { EventEmitter } from 'node:events';

/**
 * In-process signal that a run changed, so a subscription answers at once. Runs changed by
 * another process (a separate worker) are noticed by the subscription's polling of the ledger.
 */
export class RunEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  changed(runId: number): void {
    this.emitter.emit('run', runId);
  }

  /** Calls `listener` with the id of every run that changes (e.g. to forward changes to another process); returns the unsubscribe function. */
  onAnyChange(listener: (runId: number) => void): () => void {
    this.emitter.on('run', listener);
    return () => this.emitter.off('run', listener);
  }

  /** Calls `listener` for every change of `runId`; returns the unsubscribe function. */
  onChange(runId: number, listener: () => void): () => void {
    const handler = (id: number) => {
      if (id === runId) listener();
    };
    this.emitter.on('run', handler);
    return () => this.emitter.off('run', handler);
  }
}
