/**
 * The ArtistIdentities migration on a warehouse written under the old fold (separators → one
 * space), on SQLite and PostgreSQL: keys are recomputed, and `Pig 1987` / `PIG1987`, two artists
 * before, become one with all the facts of both (the oldest artist survives); reverting restores
 * the old keys.
 */
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/config';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../helpers/databases';
import { q } from '../ingest/helpers';

const oldFold = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[._\-\s]+/g, ' ')
    .trim();

/** Back to the schema just before ArtistIdentities: the migrations after it are undone first. */
async function undoThroughArtistIdentities(ds: DataSource): Promise<void> {
  const names = ds.migrations.map((m) => m.name ?? '');
  const target = names.findIndex((n) => n.startsWith('ArtistIdentities'));
  expect(target).toBeGreaterThanOrEqual(0);
  for (let k = names.length - 1; k >= target; k--) await ds.undoLastMigration();
}

describeEachDatabase('ArtistIdentities migration refolds artist keys', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await openWarehouse(loadConfig({ DATABASE_URL: db.url }));
    await undoThroughArtistIdentities(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('merges artists whose names fold together now, moving their facts, and keeps the others', async () => {
    // Written with the schema and fold of the previous migration, as an older warehouse holds them.
    const artist = async (name: string) =>
      Number(
        (await q<{ id: number | string }>(ds, 'INSERT INTO artists (name, name_key) VALUES (?, ?) RETURNING id', [name, oldFold(name)]))[0]
          .id,
      );
    const pigSpaced = await artist('Pig 1987');
    const pigJoined = await artist('PIG1987');
    const zone = await artist('ZONE A0');
    for (const [alias, id] of [
      ['Pig 1987', pigSpaced],
      ['pig.1987', pigSpaced],
      ['PIG1987', pigJoined],
      ['ZONE A0', zone],
      ['zone_a0', zone],
    ] as const) {
      await q(ds, 'INSERT INTO artist_aliases (alias, alias_key, artist_id) VALUES (?, ?, ?)', [alias, oldFold(alias), id]);
    }
    const [file] = await q<{ id: number | string }>(
      ds,
      `INSERT INTO source_files (service, stream, path, original_name, sha256, size_bytes, status, rows_read, rows_loaded, rows_skipped, extracted_at)
       VALUES ('spotify', 'audience', 'landing/x.csv', 'x.csv', ?, 1, 'loaded', 0, 0, 0, ?) RETURNING id`,
      ['0'.repeat(64), '2025-01-01 00:00:00'],
    );
    const audience = (artistId: number, date: string, streams: number, at: string) =>
      q(
        ds,
        `INSERT INTO audience_daily (source, artist_id, date, streams, source_file_id, extracted_at) VALUES ('spotify', ?, ?, ?, ?, ?)`,
        [artistId, date, streams, Number(file.id), at],
      );
    await audience(pigSpaced, '2025-01-01', 10, '2025-01-05 00:00:00');
    await audience(pigSpaced, '2025-01-02', 20, '2025-01-05 00:00:00');
    // The same day under the other spelling, captured later: it wins, it is not added.
    await audience(pigJoined, '2025-01-02', 25, '2025-01-09 00:00:00');
    await audience(pigJoined, '2025-01-03', 30, '2025-01-09 00:00:00');

    await ds.runMigrations();

    const artists = await q<{ id: number | string; name: string; name_key: string }>(
      ds,
      'SELECT id, name, name_key FROM artists ORDER BY id',
    );
    expect(artists.map((a) => [Number(a.id), a.name, a.name_key])).toEqual([
      [pigSpaced, 'Pig 1987', 'pig1987'],
      [zone, 'ZONE A0', 'zonea0'],
    ]);
    const aliases = await q<{ alias: string; alias_key: string; artist_id: number | string }>(
      ds,
      'SELECT alias, alias_key, artist_id FROM artist_aliases ORDER BY alias',
    );
    expect(aliases.map((a) => [a.alias, a.alias_key, Number(a.artist_id)])).toEqual(
      [
        ['PIG1987', 'pig1987', pigSpaced],
        ['Pig 1987', 'pig1987', pigSpaced],
        ['ZONE A0', 'zonea0', zone],
        ['pig.1987', 'pig1987', pigSpaced],
        ['zone_a0', 'zonea0', zone],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    const days = await q<{ date: string; streams: number | string; artist_id: number | string }>(
      ds,
      'SELECT CAST(date AS TEXT) AS date, streams, artist_id FROM audience_daily ORDER BY date',
    );
    expect(days.map((d) => [String(d.date).slice(0, 10), Number(d.streams), Number(d.artist_id)])).toEqual([
      ['2025-01-01', 10, pigSpaced],
      ['2025-01-02', 25, pigSpaced],
      ['2025-01-03', 30, pigSpaced],
    ]);
    const merges = await q<{ from_artist_id: number | string; into_artist_id: number | string; merged_by: string }>(
      ds,
      'SELECT from_artist_id, into_artist_id, merged_by FROM artist_merges',
    );
    expect(merges.map((m) => [Number(m.from_artist_id), Number(m.into_artist_id), m.merged_by])).toEqual([
      [pigJoined, pigSpaced, 'migration'],
    ]);
  });

  it('reverts to the old keys', async () => {
    await undoThroughArtistIdentities(ds);
    const artists = await q<{ name: string; name_key: string }>(ds, 'SELECT name, name_key FROM artists ORDER BY id');
    expect(artists.map((a) => [a.name, a.name_key])).toEqual([
      ['Pig 1987', 'pig 1987'],
      ['ZONE A0', 'zone a0'],
    ]);
    await ds.runMigrations();
  });
});
