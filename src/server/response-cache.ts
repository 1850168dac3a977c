import crypto from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLRequest, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { type FormattedExecutionResult, Kind, type OperationDefinitionNode, OperationTypeNode } from 'graphql';

/**
 * A response cache for read queries. Dashboards ask the same questions again and again, and the
 * warehouse only changes when a load commits, so an answer stays right until the warehouse version
 * moves. The key is (document, operation name, variables, what the caller may see, warehouse
 * version, label's today): a committed load, a merge or a new day gives new keys, and the old ones
 * age out of the LRU. Only queries whose every root field is in `cacheableRootFields` are cached
 * (answers derived from warehouse facts alone: not the run ledger, health or sessions, which change
 * without a load), and only answers without errors. Limits, auth and complexity run before the
 * lookup (Apollo calls `responseForOperation` after the operation is resolved and validated).
 */
export interface ResponseCacheOptions<TContext extends BaseContext> {
  /** Root Query fields whose answers depend only on the warehouse's committed data and the arguments. */
  cacheableRootFields: ReadonlySet<string>;
  /** The caller's visibility (its role) and the warehouse version, read per request. */
  scope(context: TContext): Promise<{ visibility: string; version: string }>;
}

export const CACHE_HEADER = 'x-response-cache';

interface Entry {
  result: FormattedExecutionResult;
  bytes: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): FormattedExecutionResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map order is insertion order: re-inserting marks the entry as most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.result;
  }

  set(key: string, result: FormattedExecutionResult): void {
    const bytes = JSON.stringify(result).length;
    if (bytes > this.maxBytes / 4) return; // one answer never takes over the cache
    const old = this.entries.get(key);
    if (old) this.bytes -= old.bytes;
    this.entries.delete(key);
    this.entries.set(key, { result, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

function rootFields(operation: OperationDefinitionNode): string[] | null {
  const names: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    // Fragments at the root would need resolving against the schema; such documents are simply not cached.
    if (selection.kind !== Kind.FIELD) return null;
    names.push(selection.name.value);
  }
  return names;
}

function cacheKey(request: GraphQLRequest, visibility: string, version: string): string {
  const { query, operationName, variables } = request;
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([query ?? '', operationName ?? null, variables ?? {}, visibility, version]))
    .digest('base64url');
}

export function responseCachePlugin<TContext extends BaseContext>(
  cache: ResponseCache,
  options: ResponseCacheOptions<TContext>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let key: string | null = null;
      return {
        async responseForOperation(request): Promise<GraphQLResponse | null> {
          if (request.operation.operation !== OperationTypeNode.QUERY) return null;
          const fields = rootFields(request.operation);
          if (!fields || !fields.every((f) => options.cacheableRootFields.has(f))) return null;
          const { visibility, version } = await options.scope(request.contextValue);
          key = cacheKey(request.request, visibility, version);
          const cached = cache.get(key);
          if (!cached) {
            cache.misses += 1;
            return null;
          }
          cache.hits += 1;
          key = null;
          const headers = new HeaderMap([[CACHE_HEADER, 'hit']]);
          return { http: { status: undefined, headers }, body: { kind: 'single', singleResult: cached } };
        },
        async willSendResponse(request) {
          if (key === null || request.response.body.kind !== 'single') return;
          const result = request.response.body.singleResult;
          if (result.errors?.length) return;
          cache.set(key, result);
          request.response.http.headers.set(CACHE_HEADER, 'miss');
        },
      };
    },
  };
}
