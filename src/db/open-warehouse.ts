import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import type { AppConfig } from '../config/config';
import { seedReferenceData } from './reference-data';

/** Connects to the configured warehouse, runs pending migrations and makes sure reference data exists. */
export async function openWarehouse(config: AppConfig): Promise<DataSource> {
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seedReferenceData(dataSource);
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  return dataSource;
}
