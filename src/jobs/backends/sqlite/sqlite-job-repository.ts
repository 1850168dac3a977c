import { randomUUID } from 'node:crypto';
import { computeJobState, toJobId } from 'agenda';
import type {
  JobId,
  JobParameters,
  JobRepository,
  JobRepositoryOptions,
  JobsOverview,
  JobsQueryOptions,
  JobsResult,
  JobsSort,
  JobState,
  JobWithState,
  RemoveJobsOptions,
  UniqueOpts,
} from 'agenda';
import { JOBS_TABLE } from './schema';
import { SqliteBackendError } from './sqlite-backend-error';
import type { SqliteConnection } from './sqlite-connection';
import {
  SqlConditions,
  addDataFilter,
  addUniqueFilter,
  fromEpochMs,
  parseJsonText,
  toEpochMs,
  toFailReasonText,
  toJsonText,
} from './sqlite-values';

/** A row of `agenda_jobs` as better-sqlite3 returns it. */
interface JobRow {
  id: string;
  name: string;
  priority: number;
  next_run_at: number | null;
  type: 'normal' | 'single';
  locked_at: number | null;
  last_finished_at: number | null;
  failed_at: number | null;
  fail_count: number | null;
  fail_reason: string | null;
  repeat_timezone: string | null;
  last_run_at: number | null;
  repeat_interval: string | number | null;
  data: string;
  repeat_at: string | null;
  disabled: number;
  progress: number | null;
  fork: number;
  unique_query: string | null;
  unique_opts: string | null;
  last_modified_by: string | null;
  debounce_started_at: number | null;
  start_date: number | null;
  end_date: number | null;
  skip_days: string | null;
}

/** The columns a job's owner sets through save(); the processor-managed ones only move through saveJobState(). */
type DefinitionParams = {
  name: string;
  priority: number;
  next_run_at: number | null;
  type: 'normal' | 'single';
  repeat_timezone: string | null;
  repeat_interval: string | number | null;
  data: string;
  repeat_at: string | null;
  disabled: number;
  fork: number;
  unique_query: string | null;
  unique_opts: string | null;
  last_modified_by: string | null;
  start_date: number | null;
  end_date: number | null;
  skip_days: string | null;
  now: number;
};

const T = JOBS_TABLE;

const INSERT_JOB = `
INSERT INTO ${T} (id, name, priority, next_run_at, type, repeat_timezone, repeat_interval, data, repeat_at, disabled, fork,
  unique_query, unique_opts, last_modified_by, debounce_started_at, start_date, end_date, skip_days, created_at, updated_at)
VALUES (@id, @name, @priority, @next_run_at, @type, @repeat_timezone, @repeat_interval, @data, @repeat_at, @disabled, @fork,
  @unique_query, @unique_opts, @last_modified_by, @debounce_started_at, @start_date, @end_date, @skip_days, @now, @now)
RETURNING *`;

const DEFINITION_ASSIGNMENTS = `priority = @priority, type = @type, repeat_timezone = @repeat_timezone,
  repeat_interval = @repeat_interval, data = @data, repeat_at = @repeat_at, disabled = @disabled, fork = @fork,
  unique_query = @unique_query, unique_opts = @unique_opts, last_modified_by = @last_modified_by,
  start_date = @start_date, end_date = @end_date, skip_days = @skip_days, updated_at = @now`;

// Job.save() leaves the processor-managed fields out on purpose (a job may save itself while running),
// so an update by id must not clear lockedAt, lastRunAt, failCount and the like.
const UPDATE_JOB_BY_ID = `
UPDATE ${T} SET next_run_at = @next_run_at, ${DEFINITION_ASSIGNMENTS}
WHERE id = @id AND name = @name
RETURNING *`;

const UPDATE_UNIQUE_MATCH = `
UPDATE ${T} SET next_run_at = @next_run_at, debounce_started_at = @debounce_started_at, ${DEFINITION_ASSIGNMENTS}
WHERE id = @id
RETURNING *`;

