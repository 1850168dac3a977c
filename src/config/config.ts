import path from 'node:path';
import { z } from 'zod';
import { isIanaTimeZone } from '../domain/date-range';

/**
 * The one place that reads the environment. Every variable is validated at boot; a bad value
 * stops the process with a message that names the variable.
 */
/** Largest file `ingest` takes into landing by default: 4 GiB, far above any real export (a million bank lines is ~150 MB). */
export const DEFAULT_MAX_INGEST_FILE_BYTES = 4 * 1024 ** 3;

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
  CURATED_ARCHIVE_KEEP: int(1, 10_000).default(10),
  ALLOW_ANONYMOUS_READ: boolean.default(false),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  JOBS_BACKEND: z.enum(['sqlite', 'postgres', 'mongo']).default('sqlite'),
  MONGODB_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be mongodb://…')
    .optional(),
  CORS_ORIGINS: z.string().default(''),
  MAX_PAGE_SIZE: int(1, 10000).default(500),
  MAX_QUERY_DEPTH: int(2, 50).default(10),
  MAX_QUERY_COST: int(100, 10_000_000).default(50_000),
  STATEMENT_TIMEOUT_MS: int(100, 600_000).default(15_000),
  MAX_QUERY_TOKENS: int(100, 1_000_000).default(5_000),
  MAX_QUERY_SELECTIONS: int(10, 1_000_000).default(5_000),
  MAX_QUERY_ALIASES: int(0, 10_000).default(30),
  MAX_ROOT_FIELDS: int(1, 1_000).default(20),
  MAX_STRING_ARGUMENT_LENGTH: int(16, 1_000_000).default(1_000),
  MAX_LIST_ARGUMENT_LENGTH: int(1, 100_000).default(1_000),
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(1_200),
  RATE_LIMIT_BURST: int(1, 100_000).default(200),
  RESPONSE_CACHE_ENTRIES: int(0, 1_000_000).default(2000),
  RESPONSE_CACHE_MB: int(1, 64_000).default(64),
  WEB_CONCURRENCY: int(1, 64).default(1),
  TRUST_PROXY: z.string().default('false'),
  ADMIN_SESSION_HOURS: int(1, 24 * 30).default(12),
  ADMIN_LOGIN_MAX_FAILURES: int(1, 1_000).default(5),
  MAX_RANGE_YEARS_FINE: int(1, 100).default(3),
  MAX_RANGE_YEARS_COARSE: int(1, 100).default(10),
  LABEL_TIME_ZONE: z.string().refine(isIanaTimeZone, 'must be an IANA time zone name such as Europe/Berlin or UTC').default('UTC'),
  CHROMIUM_PATH: z.string().optional(),
  HEADLESS: boolean.default(true),
  BROWSER_TIMEOUT_MS: int(1000, 600_000).default(30_000),
  CI: boolean.default(false),
  MAX_INGEST_FILE_BYTES: int(1, Number.MAX_SAFE_INTEGER).default(DEFAULT_MAX_INGEST_FILE_BYTES),

  // Jobs (Agenda) and the run ledger.
  JOBS_SQLITE_PATH: z.string().optional(),
  JOB_LOCK_LIFETIME_MS: int(1000, 24 * 3600_000).default(10 * 60_000),
  JOB_HEARTBEAT_TIMEOUT_MS: int(1000, 3600_000).default(60_000),
  JOB_MAX_RETRIES: int(0, 20).default(3),
  JOB_RETRY_DELAY_MS: int(10, 3600_000).default(30_000),
  JOB_PROCESS_EVERY_MS: int(100, 600_000).default(5_000),
  SHUTDOWN_DEADLINE_MS: int(0, 600_000).default(30_000),
  STALE_AFTER_HOURS: z.string().default(''),
  DATA_QUALITY_WEIGHTS: z.string().default(''),
  SESSION_EXPIRY_WARNING_HOURS: int(1, 24 * 60).default(48),
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),
  NOTIFY_RESTATEMENT_MIN_PERCENT: int(0, 1_000_000).default(20),
  NOTIFY_RESTATEMENT_MIN_CHANGE: int(0, Number.MAX_SAFE_INTEGER).default(1_000),
  NOTIFY_ANOMALY_MAX_AGE_DAYS: int(0, 36_500).default(31),

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
  META_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v19.0')
    .default('v19.0'),
  META_ACCESS_TOKEN: z.string().optional(),
  META_AD_ACCOUNT_ID: z
    .string()
    .regex(/^act_\d+$/, 'must look like act_<digits>')
    .optional(),
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
  /** Archived versions kept per rebuilt curated dataset (older ones are deleted). */
  curatedArchiveKeep: number;
  allowAnonymousRead: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  jobsBackend: 'sqlite' | 'postgres' | 'mongo';
  mongodbUrl?: string;
  corsOrigins: string[];
  /** IANA time zone whose calendar decides "today" for range presets (LAST_30_DAYS, …) and the response cache's day. */
  labelTimeZone: string;
  /** Answers of read queries kept until the warehouse changes (0 entries: off); see server/response-cache. */
  responseCache: { maxEntries: number; maxBytes: number };
  /** HTTP processes of `npm start` (node:cluster, one port); the scheduler and the job worker child stay one. */
  webConcurrency: number;
  limits: {
    maxPageSize: number;
    maxQueryDepth: number;
    maxQueryCost: number;
    statementTimeoutMs: number;
    maxRangeYearsFine: number;
    maxRangeYearsCoarse: number;
    /** graphql-js `parse(…, { maxTokens })`: longer documents are refused before any other work. */
    maxQueryTokens: number;
    /** Field selections of an operation once every fragment is expanded (counted once per fragment, memoised). */
    maxQuerySelections: number;
    maxQueryAliases: number;
    maxRootFields: number;
    maxStringArgumentLength: number;
    maxListArgumentLength: number;
    /** Per token (or per address when anonymous), per process: a token bucket. */
    rateLimitPerMinute: number;
    rateLimitBurst: number;
  };
  /** Express `trust proxy`: false, true, a hop count or addresses; decides whether X-Forwarded-Proto makes a request secure. */
  trustProxy: boolean | number | string;
  admin: { sessionHours: number; loginMaxFailures: number };
  chromiumPath?: string;
  ci: boolean;
  /** Files larger than this are refused before they are copied into landing. */
  ingest: { maxFileBytes: number };
  browser: { chromiumPath?: string; headless: boolean; timeoutMs: number };
  jobs: {
    /** SQLite file of the Agenda jobs when JOBS_BACKEND=sqlite: a sibling of the warehouse, so job heartbeats never wait on a load's write lock. */
    sqlitePath: string;
    /** A run that reports no progress for this long is failed as hung (JOB_TIMEOUT). */
    lockLifetimeMs: number;
    /**
     * A running ingestion job renews its lock every quarter of this; a worker that stops renewing
     * (killed, or its machine gone) has its run taken over once this has passed. It must exceed the
     * longest event-loop stall of a load (about 5 s per 200k rows on SQLite).
     */
    heartbeatTimeoutMs: number;
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
  /** What a load notifies about (see PostLoadHooks): restatements from either threshold on, anomalies this recent. */
  notify: {
    /** A restated day is notified when its total changed by at least this percentage of the old value… */
    restatementMinPercent: number;
    /** …or by at least this much in the metric's unit (counts; money in currency units). */
    restatementMinChange: number;
    /** Anomalies more than this many days before the newest day a load touched are not notified (a history backfill stays quiet). */
    anomalyMaxAgeDays: number;
  };
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
  /** `artistIds` to extract; `artistNames` the artist each id belongs to, when configured as `<id>=<Artist Name>`. */
  spotify: PortalCredentials & { artistIds: string[]; artistNames: Record<string, string> };
  /** `accounts` (handles) to extract; `accountArtists` the artist each handle belongs to, when configured as `<handle>=<Artist>`. */
  tiktok: PortalCredentials & { accounts: string[]; accountArtists: Record<string, string> };
  linktree: PortalCredentials;
  meta_ads: { graphUrl: string; apiVersion: string; accessToken?: string; adAccountId?: string };
}

