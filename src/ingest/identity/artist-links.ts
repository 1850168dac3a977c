import type { EntityManager } from 'typeorm';
import { type Dialect, SqlParams } from '../../db/dialect';
import type { ExternalIdKind } from '../../entities/artist-external-id.entity';
import type { DimensionResolver } from '../dimensions';
import { artistKey, cleanName } from '../../domain/names';
import { type MergeCounts, mergeArtists } from '../../db/merge/artist-merge';
import { placeholderName } from './external-id-format';
import { IdentityError } from '../../errors/identity-error';

export interface ArtistRow {
  id: number;
  name: string;
  isPlaceholder: boolean;
}

/** What linking an id did: `merged` when the id's placeholder was folded into the artist. */
export const LINK_CHANGES = ['linked', 'unchanged', 'merged', 'renamed'] as const;
export type LinkChange = (typeof LINK_CHANGES)[number];

export interface LinkOutcome {
  artist: ArtistRow;
  kind: ExternalIdKind;
  externalId: string;
  change: LinkChange;
  mergedPlaceholder: { id: number; name: string; counts: MergeCounts } | null;
}

/** Who the target of a link is: an artist by id, or by name (created only when `create` is set). */
export type ArtistTarget = { artistId: number } | { name: string; create: boolean };

/**
 * External ids (Spotify artist id, TikTok handle, Meta page id) and the artists they belong to,
 * inside one open transaction: loaders attribute files through them, the admin links, unlinks and
 * merges through them.
 */
