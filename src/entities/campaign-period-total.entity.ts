import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CampaignMeasures } from './campaign-metrics';

/**
 * Figures over a period (older dump folders: adset-level totals from date_start to date_stop).
 * Kept as period totals: never pinned to one day, never added to daily figures of the same days.
 * adsetKey is the ad set id, or '' for a campaign-level total.
 */
@Entity('campaign_period_totals')
@Index('UQ_campaign_period_totals_key', ['campaignId', 'adsetKey', 'dateStart', 'dateStop'], { unique: true })
export class CampaignPeriodTotal extends CampaignMeasures {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId!: number;

  @Column({ name: 'adset_key', type: 'varchar', length: 100 })
  adsetKey!: string;

  @Column({ name: 'adset_name', type: 'varchar', length: 400, nullable: true })
  adsetName!: string | null;

  @Column({ name: 'date_start', type: 'date' })
  dateStart!: string;

  @Column({ name: 'date_stop', type: 'date' })
  dateStop!: string;
}
