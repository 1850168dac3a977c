import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Per-song figures for one time filter (`1day`, `7day`, `28day`, `1year`, `all`) as extracted on a
 * given day. Periods overlap: rows are never summed across periods.
 */
@Entity('song_metrics')
@Index('UQ_song_metrics_key', ['trackId', 'period', 'extractionDate'], { unique: true })
export class SongMetrics {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ name: 'track_id', type: 'integer' })
  trackId!: number;

  @Column({ type: 'varchar', length: 10 })
  period!: string;

  @Column({ name: 'extraction_date', type: 'date' })
  extractionDate!: string;

  @Column({ type: 'bigint', nullable: true })
  streams!: string | null;

  @Column({ type: 'bigint', nullable: true })
  listeners!: string | null;

  @Column({ type: 'bigint', nullable: true })
  savers!: string | null;

  @Column({ name: 'canvas_views', type: 'bigint', nullable: true })
  canvasViews!: string | null;

  @Column({ name: 'is_disabled', type: 'boolean', default: false })
  isDisabled!: boolean;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  /** When the figures were extracted: an older extraction loaded late never overwrites a newer one. */
  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
