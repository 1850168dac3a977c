import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RevenueSums } from './revenue-sums';

/**
 * Monthly sums per platform only: a few rows per month, so the dashboards' most common question
 * (revenue by month and platform) reads almost nothing whatever the number of facts. Maintained by
 * the loader beside `revenue_monthly_rollup`, in the same transaction as the facts.
 */
@Entity('revenue_platform_rollup')
@Index('UQ_revenue_platform_rollup_key', ['source', 'saleMonth', 'reportingMonth', 'platformId'], { unique: true })
export class RevenuePlatformRollup extends RevenueSums {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ name: 'sale_month', type: 'date' })
  saleMonth!: string;

  @Column({ name: 'reporting_month', type: 'date' })
  reportingMonth!: string;

  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;
}
