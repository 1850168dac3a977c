import type { QueryRunner } from 'typeorm';
import { mergeArtists } from '../src/db/merge/artist-merge';

/*
 * The two folds, frozen here as this migration knows them (later changes to src/ingest/names.ts
 * must not change what an old migration did).
 */
const foldUp = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[._\-\s]+/g, '');
const foldDown = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[._\-\s]+/g, ' ')
    .trim();

/**
 * Recomputes `artists.name_key` and `artist_aliases.alias_key`. Going up, artists whose keys now
 * collide (`Pig 1987` and `PIG1987`, two artists under the old fold) are MERGED into the oldest of
 * them (lowest id), with every fact, alias and credit, and recorded in `artist_merges` with
 * `merged_by = 'migration'`. Going down, the finer old fold cannot collide.
 *
 * The merge is the product's (src/db/merge): it runs on the schema this migration has just
 * created, which is the one that code is written for.
 */
export async function refoldArtistKeys(queryRunner: QueryRunner, direction: 'up' | 'down'): Promise<void> {
  const postgres = queryRunner.connection.options.type === 'postgres';
  const dialect = postgres ? 'postgres' : 'sqlite';
  const ph = (n: number) => (postgres ? `$${n}` : '?');
  const fold = direction === 'up' ? foldUp : foldDown;
  const artists = (await queryRunner.query('SELECT id, name, name_key FROM artists ORDER BY id')) as Array<{
    id: number | string;
    name: string;
    name_key: string;
  }>;
  const groups = new Map<string, Array<{ id: number; name: string; key: string }>>();
  for (const a of artists) {
    const key = fold(a.name);
    groups.set(key, [...(groups.get(key) ?? []), { id: Number(a.id), name: a.name, key: a.name_key }]);
  }
  for (const [key, members] of groups) {
    const [keep, ...others] = members;
    for (const other of others) await mergeArtists(queryRunner.manager, dialect, other.id, keep.id, 'migration', { restatements: false }); // that table comes later
    if (keep.key !== key) await queryRunner.query(`UPDATE artists SET name_key = ${ph(1)} WHERE id = ${ph(2)}`, [key, keep.id]);
  }
  const aliases = (await queryRunner.query('SELECT id, alias, alias_key FROM artist_aliases')) as Array<{
    id: number | string;
    alias: string;
    alias_key: string;
  }>;
  for (const a of aliases) {
    const key = fold(a.alias);
    if (key !== a.alias_key)
      await queryRunner.query(`UPDATE artist_aliases SET alias_key = ${ph(1)} WHERE id = ${ph(2)}`, [key, Number(a.id)]);
  }
}
