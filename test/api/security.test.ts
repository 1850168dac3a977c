import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { buildAppSchema } from '../../src/resolvers/schema';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { writeBankExport } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

describe('schema roles', () => {
  it('every query and mutation declares the role it needs', async () => {
    const schema = await buildAppSchema();
    const fields = [...Object.values(schema.getQueryType()!.getFields()), ...Object.values(schema.getMutationType()?.getFields() ?? {})];
    expect(fields.length).toBeGreaterThan(10);
    const missing = fields.filter((f) => !['VIEWER', 'ADMIN'].includes(String(f.extensions.role))).map((f) => f.name);
    expect(missing).toEqual([]);
    const mutations = Object.values(schema.getMutationType()!.getFields());
    expect(mutations.every((f) => f.extensions.role === 'ADMIN')).toBe(true);
  });
});

describeEachDatabase('authentication, limits and error masking', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { MAX_QUERY_DEPTH: '6', MAX_QUERY_COST: '3000', CORS_ORIGINS: 'https://dash.example.com' });
    const dir = tempDir('sec');
    const { file } = writeBankExport(dir, 'dk_bank_details_20250101_000000.tsv', { rows: 400 });
    await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([file]);
  });
  afterAll(async () => server?.close());

  it('refuses queries without a token, and with a wrong or revoked one', async () => {
    const none = await server.gql('{ platforms { totalCount } }', undefined, null);
    expect(none.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(none.body.data?.platforms ?? null).toBeNull();
    const wrong = await server.gql('{ platforms { totalCount } }', undefined, 'lat_not-a-real-token');
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(wrong.body.errors![0].extensions!.http).toBeUndefined();
    const ok = await server.gql<{ platforms: { totalCount: number } }>('{ platforms { totalCount } }');
    expect(ok.body.data!.platforms.totalCount).toBeGreaterThan(10);
  });

  it('lets only admins run mutations, and a created token works once stored hashed', async () => {
    const asViewer = await server.gql(`mutation { createApiToken(name: "dash", role: VIEWER) }`);
    expect(asViewer.body.errors![0].extensions!.code).toBe('FORBIDDEN');
    const created = await server.gql<{ createApiToken: string }>(
      `mutation { createApiToken(name: "dash", role: VIEWER) }`,
      undefined,
      server.adminToken,
    );
    const token = created.body.data!.createApiToken;
    expect(token).toMatch(/^lat_/);
    const stored = await server.ds.query(`SELECT token_hash FROM api_tokens WHERE name = 'dash'`);
    expect(stored[0].token_hash).not.toContain(token.slice(4));
    expect((await server.gql('{ platforms { totalCount } }', undefined, token)).body.errors).toBeUndefined();
    await server.gql(`mutation { revokeApiToken(name: "dash") }`, undefined, server.adminToken);
    expect((await server.gql('{ platforms { totalCount } }', undefined, token)).body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('rejects over-deep and over-costly queries before running them', async () => {
    const deep = await server.gql('{ artists { edges { node { tracks { artists { artist { tracks { title } } } } } } } }');
    expect(deep.status).toBe(400);
    expect(deep.body.errors![0].extensions!.code).toBe('QUERY_TOO_DEEP');
    const costly = await server.gql(
      '{ transactions(first: 400) { edges { node { platform { code } track { title } artist { name } } } } }',
    );
    expect(costly.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    const buckets = await server.gql(
      '{ revenueSeries(range: {from: "2023-01-01", to: "2025-12-31"}, grain: DAY, dateBasis: REPORTING_DATE, groupBy: [COUNTRY, PLATFORM]) { points { period net } } }',
    );
    expect(buckets.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    const monthly = await server.gql(
      '{ revenueSeries(range: {from: "2023-01-01", to: "2025-12-31"}, grain: MONTH) { points { period net } } }',
    );
    expect(monthly.body.errors).toBeUndefined();
  });

  it('masks unexpected errors: no SQL or stack to the client, the full error in the log', async () => {
    await server.ds.query('DROP TABLE revenue_monthly_rollup');
    const res = await server.gql('{ revenueSummary { net } }');
    expect(res.body.errors![0].extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    expect(res.body.errors![0].message).toMatch(/^Internal server error \(reference \w+\)$/);
    expect(JSON.stringify(res.body)).not.toMatch(/revenue_monthly_rollup|SELECT|at .*\.ts/);
    const ref = String(res.body.errors![0].extensions!.errorId);
    expect(server.logs.some((l) => l.includes(ref) && l.includes('revenue_monthly_rollup'))).toBe(true);
  });

  it('keeps CSRF prevention on and answers CORS only for allowed origins', async () => {
    const simple = await fetch(`${server.url}/graphql?query=%7B__typename%7D`, {
      headers: { authorization: `Bearer ${server.viewerToken}` },
    });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/i);
    const allowed = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://dash.example.com', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example.com');
    const other = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describeEachDatabase('anonymous read', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { ALLOW_ANONYMOUS_READ: 'true' });
  });
  afterAll(async () => server?.close());

  it('lets queries through without a token but never mutations', async () => {
    expect((await server.gql('{ platforms { totalCount } }', undefined, null)).body.errors).toBeUndefined();
    const mutation = await server.gql(`mutation { createApiToken(name: "x", role: ADMIN) }`, undefined, null);
    expect(mutation.body.errors![0].extensions!.code).toBe('FORBIDDEN');
    const introspection = await server.gql<IntrospectionQuery>(getIntrospectionQuery(), undefined, null);
    expect(introspection.body.data!.__schema.types.map((t) => t.name)).toEqual(
      expect.arrayContaining(['Decimal', 'Date', 'DateTime', 'Long']),
    );
  });
});

describeEachDatabase('DataLoader batching', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    // Counts the statements of each request: the response cache would answer repeats without any.
    server = await startTestServer(kind, { RESPONSE_CACHE_ENTRIES: '0' });
    const dir = tempDir('dl');
    const { file } = writeBankExport(dir, 'dk_bank_details_20250101_000000.tsv', { rows: 1500 });
    await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([file]);
  });
  afterAll(async () => server?.close());

  /** Counts every SQL statement the DataSource runs while `fn` runs. */
  async function countStatements(fn: () => Promise<unknown>): Promise<string[]> {
    const statements: string[] = [];
    const original = server.ds.logger;
    const counting: Partial<TypeOrmLogger> = {
      logQuery: (q: string) => void statements.push(q),
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
    };
    Object.assign(server.ds, { logger: { ...original, ...counting } });
    try {
      await fn();
    } finally {
      Object.assign(server.ds, { logger: original });
    }
    return statements.filter((s) => !/api_tokens/.test(s));
  }

  const nested = (n: number) => `{ artists(first: ${n}) { edges { node { name aliases tracks { title artists { role artist { name } }
      transactions(first: 3) { net platform { code } track { title } artist { name } } } } } } }`;

  it('issues one statement per relation level, whatever the page size', async () => {
    let small: unknown;
    let large: unknown;
    const fewer = await countStatements(async () => (small = await server.gql(nested(1))));
    const more = await countStatements(async () => (large = await server.gql(nested(4))));
    expect((small as { body: { errors?: unknown } }).body.errors).toBeUndefined();
    expect((large as { body: { data: { artists: { edges: unknown[] } } } }).body.data.artists.edges).toHaveLength(4);
    // artists, aliases, tracks, track artists, transactions per track, platforms, transaction tracks, transaction artists
    expect(more.length).toBe(fewer.length);
    expect(more.length).toBeLessThanOrEqual(8);
  });
});
