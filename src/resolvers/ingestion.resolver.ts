import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, type SubscribeResolverData, Subscription } from 'type-graphql';
import { Parent } from './parent';
import { type Connection, idPage, mapNodes } from '../analytics/pagination';
import type { Service } from '../config/config';
import { AccessError } from '../errors/access-error';
import { AdminError } from '../errors/admin-error';
import type { IngestionSchedule } from '../entities/ingestion-schedule.entity';
import { watchRun } from '../jobs/ingestion/run-watch';
import { reasonsFor } from '../jobs/health/viewer-health';
import type { JobsRuntime } from '../jobs/jobs-runtime';
import { EXPECTED_FANOUT, connectionCost, countedListCost, fanOutCost } from './complexity';
import type { RequestContext } from './context';
import { checkWindow, runId, toRunType } from './ingestion.mappers';
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

/** The process's ingestion admin, refused where it does not run. */
function jobs(ctx: { jobs: JobsRuntime | null }): JobsRuntime {
  if (!ctx.jobs) throw new AdminError('NOT_RUNNING', 'the ingestion admin is not running in this process', {});
  return ctx.jobs;
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
    @Arg('service', () => ServiceEnum, { description: 'The source to extract.' }) service: Service,
    @Arg('window', () => DateRangeInput, {
      nullable: true,
      description: 'Days to fetch where the source supports it (Meta Ads); each extractor has its default.',
    })
    window: DateRangeInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestionRunType> {
    return toRunType(
      await jobs(ctx).admin.trigger({ service, kind: 'extract', trigger: 'manual', window: checkWindow(window), by: ctx.principal.name }),
    );
  }

  @Role('ADMIN')
  @Mutation(() => IngestionRunType, {
    description: 'Re-runs cleaners and loading over what is already in landing for the service. Idempotent like triggerExtraction.',
  })
  async runPipeline(
    @Arg('service', () => ServiceEnum, { description: 'The source whose landing files to load again.' }) service: Service,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestionRunType> {
    return toRunType(await jobs(ctx).admin.trigger({ service, kind: 'pipeline', trigger: 'manual', by: ctx.principal.name }));
  }

  @Role('ADMIN')
  @Mutation(() => IngestionRunType, {
    description:
      'Cancels a queued or running run. A running run stops at its next step; a file being loaded is committed or rolled back whole.',
  })
  async cancelRun(
    @Arg('id', () => ID, { description: 'The run id (IngestionRun.id).' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestionRunType> {
    return toRunType(await jobs(ctx).admin.cancel(runId(id), ctx.principal.name));
  }

  @Role('ADMIN')
  @Mutation(() => IngestionRunType, {
    description: "Queues a new run doing what a failed or cancelled run did (or returns the service's active run).",
  })
  async retryRun(
    @Arg('id', () => ID, { description: 'The id (IngestionRun.id) of the failed or cancelled run.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestionRunType> {
    return toRunType(await jobs(ctx).admin.retry(runId(id), ctx.principal.name));
  }

  @Role('ADMIN')
  @Mutation(() => ScheduleType, {
    description: 'Sets when the service is extracted: a cron expression ("0 6 * * *") or an interval ("6 hours"), in an IANA time zone.',
  })
  async setSchedule(
    @Arg('service', () => ServiceEnum, { description: 'The source to schedule.' }) service: Service,
    @Arg('every', { description: 'A cron expression ("0 6 * * *") or a human interval ("6 hours").' }) every: string,
    @Arg('timezone', () => String, {
      nullable: true,
      defaultValue: 'UTC',
      description: 'IANA time zone the cron expression is read in, e.g. Europe/Berlin.',
    })
    timezone: string,
    @Arg('enabled', () => Boolean, { nullable: true, defaultValue: true, description: 'False keeps the schedule but stops it firing.' })
    enabled: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestionSchedule> {
    return jobs(ctx).admin.setSchedule({ service, every, timezone, enabled, by: ctx.principal.name });
  }

  @Role('ADMIN')
  @Query(() => IngestionRunConnection, { complexity: connectionCost, description: 'Runs, newest first.' })
  async ingestionRuns(
    @Arg('filter', () => IngestionRunFilter, { nullable: true, description: 'Which runs to list; omitted: all.' })
    filter: IngestionRunFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most the configured maximum page size).' })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last item already read.' }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<IngestionRunType>> {
    return mapNodes(
      await idPage({ first, after, maxPageSize: ctx.config.limits.maxPageSize }, (limit, afterId) =>
        jobs(ctx).ledger.list({ ...filter }, limit, afterId),
      ),
      toRunType,
    );
  }

  @Role('ADMIN')
  @Query(() => IngestionRunType, { nullable: true, description: 'One run by id; null when the ledger has no such run.' })
  async ingestionRun(
    @Arg('id', () => ID, { description: 'The run id (IngestionRun.id).' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestionRunType | null> {
    const run = await jobs(ctx).ledger.get(runId(id));
    return run ? toRunType(run) : null;
  }

  @FieldResolver(() => [RunLogLine], {
    complexity: countedListCost('last', 200, 5000),
    description: "The run's log, oldest first (secrets redacted).",
  })
  async logs(
    @Parent() run: IngestionRunType,
    @Arg('last', () => Int, {
      nullable: true,
      defaultValue: 200,
      description: 'How many of the newest lines to return (1 to 5000).',
    })
    last: number,
    @Ctx() ctx: RequestContext,
  ): Promise<RunLogLine[]> {
    if (ctx.principal.role !== 'ADMIN') throw new AccessError('FORBIDDEN', 'run logs need the ADMIN role');
    const lines = await jobs(ctx).ledger.logs(Number(run.id), 5000);
    return lines.slice(-Math.max(1, Math.min(last, 5000)));
  }

  @Role('ADMIN')
  @Query(() => [ScheduleType], { complexity: fanOutCost(EXPECTED_FANOUT.services), description: 'One schedule per service that has one.' })
  schedules(@Ctx() ctx: RequestContext): Promise<IngestionSchedule[]> {
    return jobs(ctx).admin.schedules();
  }

  @Role('VIEWER')
  @Query(() => [ServiceHealthType], {
    complexity: fanOutCost(EXPECTED_FANOUT.services),
    description: 'Per service: zone freshness, last success and failure, sessions, quarantine, and a status with its reasons.',
  })
  async pipelineHealth(@Ctx() ctx: RequestContext): Promise<ServiceHealthType[]> {
    return (await jobs(ctx).health()).map((h) => ({
      ...h,
      reasons: reasonsFor(h, ctx.principal.role === 'ADMIN'),
      lastSuccess: h.lastSuccess ? toRunType(h.lastSuccess) : null,
      lastFailure: h.lastFailure ? toRunType(h.lastFailure) : null,
      activeRun: h.activeRun ? toRunType(h.activeRun) : null,
      sessions: h.sessions.map((s) => ({ account: s.account, state: s.state, expiresAt: s.expiresAt, savedAt: s.savedAt })),
    }));
  }

  @Role('ADMIN')
  @Subscription(() => IngestionRunType, {
    description: 'The run each time it changes (status, progress, counts), until it finishes. Over graphql-ws at /graphql.',
    // graphql-js coerces an ID argument to a string.
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { id: string }, RequestContext>) =>
      watchRunAsAdmin(context, runId(args.id)),
  })
  ingestionRunUpdated(
    @Parent() run: IngestionRunType,
    @Arg('id', () => ID, { description: 'The run to watch (IngestionRun.id).' }) _id: string,
  ): IngestionRunType {
    return run;
  }
}

/** The run's updates as the API shows them, for admins only. */
async function* watchRunAsAdmin(ctx: RequestContext, id: number): AsyncGenerator<IngestionRunType> {
  if (ctx.principal.role !== 'ADMIN') throw new AccessError('FORBIDDEN', 'this needs the ADMIN role');
  const runtime = jobs(ctx);
  for await (const run of watchRun(runtime.ledger, runtime.events, id)) yield toRunType(run);
}
