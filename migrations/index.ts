import { InitialWarehouse1763800000000 } from './1763800000000-initial-warehouse';
import { SourcesWarehouse1795326046360 } from './1795326046360-sources-warehouse';
import { IngestionAdmin1795330251108 } from './1795330251108-ingestion-admin';
import { CapturedAtSource1796536642406 } from './1796536642406-captured-at-source';
import { TransactionIndexesForQueries1796538154634 } from './1796538154634-transaction-indexes-for-queries';

/** Every migration, in order. Listed explicitly so they load the same under tsc, jest and the CLI. */
export const MIGRATIONS = [InitialWarehouse1763800000000, SourcesWarehouse1795326046360, IngestionAdmin1795330251108, CapturedAtSource1796536642406, TransactionIndexesForQueries1796538154634];
