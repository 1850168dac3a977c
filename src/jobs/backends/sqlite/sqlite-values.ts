import { SqliteBackendError } from './sqlite-backend-error';

/** What better-sqlite3 can bind (it rejects booleans and undefined). */
export type SqlValue = string | number | bigint | Buffer | null;

/** Dates are stored as epoch milliseconds so they compare and sort numerically. */
export function toEpochMs(value: Date | string | number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : new Date(value).getTime();
  if (!Number.isFinite(ms)) throw new SqliteBackendError('INVALID_VALUE', `${field} is not a valid date: ${String(value)}`);
  return ms;
}

export function fromEpochMs(value: number | null): Date | undefined {
  return value === null ? undefined : new Date(value);
}

export function toJsonText(value: unknown): string {
  // JSON.stringify(undefined) is undefined, not text: an absent payload is stored as JSON null.
  return JSON.stringify(value === undefined ? null : value);
}

export function parseJsonText<T>(text: string | null, field: string): T | undefined {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new SqliteBackendError('INVALID_VALUE', `stored ${field} is not valid JSON`, { cause: err });
  }
}

/**
 * A job's fail reason as text. Agenda stores `error.message` for an Error but the thrown value
 * itself for anything else (`throw { code: 'E' }`, `throw true`, a forked child's message), and
 * better-sqlite3 cannot bind objects or booleans: the failure would never be saved and the job
 * would stay locked. Text is what the PostgreSQL backend stores too (node-postgres turns an object
 * into its JSON and a boolean or number into its string), so both backends read back the same.
 * Null and undefined stay NULL: Agenda sets no reason for them.
 */
export function toFailReasonText(reason: unknown): string | null {
  if (reason === null || reason === undefined) return null;
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error) return reason.message;
  if (typeof reason === 'object') {
    try {
      const json = JSON.stringify(reason);
      if (typeof json === 'string') return json;
    } catch {
      // A cycle or a BigInt inside: fall back to the value's own text.
    }
  }
  return String(reason);
}

/** Accumulates `AND`-ed SQL conditions with their positional parameters. */
export class SqlConditions {
  readonly clauses: string[] = [];
  readonly params: SqlValue[] = [];

  add(clause: string, ...params: SqlValue[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  get isEmpty(): boolean {
    return this.clauses.length === 0;
  }

  where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `$."a"."b"`: each key quoted so dots and brackets inside a key are literal. */
function jsonPath(keys: readonly string[]): string {
  for (const key of keys) {
    if (key.includes('"')) throw new SqliteBackendError('INVALID_VALUE', `a job data key cannot contain a double quote: ${key}`);
  }
  return `$${keys.map((k) => `."${k}"`).join('')}`;
}

/**
 * One leaf comparison on the `data` column. Types are kept apart the way a document store keeps
 * them (1 never equals "1"); null also matches a missing key, as in MongoDB.
 */
function addLeafCondition(conditions: SqlConditions, keys: readonly string[], value: unknown): void {
  const at = jsonPath(keys);
  if (value === null || value === undefined) {
    conditions.add('json_extract(data, ?) IS NULL', at);
  } else if (typeof value === 'boolean') {
    conditions.add('json_type(data, ?) = ?', at, value ? 'true' : 'false');
  } else if (typeof value === 'number') {
    conditions.add("json_type(data, ?) IN ('integer', 'real') AND json_extract(data, ?) = ?", at, at, value);
  } else if (typeof value === 'string') {
    conditions.add("json_type(data, ?) = 'text' AND json_extract(data, ?) = ?", at, at, value);
  } else if (value instanceof Date) {
    // Dates inside data were serialised by JSON.stringify, i.e. as ISO strings.
    conditions.add("json_type(data, ?) = 'text' AND json_extract(data, ?) = ?", at, at, value.toISOString());
  } else {
    // Arrays (and objects reached only through arrays) must be equal as JSON text.
    conditions.add("json_type(data, ?) IN ('array', 'object') AND json_extract(data, ?) = json(?)", at, at, toJsonText(value));
  }
}

/**
 * Partial match of the `data` column, the semantics of PostgreSQL's `data @> filter` and of
 * MongoDB's flattened `data.a.b` query: every leaf of the filter must be present and equal.
 */
export function addDataFilter(conditions: SqlConditions, filter: unknown, keys: string[] = []): void {
  if (!isPlainObject(filter)) {
    addLeafCondition(conditions, keys, filter);
    return;
  }
  const entries = Object.entries(filter);
  if (entries.length === 0) {
    conditions.add("json_type(data, ?) = 'object'", jsonPath(keys));
    return;
  }
  for (const [key, value] of entries) addDataFilter(conditions, value, [...keys, key]);
}

/** Columns a `unique()` key may name directly (the rest of a unique key lives under `data.`). */
const UNIQUE_COLUMNS: Record<string, { column: string; encode: (v: unknown) => SqlValue }> = {
  name: { column: 'name', encode: (v) => String(v) },
  priority: { column: 'priority', encode: (v) => Number(v) },
  type: { column: 'type', encode: (v) => String(v) },
  repeatInterval: { column: 'repeat_interval', encode: (v) => (typeof v === 'number' ? v : String(v)) },
  repeatTimezone: { column: 'repeat_timezone', encode: (v) => String(v) },
  repeatAt: { column: 'repeat_at', encode: (v) => String(v) },
  disabled: { column: 'disabled', encode: (v) => (v ? 1 : 0) },
  nextRunAt: { column: 'next_run_at', encode: (v) => toEpochMs(v as Date, 'unique nextRunAt') },
};

/**
 * Translates Agenda's `unique` object (`{ 'data.userId': 7 }`, `{ data: {...} }`, `{ repeatAt: '…' }`)
 * into conditions. Keys are never interpolated except through the fixed column map or as bound JSON paths.
 */
export function addUniqueFilter(conditions: SqlConditions, unique: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(unique)) {
    if (key === 'data') {
      conditions.add('json(data) = json(?)', toJsonText(value));
    } else if (key.startsWith('data.')) {
      const keys = key.slice('data.'.length).split('.');
      if (keys.some((k) => k === '')) throw new SqliteBackendError('INVALID_VALUE', `unique key has an empty path segment: ${key}`);
      addDataFilter(conditions, value, keys);
    } else {
      const column = UNIQUE_COLUMNS[key];
      if (!column) {
        throw new SqliteBackendError(
          'INVALID_VALUE',
          `unique key "${key}" is not supported: use "data.<path>", "data", or one of ${Object.keys(UNIQUE_COLUMNS).join(', ')}`,
        );
      }
      const encoded = value === null || value === undefined ? null : column.encode(value);
      if (encoded === null) conditions.add(`${column.column} IS NULL`);
      else conditions.add(`${column.column} = ?`, encoded);
    }
  }
}