// every() saves a 'single' job: one row per name. A nextRunAt of "now or earlier" (a fresh interval)
// must not pull forward a run that is already scheduled, so it only fills an empty nextRunAt.
const UPSERT_SINGLE_JOB = `
INSERT INTO ${T} (id, name, priority, next_run_at, type, repeat_timezone, repeat_interval, data, repeat_at, disabled, fork,
  unique_query, unique_opts, last_modified_by, debounce_started_at, start_date, end_date, skip_days, created_at, updated_at)
VALUES (@id, @name, @priority, @next_run_at, 'single', @repeat_timezone, @repeat_interval, @data, @repeat_at, @disabled, @fork,
  @unique_query, @unique_opts, @last_modified_by, NULL, @start_date, @end_date, @skip_days, @now, @now)
ON CONFLICT (name) WHERE type = 'single' DO UPDATE SET
  priority = excluded.priority,
  next_run_at = CASE WHEN @protect_next_run_at = 1 THEN COALESCE(${T}.next_run_at, excluded.next_run_at) ELSE excluded.next_run_at END,
  repeat_timezone = excluded.repeat_timezone, repeat_interval = excluded.repeat_interval, data = excluded.data,
  repeat_at = excluded.repeat_at, disabled = excluded.disabled, fork = excluded.fork,
  unique_query = excluded.unique_query, unique_opts = excluded.unique_opts, last_modified_by = excluded.last_modified_by,
  start_date = excluded.start_date, end_date = excluded.end_date, skip_days = excluded.skip_days, updated_at = excluded.updated_at
RETURNING *`;

const SAVE_JOB_STATE = `
UPDATE ${T} SET locked_at = @locked_at, next_run_at = @next_run_at, last_run_at = @last_run_at, progress = @progress,
  fail_reason = @fail_reason, fail_count = @fail_count, failed_at = @failed_at, last_finished_at = @last_finished_at,
  last_modified_by = @last_modified_by, updated_at = @now
WHERE id = @id AND name = @name`;

// One statement finds and locks: SQLite runs an UPDATE under the database write lock from its first
// step, so the sub-select and the update cannot interleave with another connection or process.
// Candidates: never-locked jobs due before the next scan, and jobs whose lock has expired (a crashed or
// stalled worker). Disabled jobs never run.
const FIND_AND_LOCK_NEXT_JOB = `
UPDATE ${T} SET locked_at = @lock_time, last_modified_by = @last_modified_by, updated_at = @now
WHERE id = (
  SELECT id FROM ${T}
  WHERE name = @name AND disabled = 0
    AND ((locked_at IS NULL AND next_run_at <= @next_scan_at) OR locked_at <= @lock_deadline)
  ORDER BY priority DESC, next_run_at ASC NULLS LAST, rowid ASC
  LIMIT 1
)
RETURNING *`;

const LOCK_JOB = `
UPDATE ${T} SET locked_at = @now, last_modified_by = @last_modified_by, updated_at = @now
WHERE id = @id AND name = @name AND locked_at IS NULL AND next_run_at IS @next_run_at AND disabled = 0
RETURNING *`;

// A job whose nextRunAt is null is mid-run (Job.run() clears it for one-off jobs): its lock stays.
const UNLOCK_JOB = `UPDATE ${T} SET locked_at = NULL, updated_at = @now WHERE id = @id AND next_run_at IS NOT NULL`;
const UNLOCK_JOBS = `UPDATE ${T} SET locked_at = NULL, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))`;

const SORT_COLUMNS: Record<keyof JobsSort, { column: string; nullable: boolean }> = {
  nextRunAt: { column: 'next_run_at', nullable: true },
  lastRunAt: { column: 'last_run_at', nullable: true },
  lastFinishedAt: { column: 'last_finished_at', nullable: true },
  priority: { column: 'priority', nullable: false },
  name: { column: 'name', nullable: false },
  data: { column: 'data', nullable: false },
};
/** Agendash's default: most recently scheduled first. */
const DEFAULT_ORDER = 'next_run_at DESC NULLS LAST, last_run_at DESC NULLS LAST, rowid ASC';

/** Agenda's `JobRepository` over one SQLite file (or a caller's better-sqlite3 handle). */
export class SqliteJobRepository implements JobRepository {
  constructor(private readonly connection: SqliteConnection) {}

