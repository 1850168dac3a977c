import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from './column-types';

/**
 * One stored value that a newer capture changed: the value and the capture (time and landing
 * file) before and after. Written by the versioned upsert in the same transaction as the change,
 * never for a first insert, an older file loaded late, or a capture that repeats the value.
 * Values are integers in the unit of their metric (counts; money in nano-units).
 */
@Entity('restatements')
@Index('IDX_restatements_source_date', ['source', 'date'])
export class Restatement {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The warehouse table whose row changed (streams, social_daily…). */
  @Column({ name: 'table_name', type: 'varchar', length: 40 })
  tableName!: string;

  /** The changed column, by its metric name (streams, video_views…). */
  @Column({ type: 'varchar', length: 40 })
  metric!: string;

  /** The data source (service) of the row. */
  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'platform_id', type: 'integer', nullable: true })
  platformId!: number | null;

  @Column({ name: 'track_id', type: 'integer', nullable: true })
  trackId!: number | null;

  @Column({ name: 'artist_id', type: 'integer', nullable: true })
  artistId!: number | null;

  /** The rest of the row's natural key (e.g. streams.dim_key, a social account), for tracing. */
  @Column({ name: 'row_key', type: 'varchar', length: 200, nullable: true })
  rowKey!: string | null;

  @Column({ name: 'old_value', type: 'bigint', nullable: true, transformer: bigintTransformer })
  oldValue!: bigint | null;

  @Column({ name: 'new_value', type: 'bigint', nullable: true, transformer: bigintTransformer })
  newValue!: bigint | null;

  @Column({ name: 'old_extracted_at', type: Date })
  oldExtractedAt!: Date;

  @Column({ name: 'new_extracted_at', type: Date })
  newExtractedAt!: Date;

  @Column({ name: 'old_source_file_id', type: 'integer' })
  oldSourceFileId!: number;

  @Column({ name: 'new_source_file_id', type: 'integer' })
  newSourceFileId!: number;

  @CreateDateColumn({ name: 'recorded_at' })
  recordedAt!: Date;
}
