import crypto from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Kind, type OperationDefinitionNode, OperationTypeNode } from 'graphql';

/**
 * A response cache for read queries. Dashboards ask the same questions again and again, and the
 * warehouse only changes when a load commits, so an answer stays right until the warehouse version
 * moves. The key is (document, operation name, variables, what the caller may see, warehouse
 * version and day): a committed load, a merge or a new day gives new keys, and the old ones age
 * out of the LRU. Only queries whose every root field is in `cacheableRootFields` are stored
 * (answers derived from warehouse facts alone: not the run ledger, health or sessions, which change
 * without a load), and only answers without errors.
 *
 * Two halves: the Apollo plugin stores an answer once Apollo has parsed, validated, priced and run
 * it (so only documents that passed every limit are ever stored); the Express middleware in front
 * of Apollo answers a repeat with the stored bytes after authenticating the caller and reading the
 * version — the same text and variables pass the same limits, so nothing is skipped that could
 * answer differently, and neither graphql-js nor JSON serialisation runs again.
 */
export const CACHE_HEADER = 'x-response-cache';

/** What the cache needs to know of a request: who asks (the role decides what they see) and the warehouse version. */
export interface CacheScope {
  visibility: string;
  version: string;
}

/** A stored answer as it goes on the wire (encoded once, when stored). */
export interface CachedAnswer {
  body: Buffer;
}

export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  /** `maxBytes` bounds the cached JSON; one answer larger than a quarter of it is never kept. */
  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map order is insertion order: re-inserting marks the entry as most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, json: string): void {
    const body = Buffer.from(json, 'utf8');
    if (body.length > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.length;
    this.entries.delete(key);
    this.entries.set(key, { body });
    this.bytes += body.length;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.length;
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

interface KeyedRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

function cacheKey(request: KeyedRequest, scope: CacheScope): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([request.query ?? '', request.operationName ?? null, request.variables ?? {}, scope.visibility, scope.version]))
    .digest('base64url');
}

/** Stores the answers of cacheable read queries, keyed as the middleware will look them up. */
export function responseCachePlugin<TContext extends BaseContext>(
  cache: ResponseCache,
  options: { cacheableRootFields: ReadonlySet<string>; scope(context: TContext): Promise<CacheScope> },
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let key: string | null = null;
      return {
        async executionDidStart(request) {
          if (request.operation.operation !== OperationTypeNode.QUERY) return;
          const fields = rootFields(request.operation);
          if (!fields || !fields.every((f) => options.cacheableRootFields.has(f))) return;
          key = cacheKey(request.request, await options.scope(request.contextValue));
        },
        async willSendResponse(request) {
          if (key === null || request.response.body.kind !== 'single') return;
          const result = request.response.body.singleResult;
          if (result.errors?.length) return;
          // The bytes Apollo sends (its JSON.stringify plus a newline), so a hit is byte-identical.
          cache.set(key, `${JSON.stringify(result)}\n`);
          cache.misses += 1;
          request.response.http.headers.set(CACHE_HEADER, 'miss');
        },
      };
    },
  };
}

/**
 * Answers a repeated read query from the cache, in front of Apollo. `scopeOf` authenticates the
 * caller (a refused caller goes on to Apollo, which answers the refusal) and reads the version.
 */
export function responseCacheMiddleware(cache: ResponseCache, scopeOf: (req: Request) => Promise<CacheScope | null>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const body: unknown = req.body;
    // JSON POSTs only: Apollo's CSRF prevention lets exactly these through without a preflight header.
    if (req.method !== 'POST' || !req.is('application/json') || typeof body !== 'object' || body === null || Array.isArray(body))
      return next();
    const request = body as KeyedRequest;
    if (typeof request.query !== 'string') return next();
    scopeOf(req).then(
      (scope) => {
        const answer = scope ? cache.get(cacheKey(request, scope)) : undefined;
        if (answer === undefined) return next();
        cache.hits += 1;
        const graphqlJson = (req.headers.accept ?? '').includes('application/graphql-response+json');
        res.setHeader('content-type', graphqlJson ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8');
        res.setHeader(CACHE_HEADER, 'hit');
        // The stored bytes as they are: Express's send would encode the text and hash it for an ETag on every hit
        // (a POST is never answered 304, so that ETag serves nothing).
        res.statusCode = 200;
        res.setHeader('content-length', answer.body.length);
        res.end(answer.body);
      },
      () => next(),
    );
  };
}