  async connect(): Promise<void> {
    this.connection.open();
  }

  async getJobById(id: string): Promise<JobParameters | null> {
    const row = this.connection.prepare(`SELECT * FROM ${T} WHERE id = ?`).get(String(id)) as JobRow | undefined;
    return row ? rowToJob(row) : null;
  }

  async queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    const { name, names, state, id, ids, search, data, includeDisabled = true, sort, skip = 0, limit = 0 } = options;
    const conditions = new SqlConditions();
    if (name) conditions.add('name = ?', name);
    else if (names?.length) conditions.add('name IN (SELECT value FROM json_each(?))', JSON.stringify(names));
    if (id) conditions.add('id = ?', String(id));
    else if (ids?.length) conditions.add('id IN (SELECT value FROM json_each(?))', JSON.stringify(ids.map(String)));
    if (search) conditions.add(`name LIKE ? ESCAPE '\\'`, `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (data !== undefined) addDataFilter(conditions, data);
    if (!includeDisabled) conditions.add('disabled = 0');
    // 'paused' is the disabled flag, not a computed state, so SQL can filter it.
    if (state === 'paused') conditions.add('disabled = 1');
    const where = conditions.where();
    const order = orderBy(sort);
    const now = new Date();
    const withState = (row: JobRow): JobWithState => {
      const job = rowToJob(row);
      return { ...job, _id: toJobId(row.id), state: computeJobState(job, now) };
    };

    if (!state || state === 'paused') {
      // No computed-state filter: count and page in SQL instead of loading every row.
      const total = this.connection.prepare(`SELECT COUNT(*) AS n FROM ${T} ${where}`).get(...conditions.params) as { n: number };
      const rows = this.connection
        .prepare(`SELECT * FROM ${T} ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
        .all(...conditions.params, limit > 0 ? limit : -1, Math.max(0, skip)) as JobRow[];
      return { jobs: rows.map(withState), total: total.n };
    }

