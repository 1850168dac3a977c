import type { Loaders } from './dataloaders';
import { mapArtist, mapPlatform, mapStore, mapTrack } from './records';

type Row = Record<string, unknown>;

/** A relation of a fact row that a list page can read in its own statement. */
export type FactRelation = 'store' | 'platform' | 'track' | 'artist';

/** The relations a page should join, and the request's loaders to hand their rows to. */
export interface JoinedRelations {
  fields: ReadonlySet<FactRelation>;
  loaders: Loaders;
}

interface RelationJoin {
  table: string;
  /** The fact column holding the key. */
  key: string;
  columns: readonly string[];
  /** The joined row into the request's loader for that relation. */
  prime(loaders: Loaders, id: number, row: Row | null): void;
}

// Same columns and mappers as the loaders' own statements, so a primed value equals a loaded one.
const JOINS: Record<FactRelation, RelationJoin> = {
  store: {
    table: 'stores',
    key: 'store_id',
    columns: ['id', 'source', 'name', 'platform_id'],
    prime: (l, id, r) => l.store.prime(id, r && mapStore(r)),
  },
  platform: {
    table: 'platforms',
    key: 'platform_id',
    columns: ['id', 'code', 'name', 'kind'],
    prime: (l, id, r) => l.platform.prime(id, r && mapPlatform(r)),
  },
  track: {
    table: 'tracks',
    key: 'track_id',
    columns: ['id', 'title', 'isrc', 'primary_artist_id', 'release_id'],
    prime: (l, id, r) => l.track.prime(id, r && mapTrack(r)),
  },
  artist: { table: 'artists', key: 'artist_id', columns: ['id', 'name'], prime: (l, id, r) => l.artist.prime(id, r && mapArtist(r)) },
};

const aliasOf = (relation: FactRelation) => `rel_${relation}`;

export interface FactJoin {
  /** Extra select-list items, each named `rel_<relation>__<column>`. */
  columns: string;
  /** LEFT JOINs on the page alias. */
  joins: string;
  /** Hands the joined rows of one result row to the loaders. */
  prime(row: Row): void;
}

/**
 * LEFT JOINs of the asked relations onto a page of fact rows (`page` alias), by primary key: at most
 * one page of index lookups each. Null when nothing is asked, so the page stays one plain statement.
 */
export function factJoin(page: string, relations: JoinedRelations | null | undefined, available: readonly FactRelation[]): FactJoin | null {
  const asked = available.filter((r) => relations?.fields.has(r));
  if (!relations || !asked.length) return null;
  const { loaders } = relations;
  // A page repeats a few stores and platforms on every row: each key is mapped and primed once.
  const primed = new Map<FactRelation, Set<number>>(asked.map((r) => [r, new Set<number>()]));
  return {
    columns: asked.flatMap((r) => JOINS[r].columns.map((c) => `${aliasOf(r)}.${c} AS ${aliasOf(r)}__${c}`)).join(', '),
    joins: asked.map((r) => `LEFT JOIN ${JOINS[r].table} ${aliasOf(r)} ON ${aliasOf(r)}.id = ${page}.${JOINS[r].key}`).join(' '),
    prime(row) {
      for (const r of asked) {
        const key = row[JOINS[r].key];
        if (key === null || key === undefined) continue; // no relation: the resolver answers null without the loader
        const seen = primed.get(r)!;
        if (seen.has(Number(key))) continue;
        seen.add(Number(key));
        const joined = row[`${aliasOf(r)}__id`];
        const sub = Object.fromEntries(JOINS[r].columns.map((c) => [c, row[`${aliasOf(r)}__${c}`]]));
        JOINS[r].prime(loaders, Number(key), joined === null || joined === undefined ? null : sub);
      }
    },
  };
}
