/**
 * Every field of the schema that takes a DateRange resolves it before its own resolver runs (the
 * wrapper of resolvers/date-range-args.ts): walked over the built schema, so a new field with a
 * range can never see a preset unresolved.
 */
import { type GraphQLResolveInfo, getNamedType, isObjectType } from 'graphql';
import type { ArgumentError } from '../../../src/errors/argument-error';
import { buildAppSchema } from '../../../src/resolvers/schema';

it('resolves and checks the DateRange of every field that takes one, before its resolver', async () => {
  const schema = await buildAppSchema();
  const info = {} as GraphQLResolveInfo;
  const fields = Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((t) => !t.name.startsWith('__'))
    .flatMap((t) => Object.values(t.getFields()).map((field) => ({ owner: t.name, field })))
    .flatMap(({ owner, field }) =>
      field.args.filter((a) => getNamedType(a.type).name === 'DateRange').map((a) => ({ owner, field, arg: a.name })),
    );
  // The consumers found by grep when presets came: revenue, streams, campaigns, engagement, comparison, quality, restatements, runs…
  expect(fields.map((f) => `${f.owner}.${f.field.name}`)).toEqual(
    expect.arrayContaining([
      'Query.revenueSummary',
      'Query.platformComparison',
      'Query.streamSeries',
      'Campaign.daily',
      'Mutation.triggerExtraction',
    ]),
  );
  for (const { owner, field, arg } of fields) {
    let reached = false;
    let error: unknown;
    try {
      // A one-of violation must be refused by the wrapper, before anything of the field runs.
      await field.resolve!({}, { [arg]: { preset: 'LAST_7_DAYS', from: '2025-01-01', to: '2025-01-02' } }, { today: '2025-01-31' }, info);
      reached = true;
    } catch (e) {
      error = e;
    }
    expect({
      field: `${owner}.${field.name}`,
      reached,
      code: (error as ArgumentError)?.clientCode,
      details: (error as ArgumentError)?.details,
    }).toEqual({
      field: `${owner}.${field.name}`,
      reached: false,
      code: 'BAD_USER_INPUT',
      details: { field: `${arg}.preset` },
    });
  }
});
