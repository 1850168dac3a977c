import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Streams over a period as a source totals them (TooLost per-track and per-country totals for
 * "this year"): kept as the period total it is, never spread over days. dimKey folds the optional
 * track and country, as in `streams`.
 */
@Entity('stream_period_totals')
@Index('UQ_stream_period_totals_key', ['source', 'platformId', 'periodStart', 'periodEnd', 'dimKey'], { unique: true })
export class StreamPeriodTotal {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;

  @Column({ name: 'period_start', type: 'date' })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd!: string;

  @Column({ name: 'track_id', type: 'integer', nullable: true })
  trackId!: number | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  country!: string | null;

  @Column({ name: 'dim_key', type: 'varchar', length: 60 })
  dimKey!: string;

  @Column({ type: 'bigint' })
  streams!: string;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
