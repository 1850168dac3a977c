import { type ChildProcess, spawn } from 'node:child_process';
import type { Logger } from '../config/logger';
import type { JobsRuntime } from './jobs-runtime';
import { IpcNotificationChannel, isWorkerIpcMessage, type WorkerIpcMessage } from './queue/ipc-notification-channel';

export interface WorkerSupervisorOptions {
  /** The worker entry point to run in the child (`npm run worker`'s dist/src/cli/worker.js). */
  script: string;
  logger: Logger;
  /** How long the child may drain running jobs after SIGTERM before it is killed. */
  shutdownDeadlineMs: number;
  /** First delay before restarting a child that died; doubled at each death in a row, up to 30 s. */
  restartDelayMs?: number;
  /** Sees every message of the child (the cluster primary relays run changes to its HTTP processes). */
  onChildMessage?: (message: WorkerIpcMessage) => void;
}

const MAX_RESTART_DELAY_MS = 30_000;
/** A child that lived this long before dying starts the restart delay over. */
const STABLE_AFTER_MS = 60_000;

/**
 * Runs the job worker of `npm start` as a child process, so loads never stall the API's event loop.
 * The child is the same program as `npm run worker`, joined by an IPC pipe that carries Agenda's
 * wake-ups (a job queued by the API starts at once, even on SQLite) and run changes (subscriptions
 * answer at once). When the child dies, the jobs it held are released at once (another worker, or
 * its restarted successor, takes the runs over as their next attempt) and it is restarted.
 */
export class WorkerSupervisor {
  /** The API side of the wake-up channel: give it to the API's jobs runtime. */
  readonly channel = new IpcNotificationChannel((message) => this.send(message));
  private child: ChildProcess | undefined;
  private childName: string | undefined;
  private jobs: JobsRuntime | undefined;
  private stopping = false;
  private restartDelayMs: number;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: WorkerSupervisorOptions) {
    this.restartDelayMs = options.restartDelayMs ?? 1000;
  }

  /** The running child's pid (undefined between a death and its restart). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the child and resolves once it polls for jobs. */
  async start(jobs: JobsRuntime): Promise<void> {
    this.jobs = jobs;
    await this.spawnChild();
  }

  /** SIGTERM to the child (it drains its running jobs up to the deadline), SIGKILL past it; no restart. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), this.options.shutdownDeadlineMs + 5000);
    await exited;
    clearTimeout(killer);
  }

  /** Hands the child a message from elsewhere (a job queued by one of the cluster's HTTP processes). */
  forward(message: WorkerIpcMessage): void {
    this.send(message);
  }

  private send(message: WorkerIpcMessage): void {
    const child = this.child;
    if (child?.connected) child.send(message, () => undefined);
  }

  private spawnChild(): Promise<void> {
    const { logger } = this.options;
    const startedAt = Date.now();
    // The child inherits this process's environment (and so its configuration) and its stdout/stderr.
    const child = spawn(process.execPath, [this.options.script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    this.childName = undefined;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      child.on('message', (message: unknown) => {
        if (!isWorkerIpcMessage(message)) return;
        this.options.onChildMessage?.(message);
        if (message.kind === 'worker-ready') {
          this.childName = message.name;
          ready = true;
          logger.info('worker child ready', { pid: child.pid, name: message.name });
          resolve();
        } else if (message.kind === 'run-changed') {
          this.jobs?.events.changed(message.runId);
        } else {
          void this.channel.receive(message);
        }
      });
      child.once('error', (err) => {
        if (!ready) reject(new Error(`cannot start the worker child: ${err.message}`));
      });
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = undefined;
        if (!ready) {
          reject(new Error(`the worker child exited before it was ready (code ${code}, signal ${signal})`));
          return;
        }
        if (this.stopping) return;
        logger.warn('worker child died; releasing its jobs and restarting it', { pid: child.pid, code, signal });
        void this.afterDeath(this.childName ?? `worker-${child.pid}`, Date.now() - startedAt);
      });
    });
  }

  private async afterDeath(name: string, livedMs: number): Promise<void> {
    const { logger } = this.options;
    try {
      const released = (await this.jobs?.queue.releaseLocksOf(name)) ?? 0;
      if (released) logger.warn('released the jobs of the dead worker child', { worker: name, jobs: released });
    } catch (err) {
      logger.error('could not release the jobs of the dead worker child; they are taken over when their locks expire', {
        worker: name,
        error: (err as Error).message,
      });
    }
    if (livedMs > STABLE_AFTER_MS) this.restartDelayMs = this.options.restartDelayMs ?? 1000;
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(MAX_RESTART_DELAY_MS, this.restartDelayMs * 2);
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.spawnChild().catch((err: Error) => {
        logger.error('worker child failed to restart', { error: err.message });
        if (!this.stopping) void this.afterDeath(name, 0);
      });
    }, delay);
  }
}
