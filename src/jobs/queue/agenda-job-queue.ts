import { Agenda, InMemoryNotificationChannel, type Job } from 'agenda';
import type { AgendaBackend, NotificationChannel } from 'agenda';
import type { Logger } from '../../config/logger';
import type { JobHandler, JobOptions, JobQueue, ScheduleSpec } from './job-queue';

/** The job queue on Agenda 6; the storage (SQLite, PostgreSQL, MongoDB) is the backend passed in. */
export class AgendaJobQueue implements JobQueue {
  /** For Agendash only: nothing else in the product touches Agenda directly. */
  readonly agenda: Agenda;
  /** This process's name in the jobs' `lastModifiedBy` (Agenda stamps it on every lock and save). */
  readonly name: string;
  private readonly channel: NotificationChannel;
  private started = false;
  private channelOnly = false;

  constructor(
    private readonly backend: AgendaBackend,
    private readonly logger: Logger,
    options: {
      name: string;
      processEveryMs: number;
      defaultLockLifetimeMs: number;
      /** Wake-up channel for backends without one (SQLite): e.g. the IPC pipe to a worker child. Default: in this process only. */
      notificationChannel?: NotificationChannel;
    },
  ) {
    this.name = options.name;
    // Without LISTEN/NOTIFY (SQLite), jobs queued in this process start at once instead of at the next poll
    // (and in a worker child joined by IPC); jobs queued by any other process still wait for the poll.
    this.channel = backend.notificationChannel ?? options.notificationChannel ?? new InMemoryNotificationChannel();
    this.agenda = new Agenda({
      backend,
      name: options.name,
      processEvery: options.processEveryMs,
      defaultLockLifetime: options.defaultLockLifetimeMs,
      // Lifecycle events go to the backend's job log, which Agendash shows.
      logging: backend.logger !== undefined,
      ...(backend.notificationChannel ? {} : { notificationChannel: this.channel }),
    });
    this.agenda.on('error', (err: Error) => this.logger.warn('job queue error', { error: err.message }));
  }

  /**
   * Connects the backend before Agenda does: Agenda's own connect has no error handler, so an
   * unreachable backend would crash the process instead of failing start-up with a message.
   * (MongoDB opens a client per connect, so it is left to Agenda.)
   */
  static async connect(
    backend: AgendaBackend,
    logger: Logger,
    options: ConstructorParameters<typeof AgendaJobQueue>[2],
  ): Promise<AgendaJobQueue> {
    if (backend.name !== 'MongoDB') {
      try {
        await backend.connect();
      } catch (err) {
        throw new Error(`the job backend (${backend.name}) is not reachable: ${(err as Error).message}`, { cause: err });
      }
    }
    return new AgendaJobQueue(backend, logger, options);
  }

  get backendName(): string {
    return this.backend.name;
  }

  define<D>(name: string, handler: JobHandler<D>, options: JobOptions): void {
    this.agenda.define<D>(
      name,
      async (job: Job<D>) => {
        await handler({
          id: String(job.attrs._id),
          data: job.attrs.data,
          failCount: job.attrs.failCount ?? 0,
          touch: (progress) => job.touch(Math.max(0, Math.min(100, Math.round(progress)))),
        });
      },
      {
        concurrency: options.concurrency ?? 1,
        // Lock no more than can run, so other workers get the rest of the due jobs.
        lockLimit: options.concurrency ?? 1,
        lockLifetime: options.lockLifetimeMs,
      },
    );
  }

  async enqueue<D>(name: string, data: D, options: { runAt?: Date } = {}): Promise<string> {
    const job = options.runAt ? await this.agenda.schedule(options.runAt, name, data) : await this.agenda.now(name, data);
    return String(job.attrs._id);
  }

  async schedule<D>(name: string, data: D, spec: ScheduleSpec): Promise<void> {
    await this.agenda.every(spec.every, name, data, { timezone: spec.timezone, skipImmediate: true });
    if (spec.enabled) await this.agenda.enable({ name });
    else await this.agenda.disable({ name });
  }

  async ensureSchedule<D>(name: string, data: D, spec: ScheduleSpec): Promise<void> {
    await this.agenda.ready;
    // Re-saving an existing schedule would push its next run a full interval back at every restart.
    if ((await this.agenda.queryJobs({ name, limit: 1 })).total > 0) return;
    await this.schedule(name, data, spec);
  }

  async remove(jobId: string): Promise<void> {
    await this.agenda.cancel({ id: jobId });
  }

  async queueSize(): Promise<number> {
    await this.agenda.ready;
    return this.agenda.db.getQueueSize();
  }

  async ping(): Promise<void> {
    // The cheapest query every backend answers, whatever its id format.
    await this.queueSize();
  }

  async start(options: { process: boolean }): Promise<void> {
    await this.agenda.ready;
    if (options.process) {
      await this.agenda.start();
      this.started = true;
      return;
    }
    // Agenda connects its channel only when it processes; a process that only queues (the API beside a
    // worker child or workers elsewhere) connects it itself, so the jobs it saves still wake the workers.
    await this.channel.connect();
    this.channelOnly = true;
  }

  async releaseLocksOf(workerName: string): Promise<number> {
    const { jobs } = await this.agenda.queryJobs({ state: 'running' });
    let released = 0;
    for (const job of jobs) {
      if (job.lastModifiedBy !== workerName) continue;
      // Unlocked, and a one-off job (whose nextRunAt was cleared when it started) due now: the next poll of any
      // worker takes it. A repeating job keeps the next occurrence it computed when it started.
      await this.agenda.db.saveJobState(
        { ...job, lockedAt: undefined, nextRunAt: job.nextRunAt ?? new Date() },
        { lastModifiedBy: this.name },
      );
      released++;
    }
    return released;
  }

  async stop(options: { drainMs?: number } = {}): Promise<{ stillRunning: number }> {
    if (!this.started) {
      await this.agenda.ready;
      if (this.channelOnly) await this.channel.disconnect();
      this.channelOnly = false;
      await this.backend.disconnect();
      return { stillRunning: 0 };
    }
    this.started = false;
    if (options.drainMs && options.drainMs > 0) {
      const result = await this.agenda.drain({ timeout: options.drainMs });
      return { stillRunning: result.running };
    }
    await this.agenda.stop();
    return { stillRunning: 0 };
  }
}
