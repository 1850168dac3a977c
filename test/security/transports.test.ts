import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { describeEachDatabase } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** One operation over graphql-ws: its result, or the errors the server refused it with. */
export async function overWebSocket(
  url: string,
  token: string | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Answer> {
  const client = createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
  try {
    return await new Promise<Answer>((resolve, reject) => {
      let result: Answer = {};
      client.subscribe(
        { query, variables },
        {
          next: (msg) => void (result = msg as Answer),
          error: (err) =>
            Array.isArray(err)
              ? resolve({ errors: err as Answer['errors'] })
              : reject(
                  err instanceof Error
                    ? err
                    : new Error(`closed: ${(err as { code?: number; reason?: string }).code} ${(err as { reason?: string }).reason ?? ''}`),
                ),
          complete: () => resolve(result),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

const code = (a: Answer) => a.errors?.[0]?.extensions?.code;

describeEachDatabase('one validation pipeline for HTTP and graphql-ws', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { MAX_QUERY_DEPTH: '6', MAX_QUERY_COST: '3000', MAX_QUERY_TOKENS: '400', MAX_QUERY_ALIASES: '5' });
  });
  afterAll(async () => server?.close());

  const both = async (query: string, token: string | null = server.viewerToken) => {
    const http = (await server.gql(query, undefined, token)).body as Answer;
    const ws = await overWebSocket(server.url, token, query);
    return { http, ws };
  };

  const cases: Array<[string, string, string]> = [
    ['depth', '{ artists { edges { node { tracks { artists { artist { tracks { title } } } } } } } }', 'QUERY_TOO_DEEP'],
    ['cost', '{ transactions(first: 400) { edges { node { platform { code } track { title } artist { name } } } } }', 'QUERY_TOO_COMPLEX'],
    ['tokens', `{ ${Array.from({ length: 120 }, () => 'platforms { totalCount }').join(' ')} }`, 'QUERY_TOO_LARGE'],
    ['aliases', `{ ${Array.from({ length: 6 }, (_, i) => `p${i}: platforms { totalCount }`).join(' ')} }`, 'QUERY_TOO_LARGE'],
    ['fragment cycle', 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }', 'FRAGMENT_CYCLE'],
    [
      'clamped cost',
      '{ t: topTracks(range: { from: "2024-01-01", to: "2024-06-30" }, first: -2147483648) { rank } transactions(first: 400) { edges { node { platform { code } track { title } artist { name } } } } }',
      'QUERY_TOO_COMPLEX',
    ],
    ['long argument', `{ artists(filter: { search: "${'x'.repeat(1500)}" }) { totalCount } }`, 'BAD_USER_INPUT'],
    ['role', '{ ingestionRuns { edges { node { id } } } }', 'FORBIDDEN'],
    ['unknown field', '{ platformz { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
  ];

  it.each(cases)('%s: the same coded refusal over both transports', async (_name, query, expected) => {
    const { http, ws } = await both(query);
    expect(code(http)).toBe(expected);
    expect(code(ws)).toBe(expected);
    // One error that says it all (no trailing "Validation aborted.").
    expect([http.errors!.length, ws.errors!.length]).toEqual([1, 1]);
    expect(http.data ?? null).toBeNull();
    expect(ws.data ?? null).toBeNull();
    // Status hints are for HTTP; no transport shows them to the client.
    expect(JSON.stringify([http, ws])).not.toMatch(/"http"/);
  });

  it('a valid query answers the same data over both', async () => {
    const { http, ws } = await both('{ platforms(first: 3) { totalCount edges { node { code } } } }');
    expect(http.errors).toBeUndefined();
    expect(ws.errors).toBeUndefined();
    expect(ws.data).toEqual(http.data);
  });

  it('no token, no WebSocket: the connection is closed before any operation', async () => {
    await expect(overWebSocket(server.url, null, '{ platforms { totalCount } }')).rejects.toThrow(/closed: 4403/);
  });
});

describe('rate limit per token, over HTTP and graphql-ws', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { RATE_LIMIT_BURST: '4', RATE_LIMIT_PER_MINUTE: '6' });
  });
  afterAll(async () => server?.close());

  it('answers 429 RATE_LIMITED with Retry-After once a token has spent its burst; other tokens are unaffected', async () => {
    const post = (token: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ platforms { totalCount } }' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(server.viewerToken)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const limited = await post(server.viewerToken);
    expect(limited.status).toBe(429);
    // 6 a minute: one request every 10 s.
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(10);
    expect(limited.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await limited.json()) as Answer).errors![0].extensions!.code).toBe('RATE_LIMITED');
    // Counted per token: the admin token still has its burst.
    expect((await post(server.adminToken)).status).toBe(200);
    const ws = await overWebSocket(server.url, server.adminToken, '{ platforms { totalCount } }');
    expect(ws.errors).toBeUndefined();
    // The admin token's bucket: HTTP 1, then a connection and an operation each; the next connection
    // gets the last request, its operation is refused, and the connection after is closed at once.
    const outcomes: Array<unknown> = [];
    for (let i = 0; i < 2; i++)
      outcomes.push(await overWebSocket(server.url, server.adminToken, '{ platforms { totalCount } }').then(code, (e: Error) => e.message));
    expect(outcomes).toEqual(['RATE_LIMITED', expect.stringMatching(/closed: 4403/)]);
  });
});
