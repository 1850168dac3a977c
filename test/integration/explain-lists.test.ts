import type { DataSource } from 'typeorm';
import { CatalogService, type Page } from '../../src/analytics/catalog.service';
import { createLoaders } from '../../src/analytics/dataloaders';
import { encodeCursor } from '../../src/analytics/pagination';
import { loadConfig } from '../../src/config/config';
import { refreshStatistics } from '../../src/db/statistics';
import { openWarehouse } from '../../src/db/open-warehouse';
import { DAYS, MONTHS, seedFactRows, TRACKS } from '../../bench/fact-rows-sql';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../helpers/databases';
import { queryPlan, recordQueries, type SentQuery } from '../helpers/query-plans';

/**
 * Every connection over a fact table (transactions, streams) must read a page from an index in
 * (sort column, id) order: never a sequential scan of the table, never a sort of all its rows.
 * The plans are asked for the exact SQL the service sends, captured from the real DataSource.
 */

// PostgreSQL at 1M rows per fact table, as measured in issue 12; SQLite's planner has no row
// counts to be fooled by, so fewer rows keep the test quick there.
const ROWS = { postgres: 1_000_000, sqlite: 100_000 } as const;
const PAGE = 50;

describeEachDatabase('list queries use an index', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let catalog: CatalogService;
  const n = ROWS[kind];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await openWarehouse(loadConfig({ DATABASE_URL: db.url, STATEMENT_TIMEOUT_MS: '120000' }));
    await seedFactRows(ds, n);
    await refreshStatistics(ds); // what every load does
    catalog = new CatalogService(ds);
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** Runs a list call, returning its result and the page statement it sent (not the count). */
  async function capture<T>(call: () => Promise<T>): Promise<{ result: T; page: SentQuery }> {
    const { result, sent } = await recordQueries(ds, call);
    const page = sent.filter((s) => /ORDER BY/.test(s.sql));
    expect(page).toHaveLength(1);
    return { result, page: page[0] };
  }

  const plan = (q: SentQuery) => queryPlan(ds, q);

  function expectIndexed(planText: string, table: 'transactions' | 'streams', index: string, backward = false): void {
    if (kind === 'postgres') {
      expect(planText).not.toMatch(new RegExp(`Seq Scan on ${table}\\b`));
      if (!backward) expect(planText).not.toMatch(/\bSort\b/);
      expect(planText).toMatch(new RegExp(`Index Scan ${backward ? 'Backward ' : ''}using "?${index}"? on ${table}`));
    } else {
      // SQLite names the table by its alias (t, s): "SCAN t" alone is a full table scan.
      expect(planText).not.toMatch(new RegExp(`\\bSCAN (${table}|${table[0]})$`, 'm'));
      if (!backward) expect(planText).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      expect(planText).toMatch(new RegExp(`(SCAN|SEARCH) \\w+ USING (COVERING )?INDEX ${index}\\b`));
    }
  }

  const page = (after?: string | null): Page => ({ first: PAGE, after, withCount: false });

  /**
   * Row i (id i in a fresh table) has date key i % mod, and keys grow with the date: the rows in
   * (date, id) order are residue 0's ids, then residue 1's… `skip` rows in, `count` rows.
   */
  function expectedIds(mod: number, skip: number, count: number): number[] {
    const ids: number[] = [];
    for (let r = 0; r < mod && ids.length < skip + count; r += 1) {
      for (let i = r === 0 ? mod : r; i <= n && ids.length < skip + count; i += mod) ids.push(i);
    }
    return ids.slice(skip);
  }

  it('transactions by sale month: first and next page come from IDX_transactions_sale_month_id', async () => {
    const first = await capture(() => catalog.transactions(null, null, 'SALE_MONTH', page()));
    expectIndexed(await plan(first.page), 'transactions', 'IDX_transactions_sale_month_id');
    expect(first.result.edges.map((e) => e.node.id)).toEqual(expectedIds(MONTHS, 0, PAGE));
    expect(first.result.pageInfo.hasNextPage).toBe(true);

    const next = await capture(() => catalog.transactions(null, null, 'SALE_MONTH', page(first.result.pageInfo.endCursor)));
    expectIndexed(await plan(next.page), 'transactions', 'IDX_transactions_sale_month_id');
    expect(next.result.edges.map((e) => e.node.id)).toEqual(expectedIds(MONTHS, PAGE, PAGE));
  });

  it('transactions by reporting date, within a range: first and next page come from IDX_transactions_reporting_date_id', async () => {
    const range = { from: '2021-01-01', to: '2021-12-31' };
    const first = await capture(() => catalog.transactions(range, null, 'REPORTING_DATE', page()));
    expectIndexed(await plan(first.page), 'transactions', 'IDX_transactions_reporting_date_id');
    const dates = first.result.edges.map((e) => e.node.reportingDate);
    expect(dates.every((d) => d >= range.from && d <= range.to)).toBe(true);
    const next = await capture(() => catalog.transactions(range, null, 'REPORTING_DATE', page(first.result.pageInfo.endCursor)));
    expectIndexed(await plan(next.page), 'transactions', 'IDX_transactions_reporting_date_id');
    const lastOfFirst = first.result.edges[PAGE - 1].node;
    const firstOfNext = next.result.edges[0].node;
    expect([
      firstOfNext.reportingDate > lastOfFirst.reportingDate,
      firstOfNext.reportingDate === lastOfFirst.reportingDate && firstOfNext.id > lastOfFirst.id,
    ]).toContain(true);
  });

  it('streams: first and next page come from IDX_streams_date_id', async () => {
    const first = await capture(() => catalog.streams(null, null, page()));
    expectIndexed(await plan(first.page), 'streams', 'IDX_streams_date_id');
    expect(first.result.edges.map((e) => e.node.id)).toEqual(expectedIds(DAYS, 0, PAGE));
    const next = await capture(() => catalog.streams(null, null, page(first.result.pageInfo.endCursor)));
    expectIndexed(await plan(next.page), 'streams', 'IDX_streams_date_id');
    expect(next.result.edges.map((e) => e.node.id)).toEqual(expectedIds(DAYS, PAGE, PAGE));
  });

  it('transactions with store, platform, track and artist joined: still the index range on transactions, one statement, loaders primed', async () => {
    const loaders = createLoaders(ds);
    const relations = { fields: new Set(['store', 'platform', 'track', 'artist'] as const), loaders };
    const first = await capture(() => catalog.transactions(null, null, 'SALE_MONTH', page(), relations));
    expect(first.page.sql).toMatch(/JOIN tracks/);
    expectIndexed(await plan(first.page), 'transactions', 'IDX_transactions_sale_month_id');
    expect(first.result.edges.map((e) => e.node.id)).toEqual(expectedIds(MONTHS, 0, PAGE));
    const next = await capture(() => catalog.transactions(null, null, 'SALE_MONTH', page(first.result.pageInfo.endCursor), relations));
    expectIndexed(await plan(next.page), 'transactions', 'IDX_transactions_sale_month_id');
    expect(next.result.edges.map((e) => e.node.id)).toEqual(expectedIds(MONTHS, PAGE, PAGE));
    // The relation loaders answer from what the page read: no further statement.
    const nodes = [...first.result.edges, ...next.result.edges].map((e) => e.node);
    const spy = jest.spyOn(ds, 'query');
    try {
      const tracks = await Promise.all(nodes.map((t) => loaders.track.load(t.trackId!)));
      const stores = await Promise.all(nodes.map((t) => loaders.store.load(t.storeId)));
      expect(spy).not.toHaveBeenCalled();
      const titles: Array<{ id: number; title: string }> = await ds.query(
        `SELECT id, title FROM tracks WHERE id IN (${[...new Set(nodes.map((t) => t.trackId))].join(', ')})`,
      );
      const titleOf = new Map(titles.map((r) => [Number(r.id), r.title]));
      expect(tracks.map((t) => t?.title)).toEqual(nodes.map((t) => titleOf.get(t.trackId!)));
      expect(stores.every((st, i) => st?.id === nodes[i].storeId)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('streams with platform, track and artist joined: still the index range on streams', async () => {
    const relations = { fields: new Set(['platform', 'track', 'artist'] as const), loaders: createLoaders(ds) };
    const first = await capture(() => catalog.streams(null, null, page(), relations));
    expect(first.page.sql).toMatch(/JOIN platforms/);
    expectIndexed(await plan(first.page), 'streams', 'IDX_streams_date_id');
    expect(first.result.edges.map((e) => e.node.id)).toEqual(expectedIds(DAYS, 0, PAGE));
  });

  it("Track.transactions (a track's latest lines) reads IDX_transactions_track_reporting_date_id (backwards, `first` rows per track on PostgreSQL)", async () => {
    const tracks: Array<{ id: number }> = await ds.query("SELECT id FROM tracks WHERE title_key LIKE 'seedtrack%' ORDER BY id");
    expect(tracks).toHaveLength(TRACKS);
    const firstTrack = Number(tracks[0].id);
    const asked = [firstTrack + 3, firstTrack + 117];
    const NESTED = 10;
    const { result, page: q } = await capture(() => createLoaders(ds).transactionsOfTrack(NESTED).loadMany(asked));
    // PostgreSQL: one backward index range per track, the outer sort sees asked × NESTED rows.
    // SQLite: an index search per track, then its window sorts that track's lines.
    expectIndexed(await plan(q), 'transactions', 'IDX_transactions_track_reporting_date_id', true);
    // Row i belongs to seeded track i % TRACKS and was reported on sale month + 2 months + (i % 28) days.
    const reported = (i: number) => {
      const m = (i % MONTHS) + 2;
      return `${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    };
    asked.forEach((trackId, k) => {
      const residue = trackId - firstTrack;
      const rows: Array<{ id: number; date: string }> = [];
      for (let i = residue === 0 ? TRACKS : residue; i <= n; i += TRACKS) rows.push({ id: i, date: reported(i) });
      rows.sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1));
      const got = result[k];
      if (got instanceof Error) throw got;
      expect(got.map((t) => [t.id, t.reportingDate])).toEqual(rows.slice(0, NESTED).map((r) => [r.id, r.date]));
    });
  });

  it.each([
    ['a date that does not exist', encodeCursor('2024-02-30', 5)],
    ['text that is not a date', encodeCursor("2024-01-01' OR 1=1", 5)],
    ['a number where a date is stored', encodeCursor(20240101, 5)],
    ['an id beyond the integer column', encodeCursor('2024-01-01', 2 ** 40)],
    ['a negative id', encodeCursor('2024-01-01', -1)],
    ['no cursor at all', 'not-a-cursor'],
  ])('a forged transactions cursor (%s) is BAD_USER_INPUT, not a database error', async (_what, cursor) => {
    await expect(catalog.transactions(null, null, 'SALE_MONTH', page(cursor))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(catalog.streams(null, null, page(cursor))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
