import type { DataSource } from 'typeorm';
import type { Service } from '../../config/config';
import type { Logger } from '../../config/logger';
import type { IngestionRun, RunKind, RunTrigger } from '../../entities/ingestion-run.entity';
import { IngestionSchedule } from '../../entities/ingestion-schedule.entity';
import { AdminError } from '../../errors/admin-error';
import type { JobQueue } from '../queue/job-queue';
import { RUN_JOB, type RunJobData } from './run-executor';
import type { RunEvents } from './run-events';
import type { RunLedger } from './run-ledger';
import { validateSchedule } from './schedule-spec';

export const scheduleJobName = (service: Service) => `ingestion-schedule:${service}`;

/** What the admin mutations do: queue runs idempotently, cancel, retry, and set schedules. */
export class IngestionAdmin {
  constructor(
    private readonly ds: DataSource,
    private readonly queue: JobQueue,
    private readonly ledger: RunLedger,
    private readonly events: RunEvents,
    private readonly logger: Logger,
  ) {}

  /** Queues a run of `kind` for the service, or returns the one already queued or running. */
  async trigger(input: {
    service: Service;
    kind: RunKind;
    trigger: RunTrigger;
    window?: { from: string; to: string } | null;
    by: string;
    retryOf?: number;
  }): Promise<IngestionRun> {
    const { run, created } = await this.ledger.queue({
      service: input.service,
      kind: input.kind,
      trigger: input.trigger,
      window: input.window,
      triggeredBy: input.by,
      retryOf: input.retryOf,
    });
    if (!created) {
      // A schedule firing while a run is active leaves a trace instead of a second run.
      if (input.trigger === 'schedule')
        return this.ledger.recordSkipped(
          { service: input.service, kind: input.kind, trigger: input.trigger, triggeredBy: input.by },
          run.id,
        );
      return run;
    }
    try {
      const jobId = await this.queue.enqueue<RunJobData>(RUN_JOB, { runId: run.id });
      await this.ledger.setJobId(run.id, jobId);
      run.jobId = jobId;
    } catch (err) {
      await this.ledger.fail(run.id, 'QUEUE_UNAVAILABLE', `the job queue refused the run: ${(err as Error).message}`);
      this.events.changed(run.id);
      throw new AdminError(
        'QUEUE_UNAVAILABLE',
        `the job queue (${this.queue.backendName}) is not reachable; the run was recorded as failed`,
      );
    }
    await this.ledger.log(run.id, 'info', `queued by ${input.by} (${input.trigger})`);
    this.logger.info('run queued', { runId: run.id, service: run.service, kind: run.kind, trigger: run.trigger, by: input.by });
    this.events.changed(run.id);
    return run;
  }

  async cancel(id: number, by: string): Promise<IngestionRun> {
    const run = await this.ledger.get(id);
    if (!run) throw new AdminError('NOT_FOUND', `no run with id ${id}`);
    if (run.status !== 'queued' && run.status !== 'running')
      throw new AdminError('BAD_USER_INPUT', `run ${id} is ${run.status}; only queued or running runs can be cancelled`);
    if (await this.ledger.cancel(id)) {
      // A queued run's job is removed; a running one notices the cancel and stops at its next step.
      if (run.status === 'queued' && run.jobId) await this.queue.remove(run.jobId).catch(() => undefined);
      await this.ledger.log(id, 'warn', `cancelled by ${by}`);
      this.events.changed(id);
    }
    return (await this.ledger.get(id)) as IngestionRun;
  }

  /** A new run doing what a failed or cancelled run did (or the service's active run, if there is one). */
  async retry(id: number, by: string): Promise<IngestionRun> {
    const run = await this.ledger.get(id);
    if (!run) throw new AdminError('NOT_FOUND', `no run with id ${id}`);
    if (run.status !== 'failed' && run.status !== 'cancelled')
      throw new AdminError('BAD_USER_INPUT', `run ${id} is ${run.status}; only failed or cancelled runs can be retried`);
    const window = run.windowFrom && run.windowTo ? { from: run.windowFrom, to: run.windowTo } : null;
    return this.trigger({ service: run.service, kind: run.kind, trigger: 'retry', window, by, retryOf: run.id });
  }

  async setSchedule(input: {
    service: Service;
    every: string;
    timezone?: string | null;
    enabled?: boolean | null;
    by: string;
  }): Promise<IngestionSchedule> {
    let spec;
    try {
      spec = validateSchedule(input.every, input.timezone ?? 'UTC');
    } catch (err) {
      throw new AdminError('BAD_USER_INPUT', (err as Error).message);
    }
    const enabled = input.enabled ?? true;
    await this.queue.schedule(
      scheduleJobName(input.service),
      { service: input.service },
      { every: spec.every, timezone: spec.timezone, enabled },
    );
    const repo = this.ds.getRepository(IngestionSchedule);
    await repo.save(repo.create({ service: input.service, every: spec.every, timezone: spec.timezone, enabled, updatedBy: input.by }));
    this.logger.info('schedule set', { service: input.service, every: spec.every, timezone: spec.timezone, enabled, by: input.by });
    return (await repo.findOne({ where: { service: input.service } })) as IngestionSchedule;
  }

  schedules(): Promise<IngestionSchedule[]> {
    return this.ds.getRepository(IngestionSchedule).find({ order: { service: 'ASC' } });
  }
}
