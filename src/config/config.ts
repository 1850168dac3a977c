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
  HEADLESS: boolean.default(true),
  BROWSER_TIMEOUT_MS: int(1000, 600_000).default(30_000),
  CI: boolean.default(false),

  // Jobs (Agenda) and the run ledger.
  JOBS_SQLITE_PATH: z.string().optional(),
  JOB_LOCK_LIFETIME_MS: int(1000, 24 * 3600_000).default(10 * 60_000),
  JOB_MAX_RETRIES: int(0, 20).default(3),
  JOB_RETRY_DELAY_MS: int(10, 3600_000).default(30_000),
  JOB_PROCESS_EVERY_MS: int(100, 600_000).default(5_000),
  SHUTDOWN_DEADLINE_MS: int(0, 600_000).default(30_000),
  STALE_AFTER_HOURS: z.string().default(''),
  DATA_QUALITY_WEIGHTS: z.string().default(''),
  SESSION_EXPIRY_WARNING_HOURS: int(1, 24 * 60).default(48),
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),

  // Extractors: portal base URLs (the real portals by default), credentials and sessions.
  SESSION_KEY: z.string().optional(),
  SESSION_DIR: z.string().default('./data/sessions'),
  EXTRACT_ARTEFACTS_DIR: z.string().default('./data/artefacts'),
  TOOLOST_BASE_URL: z.string().url().default('https://toolost.com'),
  TOOLOST_EMAIL: z.string().optional(),
  TOOLOST_PASSWORD: z.string().optional(),
  TOOLOST_TOTP_SECRET: z.string().optional(),
  DISTROKID_BASE_URL: z.string().url().default('https://distrokid.com'),
  DISTROKID_EMAIL: z.string().optional(),
  DISTROKID_PASSWORD: z.string().optional(),
  DISTROKID_TOTP_SECRET: z.string().optional(),
  SPOTIFY_BASE_URL: z.string().url().default('https://artists.spotify.com'),
  SPOTIFY_EMAIL: z.string().optional(),
  SPOTIFY_PASSWORD: z.string().optional(),
  SPOTIFY_ARTIST_IDS: z.string().default(''),
  TIKTOK_BASE_URL: z.string().url().default('https://www.tiktok.com'),
  TIKTOK_USERNAME: z.string().optional(),
  TIKTOK_PASSWORD: z.string().optional(),
  TIKTOK_ACCOUNTS: z.string().default(''),
  LINKTREE_BASE_URL: z.string().url().default('https://linktr.ee'),
  LINKTREE_USERNAME: z.string().optional(),
  LINKTREE_PASSWORD: z.string().optional(),
  META_GRAPH_URL: z.string().url().default('https://graph.facebook.com'),
  META_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'must look like v19.0').default('v19.0'),
  META_ACCESS_TOKEN: z.string().optional(),
  META_AD_ACCOUNT_ID: z.string().regex(/^act_\d+$/, 'must look like act_<digits>').optional(),
});

/** Variables whose values are secrets: never echoed in errors or logs. */
export const SECRET_VARIABLES = [
  'TOOLOST_PASSWORD',
  'TOOLOST_TOTP_SECRET',
  'DISTROKID_PASSWORD',
  'DISTROKID_TOTP_SECRET',
  'SPOTIFY_PASSWORD',
  'TIKTOK_PASSWORD',
  'LINKTREE_PASSWORD',
  'META_ACCESS_TOKEN',
  'SESSION_KEY',
  'NOTIFY_WEBHOOK_URL',
] as const;

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
  browser: { chromiumPath?: string; headless: boolean; timeoutMs: number };
  jobs: {
    /** SQLite file of the Agenda jobs when JOBS_BACKEND=sqlite: a sibling of the warehouse, so job heartbeats never wait on a load's write lock. */
    sqlitePath: string;
    lockLifetimeMs: number;
    maxRetries: number;
    retryDelayMs: number;
    processEveryMs: number;
    shutdownDeadlineMs: number;
  };
  health: {
    /** Hours after which a zone's newest file counts as stale, per service. */
    staleAfterHours: Record<Service, number>;
    sessionExpiryWarningHours: number;
    /** Weights of the five data-quality scores in the overall score; they sum to 1. */
    qualityWeights: QualityWeights;
  };
  notifyWebhookUrl?: string;
  sessions: { key?: Buffer; dir: string };
  artefactsDir: string;
  extractors: ExtractorsConfig;
}

export interface PortalCredentials {
  baseUrl: string;
  login?: string;
  password?: string;
  totpSecret?: string;
}

export interface ExtractorsConfig {
  toolost: PortalCredentials;
  distrokid: PortalCredentials;
  spotify: PortalCredentials & { artistIds: string[] };
  tiktok: PortalCredentials & { accounts: string[] };
  linktree: PortalCredentials;
  meta_ads: { graphUrl: string; apiVersion: string; accessToken?: string; adAccountId?: string };
}

