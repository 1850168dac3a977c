import { getIntrospectionQuery, Kind, parse } from 'graphql';
import { createLogger } from '../../src/config/logger';
import { AnalyticsError } from '../../src/errors/analytics-error';
import { IngestService } from '../../src/ingest/ingest-service';
import { buildAppSchema } from '../../src/resolvers/schema';
import { type RunningServer, startHttpServer } from '../../src/server/app';
import { createCompiledExecutor } from '../../src/server/compiled-execution';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { months, writeBankExport } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Compiled execution (graphql-jit, issue 12) answers exactly as graphql-js does: the same real
 * queries go to the server (compiled, the default) and to a twin on the same database that runs
 * graphql-js, and the HTTP answers must be equal byte for byte, status included: data, errors,
 * their codes, paths and locations, null bubbling. A third twin runs graphql-js with type-graphql's
 * own handler for every field resolver, so the direct field resolvers (direct-field-resolvers.ts)
 * are held to the same answers.
 */
describeEachDatabase('compiled execution answers as graphql-js does', (kind) => {
  let server: TestServer;
  let interpreted: RunningServer;
  let typeGraphqlHandlers: RunningServer;

  beforeAll(async () => {
    // Every request is executed: no response cache.
    server = await startTestServer(kind, { RESPONSE_CACHE_ENTRIES: '0' });
    interpreted = await startHttpServer(server.ds, server.config, createLogger('silent'), { levers: { compiledExecution: false } });
    typeGraphqlHandlers = await startHttpServer(server.ds, server.config, createLogger('silent'), {
      levers: { compiledExecution: false, directFieldResolvers: false },
    });
    const dir = tempDir('jit');
    const bank = writeBankExport(dir, 'dk_bank_details_20250601_000000.tsv', { rows: 600, months: months('2024-01', 12) });
    await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([bank.file]);
  });
  afterAll(async () => {
    await interpreted?.close();
    await typeGraphqlHandlers?.close();
    await server?.close();
  });

  async function post(url: string, body: unknown, token: string | null): Promise<{ status: number; type: string | null; text: string }> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }

  /** The three servers' answers (thrice from the compiled one: seen once, compiling, from its plan); returns the parsed answer. */
  async function same(body: { query: string; variables?: unknown; operationName?: string }, token: string | null = server.viewerToken) {
    const expected = withoutErrorIds(await post(interpreted.url, body, token));
    expect(withoutErrorIds(await post(typeGraphqlHandlers.url, body, token))).toEqual(expected);
    for (let i = 0; i < 3; i++) expect(withoutErrorIds(await post(server.url, body, token))).toEqual(expected);
    return { status: expected.status, body: JSON.parse(expected.text) as { data?: unknown; errors?: Array<Record<string, unknown>> } };
  }
  /** An internal error's answer names a reference drawn at random for the log: the one thing allowed to differ. */
  const withoutErrorIds = <A extends { text: string }>(answer: A): A => ({
    ...answer,
    text: answer.text.replace(/(reference |"errorId":")[a-z0-9]+/g, '$1…'),
  });
  const codes = (r: { body: { errors?: Array<Record<string, unknown>> } }) =>
    (r.body.errors ?? []).map((e) => [(e.extensions as { code?: string } | undefined)?.code, e.path]);

  it('answers the revenue series (points, relations, exact decimals, totals)', async () => {
    const r = await same({
      query: `{ revenueSeries(range: {from: "2024-01-01", to: "2024-12-31"}, grain: MONTH, groupBy: [PLATFORM], dateBasis: SALE_MONTH) {
        points { period platform { id code name kind } net gross quantity payoutPerStream store country } totals { net gross quantity } } }`,
    });
    const points = (r.body.data as { revenueSeries: { points: Array<{ net: string }> } }).revenueSeries.points;
    expect(points.length).toBeGreaterThan(12);
    expect(points[0].net).toMatch(/^-?\d+\.\d+$/);
  });

  it('answers a series with growth, by artist and track, ordered by value', async () => {
    await same({
      query: `query S($first: Int) { revenueSeries(range: {from: "2024-03-01", to: "2024-10-31"}, grain: QUARTER, groupBy: [ARTIST, TRACK], orderBy: VALUE_DESC, first: $first) {
        points { period artist { name } track { title isrc } net previous change changePct } totals { net } } }`,
      variables: { first: 7 },
    });
  });

  it('answers series relations asked through fragments, inline fragments and aliases (set as plain properties)', async () => {
    const r = await same({
      query: `query F { a: revenueSeries(range: {from: "2024-01-01", to: "2024-06-30"}, grain: MONTH, groupBy: [PLATFORM, ARTIST]) {
          points { ...Rel } totals { net } }
        b: revenueSeries(range: {from: "2024-01-01", to: "2024-03-31"}, grain: QUARTER, groupBy: [TRACK]) {
          points { period ... on RevenuePoint { t: track { title } } again: track { isrc } platform { code } artist { name } } } }
        fragment Rel on RevenuePoint { period p: platform { code } ... { artist { id name } } track { title } net }`,
    });
    const points = (r.body.data as { a: { points: Array<{ p: { code: string } | null; artist: unknown }> } }).a.points;
    expect(points.length).toBeGreaterThan(6);
    expect(points.every((p) => p.p !== null && p.artist !== undefined)).toBe(true);
    // Not grouped by it: null, as before.
    const b = (r.body.data as { b: { points: Array<{ platform: unknown; t: { title: string } | null }> } }).b.points;
    expect(b.every((p) => p.platform === null)).toBe(true);
    expect(b.some((p) => p.t !== null)).toBe(true);
  });

  describe('when a relation of the points fails to load', () => {
    const original = () => server.ds.query;
    let query: typeof server.ds.query;
    beforeAll(() => {
      query = original();
      // The platform loader's statement fails, every other statement runs. A domain error: its message is shown, so compared too.
      server.ds.query = ((sql: string, params?: unknown[]) =>
        sql.includes('FROM platforms p WHERE p.id IN')
          ? Promise.reject(new AnalyticsError('NOT_FOUND', 'platforms are unavailable'))
          : query.call(server.ds, sql, params)) as typeof query;
    });
    afterAll(() => {
      server.ds.query = query;
    });

    it('reports it at the point field with the rest of the data (one point: compiled)', async () => {
      const r = await same({
        query: `{ revenueSeries(range: {from: "2024-01-01", to: "2024-12-31"}, grain: YEAR, groupBy: [PLATFORM], first: 1) {
          points { period platform { code } net } } }`,
      });
      expect(r.body.errors).toEqual([
        {
          message: 'platforms are unavailable',
          locations: [{ line: 2, column: 27 }],
          path: ['revenueSeries', 'points', 0, 'platform'],
          extensions: { code: 'NOT_FOUND' },
        },
      ]);
      const [point] = (r.body.data as { revenueSeries: { points: Array<{ platform: unknown; net: string }> } }).revenueSeries.points;
      expect(point.platform).toBeNull();
      expect(point.net).toMatch(/^-?\d+\.\d+$/);
    });

    it('reports it at every point (several errors)', async () => {
      const r = await same({
        query: `{ revenueSeries(range: {from: "2024-01-01", to: "2024-03-31"}, grain: MONTH, groupBy: [PLATFORM]) { points { period platform { code } } } }`,
      });
      expect(r.body.errors?.length).toBeGreaterThan(1);
      expect(r.body.errors?.every((e) => (e.path as unknown[])[3] === 'platform')).toBe(true);
    });
  });

  it('answers list pages with relations, page after page', async () => {
    const query = `query Page($after: String) { transactions(first: 50, after: $after) {
      edges { cursor node { id saleMonth reportingDate store country quantity net gross withheld teamPercentage currency
        platform { code name } track { title isrc artists { role artist { name } } } artist { id name } } }
      pageInfo { hasNextPage endCursor } } }`;
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const r = await same({ query, variables: { after } });
      const t = (r.body.data as { transactions: { edges: unknown[]; pageInfo: { endCursor: string | null } } }).transactions;
      expect(t.edges).toHaveLength(50);
      after = t.pageInfo.endCursor;
    }
  });

  it('answers fragments, inline fragments, aliases and __typename', async () => {
    await same({
      query: `query Mixed { a: platforms(first: 3) { edges { node { ...P } } } b: platforms(first: 2, after: null) { edges { node { __typename ... on Platform { id } ...P } } }
        tracks(first: 4) { __typename edges { node { t: title ... { isrc } artists { ...Credit } } } pageInfo { hasNextPage } } __typename }
        fragment P on Platform { code name kind }
        fragment Credit on TrackCredit { role artist { n: name } }`,
    });
  });

  it('answers @skip and @include, on fields, fragments and inline fragments', async () => {
    const query = `query Dir($s: Boolean!, $i: Boolean!) { transactions(first: 5) { edges { node { id net @skip(if: $s)
      track @include(if: $i) { title } ...F @skip(if: $i) ... @include(if: $s) { store } } } } }
      fragment F on Transaction { gross platform { code } }`;
    for (const [s, i] of [
      [true, true],
      [true, false],
      [false, true],
      [false, false],
    ])
      await same({ query, variables: { s, i } });
  });

  it('picks the operation by name among several', async () => {
    const query = `query One { platforms(first: 2) { edges { node { code } } } } query Two { tracks(first: 2) { edges { node { title } } } }`;
    await same({ query, operationName: 'One' });
    await same({ query, operationName: 'Two' });
    expect((await same({ query })).status).toBe(400);
  });

  it('refuses an ADMIN field to a viewer (FORBIDDEN) with the rest of the data', async () => {
    const r = await same({ query: `{ platforms(first: 1) { edges { node { code } } } run: ingestionRun(id: "1") { id status } }` });
    expect(codes(r)).toEqual([['FORBIDDEN', ['run']]]);
    expect((r.body.data as { run: unknown }).run).toBeNull();
  });

  it('bubbles a refused non-null field up to data: null', async () => {
    const r = await same({ query: `{ platforms(first: 1) { edges { node { code } } } ingestionRuns { edges { node { id } } } }` });
    expect(codes(r)).toEqual([['FORBIDDEN', ['ingestionRuns']]]);
    expect(r.body.data).toBeNull();
  });

  it('answers admins the ADMIN fields, and several refusals in the same order', async () => {
    await same(
      { query: `{ ingestionRuns(first: 5) { edges { node { id status triggeredBy } } } schedules { service } }` },
      server.adminToken,
    );
    const r = await same({ query: `{ a: ingestionRun(id: "1") { id } b: ingestionRun(id: "2") { id } c: sourceFile(id: "1") { id } }` });
    expect(codes(r)).toEqual([
      ['FORBIDDEN', ['a']],
      ['FORBIDDEN', ['b']],
      ['FORBIDDEN', ['c']],
    ]);
  });

  it('reports a resolver error deep in a nullable field with partial data (null bubbling to the nearest nullable parent)', async () => {
    const [{ id }]: Array<{ id: number }> = await server.ds.query('SELECT id FROM artists ORDER BY id LIMIT 1');
    const r = await same({
      query: `query A($id: ID!) { platforms(first: 1) { edges { node { code } } } artist(id: $id) { name tracks { title transactions(first: 1000) { id } } } }`,
      variables: { id: String(id) },
    });
    expect(r.body.errors?.length).toBeGreaterThan(0);
    expect((r.body.data as { artist: unknown }).artist).toBeNull();
  });

  it('reports a domain error of a root field (RANGE_TOO_LONG) as before', async () => {
    const r = await same({
      query: `{ revenueSeries(range: {from: "2000-01-01", to: "2024-12-31"}, grain: DAY, dateBasis: REPORTING_DATE) { points { net } } }`,
    });
    expect(r.body.errors?.length).toBe(1);
  });

  it('refuses bad variables (BAD_USER_INPUT) with graphql-js messages', async () => {
    const query = `query V($g: Grain!, $f: RevenueFilter, $first: Int) { revenueSeries(range: {from: "2024-01-01", to: "2024-12-31"}, grain: $g, filter: $f, first: $first) { points { net } } }`;
    for (const variables of [
      { g: 'FORTNIGHT' },
      {},
      { g: 'MONTH', first: 'ten' },
      { g: 'MONTH', f: { nope: 1 } },
      { g: 'MONTH', first: 2 ** 40 },
      { g: 'MONTH', f: { platforms: 'spotify' } },
    ]) {
      const r = await same({ query, variables });
      if (variables.f?.platforms) continue; // a single value is coerced into a list: accepted
      expect(r.status).toBe(400);
      expect(codes(r).every(([code]) => code === 'BAD_USER_INPUT')).toBe(true);
    }
  });

  it('answers introspection', async () => {
    await same({ query: getIntrospectionQuery() });
    await same({ query: `{ __type(name: "RevenuePoint") { name fields { name type { name kind ofType { name } } } } __typename }` });
  });

  it('answers dates and the limits plugin alike (cost, shape, validation)', async () => {
    await same({
      query: `{ resolvedDateRange(range: {from: "2024-02-01", to: "2024-02-29", previous: true}) { from to today timeZone previous { from to } } }`,
    });
    await same({ query: `{ transactions(first: 100000) { edges { node { id } } } }` });
    await same({ query: `{ platforms { edges { node { nope } } } }` });
    await same({ query: `{ platforms { edges { node { code } } ` });
  });

  it('leaves mutations to graphql-js, with the same refusals', async () => {
    await same({ query: `mutation { triggerExtraction(service: DISTROKID) { id } }` });
  });
});

