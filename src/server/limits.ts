import type { ApolloServerPlugin } from '@apollo/server';
import {
  type ASTVisitor,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  type ValidationContext,
  type ValidationRule,
  validate,
  visit,
} from 'graphql';
// graphql-js stops a validation when a rule throws this object (it is what its own fragment-work budget throws).
import { validationAbortedError } from 'graphql/validation/validationAbortedError';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { AppConfig } from '../config/config';
import { measureDocument } from './document-shape';
import { AppError, TOKEN_LIMIT } from './errors';

type Limits = AppConfig['limits'];
/** Far more fields than any input type of the schema has. */
const MAX_INPUT_OBJECT_FIELDS = 100;
const badRequest = { http: { status: 400 } };

/** graphql-js parse options: a document over the token budget is refused while it is read. */
export function parseOptions(limits: Limits) {
  return { maxTokens: limits.maxQueryTokens };
}

/** Codes of the shape limits, reported during validation. */
const SHAPE_CODES = new Set(['QUERY_TOO_DEEP', 'QUERY_TOO_LARGE', 'FRAGMENT_CYCLE']);

/** A syntax error, or the token budget exceeded (QUERY_TOO_LARGE). */
function parseError(err: GraphQLError): AppError {
  return TOKEN_LIMIT.test(err.message)
    ? new AppError('QUERY_TOO_LARGE', err.message, { ...badRequest, limit: 'tokens' })
    : new AppError('GRAPHQL_PARSE_FAILED', err.message, badRequest);
}

/** Validation stops after a few errors: a document of thousands of mistakes is not worth reporting in full. */
export const VALIDATION_OPTIONS = { maxErrors: 10 } as const;

/** The shape limits of a parsed document, as an error to report, or null when it is within them. */
export function shapeError(document: DocumentNode, limits: Limits): AppError | null {
  const shape = measureDocument(document);
  if (shape.cycle)
    return new AppError('FRAGMENT_CYCLE', `fragment ${shape.cycle} spreads itself`, { ...badRequest, fragment: shape.cycle });
  if (shape.depth > limits.maxQueryDepth) {
    return new AppError('QUERY_TOO_DEEP', `query depth ${shape.depth} exceeds the maximum of ${limits.maxQueryDepth}`, {
      ...badRequest,
      depth: shape.depth,
      maxDepth: limits.maxQueryDepth,
    });
  }
  if (shape.rootFields > limits.maxRootFields) {
    return new AppError(
      'QUERY_TOO_LARGE',
      `${shape.rootFields} root fields in one operation exceed the maximum of ${limits.maxRootFields}`,
      { ...badRequest, limit: 'rootFields', max: limits.maxRootFields },
    );
  }
  if (shape.aliases > limits.maxQueryAliases) {
    return new AppError('QUERY_TOO_LARGE', `${shape.aliases} aliases exceed the maximum of ${limits.maxQueryAliases}`, {
      ...badRequest,
      limit: 'aliases',
      max: limits.maxQueryAliases,
    });
  }
  if (shape.selections > limits.maxQuerySelections) {
    const n = Number.isFinite(shape.selections) ? String(shape.selections) : 'too many';
    return new AppError(
      'QUERY_TOO_LARGE',
      `${n} field selections (fragments expanded) exceed the maximum of ${limits.maxQuerySelections}`,
      { ...badRequest, limit: 'selections', max: limits.maxQuerySelections },
    );
  }
  return null;
}

/**
 * A validation rule that measures the document before any other rule does real work (it acts when
 * the document is entered; graphql-js's rules act on operations and selection sets) and aborts the
 * whole validation when a shape limit is passed.
 */
export function shapeLimitsRule(limits: Limits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document: {
      enter(node) {
        const error = shapeError(node, limits);
        if (!error) return;
        context.reportError(error);
        throw validationAbortedError;
      },
    },
  });
}

/**
 * Strings and lists in arguments, literal or in variables: a NUL byte (PostgreSQL refuses it in
 * text), a string longer than the limit, or a list longer than the limit is the caller's error,
 * whichever database is behind. Walked without recursion, so a deeply nested variable is harmless.
 */
export function argumentsError(document: DocumentNode, variables: Record<string, unknown> | undefined, limits: Limits): AppError | null {
  const check = (value: unknown, where: string): AppError | null => {
    const stack: unknown[] = [value];
    while (stack.length) {
      const v = stack.pop();
      if (typeof v === 'string') {
        if (v.includes('\u0000'))
          return new AppError('BAD_USER_INPUT', `${where}: text may not contain NUL characters`, { ...badRequest, argument: where });
        if (v.length > limits.maxStringArgumentLength) {
          return new AppError(
            'BAD_USER_INPUT',
            `${where}: a text of ${v.length} characters is longer than the maximum of ${limits.maxStringArgumentLength}`,
            { ...badRequest, argument: where },
          );
        }
      } else if (Array.isArray(v)) {
        if (v.length > limits.maxListArgumentLength) {
          return new AppError(
            'BAD_USER_INPUT',
            `${where}: a list of ${v.length} items is longer than the maximum of ${limits.maxListArgumentLength}`,
            { ...badRequest, argument: where },
          );
        }
        for (const item of v) stack.push(item);
      } else if (v && typeof v === 'object') {
        const values = Object.values(v);
        // No input type has this many fields; graphql-js would describe the whole object in each unknown field's error (quadratic).
        if (values.length > MAX_INPUT_OBJECT_FIELDS) {
          return new AppError(
            'BAD_USER_INPUT',
            `${where}: an input object of ${values.length} fields has more than ${MAX_INPUT_OBJECT_FIELDS}`,
            { ...badRequest, argument: where },
          );
        }
        for (const item of values) stack.push(item);
      }
    }
    return null;
  };
  for (const [name, value] of Object.entries(variables ?? {})) {
    const error = check(value, `$${name}`);
    if (error) return error;
  }
  let found: AppError | null = null;
  visit(document, {
    Argument(node) {
      if (found) return false;
      const literals: string[] = [];
      const lists: number[] = [];
      visit(node.value, {
        StringValue: (s) => void literals.push(s.value),
        ListValue: (l) => void lists.push(l.values.length),
      });
      const where = node.name.value;
      for (const s of literals) found ??= check(s, where);
      for (const n of lists) if (!found && n > limits.maxListArgumentLength) found = check(new Array<null>(n).fill(null), where);
      return false;
    },
  });
  return found;
}

