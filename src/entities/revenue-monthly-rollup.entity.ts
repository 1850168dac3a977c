import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RevenueSums } from './revenue-sums';

/**
 * Monthly sums of `transactions`, maintained by the loader in the same database transaction as
 * the facts, so month-or-coarser revenue questions read thousands of rows instead of millions.
 * Keys use 0 / '' for "none" because NULLs never collide in a unique index.
 */
@Entity('revenue_monthly_rollup')
@Index('UQ_revenue_monthly_rollup_key', ['source', 'saleMonth', 'reportingMonth', 'platformId', 'storeId', 'country', 'artistId'], {
  unique: true,
})
export class RevenueMonthlyRollup extends RevenueSums {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ name: 'sale_month', type: 'date' })
  saleMonth!: string;

  @Index('IDX_revenue_monthly_rollup_reporting_month')
  @Column({ name: 'reporting_month', type: 'date' })
  reportingMonth!: string;

  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;

  @Column({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ name: 'artist_id', type: 'integer' })
  artistId!: number;
}
