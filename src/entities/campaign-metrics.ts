import { Column } from 'typeorm';
import { bigintTransformer } from './column-types';

/** The pixel-event count columns (from the `actions` list), in schema order. */
export const CAMPAIGN_EVENT_COLUMNS = [
  'link_clicks',
  'post_engagement',
  'view_content',
  'add_to_cart',
  'initiate_checkout',
  'purchase',
] as const;

/** The pixel-event counts of a campaign as values of type `T` (exact bigint, or a JS number), keyed like CampaignMeasures. */
export interface CampaignEvents<T> {
  linkClicks: T;
  postEngagement: T;
  viewContent: T;
  addToCart: T;
  initiateCheckout: T;
  purchase: T;
}

/** Every measure column of {@link CampaignMeasures}, in schema order. */
export const CAMPAIGN_MEASURE_COLUMNS = ['spend_nano', 'impressions', 'clicks', 'reach', ...CAMPAIGN_EVENT_COLUMNS] as const;

/** The measure columns that add up across days and ad sets: all but reach. */
export const ADDITIVE_CAMPAIGN_MEASURE_COLUMNS = ['spend_nano', 'impressions', 'clicks', ...CAMPAIGN_EVENT_COLUMNS] as const;

/**
 * The measures an ad platform reports for a campaign, daily or over a period. Spend is money in
 * nano-units of the account currency; pixel events are counts from the `actions` list.
 */
export abstract class CampaignMeasures {
  @Column({ name: 'spend_nano', type: 'bigint', transformer: bigintTransformer })
  spendNano!: bigint;

  @Column({ type: 'bigint', default: 0 })
  impressions!: string;

  @Column({ type: 'bigint', default: 0 })
  clicks!: string;

  /** Unique people reached: not additive across days or periods. */
  @Column({ type: 'bigint', nullable: true })
  reach!: string | null;

  @Column({ name: 'link_clicks', type: 'bigint', default: 0 })
  linkClicks!: string;

  @Column({ name: 'post_engagement', type: 'bigint', default: 0 })
  postEngagement!: string;

  @Column({ name: 'view_content', type: 'bigint', default: 0 })
  viewContent!: string;

  @Column({ name: 'add_to_cart', type: 'bigint', default: 0 })
  addToCart!: string;

  @Column({ name: 'initiate_checkout', type: 'bigint', default: 0 })
  initiateCheckout!: string;

  @Column({ type: 'bigint', default: 0 })
  purchase!: string;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
