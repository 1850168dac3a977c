import { type DataSource, In, type FindOptionsWhere, LessThan } from 'typeorm';
import type { Service } from '../../config/config';
import type { Redactor } from '../../config/redactor';
import { ACTIVE_RUN_STATUSES, IngestionRun, type RunKind, type RunStatus, type RunTrigger } from '../../entities/ingestion-run.entity';
import { IngestionRunLog } from '../../entities/ingestion-run-log.entity';
import type { FileSummary } from '../../ingest/ingest-service';

export interface NewRun {
  service: Service;
  kind: RunKind;
  trigger: RunTrigger;
  window?: { from: string; to: string } | null;
  triggeredBy: string;
  retryOf?: number | null;
}

export interface RunCounts {
  filesLanded: number;
  filesLoaded: number;
  filesSkipped: number;
  filesQuarantined: number;
  filesFailed: number;
  rowsLoaded: number;
  rowsSkipped: number;
  bytes: bigint;
}

export interface RunFilter {
  service?: Service;
  status?: RunStatus;
  trigger?: RunTrigger;
  from?: Date;
  to?: Date;
}

const MAX_MESSAGE = 4000;

/** A run's counts from what happened to each file. */
export function countsOfSummaries(summaries: FileSummary[], landed: number, bytes: bigint): RunCounts {
  const of = (status: FileSummary['status']) => summaries.filter((s) => s.status === status).length;
  return {
    filesLanded: landed,
    filesLoaded: of('loaded'),
    filesSkipped: of('skipped'),
    filesQuarantined: of('quarantined'),
    filesFailed: of('failed'),
    rowsLoaded: summaries.reduce((n, s) => n + s.rowsLoaded, 0),
    rowsSkipped: summaries.reduce((n, s) => n + s.rowsSkipped, 0),
    bytes,
  };
}

