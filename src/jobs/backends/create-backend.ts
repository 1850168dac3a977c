import { MongoBackend } from '@agendajs/mongo-backend';
import { PostgresBackend, type PostgresJobRepository } from '@agendajs/postgres-backend';
import type { AgendaBackend } from 'agenda';
import { Client } from 'pg';
import type { AppConfig } from '../../config/config';
import { SqliteBackend } from './sqlite/sqlite-backend';

export type JobsBackendSpec = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string } | { kind: 'mongo'; url: string };

/** The backend JOBS_BACKEND names (SQLite unless PostgreSQL or MongoDB is both asked for and configured). */
export function jobsBackendSpec(config: AppConfig): JobsBackendSpec {
  if (config.jobsBackend === 'postgres' && config.database.kind === 'postgres') return { kind: 'postgres', url: config.database.url };
  if (config.jobsBackend === 'mongo' && config.mongodbUrl) return { kind: 'mongo', url: config.mongodbUrl };
  return { kind: 'sqlite', path: config.jobs.sqlitePath };
}

/** Same table/collection names on every backend, so Agendash and ad-hoc queries look alike everywhere. */
export const JOBS_TABLE_NAME = 'agenda_jobs';
export const JOB_LOGS_TABLE_NAME = 'agenda_job_logs';

/**
 * The Agenda storage for JOBS_BACKEND. Nothing connects here: `new Agenda({ backend })` calls
 * `backend.connect()`. Each backend carries its job logger; Agenda writes to it when created with
 * `logging: true`.
 */
export function createJobsBackend(spec: JobsBackendSpec, onConnectionError: (err: Error) => void = () => undefined): AgendaBackend {
  switch (spec.kind) {
    case 'sqlite':
      return new SqliteBackend({ path: spec.path });
    case 'postgres':
      // LISTEN/NOTIFY stays on: a job saved by the API reaches a worker at once instead of at the next poll.
      return guardPoolErrors(
        new PostgresBackend({ connectionString: spec.url, tableName: JOBS_TABLE_NAME, logTableName: JOB_LOGS_TABLE_NAME }),
        spec.url,
        onConnectionError,
      );
    case 'mongo':
      return new MongoBackend({ address: spec.url, collection: JOBS_TABLE_NAME, logCollection: JOB_LOGS_TABLE_NAME });
    default: {
      const unknown: never = spec;
      throw new Error(`unknown jobs backend kind: ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}

/**
 * A pg pool emits 'error' when an idle connection is cut (a server restart, a terminated backend);
 * the PostgreSQL backend attaches no listener, so the process would crash. The pool reconnects on
 * its next query; we only report. Connecting may create a fresh pool, so the guard follows it.
 * Connecting also takes the schema lock below.
 */
function guardPoolErrors(backend: PostgresBackend, url: string, onError: (err: Error) => void): PostgresBackend {
  const guard = () => {
    const pool = (backend.repository as PostgresJobRepository).getPool();
    if (!pool.listeners('error').includes(onError)) pool.on('error', onError);
  };
  guard();
  const connect = backend.connect.bind(backend);
  backend.connect = async () => {
    await connectOneAtATime(url, connect);
    guard();
  };
  return backend;
}

/**
 * The PostgreSQL backend creates its schema on every connect (CREATE TABLE IF NOT EXISTS, CREATE OR
 * REPLACE FUNCTION…); two processes starting at once (two workers, `WEB_CONCURRENCY`) race in the
 * catalogue ("tuple concurrently updated", a duplicate pg_type key). Starts are taken one at a time
 * under a session advisory lock on a connection of their own, released whatever happens.
 */
async function connectOneAtATime(url: string, connect: () => Promise<void>): Promise<void> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [SCHEMA_LOCK]);
    await connect();
  } finally {
    await lock.end().catch(() => undefined); // ending the session releases its advisory lock
  }
}

/** The advisory lock's name: one per jobs table, whatever the database. */
const SCHEMA_LOCK = `agenda schema: ${JOBS_TABLE_NAME}`;
