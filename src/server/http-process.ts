import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { startJobsRuntime } from '../jobs/jobs-runtime';
import { IpcNotificationChannel, isWorkerIpcMessage, type WorkerIpcMessage } from '../jobs/queue/ipc-notification-channel';
import { startHttpServer } from './app';
import { type ClusterMessage, isClusterMessage } from './cluster-messages';
import { type SessionChange, SessionStore } from './sessions';

/**
 * One HTTP process of `npm start` with WEB_CONCURRENCY > 1 (see runClusterPrimary): the whole API
 * on the shared port, with a jobs runtime that only queues (the primary's worker child runs the
 * jobs) and sessions shared with the other HTTP processes through the primary.
 */
export async function runHttpProcess(config: AppConfig, logger: Logger): Promise<void> {
  const toPrimary = (message: ClusterMessage | WorkerIpcMessage) => {
    if (process.connected) process.send!(message, undefined, {}, () => undefined);
  };
  const published = new Map<number, () => void>();
  let nextRef = 0;
  const sessions = new SessionStore(config.admin.sessionHours * 3600_000, Date.now, {
    publish: (change: SessionChange) =>
      new Promise<void>((resolve) => {
        if (!process.connected) return resolve();
        const ref = ++nextRef;
        published.set(ref, resolve);
        toPrimary({ kind: 'session-publish', ref, change });
      }),
  });
  const snapshot = new Promise<SessionChange[]>((resolve) => {
    const onSnapshot = (message: unknown) => {
      if (!isClusterMessage(message) || message.kind !== 'sessions-snapshot') return;
      process.off('message', onSnapshot);
      resolve(message.changes);
    };
    process.on('message', onSnapshot);
  });
  toPrimary({ kind: 'sessions-wanted' });
  for (const change of await snapshot) sessions.apply(change);

  const ds = await openWarehouse(config);
  const channel = new IpcNotificationChannel((message) => toPrimary(message));
  const jobs = await startJobsRuntime(ds, config, logger, {
    worker: false,
    scheduler: false,
    notificationChannel: channel,
    name: `api-${process.pid}`,
  });
  process.on('message', (message: unknown) => {
    if (isWorkerIpcMessage(message)) {
      if (message.kind === 'run-changed') jobs.events.changed(message.runId);
      else void channel.receive(message);
      return;
    }
    if (!isClusterMessage(message)) return;
    if (message.kind === 'session-apply') {
      sessions.apply(message.change);
      toPrimary({ kind: 'session-applied', ref: message.ref });
    } else if (message.kind === 'session-published') {
      published.get(message.ref)?.();
      published.delete(message.ref);
    }
  });
  const server = await startHttpServer(ds, config, logger, { jobs, sessions });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const resolve of published.values()) resolve();
    await server.close();
    await jobs.stop();
    await ds.destroy();
    process.exit(0);
  };
  // The primary disconnects its HTTP processes when it shuts down; a terminal's Ctrl-C reaches the primary too, which does that.
  process.on('disconnect', () => void stop());
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => void stop());
}