/** Default hours before a service's data counts as stale: daily portals a day and a half, TooLost's weekly sessions a week. */
const DEFAULT_STALE_HOURS: Record<Service, number> = { toolost: 48, distrokid: 48, spotify: 48, tiktok: 48, meta_ads: 36, linktree: 48 };

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
    const shown = (SECRET_VARIABLES as readonly string[]).includes(variable) ? '[redacted]' : JSON.stringify(present[variable]);
    throw new ConfigError(variable, `${issue.message} (got ${shown})`);
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
    browser: { chromiumPath: e.CHROMIUM_PATH, headless: e.HEADLESS, timeoutMs: e.BROWSER_TIMEOUT_MS },
    jobs: {
      sqlitePath: path.resolve(
        e.JOBS_SQLITE_PATH ?? (database.kind === 'sqlite' ? database.path.replace(/(\.sqlite3?|\.db)?$/, '.jobs.sqlite') : 'data/jobs.sqlite'),
      ),
      lockLifetimeMs: e.JOB_LOCK_LIFETIME_MS,
      maxRetries: e.JOB_MAX_RETRIES,
      retryDelayMs: e.JOB_RETRY_DELAY_MS,
      processEveryMs: e.JOB_PROCESS_EVERY_MS,
      shutdownDeadlineMs: e.SHUTDOWN_DEADLINE_MS,
    },
    health: { staleAfterHours: parseStaleHours(e.STALE_AFTER_HOURS), sessionExpiryWarningHours: e.SESSION_EXPIRY_WARNING_HOURS, qualityWeights: parseQualityWeights(e.DATA_QUALITY_WEIGHTS) },
    notifyWebhookUrl: e.NOTIFY_WEBHOOK_URL,
    sessions: { key: e.SESSION_KEY === undefined ? undefined : parseSessionKey(e.SESSION_KEY), dir: path.resolve(e.SESSION_DIR) },
    artefactsDir: path.resolve(e.EXTRACT_ARTEFACTS_DIR),
    extractors: {
      toolost: { baseUrl: e.TOOLOST_BASE_URL, login: e.TOOLOST_EMAIL, password: e.TOOLOST_PASSWORD, totpSecret: e.TOOLOST_TOTP_SECRET },
      distrokid: { baseUrl: e.DISTROKID_BASE_URL, login: e.DISTROKID_EMAIL, password: e.DISTROKID_PASSWORD, totpSecret: e.DISTROKID_TOTP_SECRET },
      spotify: { baseUrl: e.SPOTIFY_BASE_URL, login: e.SPOTIFY_EMAIL, password: e.SPOTIFY_PASSWORD, artistIds: list(e.SPOTIFY_ARTIST_IDS) },
      tiktok: { baseUrl: e.TIKTOK_BASE_URL, login: e.TIKTOK_USERNAME, password: e.TIKTOK_PASSWORD, accounts: list(e.TIKTOK_ACCOUNTS) },
      linktree: { baseUrl: e.LINKTREE_BASE_URL, login: e.LINKTREE_USERNAME, password: e.LINKTREE_PASSWORD },
      meta_ads: { graphUrl: e.META_GRAPH_URL, apiVersion: e.META_API_VERSION, accessToken: e.META_ACCESS_TOKEN, adAccountId: e.META_AD_ACCOUNT_ID },
    },
  };
}

function list(value: string): string[] {
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

/** `toolost=168,distrokid=24`: hours per service, the rest keep their defaults. */
function parseStaleHours(value: string): Record<Service, number> {
  const out = { ...DEFAULT_STALE_HOURS };
  for (const part of list(value)) {
    const m = /^([a-z_]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m || !(SERVICES as readonly string[]).includes(m[1])) {
      throw new ConfigError('STALE_AFTER_HOURS', `expected service=hours pairs separated by commas with services among ${SERVICES.join(', ')}, got "${part}"`);
    }
    out[m[1] as Service] = Number(m[2]);
  }
  return out;
}

export const QUALITY_SCORES = ['completeness', 'accuracy', 'consistency', 'timeliness', 'validity'] as const;
export type QualityScoreName = (typeof QUALITY_SCORES)[number];
export type QualityWeights = Record<QualityScoreName, number>;
export const DEFAULT_QUALITY_WEIGHTS: QualityWeights = { completeness: 0.25, accuracy: 0.3, consistency: 0.2, timeliness: 0.15, validity: 0.1 };

/** `accuracy=0.4,validity=0.05`: weights per score, the rest keep their defaults; all must then sum to 1. */
function parseQualityWeights(value: string): QualityWeights {
  const out = { ...DEFAULT_QUALITY_WEIGHTS };
  for (const part of list(value)) {
    const m = /^([a-z]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m || !(QUALITY_SCORES as readonly string[]).includes(m[1])) {
      throw new ConfigError('DATA_QUALITY_WEIGHTS', `expected score=weight pairs separated by commas with scores among ${QUALITY_SCORES.join(', ')}, got "${part}"`);
    }
    out[m[1] as QualityScoreName] = Number(m[2]);
  }
  const sum = QUALITY_SCORES.reduce((s, k) => s + out[k], 0);
  if (Math.abs(sum - 1) > 1e-9) throw new ConfigError('DATA_QUALITY_WEIGHTS', `weights must sum to 1, they sum to ${sum}`);
  return out;
}

/** 32 bytes as 64 hex characters or base64: AES-256-GCM needs exactly that. */
function parseSessionKey(value: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new ConfigError('SESSION_KEY', 'must be 32 bytes, as 64 hex characters or base64 ([redacted])');
  return key;
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
