import type { IngestionRun } from '../entities/ingestion-run.entity';
import { ArgumentError } from '../errors/argument-error';
import type { DateRangeInput, IngestionRunType } from './types/ingestion.types';

/** The ledger row as the API shows it. */
export function toRunType(run: IngestionRun): IngestionRunType {
  return {
    id: String(run.id),
    service: run.service,
    kind: run.kind,
    trigger: run.trigger,
    status: run.status,
    attempt: run.attempt,
    window: run.windowFrom && run.windowTo ? { from: run.windowFrom, to: run.windowTo } : null,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    progress: run.progress,
    step: run.step,
    counts: {
      filesLanded: run.filesLanded,
      filesLoaded: run.filesLoaded,
      filesSkipped: run.filesSkipped,
      filesQuarantined: run.filesQuarantined,
      filesFailed: run.filesFailed,
      rowsLoaded: run.rowsLoaded,
      rowsSkipped: run.rowsSkipped,
      bytes: Number(run.bytes),
    },
    errorCode: run.errorCode,
    errorMessage: run.errorMessage,
    nextAttemptAt: run.nextAttemptAt,
    artefacts: run.artefacts ? (JSON.parse(run.artefacts) as string[]) : [],
    triggeredBy: run.triggeredBy,
    retryOf: run.retryOf === null ? null : String(run.retryOf),
  };
}

const MAX_RUN_ID = 2_147_483_647;

export function runId(id: string): number {
  // Run ids are 32-bit integers in both databases: anything larger is no run (PostgreSQL would refuse to compare it).
  if (!/^\d{1,10}$/.test(id) || Number(id) > MAX_RUN_ID) throw new ArgumentError(`id: "${id.slice(0, 40)}" is not a run id`);
  return Number(id);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function checkWindow(window: DateRangeInput | undefined | null): { from: string; to: string } | null {
  if (!window) return null;
  if (!DAY.test(window.from) || !DAY.test(window.to)) throw new ArgumentError('window: from and to must be YYYY-MM-DD');
  if (window.from > window.to) throw new ArgumentError(`window: from (${window.from}) is after to (${window.to})`);
  return { from: window.from, to: window.to };
}
