/**
 * The job queue as the rest of the product sees it. Resolvers and services depend on this
 * interface only; Agenda (and its SQLite, PostgreSQL or MongoDB storage) stays behind it, the
 * way Vendure keeps its job-queue strategies interchangeable.
 */
export interface QueuedJob<D> {
  id: string;
  data: D;
  /** How many times this job has failed before (0 on the first attempt). */
  failCount: number;
  /** Extends the job's lock and records progress (0–100); throws when the queue gave the job up. */
  touch(progress: number): Promise<void>;
}

export interface RetryPolicy {
  /** Retries after the first failure (0: never retried). */
  maxRetries: number;
  /** First delay; doubled each attempt, with ±20 % jitter. */
  delayMs: number;
  /** Transient failures are retried; the others fail at once. */
  isRetryable(error: Error): boolean;
}

export interface JobOptions {
  concurrency?: number;
  /** A running job that has not touched its lock for this long is given up. */
  lockLifetimeMs: number;
}

export type JobHandler<D> = (job: QueuedJob<D>) => Promise<void>;

export interface ScheduleSpec {
  /** A cron expression or a human interval (`6 hours`). */
  every: string;
  timezone: string;
  enabled: boolean;
}

export interface JobQueue {
  /** Backend name for health and logs (SQLite, PostgreSQL, MongoDB). */
  readonly backendName: string;
  /** This process's name on the jobs it locks and saves (their `lastModifiedBy`). */
  readonly name: string;
  define<D>(name: string, handler: JobHandler<D>, options: JobOptions): void;
  /** Queues a one-off job now (or at `runAt`); returns its id. */
  enqueue<D>(name: string, data: D, options?: { runAt?: Date }): Promise<string>;
  /** Creates or replaces the repeating job `name`. */
  schedule<D>(name: string, data: D, spec: ScheduleSpec): Promise<void>;
  /** Creates the repeating job `name` unless it exists (kept as it is, with its next run). */
  ensureSchedule<D>(name: string, data: D, spec: ScheduleSpec): Promise<void>;
  /** Removes a job that has not started (or a schedule); a running job is left to finish. */
  remove(jobId: string): Promise<void>;
  /** Jobs due now and not yet running. */
  queueSize(): Promise<number>;
  /** Throws when the backend cannot be reached. */
  ping(): Promise<void>;
  /**
   * Makes the jobs a dead worker held (locked, last touched by `workerName`) due again at once, so
   * another worker takes them over without waiting for their locks to expire. Returns how many.
   */
  releaseLocksOf(workerName: string): Promise<number>;
  /** Connects; with `process` the worker also picks up and runs due jobs. */
  start(options: { process: boolean }): Promise<void>;
  /** Stops picking up jobs, waits up to `drainMs` for running ones, then disconnects. */
  stop(options?: { drainMs?: number }): Promise<{ stillRunning: number }>;
}
