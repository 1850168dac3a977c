import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CampaignMeasures } from './campaign-metrics';

/** One campaign's figures for one day (Graph API insights with time_increment=1). A later extraction replaces the day. */
@Entity('campaign_daily')
@Index('UQ_campaign_daily_key', ['campaignId', 'date'], { unique: true })
export class CampaignDaily extends CampaignMeasures {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId!: number;

  @Column({ type: 'date' })
  date!: string;
}