    // The other states are derived from several timestamps by Agenda's own computeJobState (one
    // definition for every backend), so they are filtered, counted and paged after computing it.
    const rows = this.connection.prepare(`SELECT * FROM ${T} ${where} ORDER BY ${order}`).all(...conditions.params) as JobRow[];
    const matching = rows.map(withState).filter((job) => job.state === state);
    const from = Math.max(0, skip);
    return { jobs: limit > 0 ? matching.slice(from, from + limit) : matching.slice(from), total: matching.length };
  }

  async getJobsOverview(): Promise<JobsOverview[]> {
    const rows = this.connection
      .prepare(
        `SELECT name, priority, type, next_run_at, locked_at, last_finished_at, failed_at, repeat_interval, disabled FROM ${T} ORDER BY name`,
      )
      .all() as Pick<
      JobRow,
      'name' | 'priority' | 'type' | 'next_run_at' | 'locked_at' | 'last_finished_at' | 'failed_at' | 'repeat_interval' | 'disabled'
    >[];
    const now = new Date();
    const overviews = new Map<string, JobsOverview>();
    for (const row of rows) {
      let overview = overviews.get(row.name);
      if (!overview) {
        overview = { name: row.name, total: 0, running: 0, scheduled: 0, queued: 0, completed: 0, failed: 0, repeating: 0, paused: 0 };
        overviews.set(row.name, overview);
      }
      const state: JobState = computeJobState(
        {
          name: row.name,
          priority: row.priority,
          type: row.type,
          data: null,
          nextRunAt: row.next_run_at === null ? null : new Date(row.next_run_at),
          lockedAt: fromEpochMs(row.locked_at),
          lastFinishedAt: fromEpochMs(row.last_finished_at),
          failedAt: fromEpochMs(row.failed_at),
          repeatInterval: row.repeat_interval ?? undefined,
        },
        now,
      );
      overview.total++;
      overview[state]++;
      // A disabled job keeps its computed state and is also counted as paused (as Agendash expects).
      if (row.disabled === 1) overview.paused++;
    }
    return [...overviews.values()];
  }

  async getDistinctJobNames(): Promise<string[]> {
    return this.connection.prepare(`SELECT DISTINCT name FROM ${T} ORDER BY name`).pluck().all() as string[];
  }

  async getQueueSize(): Promise<number> {
    return this.connection.prepare(`SELECT COUNT(*) FROM ${T} WHERE next_run_at < ?`).pluck().get(Date.now()) as number;
  }

  async removeJobs(options: RemoveJobsOptions): Promise<number> {
    const conditions = selectionConditions(options);
    // No criteria means "nothing", never "everything": purgeAllJobs() is the explicit way to empty the table.
    if (!conditions) return 0;
    return this.connection.prepare(`DELETE FROM ${T} ${conditions.where()}`).run(...conditions.params).changes;
  }

  async disableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.setDisabled(options, true);
  }

  async enableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.setDisabled(options, false);
  }

  async purgeAllJobs(): Promise<number> {
    return this.connection.prepare(`DELETE FROM ${T}`).run().changes;
  }

  async saveJob<DATA = unknown>(job: JobParameters<DATA>, options: JobRepositoryOptions | undefined): Promise<JobParameters<DATA>> {
    const params = definitionParams(job, options);
    // The stored data is the caller's own DATA, round-tripped through JSON.
    const typed = (row: JobRow) => rowToJob(row) as JobParameters<DATA>;

    if (job._id) {
      const row = this.connection.prepare(UPDATE_JOB_BY_ID).get({ ...params, id: String(job._id) }) as JobRow | undefined;
      // Removed while the caller held it (e.g. cancelled during a run): hand the caller's copy back, as the other backends do.
      return row ? typed(row) : job;
    }

    if (params.type === 'single') {
      const protect = params.next_run_at !== null && params.next_run_at <= params.now;
      const row = this.connection
        .prepare(UPSERT_SINGLE_JOB)
        .get({ ...params, id: randomUUID(), protect_next_run_at: protect ? 1 : 0 }) as JobRow;
      return typed(row);
    }

    if (job.unique) {
      const unique = job.unique;
      return this.connection.writeTransaction(() => typed(this.saveUnique(unique, job.uniqueOpts, params)));
    }

    return typed(this.insert(params, null));
  }

  async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    if (!job._id)
      throw new SqliteBackendError('INVALID_VALUE', `cannot save the state of job "${job.name}": it has no _id (save() it first)`);
    const result = this.connection.prepare(SAVE_JOB_STATE).run({
      id: String(job._id),
      name: job.name,
      locked_at: toEpochMs(job.lockedAt, 'lockedAt'),
      next_run_at: toEpochMs(job.nextRunAt, 'nextRunAt'),
      last_run_at: toEpochMs(job.lastRunAt, 'lastRunAt'),
      progress: job.progress ?? null,
      fail_reason: toFailReasonText(job.failReason),
      fail_count: job.failCount ?? null,
      failed_at: toEpochMs(job.failedAt, 'failedAt'),
      last_finished_at: toEpochMs(job.lastFinishedAt, 'lastFinishedAt'),
      last_modified_by: options?.lastModifiedBy ?? null,
      now: Date.now(),
    });
    if (result.changes !== 1) {
      throw new SqliteBackendError('JOB_NOT_FOUND', `job ${String(job._id)} (name: ${job.name}) cannot be updated: it no longer exists`);
    }
  }

  async lockJob(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    if (!job._id) return undefined;
    const row = this.connection.prepare(LOCK_JOB).get({
      id: String(job._id),
      name: job.name,
      next_run_at: toEpochMs(job.nextRunAt, 'nextRunAt'),
      last_modified_by: options?.lastModifiedBy ?? null,
      now: Date.now(),
    }) as JobRow | undefined;
    return row ? rowToJob(row) : undefined;
  }

  async unlockJob(job: JobParameters): Promise<void> {
    if (!job._id) return;
    this.connection.prepare(UNLOCK_JOB).run({ id: String(job._id), now: Date.now() });
  }

  async unlockJobs(jobIds: (JobId | string)[]): Promise<void> {
    if (jobIds.length === 0) return;
    this.connection.prepare(UNLOCK_JOBS).run(Date.now(), JSON.stringify(jobIds.map(String)));
  }

  async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    // better-sqlite3 answers synchronously, and Agenda calls this in a loop until no job is left: yield one
    // event-loop turn per lock so a long sweep (or a stuck loop) cannot starve timers and I/O of the process.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const row = this.connection.prepare(FIND_AND_LOCK_NEXT_JOB).get({
      name: jobName,
      next_scan_at: toEpochMs(nextScanAt, 'nextScanAt'),
      lock_deadline: toEpochMs(lockDeadline, 'lockDeadline'),
      lock_time: toEpochMs(now ?? new Date(), 'now'),
      last_modified_by: options?.lastModifiedBy ?? null,
      now: Date.now(),
    }) as JobRow | undefined;
    return row ? rowToJob(row) : undefined;
  }

  /** Insert, update, or keep the job matching `unique`; runs inside a write transaction. */
  private saveUnique(unique: Record<string, unknown>, uniqueOpts: UniqueOpts | undefined, params: DefinitionParams): JobRow {
    const conditions = new SqlConditions().add('name = ?', params.name);
    addUniqueFilter(conditions, unique);
    const existing = this.connection
      .prepare(`SELECT * FROM ${T} ${conditions.where()} ORDER BY rowid LIMIT 1`)
      .get(...conditions.params) as JobRow | undefined;
    const debounce = uniqueOpts?.debounce;
    if (debounce && !(Number.isFinite(debounce.delay) && debounce.delay >= 0)) {
      throw new SqliteBackendError('INVALID_VALUE', `debounce delay must be a non-negative number of ms, got ${String(debounce.delay)}`);
    }
    const now = params.now;

    if (!existing) {
      if (!debounce) return this.insert(params, null);
      // A new debounce window opens now; trailing runs at its end, leading runs at once.
      const nextRunAt = debounce.strategy === 'leading' ? params.next_run_at : now + debounce.delay;
      return this.insert({ ...params, next_run_at: nextRunAt }, now);
    }

    if (uniqueOpts?.insertOnly && !debounce) return existing;

    let nextRunAt = params.next_run_at;
    let debounceStartedAt: number | null = null;
    if (debounce) {
      const windowStart = existing.debounce_started_at ?? now;
      if (debounce.strategy === 'leading') {
        // Leading already ran (or will run) at the window's start: later saves only refresh the data.
        nextRunAt = existing.next_run_at;
        debounceStartedAt = windowStart;
      } else if (debounce.maxWait && now - windowStart >= debounce.maxWait) {
        // Saves kept coming for maxWait: run now and let the next save open a fresh window.
        nextRunAt = now;
        debounceStartedAt = null;
      } else {
        nextRunAt = now + debounce.delay;
        debounceStartedAt = windowStart;
      }
    }
    return this.connection
      .prepare(UPDATE_UNIQUE_MATCH)
      .get({ ...params, id: existing.id, next_run_at: nextRunAt, debounce_started_at: debounceStartedAt }) as JobRow;
  }

  private insert(params: DefinitionParams, debounceStartedAt: number | null): JobRow {
    return this.connection.prepare(INSERT_JOB).get({ ...params, id: randomUUID(), debounce_started_at: debounceStartedAt }) as JobRow;
  }

  private setDisabled(options: RemoveJobsOptions, disabled: boolean): number {
    const conditions = selectionConditions(options);
    if (!conditions) return 0;
    // Count only jobs whose flag actually changes.
    conditions.add('disabled = ?', disabled ? 0 : 1);
    return this.connection
      .prepare(`UPDATE ${T} SET disabled = ?, updated_at = ? ${conditions.where()}`)
      .run(disabled ? 1 : 0, Date.now(), ...conditions.params).changes;
  }
}

