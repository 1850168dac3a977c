import type { JobLogEntry, JobLogEvent, JobLogger, JobLogQuery, JobLogQueryResult, LogLevel } from 'agenda';
import { JOB_LOGS_TABLE } from './schema';
import type { SqliteConnection } from './sqlite-connection';
import { SqlConditions, parseJsonText, toEpochMs } from './sqlite-values';

interface LogRow {
  id: number;
  timestamp: number;
  level: LogLevel;
  event: JobLogEvent;
  job_id: string | null;
  job_name: string;
  message: string;
  duration: number | null;
  error: string | null;
  fail_count: number | null;
  retry_delay: number | null;
  retry_attempt: number | null;
  agenda_name: string | null;
  meta: string | null;
}

const L = JOB_LOGS_TABLE;
const DEFAULT_LIMIT = 50;

const INSERT_LOG = `
INSERT INTO ${L} (timestamp, level, event, job_id, job_name, message, duration, error, fail_count, retry_delay, retry_attempt, agenda_name, meta)
VALUES (@timestamp, @level, @event, @job_id, @job_name, @message, @duration, @error, @fail_count, @retry_delay, @retry_attempt, @agenda_name, @meta)`;

/** Agenda's job lifecycle events (start, success, fail, retry…) in the `agenda_job_logs` table beside the jobs. */
export class SqliteJobLogger implements JobLogger {
  constructor(private readonly connection: SqliteConnection) {}

  async log(entry: Omit<JobLogEntry, '_id'>): Promise<void> {
    // Agenda logs fire-and-forget, and a run can finish after stop() closed the file: such late events are dropped.
    if (!this.connection.isOpen) return;
    this.connection.prepare(INSERT_LOG).run({
      timestamp: toEpochMs(entry.timestamp ?? new Date(), 'log timestamp'),
      level: entry.level,
      event: entry.event,
      job_id: entry.jobId ?? null,
      job_name: entry.jobName,
      message: entry.message,
      duration: entry.duration ?? null,
      error: entry.error ?? null,
      fail_count: entry.failCount ?? null,
      retry_delay: entry.retryDelay ?? null,
      retry_attempt: entry.retryAttempt ?? null,
      agenda_name: entry.agendaName ?? null,
      meta: entry.meta ? JSON.stringify(entry.meta) : null,
    });
  }

  async getLogs(query: JobLogQuery = {}): Promise<JobLogQueryResult> {
    const conditions = logConditions(query);
    const direction = query.sort === 'asc' ? 'ASC' : 'DESC';
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = Math.max(0, query.offset ?? 0);
    const where = conditions.where();
    const total = this.connection
      .prepare(`SELECT COUNT(*) FROM ${L} ${where}`)
      .pluck()
      .get(...conditions.params) as number;
    const rows = this.connection
      // id breaks ties between events logged in the same millisecond, in the order they were written.
      .prepare(`SELECT * FROM ${L} ${where} ORDER BY timestamp ${direction}, id ${direction} LIMIT ? OFFSET ?`)
      .all(...conditions.params, limit > 0 ? limit : -1, offset) as LogRow[];
    return { entries: rows.map(rowToEntry), total };
  }

  async clearLogs(query?: JobLogQuery): Promise<number> {
    const conditions = logConditions(query ?? {});
    return this.connection.prepare(`DELETE FROM ${L} ${conditions.where()}`).run(...conditions.params).changes;
  }
}

function logConditions(query: JobLogQuery): SqlConditions {
  const conditions = new SqlConditions();
  if (query.jobId) conditions.add('job_id = ?', query.jobId);
  if (query.jobName) conditions.add('job_name = ?', query.jobName);
  if (query.level !== undefined) conditions.add('level IN (SELECT value FROM json_each(?))', JSON.stringify([query.level].flat()));
  if (query.event !== undefined) conditions.add('event IN (SELECT value FROM json_each(?))', JSON.stringify([query.event].flat()));
  if (query.from) conditions.add('timestamp >= ?', toEpochMs(query.from, 'log query from'));
  if (query.to) conditions.add('timestamp <= ?', toEpochMs(query.to, 'log query to'));
  return conditions;
}

function rowToEntry(row: LogRow): JobLogEntry {
  return {
    _id: String(row.id),
    timestamp: new Date(row.timestamp),
    level: row.level,
    event: row.event,
    jobId: row.job_id ?? undefined,
    jobName: row.job_name,
    message: row.message,
    duration: row.duration ?? undefined,
    error: row.error ?? undefined,
    failCount: row.fail_count ?? undefined,
    retryDelay: row.retry_delay ?? undefined,
    retryAttempt: row.retry_attempt ?? undefined,
    agendaName: row.agenda_name ?? undefined,
    meta: parseJsonText<Record<string, unknown>>(row.meta, 'log meta'),
  };
}
