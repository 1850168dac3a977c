import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import { createLoaders, type Loaders } from '../analytics/dataloaders';
import type { JobsRuntime } from '../jobs/jobs-runtime';
import type { Principal } from './auth';

/** What every resolver gets: who is asking, fresh DataLoaders for this request, and the services' dependencies. */
export interface RequestContext {
  principal: Principal;
  loaders: Loaders;
  ds: DataSource;
  config: AppConfig;
  logger: Logger;
  /** The ingestion admin (job queue, run ledger, health); null where a process runs without it. */
  jobs: JobsRuntime | null;
}

export function createRequestContext(ds: DataSource, config: AppConfig, logger: Logger, principal: Principal, jobs: JobsRuntime | null = null): RequestContext {
  return { principal, loaders: createLoaders(ds), ds, config, logger, jobs };
}
