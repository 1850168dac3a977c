import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Daily audience of an artist as an artist dashboard reports it (Spotify for Artists). These
 * streams are the dashboard's own count: they are never added to distributor stream facts.
 */
@Entity('audience_daily')
@Index('UQ_audience_daily_key', ['source', 'artistId', 'date'], { unique: true })
export class AudienceDaily {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ name: 'artist_id', type: 'integer' })
  artistId!: number;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'integer', nullable: true })
  listeners!: number | null;

  @Column({ type: 'integer', nullable: true })
  streams!: number | null;

  @Column({ type: 'integer', nullable: true })
  followers!: number | null;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
