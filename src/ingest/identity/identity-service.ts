import type { DataSource, EntityManager } from 'typeorm';
import type { ExtractorsConfig } from '../../config/config';
import type { Logger } from '../../config/logger';
import { type Dialect, dialectOf, SqlParams } from '../../db/dialect';
import type { ExternalIdKind } from '../../entities/artist-external-id.entity';
import { rebuildCuratedDatasets } from '../curated/curated-datasets';
import { DimensionResolver } from '../dimensions';
import { Lake } from '../lake/lake';
import { artistKey } from '../../domain/names';
import { mergeArtists } from '../../db/merge/artist-merge';
import { bumpWarehouseVersion } from '../../db/warehouse-version';
import type { ArtistLinks } from './artist-links';
import { type ArtistRow, type ArtistTarget, type LinkOutcome } from './artist-links';
import type { MergeCounts } from '../../db/merge/artist-merge';
import { checkedExternalId, checkedKind } from './external-id-format';
import { IdentityError } from '../../errors/identity-error';

/** An artist named in a request: by id, or by any spelling of its name. */
export type ArtistRef = { id: number } | { name: string };

export interface ExternalIdLink {
  kind: ExternalIdKind;
  externalId: string;
  artistId: number;
  artistName: string;
  isPlaceholder: boolean;
}

export interface MergeOutcome {
  from: { id: number; name: string };
  into: ArtistRow;
  /** True when `from` had already been merged into `into`: nothing was changed. */
  alreadyMerged: boolean;
  counts: MergeCounts | null;
}

/** A link the extractors' configuration declares (`SPOTIFY_ARTIST_IDS=<id>=<Artist Name>`). */
export interface ConfiguredLink {
  kind: ExternalIdKind;
  externalId: string;
  artistName: string;
}

/**
 * Who an artist is across platforms: links external ids to artists (merging a placeholder that
 * holds the id), unlinks them, merges artists folding cannot see as one. Each call is one
 * database transaction: all of it happens, or none.
 */
export class ArtistIdentityService {
  /** `lakeRoot`: when given, the curated datasets (which name artists) are rebuilt after a change. */
  constructor(
    private readonly ds: DataSource,
    private readonly lakeRoot?: string,
  ) {}

  private async refreshCurated(): Promise<void> {
    if (this.lakeRoot) await rebuildCuratedDatasets(this.ds, new Lake(this.lakeRoot), { full: true });
  }

  private get dialect(): Dialect {
    return dialectOf(this.ds);
  }

  private work<T>(fn: (links: ArtistLinks, manager: EntityManager, dims: DimensionResolver) => Promise<T>): Promise<T> {
    return this.ds.transaction(async (manager) => {
      const dims = new DimensionResolver(manager, this.dialect);
      const out = await fn(dims.links(), manager, dims);
      await bumpWarehouseVersion(manager);
      return out;
    });
  }

  async link(kind: string, externalId: string, target: ArtistTarget, by: string): Promise<LinkOutcome> {
    const k = checkedKind(kind);
    const id = checkedExternalId(k, externalId);
    const out = await this.work((links) => links.link(k, id, target, by));
    if (out.change === 'merged' || out.change === 'renamed') await this.refreshCurated();
    return out;
  }

  async unlink(kind: string, externalId: string): Promise<ArtistRow> {
    const k = checkedKind(kind);
    const id = checkedExternalId(k, externalId);
    return this.work((links) => links.unlink(k, id));
  }

  async links(filter: { artistIds?: number[]; kind?: ExternalIdKind; placeholdersOnly?: boolean } = {}): Promise<ExternalIdLink[]> {
    const p = new SqlParams(this.dialect);
    const where: string[] = [];
    if (filter.artistIds) where.push(filter.artistIds.length ? `e.artist_id IN (${p.list(filter.artistIds)})` : '1 = 0');
    if (filter.kind) where.push(`e.kind = ${p.add(filter.kind)}`);
    if (filter.placeholdersOnly) where.push(`a.is_placeholder = ${p.add(this.dialect === 'postgres' ? true : 1)}`);
    const rows: Array<{
      kind: ExternalIdKind;
      external_id: string;
      artist_id: number | string;
      name: string;
      is_placeholder: boolean | number;
    }> = await this.ds.query(
      `SELECT e.kind, e.external_id, e.artist_id, a.name, a.is_placeholder FROM artist_external_ids e JOIN artists a ON a.id = e.artist_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.kind, e.external_id`,
      p.values,
    );
    return rows.map((r) => ({
      kind: r.kind,
      externalId: r.external_id,
      artistId: Number(r.artist_id),
      artistName: r.name,
      isPlaceholder: Boolean(r.is_placeholder),
    }));
  }

