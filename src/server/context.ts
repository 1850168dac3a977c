import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { Logger } from '../config/logger';
import { createLoaders, type Loaders } from '../analytics/dataloaders';
import type { Principal } from './auth';

/** What every resolver gets: who is asking, fresh DataLoaders for this request, and the services' dependencies. */
export interface RequestContext {
  principal: Principal;
  loaders: Loaders;
  ds: DataSource;
  config: AppConfig;
  logger: Logger;
}

export function createRequestContext(ds: DataSource, config: AppConfig, logger: Logger, principal: Principal): RequestContext {
  return { principal, loaders: createLoaders(ds), ds, config, logger };
}
