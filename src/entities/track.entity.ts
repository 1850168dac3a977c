import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Artist } from './artist.entity';
import type { Release } from './release.entity';

/** A recording. The ISRC, when known, is stored in its 12-character form without hyphens. */
@Entity('tracks')
@Index('IDX_tracks_artist_title', ['primaryArtistId', 'titleKey'])
export class Track {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** Folded title, to recognise a track without ISRC by (artist, title). */
  @Column({ name: 'title_key', type: 'varchar', length: 300 })
  titleKey!: string;

  @Index('UQ_tracks_isrc', { unique: true })
  @Column({ type: 'varchar', length: 12, nullable: true })
  isrc!: string | null;

  @Column({ name: 'primary_artist_id', type: 'integer', nullable: true })
  primaryArtistId!: number | null;

  @ManyToOne('Artist', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'primary_artist_id' })
  primaryArtist?: Artist;

  @Index('IDX_tracks_release')
  @Column({ name: 'release_id', type: 'integer', nullable: true })
  releaseId!: number | null;

  @ManyToOne('Release', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'release_id' })
  release?: Release;
}
