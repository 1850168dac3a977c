import type { Service } from '../../config/config';
import type { Logger } from '../../config/logger';
import type { SessionStore } from './session-store';

/** Inclusive calendar days, `YYYY-MM-DD`. */
export interface ExtractionWindow {
  from: string;
  to: string;
}

/**
 * What an extractor gets from the job that runs it. It never writes to the lake itself: every
 * capture is staged, and the runner lands them all (with manifests) only when the extraction
 * completes, so a failed run leaves no partial export in landing.
 */
export interface ExtractionContext {
  /** Stages one capture for landing. */
  capture(capture: Capture): Promise<void>;
  /** The days asked for (`triggerExtraction(window:)`); each extractor has its own default when absent. */
  window?: ExtractionWindow;
  sessions: SessionStore;
  /** Reports progress (0–100) with the step's name and extends the job's lock; throws when the run was cancelled. */
  touch(progress: number, step: string): Promise<void>;
  /** A line for the run's log. Never pass secrets: the run log is shown in GraphQL. */
  log(message: string): void;
  logger: Logger;
  /** Aborted when the run is cancelled or the worker shuts down. */
  signal: AbortSignal;
  /** Folder for this run's failure artefacts (screenshot, Playwright trace). */
  artefactsDir: string;
  /** Records an artefact path (screenshot, trace) on the run. */
  addArtefact(path: string): void;
  now(): Date;
}

/** One capture to put in landing: bytes in memory, or a file on disk (a browser download) that is copied. */
export type Capture = {
  /** The landing stream, as the cleaners name it (`bank_details`, `spotify_analytics`, …). */
  stream: string;
  /** The name the file gets in landing; the extraction time is added when it carries no `_YYYYMMDD_HHMMSS`. */
  name: string;
  /** Where it came from: URL or download name. Never a URL carrying a token. */
  origin: string;
} & ({ body: Buffer | string } | { path: string });

export interface Extractor {
  service: Service;
  /** Fetches fresh exports through `ctx.capture`; throws ExtractionError with a code on failure. */
  extract(ctx: ExtractionContext): Promise<void>;
}
