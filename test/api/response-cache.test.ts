/**
 * The response cache over real HTTP on both databases: a repeated read query is answered from the
 * cache, and no cached answer outlives a committed load — including a load made through another
 * connection, as the worker process makes them — or an artist merge.
 */
import type { DataSource } from 'typeorm';
import { createLogger } from '../../src/config/logger';
import { openWarehouse } from '../../src/db/open-warehouse';
import { IngestService } from '../../src/ingest/ingest-service';
import { WAREHOUSE_QUERY_FIELDS } from '../../src/resolvers/warehouse-fields';
import { buildAppSchema } from '../../src/resolvers/schema';
import { CACHE_HEADER } from '../../src/server/response-cache';
import { nano, readBankExport } from '../helpers/bank-oracle';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { writeBankExport } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

const SUMMARY = `query Summary($range: DateRange) { revenueSummary(range: $range) { net quantity } }`;
const ALL = { range: { from: '2020-01-01', to: '2026-12-31' } };

describeEachDatabase('response cache over HTTP', (kind) => {
  let server: TestServer;
  const dir = tempDir('response-cache');
  const net = (file: string) => readBankExport(file).reduce((sum, r) => sum + r.net, 0n);

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function post(query: string, variables: Record<string, unknown> = {}, token = server.viewerToken) {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> };
    return { cache: res.headers.get(CACHE_HEADER), etag: res.headers.get('etag'), body };
  }

  async function load(ds: DataSource, name: string, seed: number): Promise<bigint> {
    const bank = writeBankExport(dir, name, { rows: 400, seed });
    const [summary] = await new IngestService(ds, server.lakeDir, createLogger('silent')).ingest([bank.file]);
    expect(summary.status).toBe('loaded');
    return net(bank.file);
  }

  it('answers a repeated query from the cache, the same bytes, per variables and per role', async () => {
    const expected = await load(server.ds, 'dk_bank_details_20250101_090000.tsv', 1);
    const first = await post(SUMMARY, ALL);
    expect(first.cache).toBe('miss');
    expect(nano((first.body.data!.revenueSummary as { net: string }).net)).toBe(expected);
    const second = await post(SUMMARY, ALL);
    expect(second.cache).toBe('hit');
    expect(second.body).toEqual(first.body);
    // Neither Apollo's answer nor the cache's carries an ETag: no hash of every answer for a 304 a POST never gets.
    expect([first.etag, second.etag]).toEqual([null, null]);
    // Other variables, another role: their own entries.
    expect((await post(SUMMARY, { range: { from: '2021-01-01', to: '2026-12-31' } })).cache).toBe('miss');
    expect((await post(SUMMARY, ALL, server.adminToken)).cache).toBe('miss');
    expect((await post(SUMMARY, ALL, server.adminToken)).cache).toBe('hit');
  });

  it('never keeps an answer past a committed load, even one made through another connection', async () => {
    const before = (await post(SUMMARY, ALL)).body.data!.revenueSummary as { net: string };
    expect((await post(SUMMARY, ALL)).cache).toBe('hit');
    // Another DataSource: another connection (another process would be the same to the database).
    const other = await openWarehouse(server.config);
    let added: bigint;
    try {
      added = await load(other, 'dk_bank_details_20250201_090000.tsv', 2);
    } finally {
      await other.destroy();
    }
    const after = await post(SUMMARY, ALL);
    expect(after.cache).toBe('miss');
    expect(nano((after.body.data!.revenueSummary as { net: string }).net)).toBe(nano(before.net) + added);
    expect((await post(SUMMARY, ALL)).cache).toBe('hit');
  });

  it('an artist merge moves the version too', async () => {
    const ARTISTS = '{ artists(first: 100) { edges { node { id name } } } }';
    const listed = await post(ARTISTS);
    expect((await post(ARTISTS)).cache).toBe('hit');
    const edges = (listed.body.data!.artists as { edges: Array<{ node: { id: string } }> }).edges;
    expect(edges.length).toBeGreaterThan(1);
    const merged = await post(
      `mutation($from: ID!, $into: ID!) { mergeArtists(from: $from, into: $into) { fromId alreadyMerged } }`,
      { from: edges[1].node.id, into: edges[0].node.id },
      server.adminToken,
    );
    expect(merged.body.errors).toBeUndefined();
    const after = await post(ARTISTS);
    expect(after.cache).toBe('miss');
    expect((after.body.data!.artists as { edges: unknown[] }).edges).toHaveLength(edges.length - 1);
  });

  it('caches neither errors nor fields that change without a load', async () => {
    const reversed = { range: { from: '2025-12-31', to: '2025-01-01' } };
    for (let i = 0; i < 2; i++) {
      const bad = await post(SUMMARY, reversed);
      expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.cache).toBeNull();
    }
    for (let i = 0; i < 2; i++) expect((await post('{ pipelineHealth { service } }', {}, server.adminToken)).cache).toBeNull();
    // One uncacheable root field makes the whole document uncacheable.
    expect(
      (await post('{ revenueSummary { net } ingestionRuns(first: 1) { edges { node { id } } } }', {}, server.adminToken)).cache,
    ).toBeNull();
  });
});

describe('cacheable query fields', () => {
  it('are all fields of the schema (a renamed field cannot silently fall out of the cache)', async () => {
    const fields = Object.keys((await buildAppSchema()).getQueryType()!.getFields());
    expect([...WAREHOUSE_QUERY_FIELDS].filter((f) => !fields.includes(f))).toEqual([]);
    expect(WAREHOUSE_QUERY_FIELDS.size).toBeGreaterThan(15);
  });
});