/** Estimated cost of the chosen operation: lists by the items they may return, multiplied down the tree. */
export function costError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  limits: Limits,
): AppError | null {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (err) {
    // The cost needs the variables coerced first: a bad variable (an unknown enum value…) is the caller's error.
    if (err instanceof GraphQLError) return new AppError('BAD_USER_INPUT', err.message, badRequest);
    throw err;
  }
  if (!Number.isFinite(cost) || cost < 0 || cost > limits.maxQueryCost) {
    return new AppError(
      'QUERY_TOO_COMPLEX',
      `query cost ${Number.isFinite(cost) ? cost : 'unbounded'} exceeds the maximum of ${limits.maxQueryCost}; ask for fewer items (first) or fewer buckets`,
      {
        ...badRequest,
        cost: Number.isFinite(cost) ? cost : null,
        maxCost: limits.maxQueryCost,
      },
    );
  }
  return null;
}

/** Checks that need the operation and its variables: arguments, then cost. */
export function operationError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  limits: Limits,
): AppError | null {
  return argumentsError(document, variables, limits) ?? costError(schema, document, operationName, variables, limits);
}

/** The validation rules of every transport: graphql-js's own, then the shape limits. */
export function validationRules(limits: Limits): ValidationRule[] {
  return [shapeLimitsRule(limits)];
}

/**
 * The whole pipeline for a transport that hands us the source (graphql-ws): parse within the token
 * budget, shape limits, graphql-js validation, then arguments and cost — the same steps, limits
 * and errors Apollo applies to HTTP through `parseOptions`, `validationRules` and the plugin below.
 */
export function prepareOperation(
  schema: GraphQLSchema,
  source: string,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  limits: Limits,
): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(source, parseOptions(limits));
  } catch (err) {
    if (err instanceof GraphQLError) return { errors: [parseError(err)] };
    throw err;
  }
  const errors = validate(schema, document, [...specifiedRules, ...validationRules(limits)], VALIDATION_OPTIONS);
  // Coded like Apollo codes them over HTTP: our own limits keep their code, graphql-js's rules are GRAPHQL_VALIDATION_FAILED.
  if (errors.length) {
    const shape = errors.some((e) => e.originalError instanceof AppError || e instanceof AppError);
    return {
      errors: errors
        .filter((e) => !(shape && e === validationAbortedError))
        .map((e) =>
          e.originalError instanceof AppError
            ? e.originalError
            : e instanceof AppError
              ? e
              : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
        ),
    };
  }
  const error = operationError(schema, document, operationName, variables, limits);
  return error ? { errors: [error] } : { document };
}

/** Longest request (query text and variables) whose passing checks are remembered; longer ones are checked every time. */
const MAX_REMEMBERED_REQUEST_CHARS = 20_000;

/**
 * Apollo's half of the pipeline: arguments and cost once the operation is known (parse and shape are
 * in the server's options). A dashboard sends the same few documents with the same variables again
 * and again: the checks depend on nothing else (text, operation, variables, schema, limits), so the
 * requests that passed are remembered in a small LRU and pass again without being walked. Refusals
 * are not remembered: they are rare, and each gets its own error object.
 */
export function createLimitsPlugin(schema: GraphQLSchema, limits: Limits, rememberPassed = 1000): ApolloServerPlugin {
  const passed = new Set<string>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          const key =
            rememberPassed > 0 && typeof request.query === 'string'
              ? `${operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}\u0000${request.query}`
              : null;
          const rememberable = key !== null && key.length <= MAX_REMEMBERED_REQUEST_CHARS;
          if (rememberable && passed.has(key)) {
            // Set order is insertion order: re-inserted as the most recently used.
            passed.delete(key);
            passed.add(key);
            return;
          }
          const error = operationError(schema, document, operationName ?? undefined, request.variables, limits);
          if (error) throw error;
          if (!rememberable) return;
          passed.add(key);
          if (passed.size > rememberPassed) passed.delete(passed.values().next().value as string);
        },
        async willSendResponse({ response }) {
          // The shape rule stops validation by throwing graphql-js's abort marker, which adds its own "Validation aborted.": the coded error says it all.
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const errors = response.body.singleResult.errors;
          if (errors.some((e) => SHAPE_CODES.has(String(e.extensions?.code))))
            response.body.singleResult.errors = errors.filter((e) => e.message !== validationAbortedError.message);
        },
      };
    },
  };
}