function rowToJob(row: JobRow): JobParameters {
  return {
    _id: toJobId(row.id),
    name: row.name,
    priority: row.priority,
    nextRunAt: row.next_run_at === null ? null : new Date(row.next_run_at),
    type: row.type,
    lockedAt: fromEpochMs(row.locked_at),
    lastFinishedAt: fromEpochMs(row.last_finished_at),
    failedAt: fromEpochMs(row.failed_at),
    failCount: row.fail_count ?? undefined,
    failReason: row.fail_reason ?? undefined,
    repeatTimezone: row.repeat_timezone ?? undefined,
    lastRunAt: fromEpochMs(row.last_run_at),
    repeatInterval: row.repeat_interval ?? undefined,
    data: parseJsonText<unknown>(row.data, 'data') ?? null,
    repeatAt: row.repeat_at ?? undefined,
    disabled: row.disabled === 1,
    progress: row.progress ?? undefined,
    fork: row.fork === 1,
    unique: parseJsonText<Record<string, unknown>>(row.unique_query, 'unique'),
    uniqueOpts: parseJsonText<UniqueOpts>(row.unique_opts, 'uniqueOpts'),
    lastModifiedBy: row.last_modified_by ?? undefined,
    debounceStartedAt: fromEpochMs(row.debounce_started_at),
    startDate: fromEpochMs(row.start_date),
    endDate: fromEpochMs(row.end_date),
    skipDays: parseJsonText<number[]>(row.skip_days, 'skipDays'),
  };
}

