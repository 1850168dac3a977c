import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { EXPECTED_FANOUT, connectionCost, countedListCost, fanOutCost } from './complexity';
import type { Service } from '../config/config';
import type { IngestionRun } from '../entities/ingestion-run.entity';
import { AdminError } from '../jobs/ingestion/ingestion-admin';
import type { JobsRuntime } from '../jobs/jobs-runtime';
import { encodeCursor, decodeCursor, pageSize } from '../analytics/pagination';
import type { RequestContext } from '../server/context';
import { AppError } from '../server/errors';
import { Role } from './role';
import {
  DateRangeInput,
  IngestionRunConnection,
  IngestionRunFilter,
  IngestionRunType,
  RunLogLine,
  ScheduleType,
  ServiceEnum,
  ServiceHealthType,
} from './types/ingestion.types';

/** The ledger row as the API shows it. */
export function toRunType(run: IngestionRun): IngestionRunType {
  return {
    id: String(run.id),
    service: run.service as ServiceEnum,
    kind: run.kind as IngestionRunType['kind'],
    trigger: run.trigger as IngestionRunType['trigger'],
    status: run.status as IngestionRunType['status'],
    attempt: run.attempt,
    window: run.windowFrom && run.windowTo ? { from: run.windowFrom, to: run.windowTo } : null,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    progress: run.progress,
    step: run.step,
    counts: {
      filesLanded: run.filesLanded,
      filesLoaded: run.filesLoaded,
      filesSkipped: run.filesSkipped,
      filesQuarantined: run.filesQuarantined,
      filesFailed: run.filesFailed,
      rowsLoaded: run.rowsLoaded,
      rowsSkipped: run.rowsSkipped,
      bytes: Number(run.bytes),
    },
    errorCode: run.errorCode,
    errorMessage: run.errorMessage,
    nextAttemptAt: run.nextAttemptAt,
    artefacts: run.artefacts ? (JSON.parse(run.artefacts) as string[]) : [],
    triggeredBy: run.triggeredBy,
    retryOf: run.retryOf === null ? null : String(run.retryOf),
  };
}

function jobs(ctx: { jobs: JobsRuntime | null }): JobsRuntime {
  if (!ctx.jobs) throw new AppError('INTERNAL_SERVER_ERROR', 'the ingestion admin is not running in this process');
  return ctx.jobs;
}

const MAX_RUN_ID = 2_147_483_647;

function runId(id: string): number {
  // Run ids are 32-bit integers in both databases: anything larger is no run (PostgreSQL would refuse to compare it).
  if (!/^\d{1,10}$/.test(id) || Number(id) > MAX_RUN_ID) throw new AppError('BAD_USER_INPUT', `id: "${id.slice(0, 40)}" is not a run id`);
  return Number(id);
}

/** Maps the admin's coded errors to the API's. */
async function admin<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AdminError) throw new AppError(err.code === 'QUEUE_UNAVAILABLE' ? 'INTERNAL_SERVER_ERROR' : err.code, err.message, { reason: err.code });
    throw err;
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkWindow(window: DateRangeInput | undefined | null): { from: string; to: string } | null {
  if (!window) return null;
  if (!DAY.test(window.from) || !DAY.test(window.to)) throw new AppError('BAD_USER_INPUT', 'window: from and to must be YYYY-MM-DD');
  if (window.from > window.to) throw new AppError('BAD_USER_INPUT', `window: from (${window.from}) is after to (${window.to})`);
  return { from: window.from, to: window.to };
}

