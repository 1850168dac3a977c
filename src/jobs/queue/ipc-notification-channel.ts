import { BaseNotificationChannel, type JobNotification } from 'agenda';

/** What the API process and its worker child tell each other over the IPC channel of `child_process.fork`/`spawn`. */
export type WorkerIpcMessage =
  /** A job was saved (e.g. queued by triggerExtraction): the worker looks for due jobs now instead of at its next poll. */
  | { kind: 'job-saved'; notification: { jobId: string; jobName: string; nextRunAt: string | null; priority: number; timestamp: string } }
  /** A run changed in the worker: the API answers its subscriptions now instead of at their next ledger poll. */
  | { kind: 'run-changed'; runId: number }
  /** The worker child is polling for jobs under this name (its jobs' `lastModifiedBy`). */
  | { kind: 'worker-ready'; name: string };

export function isWorkerIpcMessage(value: unknown): value is WorkerIpcMessage {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'job-saved' || kind === 'run-changed' || kind === 'worker-ready';
}

/**
 * Agenda's wake-up channel between two processes joined by an IPC pipe, for job backends with no
 * notification channel of their own (SQLite): what one side publishes reaches the other side's
 * job processor at once, and its own (as Agenda's in-memory channel does). The peer may come and
 * go (a worker child restarted): `send` is looked up at each publish, and a message that cannot be
 * sent is dropped, the worker's polling being the fallback.
 */
export class IpcNotificationChannel extends BaseNotificationChannel {
  constructor(private readonly send: (message: WorkerIpcMessage) => void) {
    super({ channelName: 'ipc' });
  }

  async connect(): Promise<void> {
    this.setState('connected');
  }

  async disconnect(): Promise<void> {
    this.handlers.clear();
    this.stateHandlers.clear();
    this.setState('disconnected');
  }

  async publish(notification: JobNotification): Promise<void> {
    try {
      this.send({
        kind: 'job-saved',
        notification: {
          jobId: String(notification.jobId),
          jobName: notification.jobName,
          nextRunAt: notification.nextRunAt ? notification.nextRunAt.toISOString() : null,
          priority: notification.priority,
          timestamp: notification.timestamp.toISOString(),
        },
      });
    } catch {
      // No peer right now (a worker restarting): it polls when it starts.
    }
    await this.notifyHandlers(notification);
  }

  /** Hands a message from the peer to this side's job processor. */
  async receive(message: WorkerIpcMessage): Promise<void> {
    if (message.kind !== 'job-saved' || this.state !== 'connected') return;
    const n = message.notification;
    await this.notifyHandlers({
      jobId: n.jobId as JobNotification['jobId'],
      jobName: n.jobName,
      nextRunAt: n.nextRunAt ? new Date(n.nextRunAt) : null,
      priority: n.priority,
      timestamp: new Date(n.timestamp),
      source: 'ipc',
    });
  }
}
