import type { DataSource } from 'typeorm';
import { dialectOf } from './dialect';

/**
 * Refreshes the planner's statistics after a load, so the API's first queries after a large load
 * get good plans (PostgreSQL's autovacuum would get there too, but only later).
 */
export async function refreshStatistics(ds: DataSource): Promise<void> {
  if (dialectOf(ds) === 'sqlite') {
    await ds.query('PRAGMA optimize');
  } else {
    await ds.query('ANALYZE transactions, streams, revenue_monthly_rollup, revenue_platform_rollup');
  }
}
