import type { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { createLoaders } from '../analytics/dataloaders';
import type { AppConfig } from '../config/config';
import { dateInTimeZone } from '../domain/date-range';
import type { Logger } from '../config/logger';
import type { JobsRuntime } from '../jobs/jobs-runtime';
import type { RequestContext } from '../resolvers/context';

export function createRequestContext(
  ds: DataSource,
  config: AppConfig,
  logger: Logger,
  principal: Principal,
  jobs: JobsRuntime | null = null,
  now: Date = new Date(),
): RequestContext {
  return { principal, loaders: createLoaders(ds), ds, config, logger, jobs, today: dateInTimeZone(now, config.labelTimeZone) };
}
