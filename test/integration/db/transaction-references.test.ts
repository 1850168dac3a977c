/**
 * The references of `transactions` hold on both databases, whoever writes: on SQLite by foreign
 * keys, on PostgreSQL by the set-based triggers that replaced them (migration 1796558684510).
 * Every check is a real statement against a warehouse loaded by a real ingest; orphans are counted
 * with an independent anti-join per reference.
 */
import { Client } from 'pg';
import { mergeArtistRows } from '../../../src/db/merge/artist-merge';
import { type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { describeEachDatabase } from '../../helpers/databases';
import { exportOf, generatedLines, type Harness, OLD_HEADER, openHarness, statuses } from '../ingest/helpers';

const REFERENCES = [
  ['store_id', 'stores'],
  ['platform_id', 'platforms'],
  ['track_id', 'tracks'],
  ['artist_id', 'artists'],
  ['release_id', 'releases'],
  ['source_file_id', 'source_files'],
] as const;

const EXPORT: BankSampleOptions = {
  seed: 12,
  rows: 400,
  months: ['2024-01', '2024-02', '2024-03'],
  artists: [],
  tracks: [
    { artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' },
    { artist: 'Zone A0 (feat. Nobody)', title: 'Static Bloom', isrc: 'QZTAW2496366', upc: '197368123457' },
  ],
};

/** The error a broken reference raises: SQLite's foreign key, or PostgreSQL's foreign_key_violation from the triggers. */
const REFERENCE_ERROR = /FOREIGN KEY constraint failed|violates (its references|the references of "transactions")/;

describeEachDatabase('transaction references', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await openHarness(kind);
    const loaded = await h.ingest([h.input('dk_bank_details_20240401_000000.tsv', exportOf(OLD_HEADER, generatedLines(EXPORT)))]);
    expect(statuses(loaded)).toEqual(['dk_bank_details_20240401_000000.tsv: loaded']);
  });
  afterAll(async () => h?.close());

  async function orphans(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [column, table] of REFERENCES) {
      const [{ n }] = await h.ds.query<Array<{ n: number | string }>>(
        `SELECT COUNT(*) AS n FROM transactions t LEFT JOIN ${table} p ON p.id = t.${column} WHERE t.${column} IS NOT NULL AND p.id IS NULL`,
      );
      out[column] = Number(n);
    }
    return out;
  }
  const none = Object.fromEntries(REFERENCES.map(([c]) => [c, 0]));

  async function someTransaction(): Promise<{ id: number; artist_id: number; track_id: number }> {
    const [row] = await h.ds.query<Array<{ id: number; artist_id: number; track_id: number }>>(
      `SELECT id, artist_id, track_id FROM transactions WHERE artist_id IS NOT NULL AND track_id IS NOT NULL ORDER BY id LIMIT 1`,
    );
    return row;
  }

  it('a load leaves every reference resolved', async () => {
    const [{ n }] = await h.ds.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM transactions`);
    expect(Number(n)).toBe(EXPORT.rows);
    expect(await orphans()).toEqual(none);
  });

  /** Copies the first two stored lines under new row keys (`<prefix><id>`); with `broken`, the first copy's `broken` column points at an id no row has. */
  function copyOfTwoLines(prefix: string, broken?: string): string {
    const columns = [
      'source',
      'row_key',
      'reporting_date',
      'sale_month',
      'store_id',
      'platform_id',
      'track_id',
      'artist_id',
      'release_id',
      'country',
      'quantity',
      'product_type',
      'team_percentage',
      'gross_nano',
      'withheld_nano',
      'net_nano',
      'currency',
      'source_file_id',
      'source_line',
    ];
    const first = `(SELECT MIN(id) FROM transactions)`;
    const values = columns.map((c) =>
      c === 'row_key' ? `'${prefix}' || CAST(id AS varchar)` : c === broken ? `CASE WHEN id = ${first} THEN 2000000000 ELSE ${c} END` : c,
    );
    return `INSERT INTO transactions (${columns.join(', ')}) SELECT ${values.join(', ')} FROM transactions WHERE id IN (SELECT id FROM transactions ORDER BY id LIMIT 2)`;
  }
  const lineCount = async () => Number((await h.ds.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM transactions`))[0].n);

  it('a valid copy of stored lines is accepted (the control for the refusals below)', async () => {
    const before = await lineCount();
    await h.ds.query(copyOfTwoLines('valid:'));
    expect(await lineCount()).toBe(before + 2);
    await h.ds.query(`DELETE FROM transactions WHERE row_key LIKE 'valid:%'`);
  });

  it.each(REFERENCES.map(([column]) => column))('an insert with one line whose %s has no row is refused whole', async (column) => {
    const before = await lineCount();
    await expect(h.ds.query(copyOfTwoLines(`broken-${column}:`, column))).rejects.toThrow(REFERENCE_ERROR);
    expect(await lineCount()).toBe(before);
  });

  it('an update that points a line at a missing track is refused', async () => {
    const t = await someTransaction();
    await expect(h.ds.query(`UPDATE transactions SET track_id = 2000000000 WHERE id = ${t.id}`)).rejects.toThrow(REFERENCE_ERROR);
    const [{ track_id }] = await h.ds.query<Array<{ track_id: number }>>(`SELECT track_id FROM transactions WHERE id = ${t.id}`);
    expect(track_id).toBe(t.track_id);
  });

  it('deleting an artist that a line references is refused', async () => {
    const [{ id }] = await h.ds.query<Array<{ id: number }>>(
      `INSERT INTO artists (name, name_key) VALUES ('Only Here', 'only here') RETURNING id`,
    );
    const t = await someTransaction();
    await h.ds.query(`UPDATE transactions SET artist_id = ${id} WHERE id = ${t.id}`);
    await expect(h.ds.query(`DELETE FROM artists WHERE id = ${id}`)).rejects.toThrow(REFERENCE_ERROR);
    const [{ n }] = await h.ds.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM artists WHERE id = ${id}`);
    expect(Number(n)).toBe(1);
    await h.ds.query(`UPDATE transactions SET artist_id = ${t.artist_id} WHERE id = ${t.id}`);
    expect(await orphans()).toEqual(none);
  });

  it('an artist no line references can be deleted', async () => {
    const [{ id }] = await h.ds.query<Array<{ id: number }>>(
      `INSERT INTO artists (name, name_key) VALUES ('Unused', 'unused') RETURNING id`,
    );
    await h.ds.query(`DELETE FROM artists WHERE id = ${id}`);
    const [{ n }] = await h.ds.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM artists WHERE id = ${id}`);
    expect(Number(n)).toBe(0);
  });

  it('an artist merge moves every line and deletes the merged artist without leaving an orphan', async () => {
    const artists = await h.ds.query<Array<{ artist_id: number; n: number | string }>>(
      `SELECT artist_id, COUNT(*) AS n FROM transactions WHERE artist_id IS NOT NULL GROUP BY artist_id ORDER BY artist_id`,
    );
    expect(artists.length).toBeGreaterThanOrEqual(2);
    const [from, into] = artists;
    await h.ds.transaction((m) => mergeArtistRows(m, from.artist_id, into.artist_id));
    const [{ n }] = await h.ds.query<Array<{ n: number | string }>>(
      `SELECT COUNT(*) AS n FROM transactions WHERE artist_id = ${into.artist_id}`,
    );
    expect(Number(n)).toBe(Number(from.n) + Number(into.n));
    const [{ gone }] = await h.ds.query<Array<{ gone: number | string }>>(
      `SELECT COUNT(*) AS gone FROM artists WHERE id = ${from.artist_id}`,
    );
    expect(Number(gone)).toBe(0);
    expect(await orphans()).toEqual(none);
  });

  if (kind === 'postgres') {
    it('a line inserted by an open transaction keeps its artist from a concurrent delete (the reference is locked, as a foreign key locks it)', async () => {
      const [{ id: artist }] = await h.ds.query<Array<{ id: number }>>(
        `INSERT INTO artists (name, name_key) VALUES ('Fresh', 'fresh') RETURNING id`,
      );
      const writer = new Client({ connectionString: h.db.url });
      const deleter = new Client({ connectionString: h.db.url });
      await writer.connect();
      await deleter.connect();
      try {
        await writer.query('BEGIN');
        await writer.query(
          `INSERT INTO transactions (source, row_key, reporting_date, sale_month, store_id, platform_id, track_id, artist_id, release_id, country,
             quantity, product_type, team_percentage, gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line)
           SELECT source, row_key || ':fresh', reporting_date, sale_month, store_id, platform_id, track_id, $1, release_id, country,
             quantity, product_type, team_percentage, gross_nano, withheld_nano, net_nano, currency, source_file_id, source_line
           FROM transactions ORDER BY id LIMIT 1`,
          [artist],
        );
        // The delete waits for the writer's lock instead of deleting under it.
        await deleter.query(`SET lock_timeout = '300ms'`);
        await expect(deleter.query(`DELETE FROM artists WHERE id = $1`, [artist])).rejects.toThrow(/lock timeout/);
        await writer.query('COMMIT');
        // Once the line is committed, the delete sees it and is refused.
        await expect(deleter.query(`DELETE FROM artists WHERE id = $1`, [artist])).rejects.toThrow(REFERENCE_ERROR);
      } finally {
        await writer.end();
        await deleter.end();
      }
      expect(await orphans()).toEqual(none);
    });
  }
});