export class ArtistLinks {
  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
    private readonly dims: DimensionResolver,
  ) {}

  private async rows<T>(build: (p: SqlParams) => string): Promise<T[]> {
    const p = new SqlParams(this.dialect);
    const sql = build(p);
    return this.manager.query(sql, p.values);
  }

  async artist(id: number): Promise<ArtistRow | null> {
    const found = await this.rows<{ id: number | string; name: string; is_placeholder: boolean | number }>(
      (p) => `SELECT id, name, is_placeholder FROM artists WHERE id = ${p.add(id)}`,
    );
    return found.length ? { id: Number(found[0].id), name: found[0].name, isPlaceholder: Boolean(found[0].is_placeholder) } : null;
  }

  async linkedArtist(kind: ExternalIdKind, externalId: string): Promise<ArtistRow | null> {
    const found = await this.rows<{ artist_id: number | string }>(
      (p) => `SELECT artist_id FROM artist_external_ids WHERE kind = ${p.add(kind)} AND external_id = ${p.add(externalId)}`,
    );
    return found.length ? this.artist(Number(found[0].artist_id)) : null;
  }

  private async insertLink(kind: ExternalIdKind, externalId: string, artistId: number): Promise<void> {
    const now = new Date();
    await this.rows(
      (p) =>
        `INSERT INTO artist_external_ids (kind, external_id, artist_id, created_at) VALUES (${p.list([kind, externalId, artistId, this.dialect === 'postgres' ? now : now.toISOString().replace('T', ' ').replace('Z', '')])})`,
    );
  }

  /** The stand-in artist of an unlinked id; reused when an earlier unlink left it behind. */
  private async placeholder(kind: ExternalIdKind, externalId: string): Promise<number> {
    const name = placeholderName(kind, externalId);
    // Not folded: Spotify ids are case-sensitive, two ids differing in case are two artists. A folded
    // spelling is lower-case, so it never matches a key with capitals by accident.
    const key = name;
    const existing = await this.rows<{ id: number | string }>((p) => `SELECT id FROM artists WHERE name_key = ${p.add(key)}`);
    if (existing.length) return Number(existing[0].id);
    const created = await this.rows<{ id: number | string }>(
      (p) =>
        `INSERT INTO artists (name, name_key, is_placeholder) VALUES (${p.list([name, key, this.dialect === 'postgres' ? true : 1])}) RETURNING id`,
    );
    return Number(created[0].id);
  }

  /**
   * The artist a file that names an id (and maybe a name) belongs to. A linked id wins. An
   * unlinked id with a name records the link; without a name it loads under a placeholder named
   * after the id. A name beside an id linked to a placeholder merges the placeholder into it.
   */
  async attribute(kind: ExternalIdKind, externalId: string, name: string | null): Promise<number> {
    const linked = await this.linkedArtist(kind, externalId);
    if (linked && !(linked.isPlaceholder && name)) {
      // A spelling of the linked artist is recorded as its alias; a name of someone else is not (the link wins).
      if (name && (await this.dims.findArtistId(name)) === linked.id) await this.dims.artistId(name);
      return linked.id;
    }
    if (name) return (await this.link(kind, externalId, { name, create: true }, 'ingest')).artist.id;
    const id = await this.placeholder(kind, externalId);
    await this.insertLink(kind, externalId, id);
    return id;
  }

  private async target(target: ArtistTarget, linked: ArtistRow | null): Promise<{ artist: ArtistRow | null; name: string }> {
    if ('artistId' in target) {
      const artist = await this.artist(target.artistId);
      if (!artist) throw new IdentityError('BAD_USER_INPUT', 'artist', `artist: no artist has id ${target.artistId}`);
      return { artist, name: artist.name };
    }
    const name = cleanName(target.name);
    if (name === '') throw new IdentityError('BAD_USER_INPUT', 'artist', 'artist: the name is empty');
    // Found by a spelling: recorded as an alias, so the spelling keeps resolving here.
    const id = (await this.dims.findArtistId(name)) === null ? null : await this.dims.artistId(name);
    if (id !== null) return { artist: await this.artist(id), name };
    if (!target.create && !linked?.isPlaceholder)
      throw new IdentityError('BAD_USER_INPUT', 'artist', `artist: no artist is named "${name.slice(0, 200)}"`);
    return { artist: null, name };
  }

  /**
   * Links an id to an artist. An id held by a placeholder moves with all the placeholder's facts
   * (the placeholder is merged, or renamed when the artist does not exist yet); an id held by
   * another real artist is refused: unlink it first, or merge the two artists.
   */
  async link(kind: ExternalIdKind, externalId: string, target: ArtistTarget, by: string): Promise<LinkOutcome> {
    const linked = await this.linkedArtist(kind, externalId);
    const wanted = await this.target(target, linked);
    const base = { kind, externalId, mergedPlaceholder: null };
    if (wanted.artist === null) {
      if (linked?.isPlaceholder) {
        // The artist is new to the warehouse: the placeholder becomes it, facts and all.
        await this.rows(
          (p) =>
            `UPDATE artists SET name = ${p.add(wanted.name)}, name_key = ${p.add(artistKey(wanted.name))}, is_placeholder = ${p.add(this.dialect === 'postgres' ? false : 0)} WHERE id = ${p.add(linked.id)}`,
        );
        await this.dims.artistId(wanted.name);
        return { ...base, artist: { id: linked.id, name: wanted.name, isPlaceholder: false }, change: 'renamed' };
      }
      const id = await this.dims.artistId(wanted.name);
      wanted.artist = { id, name: wanted.name, isPlaceholder: false };
    }
    const artist = wanted.artist;
    if (linked?.id === artist.id) return { ...base, artist, change: 'unchanged' };
    if (linked === null) {
      await this.insertLink(kind, externalId, artist.id);
      return { ...base, artist, change: 'linked' };
    }
    if (!linked.isPlaceholder) {
      throw new IdentityError(
        'BAD_USER_INPUT',
        'externalId',
        `externalId: ${kind} ${externalId} is already linked to "${linked.name}" (id ${linked.id}): unlink it first, or merge the two artists`,
      );
    }
    const counts = await mergeArtists(this.manager, this.dialect, linked.id, artist.id, by);
    this.dims.forget();
    return { ...base, artist, change: 'merged', mergedPlaceholder: { id: linked.id, name: linked.name, counts } };
  }

  /** Removes a link; the artist keeps the facts already loaded through it. */
  async unlink(kind: ExternalIdKind, externalId: string): Promise<ArtistRow> {
    const linked = await this.linkedArtist(kind, externalId);
    if (!linked) throw new IdentityError('NOT_FOUND', 'externalId', `externalId: ${kind} ${externalId} is not linked to any artist`);
    await this.rows((p) => `DELETE FROM artist_external_ids WHERE kind = ${p.add(kind)} AND external_id = ${p.add(externalId)}`);
    return linked;
  }
}
