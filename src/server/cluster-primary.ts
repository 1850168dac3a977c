import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { drainOnSignal } from '../jobs/drain-on-signal';
import { startJobsRuntime } from '../jobs/jobs-runtime';
import { isWorkerIpcMessage } from '../jobs/queue/ipc-notification-channel';
import { WorkerSupervisor } from '../jobs/worker-supervisor';
import { type ClusterMessage, isClusterMessage } from './cluster-messages';
import { SessionStore } from './sessions';

/** A session change waits this long at most for the other processes (one that hangs must not hang sign-ins). */
const PUBLISH_TIMEOUT_MS = 2000;
const RESTART_DELAY_MS = 1000;

/**
 * `npm start` with WEB_CONCURRENCY=N > 1: this process migrates the warehouse, runs the scheduler
 * and the job worker child, and forks N HTTP processes that share the port (node:cluster). It
 * serves no HTTP itself; it relays: jobs queued by an HTTP process to the worker child, run changes
 * of the child to every HTTP process (their subscriptions), and sessions opened or closed in one
 * HTTP process to all the others (see SessionSync). The response caches need no relay: each HTTP
 * process reads the warehouse version, which every committed load moves.
 */
export async function runClusterPrimary(config: AppConfig, logger: Logger): Promise<void> {
  const ds = await openWarehouse(config);
  const httpWorkers = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && w.isConnected());
  const send = (w: Worker, message: ClusterMessage) => {
    if (w.isConnected()) w.send(message, undefined, () => undefined);
  };
  const supervisor = new WorkerSupervisor({
    script: path.join(__dirname, '..', 'cli', 'worker.js'),
    logger,
    shutdownDeadlineMs: config.jobs.shutdownDeadlineMs,
    onChildMessage: (message) => {
      if (message.kind === 'run-changed') for (const w of httpWorkers()) w.send(message, undefined, () => undefined);
    },
  });
  const jobs = await startJobsRuntime(ds, config, logger, { worker: false, scheduler: true, notificationChannel: supervisor.channel });
  await supervisor.start(jobs);

  // The primary's copy of the sessions, for HTTP processes that start later (a restart).
  const sessions = new SessionStore(config.admin.sessionHours * 3600_000);
  const pending = new Map<number, { origin: Worker; originRef: number; waiting: Set<number>; timer: NodeJS.Timeout }>();
  let nextRef = 0;
  const settle = (ref: number) => {
    const p = pending.get(ref);
    if (!p || p.waiting.size > 0) return;
    clearTimeout(p.timer);
    pending.delete(ref);
    send(p.origin, { kind: 'session-published', ref: p.originRef });
  };
  const onMessage = (worker: Worker, message: unknown) => {
    if (isWorkerIpcMessage(message)) {
      if (message.kind === 'job-saved') supervisor.forward(message);
      return;
    }
    if (!isClusterMessage(message)) return;
    if (message.kind === 'sessions-wanted') {
      send(worker, { kind: 'sessions-snapshot', changes: sessions.snapshot() });
    } else if (message.kind === 'session-publish') {
      sessions.apply(message.change);
      const ref = ++nextRef;
      const others = httpWorkers().filter((w) => w !== worker);
      const timer = setTimeout(() => {
        const p = pending.get(ref);
        if (p) p.waiting.clear();
        settle(ref);
      }, PUBLISH_TIMEOUT_MS);
      pending.set(ref, { origin: worker, originRef: message.ref, waiting: new Set(others.map((w) => w.id)), timer });
      for (const w of others) send(w, { kind: 'session-apply', ref, change: message.change });
      settle(ref);
    } else if (message.kind === 'session-applied') {
      pending.get(message.ref)?.waiting.delete(worker.id);
      settle(message.ref);
    }
  };

  let stopping = false;
  let announced = false;
  let listening = 0;
  const fork = () =>
    cluster.fork().on('message', function (this: Worker, message: unknown) {
      onMessage(this, message);
    });
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (announced || listening < config.webConcurrency) return;
    announced = true;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${host}:${address.port}`;
    logger.info('server ready', { graphql: `${url}/graphql`, httpProcesses: config.webConcurrency, workerPid: supervisor.pid });
    process.stdout.write(`GraphQL API at ${url}/graphql — playground at ${url}/playground — jobs admin at ${url}/admin/jobs\n`);
  });
  cluster.on('exit', (worker, code, signal) => {
    // A dead process answers no session change: the changes waiting for it go on without it.
    for (const [ref, p] of pending) {
      p.waiting.delete(worker.id);
      settle(ref);
    }
    if (stopping) return;
    logger.warn('HTTP process died; restarting it', { pid: worker.process.pid, code, signal });
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS);
  });
  for (let i = 0; i < config.webConcurrency; i++) fork();

  drainOnSignal(jobs, ds, logger, config.jobs.shutdownDeadlineMs, async () => {
    stopping = true;
    // Each HTTP process finishes its requests and exits when disconnected (see runHttpProcess).
    const exited = httpWorkers().map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())));
    for (const w of httpWorkers()) w.disconnect();
    await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, config.jobs.shutdownDeadlineMs + 5000))]);
    await supervisor.stop();
  });
}
