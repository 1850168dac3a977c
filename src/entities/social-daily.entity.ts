import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Daily figures of a social account (TikTok Studio overview). A later extraction corrects the days it covers. */
@Entity('social_daily')
@Index('UQ_social_daily_key', ['platformId', 'account', 'date'], { unique: true })
export class SocialDaily {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;

  /** The handle, e.g. `zone.a0`. */
  @Column({ type: 'varchar', length: 100 })
  account!: string;

  @Index('IDX_social_daily_artist')
  @Column({ name: 'artist_id', type: 'integer', nullable: true })
  artistId!: number | null;

  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'video_views', type: 'bigint', default: 0 })
  videoViews!: string;

  @Column({ name: 'profile_views', type: 'bigint', default: 0 })
  profileViews!: string;

  @Column({ type: 'bigint', default: 0 })
  likes!: string;

  @Column({ type: 'bigint', default: 0 })
  comments!: string;

  @Column({ type: 'bigint', default: 0 })
  shares!: string;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
