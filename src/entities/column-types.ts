import type { ValueTransformer } from 'typeorm';

/**
 * bigint columns come back as numbers from SQLite and strings from PostgreSQL; the entities
 * see a bigint either way so money stays exact whatever the driver.
 */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | number | null) => (value === null || value === undefined ? null : BigInt(value)),
};
