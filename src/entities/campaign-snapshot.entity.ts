import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from './column-types';

/**
 * A campaign's cumulative lifetime figures as of one day (older Meta Ads dump folders: insights
 * from the campaign's start, `since`, to the dump day, `as_of`). A snapshot is a running total,
 * not a day's or a period's delivery: snapshots are never summed with each other, never pinned
 * to one day, never added to campaign_daily. One row per (campaign, as-of day); the newest capture
 * wins, so two dumps of one day (campaign and ad set grain) keep one figure, not two.
 */
@Entity('campaign_snapshots')
@Index('UQ_campaign_snapshots_key', ['campaignId', 'asOf'], { unique: true })
export class CampaignSnapshot {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId!: number;

  /** The last day the totals include (the insights' date_stop, the dump day). */
  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  /** The first day the totals include (the insights' date_start, the campaign's start). */
  @Column({ type: 'date' })
  since!: string;

  /** 'campaign' (one row per campaign in the dump) or 'adset' (the ad sets' rows of one dump, summed). */
  @Column({ type: 'varchar', length: 10 })
  grain!: string;

  /** How many ad set rows were summed; null at campaign grain. */
  @Column({ name: 'adset_count', type: 'integer', nullable: true })
  adsetCount!: number | null;

  /** Spend in nano-units of the account currency. */
  @Column({ name: 'spend_nano', type: 'bigint', transformer: bigintTransformer })
  spendNano!: bigint;

  @Column({ type: 'bigint', default: 0 })
  impressions!: string;

  @Column({ type: 'bigint', default: 0 })
  clicks!: string;

  /** Unique people reached since `since`: known at campaign grain only (ad sets' reach does not add up). */
  @Column({ type: 'bigint', nullable: true })
  reach!: string | null;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  /** When the dump was captured: the newest capture of an as-of day wins. */
  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