/** Default hours before a service's data counts as stale: daily portals a day and a half, TooLost's weekly sessions a week. */
const DEFAULT_STALE_HOURS: Record<Service, number> = { toolost: 48, distrokid: 48, spotify: 48, tiktok: 48, meta_ads: 36, linktree: 48 };

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
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
    const shown = (SECRET_VARIABLES as readonly string[]).includes(variable)
      ? '[redacted]'
      : JSON.stringify(withoutUrlPassword(present[variable] ?? ''));
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
    curatedArchiveKeep: e.CURATED_ARCHIVE_KEEP,
    allowAnonymousRead: e.ALLOW_ANONYMOUS_READ,
    logLevel: e.LOG_LEVEL,
    jobsBackend: e.JOBS_BACKEND,
    mongodbUrl: e.MONGODB_URL,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    labelTimeZone: e.LABEL_TIME_ZONE,
    responseCache: { maxEntries: e.RESPONSE_CACHE_ENTRIES, maxBytes: e.RESPONSE_CACHE_MB * 1024 * 1024 },
    webConcurrency: e.WEB_CONCURRENCY,
    limits: {
      maxPageSize: e.MAX_PAGE_SIZE,
      maxQueryDepth: e.MAX_QUERY_DEPTH,
      maxQueryCost: e.MAX_QUERY_COST,
      statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
      maxRangeYearsFine: e.MAX_RANGE_YEARS_FINE,
      maxRangeYearsCoarse: e.MAX_RANGE_YEARS_COARSE,
      maxQueryTokens: e.MAX_QUERY_TOKENS,
      maxQuerySelections: e.MAX_QUERY_SELECTIONS,
      maxQueryAliases: e.MAX_QUERY_ALIASES,
      maxRootFields: e.MAX_ROOT_FIELDS,
      maxStringArgumentLength: e.MAX_STRING_ARGUMENT_LENGTH,
      maxListArgumentLength: e.MAX_LIST_ARGUMENT_LENGTH,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      rateLimitBurst: e.RATE_LIMIT_BURST,
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    admin: { sessionHours: e.ADMIN_SESSION_HOURS, loginMaxFailures: e.ADMIN_LOGIN_MAX_FAILURES },
    chromiumPath: e.CHROMIUM_PATH,
    ci: e.CI,
    ingest: { maxFileBytes: e.MAX_INGEST_FILE_BYTES },
    browser: { chromiumPath: e.CHROMIUM_PATH, headless: e.HEADLESS, timeoutMs: e.BROWSER_TIMEOUT_MS },
    jobs: {
      sqlitePath: path.resolve(
        e.JOBS_SQLITE_PATH ??
          (database.kind === 'sqlite' ? database.path.replace(/(\.sqlite3?|\.db)?$/, '.jobs.sqlite') : 'data/jobs.sqlite'),
      ),
      lockLifetimeMs: e.JOB_LOCK_LIFETIME_MS,
      heartbeatTimeoutMs: e.JOB_HEARTBEAT_TIMEOUT_MS,
      maxRetries: e.JOB_MAX_RETRIES,
      retryDelayMs: e.JOB_RETRY_DELAY_MS,
      processEveryMs: e.JOB_PROCESS_EVERY_MS,
      shutdownDeadlineMs: e.SHUTDOWN_DEADLINE_MS,
    },
    health: {
      staleAfterHours: parseStaleHours(e.STALE_AFTER_HOURS),
      sessionExpiryWarningHours: e.SESSION_EXPIRY_WARNING_HOURS,
      qualityWeights: parseQualityWeights(e.DATA_QUALITY_WEIGHTS),
    },
    notifyWebhookUrl: e.NOTIFY_WEBHOOK_URL,
    notify: {
      restatementMinPercent: e.NOTIFY_RESTATEMENT_MIN_PERCENT,
      restatementMinChange: e.NOTIFY_RESTATEMENT_MIN_CHANGE,
      anomalyMaxAgeDays: e.NOTIFY_ANOMALY_MAX_AGE_DAYS,
    },
    sessions: { key: e.SESSION_KEY === undefined ? undefined : parseSessionKey(e.SESSION_KEY), dir: path.resolve(e.SESSION_DIR) },
    artefactsDir: path.resolve(e.EXTRACT_ARTEFACTS_DIR),
    extractors: {
      toolost: { baseUrl: e.TOOLOST_BASE_URL, login: e.TOOLOST_EMAIL, password: e.TOOLOST_PASSWORD, totpSecret: e.TOOLOST_TOTP_SECRET },
      distrokid: {
        baseUrl: e.DISTROKID_BASE_URL,
        login: e.DISTROKID_EMAIL,
        password: e.DISTROKID_PASSWORD,
        totpSecret: e.DISTROKID_TOTP_SECRET,
      },
      spotify: {
        baseUrl: e.SPOTIFY_BASE_URL,
        login: e.SPOTIFY_EMAIL,
        password: e.SPOTIFY_PASSWORD,
        ...namedIds('SPOTIFY_ARTIST_IDS', e.SPOTIFY_ARTIST_IDS, 'artistIds', 'artistNames'),
      },
      tiktok: {
        baseUrl: e.TIKTOK_BASE_URL,
        login: e.TIKTOK_USERNAME,
        password: e.TIKTOK_PASSWORD,
        ...namedIds('TIKTOK_ACCOUNTS', e.TIKTOK_ACCOUNTS, 'accounts', 'accountArtists'),
      },
      linktree: { baseUrl: e.LINKTREE_BASE_URL, login: e.LINKTREE_USERNAME, password: e.LINKTREE_PASSWORD },
      meta_ads: {
        graphUrl: e.META_GRAPH_URL,
        apiVersion: e.META_API_VERSION,
        accessToken: e.META_ACCESS_TOKEN,
        adAccountId: e.META_AD_ACCOUNT_ID,
      },
    },
  };
}

