import fs from 'node:fs';
import path from 'node:path';
import { type GraphQLField, type GraphQLSchema, getNamedType, getNullableType, isListType, isObjectType, parse } from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { loadConfig } from '../../src/config/config';
import { buildAppSchema } from '../../src/resolvers/schema';
import { costError, shapeError } from '../../src/server/limits';

/** Every value a client, a variable or a bug could hand a cost function for a number. */
const EXTREMES = [
  -2147483648,
  -1_000_000,
  -1,
  0,
  1,
  2,
  7.5,
  2147483647,
  Number.MAX_SAFE_INTEGER,
  NaN,
  Infinity,
  -Infinity,
  undefined,
  null,
  '12',
  '-3',
];
const CHILD_COSTS = [0, 1, 3, 1_000_000];
const RANGES = [
  undefined,
  { from: '2024-01-01', to: '2024-12-31' },
  { from: '2024-12-31', to: '2024-01-01' },
  { from: 'not a date', to: 'either' },
  { from: '0001-01-01', to: '9999-12-31' },
  { preset: 'LAST_12_MONTHS' },
  { preset: 'NOT_A_PRESET' },
];

function allFields(schema: GraphQLSchema): Array<{ owner: string; field: GraphQLField<unknown, unknown> }> {
  return Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && !t.name.startsWith('__'))
    .flatMap((t) =>
      Object.values((t as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()).map((field) => ({
        owner: t.name,
        field,
      })),
    );
}

const numericArgs = (field: GraphQLField<unknown, unknown>) =>
  field.args.filter((a) => ['Int', 'Float'].includes(getNamedType(a.type).name));

describe('cost functions never go negative (schema walk)', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('every field taking a number, and every list of objects outside a connection or series, declares its cost', () => {
    const fields = allFields(schema);
    const unpriced = fields
      .filter(({ owner, field }) => {
        const objectList = isListType(getNullableType(field.type)) && isObjectType(getNamedType(field.type));
        // Connections' edges and series' points are priced by the field that returns the connection or series.
        const pricedByParent = /(Connection|Series)$/.test(owner) && ['edges', 'points'].includes(field.name);
        return (numericArgs(field).length > 0 || (objectList && !pricedByParent)) && typeof field.extensions.complexity !== 'function';
      })
      .map(({ owner, field }) => `${owner}.${field.name}`);
    expect(unpriced).toEqual([]);
    // The relation lists the fan-out attack nests are among them.
    const priced = fields
      .filter(({ field }) => typeof field.extensions.complexity === 'function')
      .map(({ owner, field }) => `${owner}.${field.name}`);
    expect(priced).toEqual(
      expect.arrayContaining(['Artist.tracks', 'Track.artists', 'Track.transactions', 'Artist.aliases', 'Query.topTracks']),
    );
  });

  it('every cost function answers a finite cost of at least 1 for extreme arguments, and grows with its items', () => {
    const failures: string[] = [];
    let calls = 0;
    for (const { owner, field } of allFields(schema)) {
      const estimate = field.extensions.complexity as ComplexityEstimator | undefined;
      if (typeof estimate !== 'function') continue;
      const names = [...numericArgs(field).map((a) => a.name), 'first'];
      for (const name of names) {
        for (const value of EXTREMES) {
          for (const range of RANGES) {
            for (const childComplexity of CHILD_COSTS) {
              const args: Record<string, unknown> = { [name]: value, range, grain: 'DAY', groupBy: ['COUNTRY', 'PLATFORM'] };
              const cost = estimate({
                args,
                childComplexity,
                field,
                node: undefined as never,
                type: undefined as never,
                context: undefined,
              });
              calls += 1;
              if (typeof cost !== 'number' || !Number.isFinite(cost) || cost < 1 || cost < childComplexity)
                failures.push(`${owner}.${field.name}(${name}: ${String(value)}) child ${childComplexity} → ${String(cost)}`);
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('a negative `first` cannot buy budget for another field of the same document', () => {
    const limits = loadConfig({ MAX_QUERY_COST: '5000' }).limits;
    const expensive = 'transactions(first: 500) { edges { node { gross net platform { code } store track { title } artist { name } } } }';
    const alone = costError(schema, parse(`{ ${expensive} }`), undefined, undefined, limits);
    expect(alone?.extensions.code).toBe('QUERY_TOO_COMPLEX');
    for (const first of [-2147483648, -1, 0]) {
      const doc = parse(`{ t: topTracks(range: { from: "2024-01-01", to: "2024-06-30" }, first: ${first}) { rank } ${expensive} }`);
      const error = costError(schema, doc, undefined, undefined, limits);
      expect(error?.extensions.code).toBe('QUERY_TOO_COMPLEX');
      expect(Number(error?.extensions.cost)).toBeGreaterThan(Number(alone?.extensions.cost));
    }
  });

  it('a forecast costs its points: horizon × the series a split may make × what each series asks', () => {
    // The estimators the server uses (src/server/limits.ts), asked for the figure itself.
    const cost = (args: string, selection = 'series { source method { name aicc } points { period value lower upper } }') =>
      getComplexity({
        schema,
        query: parse(`{ forecast(metric: STREAMS, grain: DAY, ${args}) { seriesFound ${selection} } }`),
        variables: {},
        estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      });
    const one = cost('horizon: 1');
    const long = cost('horizon: 90');
    const split = cost('horizon: 90, groupBy: [TRACK]');
    const twoSplits = cost('horizon: 90, groupBy: [TRACK, ARTIST]');
    expect(one).toBeGreaterThan(10);
    expect(long).toBeGreaterThanOrEqual(90 * (one - 10));
    expect(split).toBeGreaterThanOrEqual(10 * (long - 10));
    expect(twoSplits).toBeGreaterThanOrEqual(10 * (split - 10));
    // Asking more of each series costs more.
    expect(
      cost(
        'horizon: 90',
        'series { source platform { code name } track { title } artist { name } method { name } points { period value lower upper } }',
      ),
    ).toBeGreaterThan(long);
  });

  it('a preset costs what the days it names today cost, never a one-bucket discount', () => {
    const limits = loadConfig({}).limits;
    const cost = (range: string) =>
      Number(
        costError(
          schema,
          parse(`{ streamSeries(range: ${range}, grain: DAY, first: 10000) { points { period streams } } }`),
          undefined,
          undefined,
          {
            ...limits,
            maxQueryCost: 10,
          },
        )?.extensions.cost,
      );
    // The year to date named independently here: 1 January to today (UTC, the label's default zone).
    const today = new Date().toISOString().slice(0, 10);
    expect(cost('{ preset: YEAR_TO_DATE }')).toBe(cost(`{ from: "${today.slice(0, 4)}-01-01", to: "${today}" }`));
    expect(cost('{ preset: LAST_90_DAYS }')).toBeGreaterThan(cost('{ preset: LAST_7_DAYS }'));
    expect(cost('{ preset: PREVIOUS_YEAR }')).toBeGreaterThan(300 * 2);
  });

  it("the README's example queries fit the default limits", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const block = /## Example queries\s+```graphql\n([\s\S]*?)```/.exec(readme)![1];
    const queries = block
      .split(/\n(?=\{)/)
      .map((q) => q.trim())
      .filter(Boolean);
    expect(queries.length).toBeGreaterThan(8);
    const limits = loadConfig({}).limits;
    for (const q of queries) {
      const doc = parse(q);
      expect({
        q,
        shape: shapeError(doc, limits)?.message ?? null,
        cost: costError(schema, doc, undefined, undefined, limits)?.message ?? null,
      }).toEqual({ q, shape: null, cost: null });
    }
  });
});
