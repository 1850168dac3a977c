import path from 'node:path';
import type { AppConfig, Service } from '../../config/config';
import type { Logger } from '../../config/logger';
import type { IngestionRun } from '../../entities/ingestion-run.entity';
import { CaptureStager } from '../../ingest/extract/capture-stager';
import { ExtractionError } from '../../errors/extraction-error';
import type { ExtractionContext, Extractor } from '../../ingest/extract/extractor';
import type { SessionStore } from '../../ingest/extract/session-store';
import type { FileSummary, IngestService } from '../../ingest/ingest-service';
import type { JobQueue, QueuedJob, RetryPolicy } from '../queue/job-queue';
import { retryDelay } from '../queue/retry-delay';
import type { Notifier } from '../notifications/notifier';
import { classifyRunError, LoadFailedError, RunCancelledError, RunTimeoutError } from './run-errors';
import type { RunEvents } from './run-events';
import { countsOfSummaries, type RunCounts, type RunLedger } from './run-ledger';

export const RUN_JOB = 'ingestion-run';

export interface RunJobData {
  runId: number;
}

export interface RunExecutorDeps {
  config: AppConfig;
  logger: Logger;
  ledger: RunLedger;
  ingest: IngestService;
  queue: JobQueue;
  extractors: Partial<Record<Service, Extractor>>;
  sessions: SessionStore;
  events: RunEvents;
  notifier: Notifier;
  retry: RetryPolicy;
  /** How often a running job renews its lock (a quarter of its lock lifetime). */
  heartbeatEveryMs: number;
}

/**
 * Runs one ledger run as an Agenda job: extract (through the service's extractor, captures
 * landed only when the extraction completes) and load, or re-run the pipeline over landing.
 * Idempotent: a finished or cancelled run is left alone; a run found "running" was orphaned by a
 * dead worker and continues as its next attempt (loading skips what is already loaded, and each
 * file loads in one transaction, so a retry never double counts). Retries are the ledger's: a
 * transient failure queues a new job after an exponential, jittered delay.
 */
export class RunExecutor {
  /** Runs executing in this process: Agenda starts a job again when its lock expires, even here. */
  private readonly executing = new Set<number>();

  constructor(private readonly deps: RunExecutorDeps) {}

  async handle(job: QueuedJob<RunJobData>): Promise<void> {
    if (this.executing.has(job.data.runId)) return;
    this.executing.add(job.data.runId);
    try {
      await this.handleRun(job);
    } finally {
      this.executing.delete(job.data.runId);
    }
  }

