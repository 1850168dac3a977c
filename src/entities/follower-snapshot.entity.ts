import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A follower count at one instant (not a daily series). */
@Entity('follower_snapshots')
@Index('UQ_follower_snapshots_key', ['platformId', 'account', 'capturedAt'], { unique: true })
export class FollowerSnapshot {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;

  @Column({ type: 'varchar', length: 100 })
  account!: string;

  @Column({ name: 'artist_id', type: 'integer', nullable: true })
  artistId!: number | null;

  @Column({ name: 'captured_at', type: Date })
  capturedAt!: Date;

  @Column({ type: 'bigint' })
  followers!: string;

  @Column({ name: 'source_url', type: 'varchar', length: 500, nullable: true })
  sourceUrl!: string | null;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  /** When the figures were extracted: an older extraction loaded late never overwrites a newer one. */
  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
