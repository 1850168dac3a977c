import type { CombinedError } from 'urql';

const LIMIT_CODES = new Set(['QUERY_TOO_COMPLEX', 'RANGE_TOO_LONG', 'PAGE_TOO_LARGE']);

/** The API's own message; for its size limits, the way out. */
export function ApiError({ error }: { error: CombinedError }) {
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  return (
    <div className="error" role="alert">
      {first?.message ?? error.message}
      {typeof code === 'string' && LIMIT_CODES.has(code) ? (
        <>
          <br />
          Try a coarser grain or a shorter range.
        </>
      ) : null}
    </div>
  );
}
