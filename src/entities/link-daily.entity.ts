import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Daily link-in-bio analytics (Linktree). Overlapping captures of the same days load once. */
@Entity('link_daily')
@Index('UQ_link_daily_key', ['account', 'date'], { unique: true })
export class LinkDaily {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  account!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'total_views', type: 'bigint', default: 0 })
  totalViews!: string;

  @Column({ name: 'unique_views', type: 'bigint', default: 0 })
  uniqueViews!: string;

  @Column({ name: 'total_clicks', type: 'bigint', default: 0 })
  totalClicks!: string;

  @Column({ name: 'unique_clicks', type: 'bigint', default: 0 })
  uniqueClicks!: string;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
