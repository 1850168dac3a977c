import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Lake } from '../../src/ingest/lake/lake';
import { type LandedFile, landFile } from '../../src/ingest/lake/landing';
import type { TestServer } from './server';

export const RUN_FIELDS =
  'id service kind trigger status attempt progress step errorCode errorMessage triggeredBy retryOf counts { filesLanded filesLoaded filesSkipped filesQuarantined rowsLoaded bytes }';

export interface RunView {
  id: string;
  service: string;
  kind: string;
  trigger: string;
  status: string;
  attempt: number;
  progress: number;
  step: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  triggeredBy: string;
  retryOf: string | null;
  counts: { filesLanded: number; filesLoaded: number; filesSkipped: number; filesQuarantined: number; rowsLoaded: number; bytes: number };
}

/**
 * Environment of a jobs test: a warehouse URL, and the lake, job store, sessions and artefacts in
 * `dir`, with the job backend of the database under test; `overrides` set the timings each test needs.
 */
export function jobsTestEnv(
  kind: 'sqlite' | 'postgres',
  databaseUrl: string,
  dir: string,
  overrides: Record<string, string>,
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATA_LAKE_DIR: `${dir}/lake`,
    JOBS_BACKEND: kind,
    JOBS_SQLITE_PATH: `${dir}/jobs.sqlite`,
    SESSION_DIR: `${dir}/sessions`,
    EXTRACT_ARTEFACTS_DIR: `${dir}/artefacts`,
    ...overrides,
  };
}

/** Puts a file in landing the way an upload would (copy + manifest), without loading it. */
export function putInLanding(server: { lakeDir: string }, file: string, service: string, stream: string): Promise<LandedFile> {
  return landFile(new Lake(server.lakeDir), file, {
    service,
    stream,
    origin: `test upload ${path.basename(file)}`,
    extractedAt: new Date(),
    extractorVersion: 'test',
  });
}

export async function getRun(server: TestServer, id: string): Promise<RunView> {
  const res = await server.gql<{ ingestionRun: RunView }>(
    `query($id: ID!) { ingestionRun(id: $id) { ${RUN_FIELDS} } }`,
    { id },
    server.adminToken,
  );
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data!.ingestionRun;
}

/** Polls the run until it reaches one of `statuses` (or the deadline). */
export async function waitForRun(server: TestServer, id: string, statuses: string[], timeoutMs = 30_000): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await getRun(server, id);
    if (statuses.includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status} (${run.step}) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Subscribes to `ingestionRunUpdated` over graphql-ws and collects every update until the run finishes. */
export function watchRunOverWebSocket(server: TestServer, id: string, token: string): { updates: RunView[]; done: Promise<RunView[]> } {
  const client = createClient({
    url: `${server.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
  });
  const updates: RunView[] = [];
  const done = new Promise<RunView[]>((resolve, reject) => {
    client.subscribe<{ ingestionRunUpdated: RunView }>(
      { query: `subscription($id: ID!) { ingestionRunUpdated(id: $id) { ${RUN_FIELDS} } }`, variables: { id } },
      {
        next: (msg) => {
          if (msg.errors) reject(new Error(JSON.stringify(msg.errors)));
          else if (msg.data) updates.push(msg.data.ingestionRunUpdated);
        },
        error: (err) => {
          void client.dispose();
          reject(err instanceof Error ? err : new Error(JSON.stringify(err)));
        },
        complete: () => {
          void client.dispose();
          resolve(updates);
        },
      },
    );
  });
  return { updates, done };
}