/** The ingestion admin: runs, schedules and pipeline health. */
@Resolver(() => IngestionRunType)
export class IngestionResolver {
  @Role('ADMIN')
  @Mutation(() => IngestionRunType, {
    description:
      'Queues an extraction of the service (fetch, then load). Idempotent: while a run of that service is queued or running, that run is returned instead of a new one (the database enforces it).',
  })
  async triggerExtraction(
    @Arg('service', () => ServiceEnum) service: ServiceEnum,
    @Arg('window', () => DateRangeInput, { nullable: true, description: 'Days to fetch where the source supports it (Meta Ads); each extractor has its default.' }) window: DateRangeInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestionRunType> {
    const range = checkWindow(window);
    return toRunType(await admin(() => jobs(ctx).admin.trigger({ service: service as Service, kind: 'extract', trigger: 'manual', window: range, by: ctx.principal.name })));
  }

  @Role('ADMIN')
  @Mutation(() => IngestionRunType, { description: 'Re-runs cleaners and loading over what is already in landing for the service. Idempotent like triggerExtraction.' })
  async runPipeline(@Arg('service', () => ServiceEnum) service: ServiceEnum, @Ctx() ctx: RequestContext): Promise<IngestionRunType> {
    return toRunType(await admin(() => jobs(ctx).admin.trigger({ service: service as Service, kind: 'pipeline', trigger: 'manual', by: ctx.principal.name })));
  }

  @Role('ADMIN')
  @Mutation(() => IngestionRunType, { description: 'Cancels a queued or running run. A running run stops at its next step; a file being loaded is committed or rolled back whole.' })
  async cancelRun(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<IngestionRunType> {
    return toRunType(await admin(() => jobs(ctx).admin.cancel(runId(id), ctx.principal.name)));
  }

  @Role('ADMIN')
  @Mutation(() => IngestionRunType, { description: "Queues a new run doing what a failed or cancelled run did (or returns the service's active run)." })
  async retryRun(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<IngestionRunType> {
    return toRunType(await admin(() => jobs(ctx).admin.retry(runId(id), ctx.principal.name)));
  }

  @Role('ADMIN')
  @Mutation(() => ScheduleType, { description: 'Sets when the service is extracted: a cron expression ("0 6 * * *") or an interval ("6 hours"), in an IANA time zone.' })
  async setSchedule(
    @Arg('service', () => ServiceEnum) service: ServiceEnum,
    @Arg('every') every: string,
    @Arg('timezone', () => String, { nullable: true, defaultValue: 'UTC' }) timezone: string,
    @Arg('enabled', () => Boolean, { nullable: true, defaultValue: true }) enabled: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<ScheduleType> {
    const s = await admin(() => jobs(ctx).admin.setSchedule({ service: service as Service, every, timezone, enabled, by: ctx.principal.name }));
    return { ...s, service: s.service as ServiceEnum };
  }

  @Role('ADMIN')
  @Query(() => IngestionRunConnection, { complexity: connectionCost, description: 'Runs, newest first.' })
  async ingestionRuns(
    @Arg('filter', () => IngestionRunFilter, { nullable: true }) filter: IngestionRunFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const n = pageSize(first, ctx.config.limits.maxPageSize);
    const afterId = after ? decodeCursor(after)[1] : undefined;
    const f = { ...filter, service: filter?.service as Service | undefined };
    const rows = await jobs(ctx).ledger.list(f, n + 1, afterId);
    const page = rows.slice(0, n);
    const edges = page.map((r) => ({ cursor: encodeCursor(r.id, r.id), node: toRunType(r) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > n, hasPreviousPage: afterId !== undefined, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: null,
    };
  }

  @Role('ADMIN')
  @Query(() => IngestionRunType, { nullable: true })
  async ingestionRun(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<IngestionRunType | null> {
    const run = await jobs(ctx).ledger.get(runId(id));
    return run ? toRunType(run) : null;
  }

  @FieldResolver(() => [RunLogLine], { complexity: countedListCost('last', 200, 5000), description: "The run's log, oldest first (secrets redacted)." })
  async logs(@Root() run: IngestionRunType, @Arg('last', () => Int, { nullable: true, defaultValue: 200 }) last: number, @Ctx() ctx: RequestContext): Promise<RunLogLine[]> {
    if (ctx.principal.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'run logs need the ADMIN role');
    const lines = await jobs(ctx).ledger.logs(Number(run.id), 5000);
    return lines.slice(-Math.max(1, Math.min(last, 5000)));
  }

  @Role('ADMIN')
  @Query(() => [ScheduleType], { complexity: fanOutCost(EXPECTED_FANOUT.services), description: 'One schedule per service that has one.' })
  async schedules(@Ctx() ctx: RequestContext): Promise<ScheduleType[]> {
    return (await jobs(ctx).admin.schedules()).map((s) => ({ ...s, service: s.service as ServiceEnum }));
  }

  @Role('VIEWER')
  @Query(() => [ServiceHealthType], { complexity: fanOutCost(EXPECTED_FANOUT.services), description: 'Per service: zone freshness, last success and failure, sessions, quarantine, and a status with its reasons.' })
  async pipelineHealth(@Ctx() ctx: RequestContext): Promise<ServiceHealthType[]> {
    const health = await jobs(ctx).health();
    const admin = ctx.principal.role === 'ADMIN';
    return health.map((h) => ({
      ...h,
      reasons: admin ? h.reasons : h.reasons.map((r) => withoutRunError(r, h.service, h.lastFailure?.errorMessage ?? null)),
      service: h.service as ServiceEnum,
      status: h.status as ServiceHealthType['status'],
      lastSuccess: h.lastSuccess ? toRunType(h.lastSuccess) : null,
      lastFailure: h.lastFailure ? toRunType(h.lastFailure) : null,
      activeRun: h.activeRun ? toRunType(h.activeRun) : null,
      sessions: h.sessions.map((s) => ({ account: s.account, state: s.state as ServiceHealthType['sessions'][number]['state'], expiresAt: s.expiresAt, savedAt: s.savedAt })),
    }));
  }

  @Role('ADMIN')
  @Subscription(() => IngestionRunType, {
    description: 'The run each time it changes (status, progress, counts), until it finishes. Over graphql-ws at /graphql.',
    subscribe: ({ args, context }) => watchRun(context as RequestContext, runId(String(args.id))),
  })
  ingestionRunUpdated(@Root() run: IngestionRunType, @Arg('id', () => ID) _id: string): IngestionRunType {
    return run;
  }
}

/**
 * A viewer's copy of a health reason: the last failure's message (hosts, accounts, paths) is an
 * admin's to read; what the viewer can act on (log in again) is kept.
 */
function withoutRunError(reason: string, service: string, errorMessage: string | null): string {
  if (!errorMessage || !reason.includes(errorMessage)) return reason;
  const hint = /npm run login/.test(errorMessage) ? `run npm run login -- ${service}` : 'details for admins';
  return reason.replace(errorMessage, hint);
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled', 'skipped']);

/**
 * Yields the run whenever it changes: woken at once by changes made in this process, and by
 * polling the ledger (every 500 ms) for changes made by other worker processes. Ends after the
 * run has finished.
 */
async function* watchRun(ctx: RequestContext, id: number): AsyncGenerator<IngestionRunType> {
  if (ctx.principal.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'this needs the ADMIN role');
  const runtime = jobs(ctx);
  let wake: (() => void) | null = null;
  const off = runtime.events.onChange(id, () => wake?.());
  try {
    let last = '';
    for (;;) {
      const run = await runtime.ledger.get(id);
      if (!run) throw new AppError('NOT_FOUND', `no run with id ${id}`);
      const key = `${run.status}|${run.progress}|${run.step}|${run.attempt}|${run.updatedAt.getTime()}`;
      if (key !== last) {
        last = key;
        yield toRunType(run);
      }
      if (FINISHED.has(run.status)) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    off();
  }
}
