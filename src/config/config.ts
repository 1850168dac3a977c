import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Every variable is validated at boot; a bad value
 * stops the process with a message that names the variable.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  PORT: int(0, 65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<path> or postgres://…')
    .default('sqlite:data/warehouse.sqlite'),
  DATA_LAKE_DIR: z.string().min(1).default('./data_lake'),
  ALLOW_ANONYMOUS_READ: boolean.default(false),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  JOBS_BACKEND: z.enum(['sqlite', 'postgres', 'mongo']).default('sqlite'),
  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be mongodb://…').optional(),
  CORS_ORIGINS: z.string().default(''),
  MAX_PAGE_SIZE: int(1, 10000).default(500),
  MAX_QUERY_DEPTH: int(2, 50).default(10),
  MAX_QUERY_COST: int(100, 10_000_000).default(50_000),
  STATEMENT_TIMEOUT_MS: int(100, 600_000).default(15_000),
  MAX_RANGE_YEARS_FINE: int(1, 100).default(3),
  MAX_RANGE_YEARS_COARSE: int(1, 100).default(10),
  CHROMIUM_PATH: z.string().optional(),
  CI: boolean.default(false),
});

export type Service = 'toolost' | 'distrokid' | 'spotify' | 'tiktok' | 'meta_ads' | 'linktree';
export const SERVICES: readonly Service[] = ['toolost', 'distrokid', 'spotify', 'tiktok', 'meta_ads', 'linktree'];

export interface AppConfig {
  port: number;
  host: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  dataLakeDir: string;
  allowAnonymousRead: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  jobsBackend: 'sqlite' | 'postgres' | 'mongo';
  mongodbUrl?: string;
  corsOrigins: string[];
  limits: {
    maxPageSize: number;
    maxQueryDepth: number;
    maxQueryCost: number;
    statementTimeoutMs: number;
    maxRangeYearsFine: number;
    maxRangeYearsCoarse: number;
  };
  chromiumPath?: string;
  ci: boolean;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly variable: string, detail: string) {
    super(`Invalid environment variable ${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; `env` defaults to the process environment. */
export function loadConfig(env: Env = process.env): AppConfig {
  // Empty strings count as unset, as shells and .env files often leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    throw new ConfigError(variable, `${issue.message} (got ${JSON.stringify(present[variable])})`);
  }
  const e = parsed.data;
  if (e.ALLOW_ANONYMOUS_READ && !LOOPBACK_HOSTS.has(e.HOST)) {
    throw new ConfigError('ALLOW_ANONYMOUS_READ', `anonymous read is only allowed on a loopback HOST, not ${e.HOST}`);
  }
  if (e.JOBS_BACKEND === 'mongo' && !e.MONGODB_URL) {
    throw new ConfigError('MONGODB_URL', 'is required when JOBS_BACKEND=mongo');
  }
  const database = e.DATABASE_URL.startsWith('sqlite:')
    ? { kind: 'sqlite' as const, path: path.resolve(e.DATABASE_URL.slice('sqlite:'.length)) }
    : { kind: 'postgres' as const, url: e.DATABASE_URL };
  if (e.JOBS_BACKEND === 'postgres' && database.kind !== 'postgres') {
    throw new ConfigError('JOBS_BACKEND', 'postgres needs DATABASE_URL to point at PostgreSQL');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    dataLakeDir: path.resolve(e.DATA_LAKE_DIR),
    allowAnonymousRead: e.ALLOW_ANONYMOUS_READ,
    logLevel: e.LOG_LEVEL,
    jobsBackend: e.JOBS_BACKEND,
    mongodbUrl: e.MONGODB_URL,
    corsOrigins: e.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    limits: {
      maxPageSize: e.MAX_PAGE_SIZE,
      maxQueryDepth: e.MAX_QUERY_DEPTH,
      maxQueryCost: e.MAX_QUERY_COST,
      statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
      maxRangeYearsFine: e.MAX_RANGE_YEARS_FINE,
      maxRangeYearsCoarse: e.MAX_RANGE_YEARS_COARSE,
    },
    chromiumPath: e.CHROMIUM_PATH,
    ci: e.CI,
  };
}

/** Loads the configuration for a command-line entry point: a bad variable prints one line and exits 2. */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