  /** Merges `from` into `into`: see mergeArtistRows. Repeating a merge answers `alreadyMerged`. */
  async merge(from: ArtistRef, into: ArtistRef, by: string): Promise<MergeOutcome> {
    if ('id' in from && 'id' in into && from.id === into.id)
      throw new IdentityError('BAD_USER_INPUT', 'from', 'from: an artist cannot be merged into itself');
    const out = await this.mergeInTransaction(from, into, by);
    if (!out.alreadyMerged) await this.refreshCurated();
    return out;
  }

  private mergeInTransaction(from: ArtistRef, into: ArtistRef, by: string): Promise<MergeOutcome> {
    return this.work(async (links, manager, dims): Promise<MergeOutcome> => {
      const target = await this.resolve(links, dims, into, 'into');
      if (!target) throw new IdentityError('BAD_USER_INPUT', 'into', `into: ${describe(into)} is not an artist`);
      // A placeholder is a stand-in for an id: real facts never move into one (link the id instead).
      if (target.isPlaceholder)
        throw new IdentityError(
          'BAD_USER_INPUT',
          'into',
          `into: "${target.name}" is a placeholder for an unlinked id: link that id to the artist instead`,
        );
      const source = await this.resolve(links, dims, from, 'from');
      if (source && source.id !== target.id) {
        const counts = await mergeArtists(manager, this.dialect, source.id, target.id, by);
        return { from: { id: source.id, name: source.name }, into: target, alreadyMerged: false, counts };
      }
      const earlier = await this.earlierMerge(manager, from, target.id);
      if (earlier) return { from: earlier, into: target, alreadyMerged: true, counts: null };
      if (source)
        throw new IdentityError(
          'BAD_USER_INPUT',
          'from',
          `from: ${describe(from)} is the same artist as into (${target.name}); spelling variants already fold together`,
        );
      throw new IdentityError('BAD_USER_INPUT', 'from', `from: ${describe(from)} is not an artist`);
    });
  }

  private async resolve(links: ArtistLinks, dims: DimensionResolver, ref: ArtistRef, field: string): Promise<ArtistRow | null> {
    if ('id' in ref) {
      if (!Number.isSafeInteger(ref.id) || ref.id <= 0)
        throw new IdentityError('BAD_USER_INPUT', field, `${field}: "${ref.id}" is not an artist id`);
      return links.artist(ref.id);
    }
    if (artistKey(ref.name) === '') throw new IdentityError('BAD_USER_INPUT', field, `${field}: the name is empty`);
    const id = await dims.findArtistId(ref.name);
    return id === null ? null : links.artist(id);
  }

  /** The earlier merge of `from` into `into`, if there was one: by the merged artist's id, or a spelling of its name. */
  private async earlierMerge(manager: EntityManager, from: ArtistRef, intoId: number): Promise<{ id: number; name: string } | null> {
    const p = new SqlParams(this.dialect);
    const rows: Array<{ from_artist_id: number | string; from_name: string }> = await manager.query(
      `SELECT from_artist_id, from_name FROM artist_merges WHERE into_artist_id = ${p.add(intoId)}`,
      p.values,
    );
    const hit = rows.find((r) => ('id' in from ? Number(r.from_artist_id) === from.id : artistKey(r.from_name) === artistKey(from.name)));
    return hit ? { id: Number(hit.from_artist_id), name: hit.from_name } : null;
  }

  /**
   * Records the links the configuration declares, before a load: a configured id loads straight
   * onto its artist, and one that was loaded under a placeholder is merged into it. A link that
   * contradicts an admin's link to another artist is reported and left as the admin set it.
   */
  async applyConfigured(configured: readonly ConfiguredLink[], logger: Logger): Promise<void> {
    for (const c of configured) {
      try {
        const outcome = await this.link(c.kind, c.externalId, { name: c.artistName, create: true }, 'config');
        if (outcome.change !== 'unchanged')
          logger.info('configured artist id recorded', {
            kind: c.kind,
            externalId: c.externalId,
            artist: outcome.artist.name,
            change: outcome.change,
          });
      } catch (err) {
        if (!(err instanceof IdentityError)) throw err;
        logger.warn('configured artist id not recorded', {
          kind: c.kind,
          externalId: c.externalId,
          artist: c.artistName,
          reason: err.message,
        });
      }
    }
  }
}

function describe(ref: ArtistRef): string {
  return 'id' in ref ? `artist id ${ref.id}` : `"${ref.name.slice(0, 200)}"`;
}

/** The links SPOTIFY_ARTIST_IDS and TIKTOK_ACCOUNTS declare with `<id>=<Artist Name>`. */
export function configuredLinks(extractors: Pick<ExtractorsConfig, 'spotify' | 'tiktok'>): ConfiguredLink[] {
  return [
    ...Object.entries(extractors.spotify.artistNames).map(([externalId, artistName]) => ({
      kind: 'spotify' as const,
      externalId,
      artistName,
    })),
    ...Object.entries(extractors.tiktok.accountArtists).map(([externalId, artistName]) => ({
      kind: 'tiktok' as const,
      externalId,
      artistName,
    })),
  ];
}
