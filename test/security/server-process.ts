import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { openWarehouse } from '../../src/db/open-warehouse';
import { IngestService } from '../../src/ingest/ingest-service';
import { createApiToken } from '../../src/access/api-tokens';
import { createTestDatabase, tempDir, type TestDatabase } from '../helpers/databases';
import { months, writeBankExport } from '../helpers/fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

/** A catalogue with real fan-out: `artists` artists, `tracksPerArtist` tracks each, every third one a collaboration ("A X B"). */
export function fanOutCatalogue(artists: number, tracksPerArtist: number) {
  const names = Array.from({ length: artists }, (_, i) => `FANOUT ARTIST ${String(i + 1).padStart(3, '0')}`);
  const tracks = names.flatMap((name, a) =>
    Array.from({ length: tracksPerArtist }, (_, t) => {
      const n = a * tracksPerArtist + t + 1;
      const billing = t % 3 === 0 ? `${name} X ${names[(a + 1) % artists]}` : name;
      return {
        artist: billing,
        title: `Fan-out ${String(n).padStart(5, '0')}`,
        isrc: `QZFAN${String(n).padStart(7, '0')}`,
        upc: `1986672${String(n).padStart(5, '0')}`,
      };
    }),
  );
  return { artists: [...names, ...tracks.map((t) => t.artist)].filter((v, i, all) => all.indexOf(v) === i), tracks };
}

export interface ServerProcess {
  url: string;
  pid: number;
  adminToken: string;
  viewerToken: string;
  db: TestDatabase;
  output(): string;
  /** Resident set size of the server process, in MB (from /proc). */
  rssMb(): number;
  alive(): boolean;
  gql(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
    timeoutMs?: number,
  ): Promise<{
    status: number;
    body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    ms: number;
  }>;
  stop(): Promise<void>;
}

/**
 * `npm start`'s compiled entry point (built by the jest global setup) in its own process, over a
 * warehouse seeded with a DistroKid bank export: attacks that block or bloat a process must not
 * take the test runner with them, and the server's memory is measured on its own.
 */
export async function startServerProcess(
  kind: 'sqlite' | 'postgres',
  env: Record<string, string> = {},
  seed?: { artists: number; tracksPerArtist: number; rows: number },
): Promise<ServerProcess> {
  const db = await createTestDatabase(kind);
  const lakeDir = tempDir('lake');
  const scratch = tempDir('srvp');
  const baseEnv = {
    DATABASE_URL: db.url,
    DATA_LAKE_DIR: lakeDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JOBS_SQLITE_PATH: `${scratch}/jobs.sqlite`,
    SESSION_DIR: `${scratch}/sessions`,
    EXTRACT_ARTEFACTS_DIR: `${scratch}/artefacts`,
    ...env,
  };
  const ds = await openWarehouse(loadConfig(baseEnv));
  let adminToken: string;
  let viewerToken: string;
  try {
    if (seed) {
      const catalogue = fanOutCatalogue(seed.artists, seed.tracksPerArtist);
      const { file } = writeBankExport(tempDir('seed'), 'dk_bank_details_20250101_000000.tsv', {
        rows: seed.rows,
        months: months('2024-01', 6),
        ...catalogue,
      });
      await new IngestService(ds, lakeDir, createLogger('silent')).ingest([file]);
    }
    adminToken = await createApiToken(ds, 'proc-admin', 'ADMIN');
    viewerToken = await createApiToken(ds, 'proc-viewer', 'VIEWER');
  } finally {
    await ds.destroy();
  }
  const child: ChildProcess = spawn(process.execPath, ['--max-old-space-size=512', path.join(ROOT, 'dist/src/server/main.js')], {
    cwd: scratch,
    env: { PATH: process.env.PATH ?? '', ...baseEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (!url) {
    url = /GraphQL API at (http:\/\/[^\s]+)\/graphql/.exec(out)?.[1];
    if (url) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server process did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const serverUrl = url;
  return {
    url: serverUrl,
    pid: child.pid!,
    adminToken,
    viewerToken,
    db,
    output: () => out,
    rssMb() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    async gql(query, variables, token = viewerToken, timeoutMs = 30_000) {
      const started = Date.now();
      const res = await fetch(`${serverUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json()) as Awaited<ReturnType<ServerProcess['gql']>>['body'];
      return { status: res.status, body, ms: Date.now() - started };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await db.drop();
    },
  };
}
