import type { DataSource } from 'typeorm';
import { dialectOf } from './dialect';

/**
 * Refreshes the planner's statistics after a load. Without them SQLite may read the facts through
 * the (source, row_key) index and sort, which made the curated rebuild quadratic (92 s instead of
 * 12 s at 1M rows); PostgreSQL's autovacuum would get there too, but only later.
 */
export async function refreshStatistics(ds: DataSource): Promise<void> {
  if (dialectOf(ds) === 'sqlite') {
    await ds.query('PRAGMA analysis_limit = 2000');
    await ds.query('ANALYZE');
  } else {
    await ds.query('ANALYZE transactions, streams, revenue_monthly_rollup, revenue_platform_rollup');
  }
}
