import type { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import type { Loaders } from '../analytics/dataloaders';
import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import type { JobsRuntime } from '../jobs/jobs-runtime';

/** What every resolver gets: who is asking, fresh DataLoaders for this request, and the services' dependencies. The server builds it. */
export interface RequestContext {
  principal: Principal;
  loaders: Loaders;
  ds: DataSource;
  config: AppConfig;
  logger: Logger;
  /** The ingestion admin (job queue, run ledger, health); null where a process runs without it. */
  jobs: JobsRuntime | null;
  /** The label's date (LABEL_TIME_ZONE) when the request started: range presets resolve on it, the same for the whole request. */
  today: string;
}