describe('compiled plans', () => {
  it('are reused per (document, operation) and bounded in number', async () => {
    const schema = await buildAppSchema();
    const plans = createCompiledExecutor(schema, 20);
    const run = (source: string, operationName?: string) => {
      const document = parse(source);
      const operation = document.definitions.find(
        (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
      ) as never;
      // No resolver runs: __typename is answered by the executor itself.
      return plans.executor({ request: { operationName }, document, source, operation, context: {} });
    };
    // A document seen once is not compiled; the second time it is, and the plan serves it from then on.
    expect(await run('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    expect(plans.stats()).toEqual({ plans: 1, compiled: 0 });
    expect(await run('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    expect(plans.stats()).toEqual({ plans: 1, compiled: 1 });
    await run('{ __typename }');
    expect(plans.stats()).toEqual({ plans: 1, compiled: 1 });
    for (let i = 0; i < 2; i++) await run('query A { __typename } query B { a: __typename }', 'B');
    expect(plans.stats()).toEqual({ plans: 2, compiled: 2 });
    // Introspection is left to graphql-js, and remembered as such.
    for (let i = 0; i < 2; i++)
      expect(await run('{ __schema { queryType { name } } }')).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect(plans.stats()).toEqual({ plans: 3, compiled: 2 });
    for (let i = 0; i < 100; i++)
      for (let j = 0; j < 2; j++) expect(await run(`{ a${i}: __typename }`)).toEqual({ data: { [`a${i}`]: 'Query' } });
    expect(plans.stats()).toEqual({ plans: 20, compiled: 102 });
  });
});
