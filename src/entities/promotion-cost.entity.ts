import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from './column-types';

/** Monthly paid promotion through a distributor (TooLost Spotify "discovery"): streams it brought and fees paid, in nano-units. */
@Entity('promotion_costs')
@Index('UQ_promotion_costs_key', ['source', 'platformId', 'month'], { unique: true })
export class PromotionCost {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;

  /** First day of the month. */
  @Column({ type: 'date' })
  month!: string;

  @Column({ type: 'bigint', default: 0 })
  streams!: string;

  @Column({ name: 'fees_nano', type: 'bigint', transformer: bigintTransformer })
  feesNano!: bigint;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;
}
