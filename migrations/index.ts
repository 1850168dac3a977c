import { InitialWarehouse1763800000000 } from './1763800000000-initial-warehouse';
import { SourcesWarehouse1795326046360 } from './1795326046360-sources-warehouse';
import { IngestionAdmin1795330251108 } from './1795330251108-ingestion-admin';
import { CampaignSnapshots1796536595394 } from './1796536595394-campaign-snapshots';
import { CapturedAtSource1796536642406 } from './1796536642406-captured-at-source';
import { Restatements1796538969336 } from './1796538969336-restatements';
import { DataQualitySnapshots1796541039516 } from './1796541039516-data-quality-snapshots';

/** Every migration, in order. Listed explicitly so they load the same under tsc, jest and the CLI. */
export const MIGRATIONS = [
  InitialWarehouse1763800000000,
  SourcesWarehouse1795326046360,
  IngestionAdmin1795330251108,
  CampaignSnapshots1796536595394,
  CapturedAtSource1796536642406,
  Restatements1796538969336,
  DataQualitySnapshots1796541039516,
];