function definitionParams(job: JobParameters<unknown>, options: JobRepositoryOptions | undefined): DefinitionParams {
  if (typeof job.name !== 'string' || job.name === '') throw new SqliteBackendError('INVALID_VALUE', 'a job needs a non-empty name');
  const type = job.type ?? 'normal';
  if (type !== 'normal' && type !== 'single')
    throw new SqliteBackendError('INVALID_VALUE', `job "${job.name}" has an unknown type: ${String(type)}`);
  const priority = job.priority ?? 0;
  if (!Number.isFinite(priority))
    throw new SqliteBackendError('INVALID_VALUE', `job "${job.name}" has a non-numeric priority: ${String(priority)}`);
  return {
    name: job.name,
    priority,
    next_run_at: toEpochMs(job.nextRunAt, 'nextRunAt'),
    type,
    repeat_timezone: job.repeatTimezone ?? null,
    repeat_interval: job.repeatInterval ?? null,
    data: toJsonText(job.data),
    repeat_at: job.repeatAt ?? null,
    disabled: job.disabled ? 1 : 0,
    fork: job.fork ? 1 : 0,
    unique_query: job.unique ? toJsonText(job.unique) : null,
    unique_opts: job.uniqueOpts ? toJsonText(job.uniqueOpts) : null,
    last_modified_by: options?.lastModifiedBy ?? null,
    start_date: toEpochMs(job.startDate, 'startDate'),
    end_date: toEpochMs(job.endDate, 'endDate'),
    skip_days: job.skipDays ? toJsonText(job.skipDays) : null,
    now: Date.now(),
  };
}

/** The selection of remove/disable/enable; null when the options select nothing. */
function selectionConditions(options: RemoveJobsOptions): SqlConditions | null {
  const conditions = new SqlConditions();
  if (options.id) conditions.add('id = ?', String(options.id));
  else if (options.ids?.length) conditions.add('id IN (SELECT value FROM json_each(?))', JSON.stringify(options.ids.map(String)));
  if (options.name) conditions.add('name = ?', options.name);
  else if (options.names?.length) conditions.add('name IN (SELECT value FROM json_each(?))', JSON.stringify(options.names));
  else if (options.notNames?.length) conditions.add('name NOT IN (SELECT value FROM json_each(?))', JSON.stringify(options.notNames));
  if (options.data !== undefined) addDataFilter(conditions, options.data);
  return conditions.isEmpty ? null : conditions;
}

function orderBy(sort: JobsSort | undefined): string {
  const parts: string[] = [];
  for (const [key, direction] of Object.entries(sort ?? {}) as [keyof JobsSort, string | undefined][]) {
    const spec = SORT_COLUMNS[key];
    if (!spec || direction === undefined) continue;
    if (direction !== 'asc' && direction !== 'desc')
      throw new SqliteBackendError('INVALID_VALUE', `sort direction for ${key} must be 'asc' or 'desc'`);
    parts.push(`${spec.column} ${direction.toUpperCase()}${spec.nullable ? ' NULLS LAST' : ''}`);
  }
  return parts.length ? `${parts.join(', ')}, rowid ASC` : DEFAULT_ORDER;
}
