import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Artist } from './artist.entity';
import type { Platform } from './platform.entity';
import type { Track } from './track.entity';

/** An advertising campaign, upserted by its id on the ad platform. */
@Entity('campaigns')
@Index('UQ_campaigns_platform_external', ['platformId', 'externalId'], { unique: true })
export class Campaign {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;

  @ManyToOne('Platform', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'platform_id' })
  platform?: Platform;

  @Column({ name: 'external_id', type: 'varchar', length: 100 })
  externalId!: string;

  @Column({ type: 'varchar', length: 400 })
  name!: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  objective!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  status!: string | null;

  @Column({ name: 'effective_status', type: 'varchar', length: 40, nullable: true })
  effectiveStatus!: string | null;

  /** Budgets in the account currency's minor units, as the platform gives them. */
  @Column({ name: 'daily_budget_minor', type: 'bigint', nullable: true })
  dailyBudgetMinor!: string | null;

  @Column({ name: 'lifetime_budget_minor', type: 'bigint', nullable: true })
  lifetimeBudgetMinor!: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  /** When the campaign was created and last changed on the platform. */
  @Column({ name: 'external_created_at', type: Date, nullable: true })
  externalCreatedAt!: Date | null;

  @Column({ name: 'external_updated_at', type: Date, nullable: true })
  externalUpdatedAt!: Date | null;

  @Index('IDX_campaigns_artist')
  @Column({ name: 'artist_id', type: 'integer', nullable: true })
  artistId!: number | null;

  @ManyToOne('Artist', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'artist_id' })
  artist?: Artist;

  @Index('IDX_campaigns_track')
  @Column({ name: 'track_id', type: 'integer', nullable: true })
  trackId!: number | null;

  @ManyToOne('Track', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'track_id' })
  track?: Track;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
