import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { writeBankExport } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

/** Arguments that used to reach the database (PostgreSQL refused them with an internal error) or buy budget with a negative count. */
describeEachDatabase('arguments: clamped costs and bad input answered as BAD_USER_INPUT', (kind) => {
  let server: TestServer;
  let artistId: string;
  beforeAll(async () => {
    server = await startTestServer(kind, { MAX_QUERY_COST: '3000' });
    const { file } = writeBankExport(tempDir('args'), 'dk_bank_details_20250101_000000.tsv', { rows: 300 });
    await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([file]);
    const res = await server.gql<{ artists: { edges: Array<{ node: { id: string } }> } }>(
      '{ artists(first: 1) { edges { node { id } } } }',
    );
    artistId = res.body.data!.artists.edges[0].node.id;
  });
  afterAll(async () => server?.close());

  const expensive = 'transactions(first: 400) { edges { node { gross net platform { code } store track { title } artist { name } } } }';

  it('a negative first on topTracks cannot make a costly document cheap', async () => {
    const alone = await server.gql(`{ ${expensive} }`);
    expect(alone.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    for (const first of [-2147483648, -1]) {
      const res = await server.gql(
        `{ t: topTracks(range: { from: "2024-01-01", to: "2024-06-30" }, first: ${first}) { rank } ${expensive} }`,
      );
      expect(res.status).toBe(400);
      expect(res.body.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
      expect(Number(res.body.errors![0].extensions!.cost)).toBeGreaterThanOrEqual(Number(alone.body.errors![0].extensions!.cost));
    }
    // Alone, the negative first reaches the resolver and gets its own precise error.
    const own = await server.gql('{ topTracks(range: { from: "2024-01-01", to: "2024-06-30" }, first: -2147483648) { rank } }');
    expect(own.body.errors![0].extensions!.code).toBe('PAGE_TOO_LARGE');
  });

  it('ids above 2^31 − 1 are not ids', async () => {
    for (const query of [
      '{ artist(id: "3000000000") { name } }',
      '{ track(id: "2147483648") { title } }',
      '{ tracks(filter: { artistId: "9007199254740991" }) { totalCount } }',
    ]) {
      const res = await server.gql(query);
      expect({ query, code: res.body.errors?.[0].extensions?.code }).toEqual({ query, code: 'BAD_USER_INPUT' });
    }
    const largest = await server.gql('{ artist(id: "2147483647") { name } }');
    expect(largest.body.errors).toBeUndefined();
    expect(largest.body.data!.artist).toBeNull();
    const real = await server.gql<{ artist: { id: string } }>(`{ artist(id: "${artistId}") { id } }`);
    expect(real.body.data!.artist.id).toBe(artistId);
  });

  it('NUL bytes and over-long strings in filters, literal or in variables', async () => {
    const viaVariable = await server.gql('query($s: String) { artists(filter: { search: $s }) { totalCount } }', { s: 'ZONE\u0000A0' });
    expect(viaVariable.status).toBe(400);
    expect(viaVariable.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(viaVariable.body.errors![0].message).toMatch(/NUL/);
    const literal = await server.gql('{ tracks(filter: { search: "a\\u0000b" }) { totalCount } }');
    expect(literal.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const long = await server.gql('query($s: String) { artists(filter: { search: $s }) { totalCount } }', { s: 'x'.repeat(200_000) });
    expect(long.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(long.body.errors![0].message).toMatch(/200000 characters .* maximum of 1000/);
    const isrc = await server.gql(`{ track(isrc: "${'Q'.repeat(5000)}") { title } }`);
    expect(isrc.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    // At the limit it is an ordinary search that finds nothing.
    const atLimit = await server.gql<{ artists: { totalCount: number } }>(
      'query($s: String) { artists(filter: { search: $s }) { totalCount } }',
      { s: 'x'.repeat(1000) },
    );
    expect(atLimit.body.errors).toBeUndefined();
    expect(atLimit.body.data!.artists.totalCount).toBe(0);
  });

  it("huge id lists (past PostgreSQL's 65535 parameters) and deeply nested variables", async () => {
    const ids = Array.from({ length: 70_000 }, (_, i) => String(i + 1));
    const res = await server.gql('query($ids: [ID!]) { streams(filter: { artistIds: $ids }) { totalCount } }', { ids });
    expect(res.status).toBe(400);
    expect(res.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors![0].message).toMatch(/70000 items .* maximum of 1000/);
    const literal = await server.gql(
      `{ transactions(filter: { trackIds: [${Array.from({ length: 1500 }, (_, i) => `"${i + 1}"`).join(',')}] }) { totalCount } }`,
    );
    expect(literal.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    let nestedValue: unknown = 'leaf';
    for (let i = 0; i < 1000; i++) nestedValue = [nestedValue];
    const nested = await server.gql('query($ids: [ID!]) { streams(filter: { artistIds: $ids }) { totalCount } }', { ids: nestedValue });
    expect(nested.status).toBe(400);
    expect(nested.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    // Input objects of thousands of unknown fields: graphql-js's own coercion error is quadratic in them
    // (1 000 fields took 1.8 s, 4 000 took 20 s); refused up front by the server's own check, whose message
    // (naming the count) graphql-js never gives.
    for (const fields of [4_000, 90_000]) {
      const wide = Object.fromEntries(Array.from({ length: fields }, (_, i) => [i.toString(36), 1]));
      const wideRes = await server.gql('query($f: StreamFilter) { streams(filter: $f) { totalCount } }', { f: wide });
      expect(wideRes.status).toBe(400);
      expect(wideRes.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(wideRes.body.errors![0].message).toMatch(new RegExp(`${fields} fields`));
    }
    const fine = await server.gql<{ streams: { totalCount: number } }>(
      'query($ids: [ID!]) { streams(filter: { artistIds: $ids }) { totalCount } }',
      { ids: [artistId] },
    );
    expect(fine.body.errors).toBeUndefined();
  });

  it('bounds aliases and root fields per document', async () => {
    const aliases = await server.gql(
      `{ ${Array.from({ length: 31 }, (_, i) => `p${i}: platforms(first: 1) { totalCount }`)
        .slice(0, 19)
        .join(
          ' ',
        )} x: artists(first: 1) { edges { node { a1: name a2: name a3: name a4: name a5: name a6: name a7: name a8: name a9: name a10: name a11: name a12: name } } } }`,
    );
    expect(aliases.status).toBe(400);
    expect(aliases.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', limit: 'aliases', max: 30 });
    const roots = await server.gql(`{ ${Array.from({ length: 21 }, (_, i) => `p${i}: platforms(first: 1) { totalCount }`).join(' ')} }`);
    expect(roots.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', limit: 'rootFields', max: 20 });
    const within = await server.gql<Record<string, { totalCount: number }>>(
      `{ ${Array.from({ length: 20 }, (_, i) => `p${i}: platforms(first: 1) { totalCount }`).join(' ')} }`,
    );
    expect(within.body.errors).toBeUndefined();
    expect(Object.keys(within.body.data!)).toHaveLength(20);
  });
});
