import { createLogger } from '../../src/config/logger';
import { IngestService } from '../../src/ingest/ingest-service';
import { describeEachDatabase, tempDir } from '../helpers/databases';
import { months, writeBankExport } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * A fact list's relations (store, platform, track, artist) are read in the page's own statement
 * (issue 12): the request sends one statement for the page and its relations, whatever the page
 * size, and the answers equal an independent SQL join.
 */
describeEachDatabase('fact lists read their relations with the page', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    // Counts statements: no response cache.
    server = await startTestServer(kind, { RESPONSE_CACHE_ENTRIES: '0' });
    const dir = tempDir('listrel');
    const bank = writeBankExport(dir, 'dk_bank_details_20250601_000000.tsv', { rows: 400, months: months('2024-01', 6) });
    await new IngestService(server.ds, server.lakeDir, createLogger('silent')).ingest([bank.file]);
    // Stream facts over the same dimensions, some without track or artist (artist-level and label-level counts).
    const [file]: Array<{ id: number }> = await server.ds.query('SELECT id FROM source_files ORDER BY id LIMIT 1');
    const tracks: Array<{ id: number; primary_artist_id: number | null }> = await server.ds.query(
      'SELECT id, primary_artist_id FROM tracks ORDER BY id',
    );
    const platforms: Array<{ id: number }> = await server.ds.query('SELECT id FROM platforms ORDER BY id');
    const values: string[] = [];
    for (let i = 0; i < 120; i += 1) {
      const track = i % 5 === 0 ? null : tracks[i % tracks.length];
      const artist = i % 7 === 0 ? null : (track?.primary_artist_id ?? tracks[0].primary_artist_id);
      const day = `2024-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`;
      values.push(
        `('spotify', '${day}', ${platforms[i % platforms.length].id}, ${track?.id ?? 'NULL'}, ${artist ?? 'NULL'}, 'US', 'k${i}', ${i + 1}, ${file.id}, '2024-06-01 00:00:00')`,
      );
    }
    await server.ds.query(
      `INSERT INTO streams (source, date, platform_id, track_id, artist_id, country, dim_key, streams, source_file_id, extracted_at) VALUES ${values.join(', ')}`,
    );
  });
  afterAll(async () => server?.close());

  /** The SQL statements the DataSource runs while `fn` runs (token lookups aside). */
  async function statements<T>(fn: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
    const sent: string[] = [];
    const original = server.ds.logger;
    Object.assign(server.ds, { logger: { ...original, logQuery: (q: string) => void (/api_tokens/.test(q) ? 0 : sent.push(q)) } });
    try {
      return { result: await fn(), sent };
    } finally {
      Object.assign(server.ds, { logger: original });
    }
  }

  interface TxNode {
    id: string;
    saleMonth: string;
    store: string;
    platform: { id: string; code: string; name: string; kind: string };
    track: { id: string; title: string; isrc: string | null } | null;
    artist: { id: string; name: string } | null;
  }
  type Page<N> = { edges: Array<{ node: N }>; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount?: number };

  // The node's fields through a fragment: the look-ahead must see through it.
  const TX_QUERY = `query($after: String) { transactions(first: 50, after: $after) { edges { node { ...Line } } pageInfo { hasNextPage endCursor } } }
    fragment Line on Transaction { id saleMonth store platform { id code name kind } track { id title isrc } artist { id name } }`;

  /** Independent oracle: the same lines joined by SQL, in (sale month, id) order. */
  async function expectedTransactions(): Promise<TxNode[]> {
    const rows: Array<Record<string, unknown>> = await server.ds.query(
      `SELECT t.id, t.sale_month, s.name AS store, p.id AS pid, p.code, p.name AS pname, p.kind, tr.id AS tid, tr.title, tr.isrc, a.id AS aid, a.name AS aname
       FROM transactions t JOIN stores s ON s.id = t.store_id JOIN platforms p ON p.id = t.platform_id
       LEFT JOIN tracks tr ON tr.id = t.track_id LEFT JOIN artists a ON a.id = t.artist_id ORDER BY t.sale_month, t.id`,
    );
    return rows.map((r) => ({
      id: String(r.id),
      saleMonth: (r.sale_month instanceof Date ? r.sale_month.toISOString() : String(r.sale_month)).slice(0, 7),
      store: String(r.store),
      platform: { id: String(r.pid), code: String(r.code), name: String(r.pname), kind: String(r.kind).toUpperCase() },
      track: r.tid == null ? null : { id: String(r.tid), title: String(r.title), isrc: r.isrc == null ? null : String(r.isrc) },
      artist: r.aid == null ? null : { id: String(r.aid), name: String(r.aname) },
    }));
  }

  it('transactions: each page with store, platform, track and artist is one statement, equal to an SQL join', async () => {
    const expected = await expectedTransactions();
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.some((t) => t.track === null) || expected.some((t) => t.artist !== null)).toBe(true);
    const got: TxNode[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { result: res, sent } = await statements(() => server.gql<{ transactions: Page<TxNode> }>(TX_QUERY, { after }));
      expect(res.body.errors).toBeUndefined();
      expect(sent).toHaveLength(1);
      got.push(...res.body.data!.transactions.edges.map((e) => e.node));
      after = res.body.data!.transactions.pageInfo.hasNextPage ? res.body.data!.transactions.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 3);
    expect(got).toEqual(expected.slice(0, got.length));
    expect(got).toHaveLength(Math.min(150, expected.length));
  });

  it('transactions: totalCount adds its one statement; fields that need no relation join nothing', async () => {
    const counted = await statements(() =>
      server.gql<{ transactions: Page<{ id: string; store: string }> }>(
        `{ transactions(first: 50, dateBasis: REPORTING_DATE) { totalCount edges { node { id store } } } }`,
      ),
    );
    expect(counted.result.body.errors).toBeUndefined();
    expect(counted.sent).toHaveLength(2);
    const [{ n }]: Array<{ n: number | string }> = await server.ds.query('SELECT COUNT(*) AS n FROM transactions');
    expect(counted.result.body.data!.transactions.totalCount).toBe(Number(n));
    const stores: Array<{ id: number; name: string }> = await server.ds.query(
      'SELECT t.id, s.name FROM transactions t JOIN stores s ON s.id = t.store_id ORDER BY t.reporting_date, t.id',
    );
    expect(counted.result.body.data!.transactions.edges.map((e) => [Number(e.node.id), e.node.store])).toEqual(
      stores.slice(0, 50).map((r) => [Number(r.id), r.name]),
    );

    const plain = await statements(() => server.gql(`{ transactions(first: 50) { edges { node { id net } } } }`));
    expect(plain.sent).toHaveLength(1);
    expect(plain.sent[0]).not.toMatch(/JOIN/i);
  });

  it('streams: each page with platform, track and artist is one statement, equal to an SQL join (nulls kept)', async () => {
    type SNode = {
      id: string;
      date: string;
      streams: number;
      platform: { code: string };
      track: { title: string } | null;
      artist: { name: string } | null;
    };
    const rows: Array<Record<string, unknown>> = await server.ds.query(
      `SELECT s.id, p.code, tr.title, a.name FROM streams s JOIN platforms p ON p.id = s.platform_id
       LEFT JOIN tracks tr ON tr.id = s.track_id LEFT JOIN artists a ON a.id = s.artist_id ORDER BY s.date, s.id`,
    );
    const expected = rows.map((r) => [
      String(r.id),
      String(r.code),
      r.title == null ? null : String(r.title),
      r.name == null ? null : String(r.name),
    ]);
    expect(expected.some((e) => e[2] === null)).toBe(true);
    expect(expected.some((e) => e[3] === null)).toBe(true);
    const got: unknown[] = [];
    let after: string | null = null;
    do {
      const { result: res, sent } = await statements(() =>
        server.gql<{ streams: Page<SNode> }>(
          `query($after: String) { streams(first: 50, after: $after) { edges { node { id date streams platform { code } track { title } artist { name } } }
            pageInfo { hasNextPage endCursor } } }`,
          { after },
        ),
      );
      expect(res.body.errors).toBeUndefined();
      expect(sent).toHaveLength(1);
      got.push(
        ...res.body.data!.streams.edges.map((e) => [
          e.node.id,
          e.node.platform.code,
          e.node.track?.title ?? null,
          e.node.artist?.name ?? null,
        ]),
      );
      after = res.body.data!.streams.pageInfo.hasNextPage ? res.body.data!.streams.pageInfo.endCursor : null;
    } while (after);
    expect(got).toEqual(expected);
  });
});
