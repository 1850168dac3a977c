import { type GraphQLFieldResolver, type GraphQLSchema, defaultFieldResolver, getNamedType, isObjectType } from 'graphql';
import { type DateRangeRequest, resolveDateRange } from '../domain/date-range';
import type { RequestContext } from './context';

const DATE_RANGE_TYPE = 'DateRange';

/**
 * The one place a DateRange argument becomes days. Every field of the schema that takes a
 * DateRange gets its resolver wrapped: the argument is resolved (a preset → from/to on the label's
 * today, `previous` applied, the one-of rule checked) before type-graphql builds the resolver's
 * arguments, so no resolver or service ever sees a preset unresolved. The preset stays on the
 * range so "versus the previous range" can follow it.
 *
 * Only those fields are wrapped: a type-graphql global middleware would have run (asynchronously)
 * on every field of every answer.
 */
export function resolveDateRangeArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const names = field.args.filter((a) => getNamedType(a.type).name === DATE_RANGE_TYPE).map((a) => a.name);
      if (names.length === 0) continue;
      const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, args: Record<string, unknown>, context: RequestContext, info) => {
        const resolved = { ...args };
        for (const name of names) {
          const value = args[name] as DateRangeRequest | null | undefined;
          if (value != null) resolved[name] = resolveDateRange(value, context.today, name);
        }
        return resolve(root, resolved, context, info);
      };
    }
  }
  return schema;
}
