import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../config/logger';
import { DomainError } from '../errors/domain-error';

/** Every error a client may see carries one of these codes in `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RANGE_TOO_LONG'
  | 'PAGE_TOO_LARGE'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COMPLEX'
  | 'QUERY_TOO_LARGE'
  | 'FRAGMENT_CYCLE'
  | 'RATE_LIMITED'
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'GRAPHQL_PARSE_FAILED'
  | 'INTERNAL_SERVER_ERROR';

/** An error of the HTTP layer itself (size limits, the Authorization header), meant for the client: its message is safe to show. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
    this.name = 'AppError';
  }
}

/** graphql-js's parse error when `maxTokens` is passed (its message says "more that" in graphql 16). */
export const TOKEN_LIMIT = /Document contains more tha[nt] \d+ tokens/;

// Errors that graphql-js and Apollo raise about the request itself: safe, and useful to the caller.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The one place errors are mapped for clients: domain errors become `{ code: clientCode, ...details }`,
 * the server's own coded errors and request errors pass through; anything else (a database error,
 * a bug, a domain error whose message is not for clients) is logged in full and answered with a
 * generic message.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const domain = domainErrorOf(error);
    if (domain?.exposesMessage) {
      return {
        message: domain.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: domain.clientCode, ...domain.details },
      };
    }
    const app = appErrorOf(error);
    if (app) {
      // `http` only tells Apollo which status to answer with; it is not for the client.
      const { http: _status, ...extensions } = app.extensions;
      return { message: app.message, path: formatted.path, locations: formatted.locations, extensions };
    }
    const code = formatted.extensions?.code;
    // Parse, validation and variable errors happen before execution (no path): they describe the request.
    if (!formatted.path && typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      // The token budget of graphql-js's parser is a size limit, coded like the other size limits.
      const tooLarge = code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT.test(formatted.message);
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: tooLarge ? 'QUERY_TOO_LARGE' : code },
      };
    }
    const errorId = Math.random().toString(36).slice(2, 10);
    logger.error('unexpected error while answering a request', { errorId, path: formatted.path, error: unwrapResolverError(error) });
    return {
      message: `Internal server error (reference ${errorId})`,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}

/** Our coded error, whether thrown by a resolver, reported by a validation rule (Apollo wraps those) or thrown while building the context. */
function appErrorOf(error: unknown): AppError | null {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return original;
  if (original instanceof GraphQLError && original.originalError instanceof AppError) return original.originalError;
  return null;
}

/** A domain error thrown by a resolver or a layer below it (graphql-js and graphql-ws wrap it in a GraphQLError). */
function domainErrorOf(error: unknown): DomainError | null {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return original;
  if (original instanceof GraphQLError && original.originalError instanceof DomainError) return original.originalError;
  return null;
}
