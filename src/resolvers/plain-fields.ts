import { type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * type-graphql wraps every object field in a resolver of its own (it would run the field's
 * middlewares and role check), even a plain data field that has neither: a closure call and an
 * object per field per row, thousands per series or list. This gives such fields back graphql-js's
 * default resolver, which reads the same property. A field keeps its wrapper when it has a role
 * (@Role), middlewares, a field resolver, or a schema name other than its property name.
 * Answers the number of fields changed.
 */
export function usePlainResolvers(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  let changed = 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type) || roots.has(type)) continue;
    // The classes whose fields this type has: itself, then its ancestors (the nearest declaration wins).
    const chain: object[] = [];
    for (let c: object = objectType.target; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as object) chain.push(c);
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || field.extensions?.role !== undefined) continue;
      const meta = chain.map((c) => storage.fields.find((f) => f.target === c && f.schemaName === field.name)).find(Boolean);
      if (!meta || meta.name !== meta.schemaName || meta.roles !== undefined || (meta.middlewares?.length ?? 0) > 0) continue;
      const hasFieldResolver = storage.fieldResolvers.some(
        (r) => r.schemaName === field.name && chain.includes(r.getObjectType?.() as object),
      );
      if (hasFieldResolver) continue;
      field.resolve = undefined;
      changed += 1;
    }
  }
  return changed;
}
