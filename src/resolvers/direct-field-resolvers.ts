import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type ResolverData = { root: unknown; args: unknown; context: unknown; info: unknown };
type ParamGetter = (data: ResolverData) => unknown;
type FieldResolverMetadata = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];
/** A class as type-graphql's metadata holds it. */
type ClassRef = FieldResolverMetadata['target'];

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  value != null && typeof (value as { then?: unknown }).then === 'function';

/**
 * type-graphql calls a field resolver of a @Resolver class through a generic handler: per call it
 * asks its container for the class instance, builds a resolver-data object, sorts the parameters'
 * metadata and maps them into an array, then checks each for a promise. A 50-item page with
 * relations makes ~450 such calls, a 500-point series 500 per relation asked. Where that handler
 * does nothing else — no middleware, no @Authorized roles, parameters that are only the parent
 * (plain or through a custom decorator such as @Parent), the context or the info, and a resolver
 * class that holds no state — the field gets a resolver that calls the same method with the same
 * values, the parameters' getters worked out once here. Anything else (arguments, which type-graphql
 * converts and validates asynchronously; roles; middlewares) keeps type-graphql's handler.
 * Returns the fields given a direct resolver, as "Type.field".
 */
export function directFieldResolvers(schema: GraphQLSchema, options: { globalMiddlewares?: readonly unknown[] } = {}): string[] {
  if (options.globalMiddlewares?.length) return [];
  const storage = getMetadataStorage();
  const instances = new Map<ClassRef, object | null>();
  const direct: string[] = [];
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const metadata of storage.fieldResolvers) {
      if (metadata.kind !== 'external' || !metadata.getObjectType) continue;
      // type-graphql gives a class's field resolvers to its subclasses too.
      if (!inherits(objectType.target, metadata.getObjectType())) continue;
      const field = fields[metadata.schemaName];
      if (!field?.resolve) continue;
      const instance = instanceOf(metadata.target, instances);
      const resolve = instance && directResolver(metadata, instance);
      if (!resolve) continue;
      field.resolve = resolve;
      direct.push(`${type.name}.${field.name}`);
    }
  }
  return direct;
}

function inherits(target: ClassRef, ancestor: ClassRef): boolean {
  for (let c: unknown = target; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (c === ancestor) return true;
  }
  return false;
}

/** One instance per resolver class, as type-graphql's default container keeps; null when the class holds state of its own. */
function instanceOf(target: ClassRef, instances: Map<ClassRef, object | null>): object | null {
  let instance = instances.get(target);
  if (instance === undefined) {
    try {
      const created = new (target as new () => object)();
      instance = Object.keys(created).length === 0 ? created : null;
    } catch {
      instance = null;
    }
    instances.set(target, instance);
  }
  return instance;
}

function directResolver(metadata: FieldResolverMetadata, instance: object): GraphQLFieldResolver<unknown, unknown> | null {
  if (metadata.roles !== undefined || (metadata.middlewares?.length ?? 0) > 0) return null;
  const method = (instance as Record<string, unknown>)[metadata.methodName];
  if (typeof method !== 'function') return null;
  const getters: ParamGetter[] = [];
  for (const param of [...(metadata.params ?? [])].sort((a, b) => a.index - b.index)) {
    const getter = paramGetter(param);
    if (!getter) return null;
    getters.push(getter);
  }
  const call = (values: unknown[]) => (method as (...a: unknown[]) => unknown).apply(instance, values);
  return (root, args, context, info) => {
    const data: ResolverData = { root, args, context, info };
    const values = new Array<unknown>(getters.length);
    let pending = false;
    for (let i = 0; i < getters.length; i++) {
      const value = getters[i](data);
      if (isPromiseLike(value)) pending = true;
      values[i] = value;
    }
    // As type-graphql: the method runs once every parameter is known.
    return pending ? Promise.all(values).then(call) : call(values);
  };
}

/** What type-graphql's getParams hands the method for this parameter; null for the kinds it converts or validates. */
function paramGetter(param: ParamMetadata): ParamGetter | null {
  switch (param.kind) {
    case 'root': {
      if (param.getType) return null;
      const property = param.propertyName;
      return property ? (d) => (d.root as Record<string, unknown>)[property] : (d) => d.root;
    }
    case 'context': {
      const property = param.propertyName;
      return property ? (d) => (d.context as Record<string, unknown>)[property] : (d) => d.context;
    }
    case 'info':
      return (d) => d.info;
    case 'custom':
      return param.options.arg ? null : (d): unknown => param.resolver(d as never) as unknown;
    default:
      return null;
  }
}
