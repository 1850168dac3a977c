import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { openWarehouse } from '../../src/db/open-warehouse';
import { CaptureStager } from '../../src/ingest/extract/capture-stager';
import type { ExtractionContext, ExtractionWindow, Extractor } from '../../src/ingest/extract/extractor';
import { SessionStore } from '../../src/ingest/extract/session-store';
import { type FileSummary, IngestService } from '../../src/ingest/ingest-service';
import type { LandedFile } from '../../src/ingest/lake/landing';
import type { Lake } from '../../src/ingest/lake/lake';
import { createTestDatabase, tempDir, type TestDatabase } from './databases';

/** A fixed 32-byte key for tests (hex). */
export const TEST_SESSION_KEY = '5e55104e5e55104e5e55104e5e55104e5e55104e5e55104e5e55104e5e55104e';

/** A warehouse, a lake and a session store for running extractors outside the job (the job tests use the server). */
export interface ExtractionBench {
  config: AppConfig;
  ds: DataSource;
  lake: Lake;
  sessions: SessionStore;
  ingest: IngestService;
  logs: string[];
  /** Runs the extractor like the job does: captures staged, landed only on success, then loaded. */
  run(extractor: Extractor, opts?: { window?: ExtractionWindow; signal?: AbortSignal }): Promise<ExtractionOutcome>;
  close(): Promise<void>;
}

export interface ExtractionOutcome {
  landed: LandedFile[];
  summaries: FileSummary[];
  progress: Array<{ progress: number; step: string }>;
  runLog: string[];
  artefacts: string[];
}

export async function createExtractionBench(env: Record<string, string> = {}): Promise<ExtractionBench> {
  const db: TestDatabase = await createTestDatabase('sqlite');
  const root = tempDir('extract');
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATA_LAKE_DIR: path.join(root, 'lake'),
    SESSION_DIR: path.join(root, 'sessions'),
    EXTRACT_ARTEFACTS_DIR: path.join(root, 'artefacts'),
    SESSION_KEY: TEST_SESSION_KEY,
    LOG_LEVEL: 'debug',
    BROWSER_TIMEOUT_MS: '10000',
    ...env,
  });
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, (l) => logs.push(l));
  const ds = await openWarehouse(config);
  const ingest = new IngestService(ds, config.dataLakeDir, logger);
  const sessions = new SessionStore(config.sessions.dir, config.sessions.key, config.health.sessionExpiryWarningHours);
  return {
    config,
    ds,
    lake: ingest.lake,
    sessions,
    ingest,
    logs,
    async run(extractor, opts = {}) {
      const stager = new CaptureStager(extractor.service);
      const outcome: ExtractionOutcome = { landed: [], summaries: [], progress: [], runLog: [], artefacts: [] };
      const ctx: ExtractionContext = {
        capture: (c) => stager.stage(c),
        window: opts.window,
        sessions,
        touch: async (progress, step) => void outcome.progress.push({ progress, step }),
        log: (m) => void outcome.runLog.push(m),
        logger,
        signal: opts.signal ?? new AbortController().signal,
        artefactsDir: path.join(config.artefactsDir, `run-${Date.now()}`),
        addArtefact: (p) => void outcome.artefacts.push(p),
        now: () => new Date(),
      };
      try {
        await extractor.extract(ctx);
      } catch (err) {
        stager.discard();
        Object.assign(err as object, { outcome });
        throw err;
      }
      outcome.landed = await stager.commit(ingest.lake, new Date());
      outcome.summaries = await ingest.runPipeline({ files: outcome.landed });
      return outcome;
    },
    async close() {
      await ds.destroy();
      await db.drop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
