import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Artist } from './artist.entity';

/** Platforms whose account ids identify an artist in file names and payloads. */
export const EXTERNAL_ID_KINDS = ['spotify', 'tiktok', 'meta_page'] as const;
export type ExternalIdKind = (typeof EXTERNAL_ID_KINDS)[number];

/**
 * An artist's id on a platform (Spotify artist id, TikTok handle, Meta page id). Files that name
 * the artist only by such an id (`spotify_audience_<id>_<ts>.csv`) are attributed through it; one
 * id belongs to one artist, an artist may have several ids per platform.
 */
@Entity('artist_external_ids')
@Index('UQ_artist_external_ids_kind_id', ['kind', 'externalId'], { unique: true })
export class ArtistExternalId {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  kind!: ExternalIdKind;

  @Column({ name: 'external_id', type: 'varchar', length: 200 })
  externalId!: string;

  @Index('IDX_artist_external_ids_artist')
  @Column({ name: 'artist_id', type: 'integer' })
  artistId!: number;

  @ManyToOne('Artist', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'artist_id' })
  artist?: Artist;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
