import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar date without time zone, `YYYY-MM-DD`. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, written YYYY-MM-DD (no time, no time zone).',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** An exact decimal number as a string: money never passes through a float. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description:
    'An exact decimal number, as a string (e.g. "1587.06001527"). Amounts are in the currency of the source (USD for DistroKid).',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value))
      throw new GraphQLError('Decimal must be a string such as "12.34"', { extensions: { code: 'BAD_USER_INPUT' } });
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !/^-?\d+(\.\d+)?$/.test(ast.value))
      throw new GraphQLError('Decimal must be a string such as "12.34"', { extensions: { code: 'BAD_USER_INPUT' } });
    return ast.value;
  },
});

/** A 64-bit count (stream and unit totals outgrow GraphQL's 32-bit Int), sent as a JSON number. */
export const LongScalar = new GraphQLScalarType({
  name: 'Long',
  description: 'A whole number beyond the 32-bit range of Int (sums of streams and units), sent as a JSON number.',
  serialize: (value) => {
    const n = typeof value === 'bigint' ? Number(value) : Number(value);
    if (!Number.isSafeInteger(n)) throw new GraphQLError('Long value out of range');
    return n;
  },
  parseValue: (value) => {
    if (!Number.isSafeInteger(value)) throw new GraphQLError('Long must be a whole number', { extensions: { code: 'BAD_USER_INPUT' } });
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw new GraphQLError('Long must be a whole number', { extensions: { code: 'BAD_USER_INPUT' } });
    return Number(ast.value);
  },
});

/** An instant, ISO-8601 in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO-8601 in UTC (e.g. "2025-06-01T12:00:00.000Z").',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    const d = new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime must be ISO-8601', { extensions: { code: 'BAD_USER_INPUT' } });
    return d;
  },
  parseLiteral: (ast) => {
    const d = ast.kind === Kind.STRING ? new Date(ast.value) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime must be ISO-8601', { extensions: { code: 'BAD_USER_INPUT' } });
    return d;
  },
});
