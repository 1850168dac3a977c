import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A daily count that is not a stream (e.g. Shazam recognitions from TooLost), kept apart so it is never summed into streams. */
@Entity('platform_daily_metrics')
@Index('UQ_platform_daily_metrics_key', ['source', 'platformId', 'date', 'metric'], { unique: true })
export class PlatformDailyMetric {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 40 })
  metric!: string;

  @Column({ type: 'bigint' })
  value!: string;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