  private async handleRun(job: QueuedJob<RunJobData>): Promise<void> {
    const { ledger, logger, events, retry } = this.deps;
    const run = await ledger.get(job.data.runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
    const takeover = run.status === 'running';
    const attempt = takeover ? run.attempt + 1 : run.attempt;
    if (takeover)
      await ledger.log(run.id, 'warn', `the worker of attempt ${run.attempt} stopped without finishing; taking over as attempt ${attempt}`);
    if (attempt > retry.maxRetries + 1) {
      await ledger.fail(run.id, 'WORKER_LOST', `the worker running this job stopped ${attempt - 1} times without finishing`);
      events.changed(run.id);
      await this.deps.notifier.runFailed(run.service);
      return;
    }
    if (!(await ledger.start(run.id, attempt))) return;
    events.changed(run.id);
    await ledger.log(run.id, 'info', `attempt ${attempt} started (${run.kind}, ${run.trigger})`);
    logger.info('run started', { runId: run.id, service: run.service, kind: run.kind, attempt });

    const abort = new AbortController();
    let lastTouch = Date.now();
    let progressNow = 0;
    const lockLifetimeMs = this.deps.config.jobs.lockLifetimeMs;
    // Watches for a cancel from another process and for a run that stopped reporting progress.
    const watchdog = setInterval(
      () => {
        if (Date.now() - lastTouch > lockLifetimeMs) abort.abort(new RunTimeoutError(lockLifetimeMs));
        void ledger.get(run.id).then(
          (r) => {
            if (r?.status === 'cancelled') abort.abort(new RunCancelledError());
          },
          () => undefined,
        );
      },
      Math.max(200, Math.min(1000, lockLifetimeMs / 4)),
    );
    const artefacts: string[] = [];
    const touch = async (progress: number, step: string) => {
      if (abort.signal.aborted) throw abort.signal.reason;
      lastTouch = Date.now();
      progressNow = progress;
      await job.touch(progress);
      await ledger.progress(run.id, progress, step);
      events.changed(run.id);
    };

    // The worker's heartbeat: the job's lock is renewed every few seconds whatever the run is doing,
    // so a worker that dies is noticed (its lock expires) after the heartbeat timeout, not after
    // JOB_LOCK_LIFETIME_MS. Renewals are chained, never overlapping, and awaited before the job ends
    // so a late renewal cannot re-lock a finished job.
    let renewal: Promise<void> = Promise.resolve();
    const renewLock = () => {
      renewal = renewal.then(() => job.touch(progressNow)).catch(() => undefined);
    };
    const beat = setInterval(renewLock, this.deps.heartbeatEveryMs);
    try {
      const heartbeat = () => {
        lastTouch = Date.now();
        renewLock();
      };
      const counts = await Promise.race([this.execute(run, attempt, touch, heartbeat, abort.signal, artefacts), aborted(abort.signal)]);
      if (await ledger.succeed(run.id, counts)) {
        await ledger.log(
          run.id,
          'info',
          `succeeded: ${counts.filesLoaded} files loaded (${counts.rowsLoaded} rows), ${counts.filesSkipped} skipped, ${counts.filesQuarantined} quarantined`,
        );
        logger.info('run succeeded', { runId: run.id, service: run.service, ...counts, bytes: counts.bytes.toString() });
      }
    } catch (err) {
      await this.failed(run, attempt, err, artefacts);
    } finally {
      clearInterval(watchdog);
      clearInterval(beat);
      await renewal;
      events.changed(run.id);
    }
  }

  private async failed(run: IngestionRun, attempt: number, err: unknown, artefacts: string[]): Promise<void> {
    const { ledger, logger, retry, queue, notifier } = this.deps;
    const failure = classifyRunError(err);
    if (failure instanceof RunCancelledError) {
      await ledger.log(
        run.id,
        'warn',
        'cancelled while running; the file being loaded when it was cancelled was committed or rolled back whole',
      );
      return;
    }
    const delay = retryDelay(retry, failure, attempt);
    if (delay !== null) {
      const at = new Date(Date.now() + delay);
      if (await ledger.retryLater(run.id, failure.code, failure.message, at, artefacts)) {
        await ledger.log(
          run.id,
          'warn',
          `attempt ${attempt} failed (${failure.code}): ${failure.message}; retrying at ${at.toISOString()}`,
        );
        const jobId = await queue.enqueue<RunJobData>(RUN_JOB, { runId: run.id }, { runAt: at });
        await ledger.setJobId(run.id, jobId);
        logger.warn('run will be retried', { runId: run.id, service: run.service, code: failure.code, attempt, delayMs: delay });
      }
      return;
    }
    if (await ledger.fail(run.id, failure.code, failure.message, artefacts)) {
      await ledger.log(run.id, 'error', `failed (${failure.code}): ${failure.message}`);
      logger.error('run failed', { runId: run.id, service: run.service, code: failure.code, attempt });
      await notifier.runFailed(run.service);
    }
  }

  private async execute(
    run: IngestionRun,
    attempt: number,
    touch: (p: number, step: string) => Promise<void>,
    heartbeat: () => void,
    signal: AbortSignal,
    artefacts: string[],
  ): Promise<RunCounts> {
    const { ingest, ledger, config } = this.deps;
    const service = run.service;
    await touch(1, run.kind === 'extract' ? 'extracting' : 'loading from landing');
    let landed: Awaited<ReturnType<CaptureStager['commit']>> | undefined;
    if (run.kind === 'extract') {
      const extractor = this.deps.extractors[service];
      if (!extractor)
        throw new ExtractionError(
          'EXTRACTOR_NOT_AVAILABLE',
          `no extractor is available for ${service}: upload its exports instead, or run the pipeline over landing`,
        );
      const stager = new CaptureStager(service);
      try {
        const ctx: ExtractionContext = {
          capture: (c) => stager.stage(c),
          window: run.windowFrom && run.windowTo ? { from: run.windowFrom, to: run.windowTo } : undefined,
          sessions: this.deps.sessions,
          // Extraction is the first half of the run's progress, loading the second.
          touch: (p, step) => touch(1 + Math.round(p * 0.49), step),
          log: (line) => void ledger.log(run.id, 'info', line).catch(() => undefined),
          logger: this.deps.logger,
          signal,
          artefactsDir: path.join(config.artefactsDir, `run-${run.id}`),
          addArtefact: (p) => void artefacts.push(p),
          now: () => new Date(),
        };
        await extractor.extract(ctx);
        landed = await stager.commit(ingest.lake, new Date());
      } finally {
        stager.discard();
      }
      await touch(50, `landed ${landed.length} files`);
      await ledger.log(run.id, 'info', `landed ${landed.length} files: ${landed.map((f) => f.file).join(', ')}`);
    }
    let lastBeat = Date.now();
    let summaries = await ingest.runPipeline({
      service,
      files: landed,
      // Keeps the job's lock (not the ledger: that would join the load's transaction) alive within a long file.
      onBytes: () => {
        if (Date.now() - lastBeat < 1000) return;
        lastBeat = Date.now();
        heartbeat();
      },
      onFile: async (summary, index, total) => {
        await ledger.log(
          run.id,
          summary.status === 'failed' ? 'error' : summary.status === 'quarantined' ? 'warn' : 'info',
          `${summary.landingFile ?? summary.input}: ${summary.status} — ${summary.message}`,
        );
        const from = landed ? 50 : 1;
        await touch(from + Math.round(((index + 1) / Math.max(1, total)) * (99 - from)), `loaded ${index + 1}/${total} files`);
      },
    });
    // A later attempt finds what an earlier attempt of this run loaded (then died or failed) already loaded: those rows are this run's.
    if (attempt > 1) summaries = summaries.map((s) => creditEarlierAttempt(s, run.queuedAt));
    const failed = summaries.filter((s) => s.status === 'failed');
    if (failed.length)
      throw new LoadFailedError(
        `${failed.length} of ${summaries.length} files could not be loaded: ${failed.map((f) => `${f.landingFile}: ${f.message}`).join('; ')}`,
      );
    const bytes = (landed ?? []).reduce((n, f) => n + BigInt(f.sizeBytes), 0n);
    return countsOfSummaries(summaries, landed?.length ?? 0, bytes);
  }
}

/** A file skipped as already loaded, when that load happened after the run was queued: an earlier attempt's work, counted as loaded. */
function creditEarlierAttempt(summary: FileSummary, queuedAt: Date): FileSummary {
  const earlier = summary.loadedEarlier;
  if (summary.status !== 'skipped' || !earlier || earlier.at.getTime() < queuedAt.getTime()) return summary;
  return {
    ...summary,
    status: 'loaded',
    rowsLoaded: earlier.rowsLoaded,
    rowsSkipped: earlier.rowsSkipped,
    message: `loaded by an earlier attempt of this run: ${earlier.rowsLoaded} rows`,
  };
}

/** Rejects when the signal aborts, so a hung step cannot keep the run "running". */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(abortReason(signal));
    signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}

/** The reason typed: the executor aborts with its own errors, and a bare `abort()` gives a DOMException (an Error too). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
