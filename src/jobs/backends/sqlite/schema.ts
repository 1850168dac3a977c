import type BetterSqlite3 from 'better-sqlite3';

export const JOBS_TABLE = 'agenda_jobs';
export const JOB_LOGS_TABLE = 'agenda_job_logs';

/**
 * Dates are epoch milliseconds (INTEGER) so ORDER BY and range comparisons are numeric;
 * booleans are 0/1; `data`, `unique_query`, `unique_opts` and `skip_days` are JSON text.
 * `repeat_interval` has no declared type on purpose: without affinity SQLite keeps a numeric
 * interval (`every(5000, …)`) a number and a human or cron interval a string.
 */
const CREATE_JOBS_TABLE = `
CREATE TABLE IF NOT EXISTS ${JOBS_TABLE} (
  id                  TEXT PRIMARY KEY NOT NULL,
  name                TEXT NOT NULL,
  priority            INTEGER NOT NULL DEFAULT 0,
  next_run_at         INTEGER,
  type                TEXT NOT NULL DEFAULT 'normal' CHECK (type IN ('normal', 'single')),
  locked_at           INTEGER,
  last_finished_at    INTEGER,
  failed_at           INTEGER,
  fail_count          INTEGER,
  fail_reason         TEXT,
  repeat_timezone     TEXT,
  last_run_at         INTEGER,
  repeat_interval,
  data                TEXT NOT NULL DEFAULT 'null',
  repeat_at           TEXT,
  disabled            INTEGER NOT NULL DEFAULT 0,
  progress            REAL,
  fork                INTEGER NOT NULL DEFAULT 0,
  unique_query        TEXT,
  unique_opts         TEXT,
  last_modified_by    TEXT,
  debounce_started_at INTEGER,
  start_date          INTEGER,
  end_date            INTEGER,
  skip_days           TEXT,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
)`;

const CREATE_JOBS_INDEXES = [
  // getNextJobToRun: due and never-locked jobs of one name…
  `CREATE INDEX IF NOT EXISTS ${JOBS_TABLE}_due_idx ON ${JOBS_TABLE} (name, next_run_at) WHERE disabled = 0`,
  // …and jobs of one name whose lock has expired.
  `CREATE INDEX IF NOT EXISTS ${JOBS_TABLE}_locked_idx ON ${JOBS_TABLE} (name, locked_at) WHERE disabled = 0`,
  // every(): one row per name for 'single' jobs; also the ON CONFLICT target of the upsert.
  `CREATE UNIQUE INDEX IF NOT EXISTS ${JOBS_TABLE}_single_name_idx ON ${JOBS_TABLE} (name) WHERE type = 'single'`,
  // getQueueSize and Agendash's default sort.
  `CREATE INDEX IF NOT EXISTS ${JOBS_TABLE}_next_run_at_idx ON ${JOBS_TABLE} (next_run_at)`,
];

const CREATE_LOGS_TABLE = `
CREATE TABLE IF NOT EXISTS ${JOB_LOGS_TABLE} (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  timestamp     INTEGER NOT NULL,
  level         TEXT NOT NULL,
  event         TEXT NOT NULL,
  job_id        TEXT,
  job_name      TEXT NOT NULL,
  message       TEXT NOT NULL,
  duration      INTEGER,
  error         TEXT,
  fail_count    INTEGER,
  retry_delay   INTEGER,
  retry_attempt INTEGER,
  agenda_name   TEXT,
  meta          TEXT
)`;

const CREATE_LOGS_INDEXES = [
  `CREATE INDEX IF NOT EXISTS ${JOB_LOGS_TABLE}_timestamp_idx ON ${JOB_LOGS_TABLE} (timestamp, id)`,
  `CREATE INDEX IF NOT EXISTS ${JOB_LOGS_TABLE}_job_id_idx ON ${JOB_LOGS_TABLE} (job_id, timestamp)`,
  `CREATE INDEX IF NOT EXISTS ${JOB_LOGS_TABLE}_job_name_idx ON ${JOB_LOGS_TABLE} (job_name, timestamp)`,
];

/** Creates the jobs and job-log tables if missing. Idempotent, and safe when several processes connect at once. */
export function ensureSchema(db: BetterSqlite3.Database): void {
  // IMMEDIATE takes the write lock up front, so two processes starting together queue on busy_timeout instead of failing.
  db.transaction(() => {
    for (const sql of [CREATE_JOBS_TABLE, ...CREATE_JOBS_INDEXES, CREATE_LOGS_TABLE, ...CREATE_LOGS_INDEXES]) db.exec(sql);
  }).immediate();
}
