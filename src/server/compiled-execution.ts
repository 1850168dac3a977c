import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionSetNode,
} from 'graphql';
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** What Apollo hands a gateway's executor (typed here so this file needs no gateway package). */
export interface ExecutorRequest {
  readonly request: { readonly operationName?: string; readonly variables?: Record<string, unknown> };
  readonly document: DocumentNode;
  readonly source?: string;
  readonly operation?: OperationDefinitionNode;
  readonly context: unknown;
}

/** Documents longer than this run on graphql-js and are not remembered: the LRU's memory stays bounded by entries × this. */
const MAX_COMPILED_SOURCE_CHARS = 20_000;
/** A document graphql-js runs: introspection, mutations, subscriptions, or one graphql-jit refused. */
const INTERPRETED = Symbol('interpreted');
/** A document seen once: compiling costs about as much as parsing and validating it again, so one-offs are not compiled. */
const SEEN_ONCE = Symbol('seen once');
type Plan = CompiledQuery | typeof INTERPRETED | typeof SEEN_ONCE;

/**
 * Compiled execution (graphql-jit) for the HTTP pipeline. graphql-js's `execute` re-walks the
 * document for every request: it collects fields, looks up their definitions, builds a resolve
 * info and a path per field and checks each value against its type, about 600 times for a 50-item
 * page with relations. graphql-jit does that once per (document, operation) and turns the
 * operation into a function; a dashboard sends the same few documents again and again.
 *
 * Only read queries are compiled, and graphql-js still answers whatever graphql-jit could answer
 * differently: introspection (rare, and large), mutations (rare; serial order and side effects),
 * subscriptions (they live on graphql-ws), documents graphql-jit refuses, variables graphql-js
 * refuses (its coercion errors are the ones clients know) and answers with several errors (which
 * ones graphql-js reports depends on its walk; see below). graphql-jit's errors are rebuilt as
 * graphql-js errors (same message, locations, path, original error), so error formatting sees what
 * it saw before. A document is compiled the second time it comes (a flood of one-off documents
 * costs no compiling), and plans live in a bounded LRU, so many distinct documents keep memory flat.
 */
export function createCompiledExecutor(schema: GraphQLSchema, maxPlans = 200) {
  const plans = new Map<string, Plan>();
  let compiled = 0;

  const planFor = (req: ExecutorRequest): Plan => {
    const { document, operation, source } = req;
    const operationName = req.request.operationName ?? undefined;
    if (!operation || operation.operation !== OperationTypeNode.QUERY || typeof source !== 'string') return INTERPRETED;
    if (source.length > MAX_COMPILED_SOURCE_CHARS) return INTERPRETED;
    const key = `${operationName ?? ''}\u0000${source}`;
    let plan = plans.get(key);
    // Map order is insertion order: (re-)inserted as the most recently used.
    if (plan !== undefined) plans.delete(key);
    if (plan === undefined) plan = SEEN_ONCE;
    else if (plan === SEEN_ONCE) {
      plan = introspects(operation.selectionSet, document) ? INTERPRETED : compile(schema, document, operationName);
      if (plan !== INTERPRETED) compiled += 1;
    }
    plans.set(key, plan);
    if (plans.size > maxPlans) plans.delete(plans.keys().next().value as string);
    return plan;
  };

  const interpret = (req: ExecutorRequest) =>
    execute({
      schema,
      document: req.document,
      contextValue: req.context,
      variableValues: req.request.variables,
      operationName: req.request.operationName,
    });

  const executor = async (req: ExecutorRequest): Promise<ExecutionResult> => {
    const plan = planFor(req);
    const { context, request } = req;
    const variables = request.variables ?? {};
    if (plan === INTERPRETED || plan === SEEN_ONCE) return interpret(req);
    const definitions = req.operation?.variableDefinitions;
    if (definitions?.length) {
      // graphql-js decides which variables are refused, with its own messages (graphql-jit would word some differently).
      const coerced = getVariableValues(schema, definitions, variables, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result = await plan.query(undefined, context, variables);
    if (!result.errors) return result;
    // Several errors: graphql-js reports one per nulled parent (it stops a list at its first failed non-null item,
    // and drops later failures of a subtree it already nulled); graphql-jit reports them all. A read query is
    // run again on graphql-js so that the answer is the one clients had (rare: refusals come one at a time).
    if (result.errors.length > 1) return interpret(req);
    return { ...result, errors: result.errors.map(asGraphQLJsError) };
  };

  /** Plans held, and how many documents were compiled so far (for tests). */
  const stats = () => ({ plans: plans.size, compiled });
  return { executor, stats };
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Plan {
  try {
    const compiled = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
    return isCompiledQuery(compiled) ? compiled : INTERPRETED;
  } catch {
    // A document graphql-jit cannot compile is still a valid document: graphql-js answers it.
    return INTERPRETED;
  }
}

/** Whether the operation asks for `__schema` or `__type` at its root (through fragments too). */
function introspects(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__schema' || selection.name.value === '__type') return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (introspects(selection.selectionSet, document, seen)) return true;
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION && introspects(fragment.selectionSet, document, seen)) return true;
    }
  }
  return false;
}

/**
 * graphql-jit's errors only borrow graphql-js's prototype (no `extensions` object when the original
 * has none, which Apollo's formatting reads): rebuilt as graphql-js would have built them.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
  // The same locations graphql-js computes from the field nodes (graphql-jit computed them from those nodes).
  (rebuilt as { locations?: unknown }).locations = error.locations;
  return rebuilt;
}

/**
 * Apollo Server 5 takes a custom executor only from a gateway: this one serves our own schema,
 * never changes it, and executes with the compiled plans above. Everything before execution
 * (parse, validation, plugins) and after it (error formatting, HTTP status) stays Apollo's.
 */
export function compiledExecutionGateway(schema: GraphQLSchema, maxPlans?: number): ApolloServerOptionsWithGateway<BaseContext>['gateway'] {
  const { executor } = createCompiledExecutor(schema, maxPlans);
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => undefined,
  };
}
