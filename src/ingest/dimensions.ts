import type { EntityManager } from 'typeorm';
import { type Dialect, SqlParams } from '../db/dialect';
import type { ExternalIdKind } from '../entities/artist-external-id.entity';
import { ArtistLinks } from './identity/artist-links';
import { artistKey, cleanName, splitCollaboration, titleKey } from '../domain/names';

/**
 * Resolves names and codes from source files to dimension ids, creating what is missing.
 * Bound to the load's transaction, so a failed file leaves no new artist or track behind.
 * Everything is cached for the life of one load: a million rows touch the database only for new names.
 */
export class DimensionResolver {
  private readonly artists = new Map<string, number>();
  private readonly external = new Map<string, number>();
  private readonly tracks = new Map<string, number>();
  private readonly releases = new Map<string, number>();
  private readonly platforms = new Map<string, number>();
  private readonly stores = new Map<string, { storeId: number; platformId: number }>();

  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
  ) {}

  private async insertReturningId(table: string, columns: Record<string, unknown>): Promise<number> {
    const p = new SqlParams(this.dialect);
    const names = Object.keys(columns);
    const rows: Array<{ id: number | string }> = await this.manager.query(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${p.list(Object.values(columns))}) RETURNING id`,
      p.values,
    );
    return Number(rows[0].id);
  }

  private async selectId(sql: (p: SqlParams) => string): Promise<number | null> {
    const p = new SqlParams(this.dialect);
    const rows: Array<{ id: number | string }> = await this.manager.query(sql(p), p.values);
    return rows.length ? Number(rows[0].id) : null;
  }

  /** The artist a spelling folds to (through recorded aliases, then artists' own keys), without creating one. */
  async findArtistId(name: string): Promise<number | null> {
    const key = artistKey(cleanName(name));
    const id = await this.selectId((p) => `SELECT artist_id AS id FROM artist_aliases WHERE alias_key = ${p.add(key)} ORDER BY id LIMIT 1`);
    return id ?? this.selectId((p) => `SELECT id FROM artists WHERE name_key = ${p.add(key)}`);
  }

  /** One artist per folded name; every new spelling is recorded as an alias. */
  async artistId(name: string): Promise<number> {
    const display = cleanName(name);
    const key = artistKey(display);
    const cached = this.artists.get(display);
    if (cached !== undefined) return cached;
    let id = await this.findArtistId(display);
    if (id === null) id = await this.insertReturningId('artists', { name: display, name_key: key });
    const p = new SqlParams(this.dialect);
    await this.manager.query(
      `INSERT INTO artist_aliases (alias, alias_key, artist_id) VALUES (${p.list([display, key, id])}) ON CONFLICT (alias) DO NOTHING`,
      p.values,
    );
    this.artists.set(display, id);
    return id;
  }

  /**
   * The artist of a file that knows it by a platform id (a Spotify artist id, a TikTok handle),
   * with the name the file also gives, if any: see ArtistLinks.attribute.
   */
  async externalArtistId(kind: ExternalIdKind, externalId: string, name: string | null): Promise<number> {
    const cacheKey = `${kind}\u0000${externalId}\u0000${name ?? ''}`;
    const cached = this.external.get(cacheKey);
    if (cached !== undefined) return cached;
    const id = await this.links().attribute(kind, externalId, name);
    this.external.set(cacheKey, id);
    return id;
  }

  /**
   * The artist of an account whose handle usually is the artist's name (TikTok): the artist the
   * handle is linked to (TIKTOK_ACCOUNTS=<handle>=<Artist>, or an admin link), else by name.
   */
  async accountArtistId(kind: ExternalIdKind, handle: string, name: string): Promise<number> {
    const cacheKey = `${kind}\u0000${handle}\u0000account`;
    const cached = this.external.get(cacheKey);
    if (cached !== undefined) return cached;
    const id = (await this.links().linkedArtist(kind, handle))?.id ?? (await this.artistId(name));
    this.external.set(cacheKey, id);
    return id;
  }

  links(): ArtistLinks {
    return new ArtistLinks(this.manager, this.dialect, this);
  }

  /** Drops every cached id: after a merge, cached artists and tracks may be gone. */
  forget(): void {
    for (const cache of [this.artists, this.tracks, this.external]) cache.clear();
  }

  /** The artists of a billing (`A X B`): the primary first. */
  async billingArtistIds(billing: string): Promise<number[]> {
    const ids: number[] = [];
    for (const name of splitCollaboration(billing)) {
      const id = await this.artistId(name);
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  /** A release by UPC; its title is recorded the first time an album line names it. */
  async releaseId(upc: string, title: string | null = null): Promise<number> {
    const cached = this.releases.get(upc);
    if (cached !== undefined) return cached;
    let id = await this.selectId((p) => `SELECT id FROM releases WHERE upc = ${p.add(upc)}`);
    if (id === null) id = await this.insertReturningId('releases', { upc, title: title ? cleanName(title) : null });
    else if (title) {
      const p = new SqlParams(this.dialect);
      await this.manager.query(
        `UPDATE releases SET title = ${p.add(cleanName(title))} WHERE id = ${p.add(id)} AND title IS NULL`,
        p.values,
      );
    }
    this.releases.set(upc, id);
    return id;
  }

  /**
   * A track by ISRC when there is one, else by (primary artist, folded title); see below for how the two meet. Performers are
   * linked on first sight: the first artist as primary, the others as featured.
   */
  async trackId(input: { title: string; isrc: string | null; artistIds: number[]; releaseId: number | null }): Promise<number> {
    const primary = input.artistIds[0] ?? null;
    const folded = titleKey(input.title);
    const cacheKey = input.isrc ?? `${primary}|${folded}`;
    const cached = this.tracks.get(cacheKey);
    if (cached !== undefined) return cached;
    let id = input.isrc ? await this.selectId((p) => `SELECT id FROM tracks WHERE isrc = ${p.add(input.isrc)}`) : null;
    if (id === null) {
      // By artist and title: sources without ISRCs (Spotify for Artists, TooLost titles) must land on the
      // ISRC'd track another source created, and a new ISRC adopts a track that had none.
      id = await this.selectId(
        (p) =>
          `SELECT id FROM tracks WHERE title_key = ${p.add(folded)} AND ${primary === null ? 'primary_artist_id IS NULL' : `primary_artist_id = ${p.add(primary)}`}
           ${input.isrc ? 'AND isrc IS NULL' : ''} ORDER BY id LIMIT 1`,
      );
      if (id !== null && input.isrc) {
        const p = new SqlParams(this.dialect);
        await this.manager.query(`UPDATE tracks SET isrc = ${p.add(input.isrc)} WHERE id = ${p.add(id)}`, p.values);
      }
    }
    const found = id;
    // A track first seen without artists (e.g. a TooLost Apple total by ISRC) gets them from the first source that names them.
    if (
      found !== null &&
      primary !== null &&
      (await this.selectId((p) => `SELECT id FROM tracks WHERE id = ${p.add(found)} AND primary_artist_id IS NULL`)) !== null
    ) {
      const p = new SqlParams(this.dialect);
      await this.manager.query(`UPDATE tracks SET primary_artist_id = ${p.add(primary)} WHERE id = ${p.add(found)}`, p.values);
      await this.linkPerformers(found, input.artistIds);
    }
    if (id === null) {
      id = await this.insertReturningId('tracks', {
        title: cleanName(input.title),
        title_key: folded,
        isrc: input.isrc,
        primary_artist_id: primary,
        release_id: input.releaseId,
      });
      await this.linkPerformers(id, input.artistIds);
    }
    this.tracks.set(cacheKey, id);
    return id;
  }

  /** Links performers to a track: the first as primary, the others as featured. */
  private async linkPerformers(trackId: number, artistIds: number[]): Promise<void> {
    for (const [i, artistId] of artistIds.entries()) {
      const p = new SqlParams(this.dialect);
      await this.manager.query(
        `INSERT INTO track_artists (track_id, artist_id, role) VALUES (${p.list([trackId, artistId, i === 0 ? 'primary' : 'featured'])})
         ON CONFLICT (track_id, artist_id) DO NOTHING`,
        p.values,
      );
    }
  }

  async platformId(code: string): Promise<number> {
    const cached = this.platforms.get(code);
    if (cached !== undefined) return cached;
    const id = await this.selectId((p) => `SELECT id FROM platforms WHERE code = ${p.add(code)}`);
    if (id === null) throw new Error(`unknown platform code ${code}`);
    this.platforms.set(code, id);
    return id;
  }

  /**
   * The platform a distributor's store belongs to. An unknown store becomes a platform of its own,
   * named after it (never silently another platform: a clashing code gets a numbered suffix).
   */
  async store(source: string, storeName: string): Promise<{ storeId: number; platformId: number }> {
    const name = cleanName(storeName);
    const cacheKey = `${source}|${name}`;
    const cached = this.stores.get(cacheKey);
    if (cached) return cached;
    const p = new SqlParams(this.dialect);
    const found: Array<{ id: number | string; platform_id: number | string }> = await this.manager.query(
      `SELECT id, platform_id FROM stores WHERE source = ${p.add(source)} AND name = ${p.add(name)}`,
      p.values,
    );
    let result: { storeId: number; platformId: number };
    if (found.length) {
      result = { storeId: Number(found[0].id), platformId: Number(found[0].platform_id) };
    } else {
      const base =
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '_')
          .replace(/^_|_$/g, '') || 'store';
      let code = base;
      for (let n = 2; (await this.selectId((q) => `SELECT id FROM platforms WHERE code = ${q.add(code)}`)) !== null; n++)
        code = `${base}_${n}`;
      const platformId = await this.insertReturningId('platforms', { code, name, kind: 'streaming' });
      const storeId = await this.insertReturningId('stores', { source, name, platform_id: platformId });
      result = { storeId, platformId };
    }
    this.stores.set(cacheKey, result);
    return result;
  }
}
