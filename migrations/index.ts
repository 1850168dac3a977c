import { InitialWarehouse1763800000000 } from './1763800000000-initial-warehouse';
import { SourcesWarehouse1795326046360 } from './1795326046360-sources-warehouse';
import { IngestionAdmin1795330251108 } from './1795330251108-ingestion-admin';
import { ArtistIdentities1796536606804 } from './1796536606804-artist-identities';
import { CampaignSnapshots1796536595394 } from './1796536595394-campaign-snapshots';
import { CapturedAtSource1796536642406 } from './1796536642406-captured-at-source';
import { QuarantineResolution1796536908175 } from './1796536908175-quarantine-resolution';
import { TransactionIndexesForQueries1796538154634 } from './1796538154634-transaction-indexes-for-queries';
import { Restatements1796538969336 } from './1796538969336-restatements';
import { DataQualitySnapshots1796541039516 } from './1796541039516-data-quality-snapshots';
import { KeysetListIndexes1796542854536 } from './1796542854536-keyset-list-indexes';
import { WarehouseVersion1796551619948 } from './1796551619948-warehouse-version';
import { SetBasedTransactionReferences1796558684510 } from './1796558684510-set-based-transaction-references';
import { SourceFileRowsRejected1796559262631 } from './1796559262631-source-file-rows-rejected';
import { TransactionNetAboveGrossIndex1796601099853 } from './1796601099853-transaction-net-above-gross-index';

/** Every migration, in order. Listed explicitly so they load the same under tsc, jest and the CLI. */
export const MIGRATIONS = [
  InitialWarehouse1763800000000,
  SourcesWarehouse1795326046360,
  IngestionAdmin1795330251108,
  CampaignSnapshots1796536595394,
  ArtistIdentities1796536606804,
  CapturedAtSource1796536642406,
  QuarantineResolution1796536908175,
  TransactionIndexesForQueries1796538154634,
  Restatements1796538969336,
  DataQualitySnapshots1796541039516,
  KeysetListIndexes1796542854536,
  WarehouseVersion1796551619948,
  SetBasedTransactionReferences1796558684510,
  SourceFileRowsRejected1796559262631,
  TransactionNetAboveGrossIndex1796601099853,
];
