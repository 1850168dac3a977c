import { getIntrospectionQuery } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { describeEachDatabase } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';

describeEachDatabase('anonymous callers when anonymous read is off', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('get no field suggestions: a misspelled field is refused for want of a token, not corrected', async () => {
    const res = await server.gql('{ platformz { totalCount } transactionz { edges { node { id } } } }', undefined, null);
    expect(res.status).toBe(401);
    expect(res.body.errors!.map((e) => e.extensions!.code)).toEqual(['UNAUTHENTICATED']);
    expect(JSON.stringify(res.body)).not.toMatch(/Did you mean|platforms|transactions/);
    // A viewer, who may read the schema anyway, still gets the suggestion.
    const viewer = await server.gql('{ platformz { totalCount } }');
    expect(viewer.body.errors![0].message).toMatch(/Did you mean "platforms"/);
  });

  it('get no schema: introspection follows the same rule as data', async () => {
    for (const query of [
      getIntrospectionQuery(),
      '{ __schema { types { name } } }',
      '{ __type(name: "Query") { fields { name } } }',
      '{ __typename }',
    ]) {
      const res = await server.gql(query, undefined, null);
      expect(res.status).toBe(401);
      expect(res.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(res.body.data ?? null).toBeNull();
    }
    const viewer = await server.gql<{ __schema: { types: Array<{ name: string }> } }>('{ __schema { types { name } } }');
    expect(viewer.body.data!.__schema.types.map((t) => t.name)).toContain('Query');
  });

  it('are refused before parsing: a syntax error or a huge document is still UNAUTHENTICATED', async () => {
    const broken = await server.gql('{ platforms { ', undefined, null);
    expect(broken.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const huge = await server.gql(`{ ${'platforms { totalCount } '.repeat(20_000)} }`, undefined, null);
    expect(huge.status).toBe(401);
    expect(huge.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('cannot introspect over graphql-ws either', async () => {
    const client = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
    });
    const outcome = await new Promise<string>((resolve) => {
      client.subscribe(
        { query: '{ __schema { types { name } } }' },
        {
          next: () => resolve('data'),
          error: (e) => resolve(`closed ${(e as { code?: number }).code}`),
          complete: () => resolve('complete'),
        },
      );
    });
    await client.dispose();
    expect(outcome).toBe('closed 4403');
  });
});
