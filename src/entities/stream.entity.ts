import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Artist } from './artist.entity';
import type { Platform } from './platform.entity';
import type { SourceFile } from './source-file.entity';
import type { Track } from './track.entity';

/**
 * Daily stream counts. Unique on (source, date, platform, dimKey) where dimKey folds the optional
 * track, artist and country into one non-null value (NULLs never collide in a unique index).
 * A later extraction of the same day replaces the count; older days are never deleted.
 */
@Entity('streams')
@Index('UQ_streams_natural_key', ['source', 'date', 'platformId', 'dimKey'], { unique: true })
// (date, id): the keyset order of the streams connection, so a page is an index range, not a sort.
@Index('IDX_streams_date_id', ['date', 'id'])
export class Stream {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;

  @ManyToOne('Platform', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'platform_id' })
  platform?: Platform;

  @Index('IDX_streams_track')
  @Column({ name: 'track_id', type: 'integer', nullable: true })
  trackId!: number | null;

  @ManyToOne('Track', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'track_id' })
  track?: Track;

  @Index('IDX_streams_artist')
  @Column({ name: 'artist_id', type: 'integer', nullable: true })
  artistId!: number | null;

  @ManyToOne('Artist', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'artist_id' })
  artist?: Artist;

  @Column({ type: 'varchar', length: 2, nullable: true })
  country!: string | null;

  @Column({ name: 'dim_key', type: 'varchar', length: 60 })
  dimKey!: string;

  @Column({ type: 'integer' })
  streams!: number;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  @ManyToOne('SourceFile', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_file_id' })
  sourceFile?: SourceFile;

  /** When the value was extracted: an older extraction never overwrites a newer one. */
  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
