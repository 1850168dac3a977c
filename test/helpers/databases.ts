import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { testEnv } from './test-env';

/** A throw-away warehouse: a fresh SQLite file or a fresh PostgreSQL database. */
export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

export const DATABASE_KINDS = ['sqlite', 'postgres'] as const;

/** `describe` for each database this machine has; PostgreSQL is skipped with a message when absent (never on CI). */
export function describeEachDatabase(title: string, body: (kind: 'sqlite' | 'postgres') => void): void {
  for (const kind of DATABASE_KINDS) {
    if (kind === 'postgres' && !testEnv.postgresAvailable) {
      describe.skip(`${title} [postgres: SKIPPED, no PostgreSQL server reachable]`, () => body(kind));
      continue;
    }
    describe(`${title} [${kind}]`, () => body(kind));
  }
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export async function createTestDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = tempDir('wh');
    return { kind, url: `sqlite:${dir}/warehouse.sqlite`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `t_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: testEnv.postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testEnv.postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: testEnv.postgresAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
