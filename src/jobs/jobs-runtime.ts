import type { Agenda, NotificationChannel } from 'agenda';
import type { DataSource } from 'typeorm';
import { type AppConfig, SERVICES, type Service } from '../config/config';
import type { Logger } from '../config/logger';
import { Redactor } from '../config/redactor';
import { isRetryable } from '../errors/domain-error';
import type { Extractor } from '../ingest/extract/extractor';
import { SessionStore } from '../ingest/extract/session-store';
import { IngestService } from '../ingest/ingest-service';
import { configuredLinks } from '../ingest/identity/identity-service';
import { createJobsBackend, jobsBackendSpec } from './backends/create-backend';
import { createExtractors } from './extractor-registry';
import { pipelineHealth, type ServiceHealth } from './health/pipeline-health';
import { IngestionAdmin, scheduleJobName } from './ingestion/ingestion-admin';
import { RUN_JOB, RunExecutor, type RunJobData } from './ingestion/run-executor';
import { RunEvents } from './ingestion/run-events';
import { RunLedger } from './ingestion/run-ledger';
import { Notifier } from './notifications/notifier';
import { PostLoadHooks } from './post-load/post-load-hooks';
import { AgendaJobQueue } from './queue/agenda-job-queue';
import type { JobQueue } from './queue/job-queue';

export const HEALTH_CHECK_JOB = 'ingestion-health-check';

/** Everything the API, the scheduler and the workers share about ingestion jobs. */
export interface JobsRuntime {
  queue: JobQueue;
  admin: IngestionAdmin;
  ledger: RunLedger;
  events: RunEvents;
  sessions: SessionStore;
  redactor: Redactor;
  health(): Promise<ServiceHealth[]>;
  /** Notifies about sessions that expire soon or have expired (the hourly health-check job). */
  checkSessions(): Promise<void>;
  /** For Agendash at /admin/jobs only. */
  agenda: Agenda;
  /** Stops picking up jobs, drains running ones up to the deadline, disconnects. */
  stop(): Promise<{ stillRunning: number }>;
}

export interface JobsRuntimeOptions {
  /** Pick up and run jobs in this process. */
  worker: boolean;
  /** Keep the periodic health check scheduled (one process is enough; any worker runs it). */
  scheduler: boolean;
  /** Tests replace the extractors (e.g. pointing at simulators). */
  extractors?: Partial<Record<Service, Extractor>>;
  name?: string;
  /** Wake-up channel when the job backend has none (SQLite): the IPC pipe between the API and its worker child. */
  notificationChannel?: NotificationChannel;
}

export async function startJobsRuntime(
  ds: DataSource,
  config: AppConfig,
  logger: Logger,
  options: JobsRuntimeOptions,
): Promise<JobsRuntime> {
  const backend = createJobsBackend(jobsBackendSpec(config), (err) =>
    logger.warn('job backend connection lost; it reconnects on the next query', { error: err.message }),
  );
  const queue = await AgendaJobQueue.connect(backend, logger, {
    name: options.name ?? `${options.worker ? 'worker' : 'api'}-${process.pid}`,
    processEveryMs: config.jobs.processEveryMs,
    defaultLockLifetimeMs: config.jobs.lockLifetimeMs,
    notificationChannel: options.notificationChannel,
  });
  const redactor = Redactor.fromConfig(config);
  const ledger = new RunLedger(ds, redactor);
  const events = new RunEvents();
  const sessions = new SessionStore(config.sessions.dir, config.sessions.key, config.health.sessionExpiryWarningHours);
  const notifier = new Notifier(ds, config, logger, ledger, redactor);
  const ingest = new IngestService(ds, config.dataLakeDir, logger, {
    limits: { maxFileBytes: config.ingest.maxFileBytes },
    configuredLinks: configuredLinks(config.extractors),
    curated: { archiveKeep: config.curatedArchiveKeep },
    // Snapshots and notifications after each committed batch (in `npm start`, loads run in the worker child).
    afterLoads: new PostLoadHooks(ds, config, logger, { notifier }).afterLoads,
  });
  const admin = new IngestionAdmin(ds, queue, ledger, events, logger);
  const health = () => pipelineHealth({ ds, config, lake: ingest.lake, ledger, sessions });

  // A run's lock lives as long as the heartbeat timeout (never longer than the hung-run limit): a
  // dead worker's run is taken over that soon. The executor renews it four times per lifetime.
  const runLockMs = Math.min(config.jobs.heartbeatTimeoutMs, config.jobs.lockLifetimeMs);
  const executor = new RunExecutor({
    config,
    logger,
    ledger,
    ingest,
    queue,
    extractors: options.extractors ?? createExtractors(config),
    sessions,
    events,
    notifier,
    retry: { maxRetries: config.jobs.maxRetries, delayMs: config.jobs.retryDelayMs, isRetryable },
    heartbeatEveryMs: Math.max(250, Math.floor(runLockMs / 4)),
  });
  // Two runs at once per process (different services: one run per service is the ledger's rule).
  queue.define<RunJobData>(RUN_JOB, (job) => executor.handle(job), { concurrency: 2, lockLifetimeMs: runLockMs });
  for (const service of SERVICES) {
    queue.define(
      scheduleJobName(service),
      async () => void (await admin.trigger({ service, kind: 'extract', trigger: 'schedule', by: 'scheduler' })),
      { lockLifetimeMs: 60_000 },
    );
  }
  const checkSessions = async () => {
    for (const h of await health()) for (const s of h.sessions) await notifier.sessionExpiring(s);
  };
  queue.define(HEALTH_CHECK_JOB, checkSessions, { lockLifetimeMs: 60_000 });

  await queue.start({ process: options.worker });
  if (options.scheduler) await queue.ensureSchedule(HEALTH_CHECK_JOB, {}, { every: '1 hour', timezone: 'UTC', enabled: true });
  logger.info('jobs runtime ready', { backend: queue.backendName, worker: options.worker, scheduler: options.scheduler });

  return {
    queue,
    admin,
    ledger,
    events,
    sessions,
    redactor,
    health,
    checkSessions,
    agenda: queue.agenda,
    stop: () => queue.stop({ drainMs: config.jobs.shutdownDeadlineMs }),
  };
}