/** `scheme://user:password@host` → `scheme://user:[redacted]@host`: connection strings are echoed without their password. */
export function withoutUrlPassword(value: string): string {
  return value.replace(/(\/\/[^/?#@\s:]*:)[^@\s]*@/g, '$1[redacted]@');
}

function parseTrustProxy(value: string): boolean | number | string {
  if (['false', '0', 'no', ''].includes(value)) return false;
  if (['true', 'yes'].includes(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * `<id>,<id2>=<Artist Name>`: ids to extract, each optionally naming its artist (recorded as the
 * id's link, so files that carry only the id load straight onto that artist).
 */
function namedIds<I extends string, N extends string>(
  variable: string,
  value: string,
  idsKey: I,
  namesKey: N,
): Record<I, string[]> & Record<N, Record<string, string>> {
  const ids: string[] = [];
  const names: Record<string, string> = {};
  for (const part of list(value)) {
    const cut = part.indexOf('=');
    const id = (cut === -1 ? part : part.slice(0, cut)).trim();
    const name = cut === -1 ? '' : part.slice(cut + 1).trim();
    if (id === '' || (cut !== -1 && name === ''))
      throw new ConfigError(variable, `expected <id> or <id>=<Artist Name> separated by commas, got "${part}"`);
    if (ids.includes(id)) throw new ConfigError(variable, `"${id}" is listed twice`);
    ids.push(id);
    if (name) names[id] = name;
  }
  return { [idsKey]: ids, [namesKey]: names } as Record<I, string[]> & Record<N, Record<string, string>>;
}

/** `toolost=168,distrokid=24`: hours per service, the rest keep their defaults. */
function parseStaleHours(value: string): Record<Service, number> {
  const out = { ...DEFAULT_STALE_HOURS };
  for (const part of list(value)) {
    const m = /^([a-z_]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m || !(SERVICES as readonly string[]).includes(m[1])) {
      throw new ConfigError(
        'STALE_AFTER_HOURS',
        `expected service=hours pairs separated by commas with services among ${SERVICES.join(', ')}, got "${part}"`,
      );
    }
    out[m[1] as Service] = Number(m[2]);
  }
  return out;
}

export const QUALITY_SCORES = ['completeness', 'accuracy', 'consistency', 'timeliness', 'validity'] as const;
export type QualityScoreName = (typeof QUALITY_SCORES)[number];
export type QualityWeights = Record<QualityScoreName, number>;
export const DEFAULT_QUALITY_WEIGHTS: QualityWeights = {
  completeness: 0.25,
  accuracy: 0.3,
  consistency: 0.2,
  timeliness: 0.15,
  validity: 0.1,
};

/** `accuracy=0.4,validity=0.05`: weights per score, the rest keep their defaults; all must then sum to 1. */
function parseQualityWeights(value: string): QualityWeights {
  const out = { ...DEFAULT_QUALITY_WEIGHTS };
  for (const part of list(value)) {
    const m = /^([a-z]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m || !(QUALITY_SCORES as readonly string[]).includes(m[1])) {
      throw new ConfigError(
        'DATA_QUALITY_WEIGHTS',
        `expected score=weight pairs separated by commas with scores among ${QUALITY_SCORES.join(', ')}, got "${part}"`,
      );
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
