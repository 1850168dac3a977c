import { type GraphQLField, type GraphQLResolveInfo, getNamedType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { type DateRangeRequest, resolveDateRange } from '../domain/date-range';
import type { RequestContext } from './context';

const DATE_RANGE_TYPE = 'DateRange';

/** Per field definition, the names of its DateRange arguments (most fields have none). */
const rangeArgs = new WeakMap<GraphQLField<unknown, unknown>, string[]>();

function dateRangeArgsOf(info: GraphQLResolveInfo): string[] {
  const field = info.parentType.getFields()[info.fieldName];
  let names = rangeArgs.get(field);
  if (!names) {
    names = field.args.filter((a) => getNamedType(a.type).name === DATE_RANGE_TYPE).map((a) => a.name);
    rangeArgs.set(field, names);
  }
  return names;
}

/**
 * The one place a DateRange argument becomes days: every field's DateRange arguments are resolved
 * (preset → from/to on the label's today, `previous` applied, one-of checked) before type-graphql
 * builds the resolver's arguments, so no resolver or service ever sees a preset unresolved. The
 * preset stays on the range so "versus the previous range" can follow it.
 */
export const resolveDateRangeArgs: MiddlewareFn<RequestContext> = ({ args, info, context }, next) => {
  for (const name of dateRangeArgsOf(info)) {
    const value = args[name] as DateRangeRequest | null | undefined;
    if (value != null) args[name] = resolveDateRange(value, context.today, name);
  }
  return next();
};
