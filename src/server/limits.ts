import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type FragmentDefinitionNode, GraphQLError, type GraphQLSchema, Kind, type SelectionSetNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { AppConfig } from '../config/config';
import { AppError } from './errors';

/** Depth of the deepest field selection, fragments followed. Introspection (`__schema`, `__type`) is left out: GraphiQL needs it and its shape is fixed. */
export function queryDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === '__schema' || s.name.value === '__type') continue;
        max = Math.max(max, s.selectionSet ? 1 + depthOf(s.selectionSet, seen) : 1);
      }
      else if (s.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(s.selectionSet, seen));
      else if (!seen.has(s.name.value)) max = Math.max(max, depthOf(fragments.get(s.name.value)?.selectionSet, new Set([...seen, s.name.value])));
    }
    return max;
  };
  let depth = 0;
  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION && (!operationName || def.name?.value === operationName)) depth = Math.max(depth, depthOf(def.selectionSet, new Set()));
  }
  return depth;
}

/**
 * Refuses over-deep and over-costly operations before any resolver runs. Cost comes from the
 * `complexity` declared on fields: lists by page size, series by the buckets they may return.
 */
export function createLimitsPlugin(schema: GraphQLSchema, limits: AppConfig['limits']): ApolloServerPlugin {
  const badRequest = { http: { status: 400 } };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          const depth = queryDepth(document, operationName);
          if (depth > limits.maxQueryDepth) {
            throw new AppError('QUERY_TOO_DEEP', `query depth ${depth} exceeds the maximum of ${limits.maxQueryDepth}`, { ...badRequest, depth, maxDepth: limits.maxQueryDepth });
          }
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: operationName ?? undefined,
              variables: request.variables,
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (err) {
            // The cost needs the variables coerced first: a bad variable (an unknown enum value…) is the caller's error.
            if (err instanceof GraphQLError) throw new AppError('BAD_USER_INPUT', err.message, badRequest);
            throw err;
          }
          if (cost > limits.maxQueryCost) {
            throw new AppError('QUERY_TOO_COMPLEX', `query cost ${cost} exceeds the maximum of ${limits.maxQueryCost}; ask for fewer items (first) or fewer buckets`, {
              ...badRequest,
              cost,
              maxCost: limits.maxQueryCost,
            });
          }
        },
      };
    },
  };
}
