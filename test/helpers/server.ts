import type { DataSource } from 'typeorm';
import { type AppConfig, loadConfig } from '../../src/config/config';
import { createLogger, type Logger } from '../../src/config/logger';
import { openWarehouse } from '../../src/db/open-warehouse';
import { startHttpServer } from '../../src/server/app';
import { createApiToken } from '../../src/access/api-tokens';
import type { Service } from '../../src/config/config';
import type { Extractor } from '../../src/ingest/extract/extractor';
import { type JobsRuntime, startJobsRuntime } from '../../src/jobs/jobs-runtime';
import { createTestDatabase, tempDir, type TestDatabase } from './databases';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown>; path?: unknown[] }> };
}

/** The real server on a random loopback port over a fresh database, with an admin and a viewer token. */
export interface TestServer {
  url: string;
  ds: DataSource;
  config: AppConfig;
  lakeDir: string;
  adminToken: string;
  viewerToken: string;
  logs: string[];
  /** The ingestion admin, when the server was started with `jobs`. */
  jobs: JobsRuntime | null;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface TestServerJobs {
  /** Run jobs in the server process (false: an API that only queues, for separate workers). */
  worker: boolean;
  extractors?: Partial<Record<Service, Extractor>>;
}

export async function startTestServer(
  kind: 'sqlite' | 'postgres',
  env: Record<string, string> = {},
  jobsOptions?: TestServerJobs,
  /** `now`: the server's clock (the label's today for range presets and the response cache); real time when omitted. */
  serverOptions: { now?: () => Date } = {},
): Promise<TestServer> {
  const db: TestDatabase = await createTestDatabase(kind);
  const lakeDir = tempDir('lake');
  const scratch = tempDir('srv');
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATA_LAKE_DIR: lakeDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    JOBS_SQLITE_PATH: `${scratch}/jobs.sqlite`,
    SESSION_DIR: `${scratch}/sessions`,
    EXTRACT_ARTEFACTS_DIR: `${scratch}/artefacts`,
    JOB_PROCESS_EVERY_MS: '200',
    // Agenda leaves a lockLifetime/2 timer per run that stop() does not clear: keep it short so jest can exit.
    JOB_LOCK_LIFETIME_MS: '10000',
    SHUTDOWN_DEADLINE_MS: '3000',
    ...env,
  });
  const logs: string[] = [];
  const logger: Logger = createLogger(config.logLevel, (l) => logs.push(l));
  const ds = await openWarehouse(config);
  const jobs = jobsOptions
    ? await startJobsRuntime(ds, config, logger, { worker: jobsOptions.worker, scheduler: false, extractors: jobsOptions.extractors })
    : null;
  const server = await startHttpServer(ds, config, logger, { jobs, now: serverOptions.now });
  const adminToken = await createApiToken(ds, 'test-admin', 'ADMIN');
  const viewerToken = await createApiToken(ds, 'test-viewer', 'VIEWER');
  return {
    url: server.url,
    ds,
    config,
    lakeDir,
    adminToken,
    viewerToken,
    logs,
    jobs,
    async gql(query, variables, token = viewerToken) {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as GraphQLResponse['body'] } as never;
    },
    async close() {
      await server.close();
      await jobs?.stop();
      await ds.destroy();
      await db.drop();
    },
  };
}