function isUniqueViolation(err: unknown): boolean {
  const driver = (err as { driverError?: { code?: string } }).driverError;
  const code = driver?.code ?? (err as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/i.test(String((err as Error).message));
}

/**
 * The run ledger. Every state change is conditional on the state it leaves, so a cancel racing a
 * worker, or two workers racing each other, can never both win; messages are redacted on the way in.
 */
export class RunLedger {
  constructor(
    private readonly ds: DataSource,
    private readonly redactor: Redactor,
  ) {}

  private get repo() {
    return this.ds.getRepository(IngestionRun);
  }

  /**
   * Queues a run, or returns the service's run that is already queued or running. The partial
   * unique index decides under concurrency; a lost race reads the winner.
   */
  async queue(input: NewRun): Promise<{ run: IngestionRun; created: boolean }> {
    for (let tries = 0; tries < 5; tries++) {
      const active = await this.activeRun(input.service);
      if (active) return { run: active, created: false };
      try {
        const run = await this.repo.save(
          this.repo.create({
            service: input.service,
            kind: input.kind,
            trigger: input.trigger,
            status: 'queued',
            attempt: 1,
            windowFrom: input.window?.from ?? null,
            windowTo: input.window?.to ?? null,
            queuedAt: new Date(),
            triggeredBy: input.triggeredBy,
            retryOf: input.retryOf ?? null,
          }),
        );
        return { run, created: true };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    throw new Error(`could not queue a run for ${input.service}: the active run kept changing`);
  }

  /** A scheduled trigger that found a run already active is recorded as skipped, with the reason. */
  async recordSkipped(input: NewRun, activeRunId: number): Promise<IngestionRun> {
    const now = new Date();
    return this.repo.save(
      this.repo.create({
        service: input.service,
        kind: input.kind,
        trigger: input.trigger,
        status: 'skipped',
        queuedAt: now,
        finishedAt: now,
        durationMs: 0,
        triggeredBy: input.triggeredBy,
        errorMessage: `run #${activeRunId} was already queued or running`,
      }),
    );
  }

  /**
   * Records files loaded outside the job queue (`npm run ingest`) as a finished `upload` run, so
   * the ledger and pipelineHealth see every load. Never active, so it never blocks a queued run.
   */
  async recordUpload(service: Service, summaries: FileSummary[], startedAt: Date, triggeredBy: string): Promise<IngestionRun> {
    const failed = summaries.filter((s) => s.status === 'failed');
    const finishedAt = new Date();
    const counts = countsOfSummaries(summaries, summaries.filter((s) => s.landingFile).length, 0n);
    const run = await this.repo.save(
      this.repo.create({
        service,
        kind: 'pipeline',
        trigger: 'upload',
        status: failed.length ? 'failed' : 'succeeded',
        queuedAt: startedAt,
        startedAt,
        finishedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        progress: 100,
        step: 'done',
        triggeredBy,
        ...counts,
        errorCode: failed.length ? 'LOAD_FAILED' : null,
        errorMessage: failed.length
          ? this.redactor.redact(failed.map((f) => `${f.landingFile}: ${f.message}`).join('; ')).slice(0, MAX_MESSAGE)
          : null,
      }),
    );
    for (const s of summaries)
      await this.log(
        run.id,
        s.status === 'failed' ? 'error' : s.status === 'quarantined' ? 'warn' : 'info',
        `${s.landingFile ?? s.input}: ${s.status} — ${s.message}`,
      );
    return run;
  }

  activeRun(service: Service): Promise<IngestionRun | null> {
    return this.repo.findOne({ where: { service, status: In([...ACTIVE_RUN_STATUSES]) } });
  }

  get(id: number): Promise<IngestionRun | null> {
    return this.repo.findOne({ where: { id } });
  }

  async setJobId(id: number, jobId: string): Promise<void> {
    await this.repo.update({ id }, { jobId });
  }

  /** queued → running (or running → running when a worker takes over a run whose worker died). */
  async start(id: number, attempt: number): Promise<boolean> {
    const result = await this.repo.update(
      { id, status: In([...ACTIVE_RUN_STATUSES]) },
      { status: 'running', attempt, startedAt: new Date(), finishedAt: null, progress: 0, step: 'starting', nextAttemptAt: null },
    );
    return (result.affected ?? 0) > 0;
  }

  async progress(id: number, progress: number, step: string): Promise<void> {
    await this.repo.update(
      { id, status: 'running' },
      { progress: Math.round(Math.max(0, Math.min(100, progress))), step: step.slice(0, 200) },
    );
  }

  async succeed(id: number, counts: RunCounts): Promise<boolean> {
    return this.finish(id, 'succeeded', { ...counts, progress: 100, step: 'done', errorCode: null, errorMessage: null });
  }

  async fail(id: number, code: string, message: string, artefacts: string[] = [], counts?: Partial<RunCounts>): Promise<boolean> {
    return this.finish(id, 'failed', {
      ...counts,
      errorCode: code,
      errorMessage: this.redactor.redact(message).slice(0, MAX_MESSAGE),
      artefacts: artefacts.length ? JSON.stringify(artefacts) : null,
    });
  }

  /** A transient failure with retries left: back to queued, the next attempt numbered and timed. */
  async retryLater(id: number, code: string, message: string, nextAttemptAt: Date, artefacts: string[] = []): Promise<boolean> {
    const run = await this.get(id);
    if (!run || run.status !== 'running') return false;
    const result = await this.repo.update(
      { id, status: 'running' },
      {
        status: 'queued',
        attempt: run.attempt + 1,
        nextAttemptAt,
        errorCode: code,
        errorMessage: this.redactor.redact(message).slice(0, MAX_MESSAGE),
        artefacts: artefacts.length ? JSON.stringify(artefacts) : null,
        step: `waiting to retry (${code})`,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Cancels a queued or running run; false when it had already finished. */
  async cancel(id: number): Promise<boolean> {
    return this.finish(id, 'cancelled', { step: 'cancelled' }, ACTIVE_RUN_STATUSES);
  }

  private async finish(
    id: number,
    status: RunStatus,
    fields: Partial<IngestionRun>,
    from: readonly RunStatus[] = ['running'],
  ): Promise<boolean> {
    const run = await this.get(id);
    if (!run || !from.includes(run.status)) return false;
    const finishedAt = new Date();
    const result = await this.repo.update(
      { id, status: In([...from]) },
      { ...fields, status, finishedAt, durationMs: run.startedAt ? finishedAt.getTime() - run.startedAt.getTime() : 0 },
    );
    return (result.affected ?? 0) > 0;
  }

  async log(runId: number, level: IngestionRunLog['level'], message: string): Promise<void> {
    await this.ds
      .getRepository(IngestionRunLog)
      .insert({ runId, at: new Date(), level, message: this.redactor.redact(message).slice(0, MAX_MESSAGE) });
  }

  logs(runId: number, limit = 500): Promise<IngestionRunLog[]> {
    return this.ds.getRepository(IngestionRunLog).find({ where: { runId }, order: { id: 'ASC' }, take: limit });
  }

  /** Newest first, keyset-paginated on id. */
  list(filter: RunFilter, first: number, afterId?: number): Promise<IngestionRun[]> {
    const qb = this.repo.createQueryBuilder('r').orderBy('r.id', 'DESC').take(first);
    if (filter.service) qb.andWhere('r.service = :service', { service: filter.service });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.trigger) qb.andWhere('r.trigger = :trigger', { trigger: filter.trigger });
    if (filter.from) qb.andWhere('r.queuedAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('r.queuedAt < :to', { to: filter.to });
    if (afterId !== undefined) qb.andWhere('r.id < :afterId', { afterId });
    return qb.getMany();
  }

  count(filter: RunFilter): Promise<number> {
    const where: FindOptionsWhere<IngestionRun> = {};
    if (filter.service) where.service = filter.service;
    if (filter.status) where.status = filter.status;
    if (filter.trigger) where.trigger = filter.trigger;
    return this.repo.count({ where });
  }

  /** The last `n` finished runs of a service (succeeded or failed), newest first. */
  lastFinished(service: Service, n: number): Promise<IngestionRun[]> {
    return this.repo.find({ where: { service, status: In(['succeeded', 'failed']) }, order: { id: 'DESC' }, take: n });
  }

  lastWithStatus(service: Service, status: RunStatus): Promise<IngestionRun | null> {
    return this.repo.findOne({ where: { service, status }, order: { id: 'DESC' } });
  }

  /** Runs that say running but whose worker stopped touching them: found by the reaper. */
  staleRunning(olderThan: Date): Promise<IngestionRun[]> {
    return this.repo.find({ where: { status: 'running', updatedAt: LessThan(olderThan) } });
  }
}
