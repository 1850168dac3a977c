import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Service } from '../config/config';
import { bigintTransformer } from './column-types';

export const RUN_KINDS = ['extract', 'pipeline'] as const;
export type RunKind = (typeof RUN_KINDS)[number];
export const RUN_TRIGGERS = ['manual', 'schedule', 'retry', 'upload'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running'];

/**
 * The run ledger: one row per ingestion run (Agenda keeps one document per job, not per run).
 * The partial unique index lets at most one queued-or-running run exist per service, so an
 * idempotent trigger is enforced by the database, also across processes.
 */
@Entity('ingestion_runs')
@Index('UQ_ingestion_runs_active_service', ['service'], { unique: true, where: "status IN ('queued', 'running')" })
@Index('IDX_ingestion_runs_service_queued', ['service', 'queuedAt'])
export class IngestionRun {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  service!: Service;

  /** extract: fetch from the portal, then load; pipeline: re-run cleaners and loading over landing. */
  @Column({ type: 'varchar', length: 20 })
  kind!: RunKind;

  @Column({ type: 'varchar', length: 20 })
  trigger!: RunTrigger;

  @Index('IDX_ingestion_runs_status')
  @Column({ type: 'varchar', length: 20 })
  status!: RunStatus;

  @Column({ type: 'integer', default: 1 })
  attempt!: number;

  @Column({ name: 'window_from', type: 'varchar', length: 10, nullable: true })
  windowFrom!: string | null;

  @Column({ name: 'window_to', type: 'varchar', length: 10, nullable: true })
  windowTo!: string | null;

  @Column({ name: 'queued_at', type: Date })
  queuedAt!: Date;

  @Column({ name: 'started_at', type: Date, nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'integer', default: 0 })
  progress!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  step!: string | null;

  @Column({ name: 'files_landed', type: 'integer', default: 0 })
  filesLanded!: number;

  @Column({ name: 'files_loaded', type: 'integer', default: 0 })
  filesLoaded!: number;

  @Column({ name: 'files_skipped', type: 'integer', default: 0 })
  filesSkipped!: number;

  @Column({ name: 'files_quarantined', type: 'integer', default: 0 })
  filesQuarantined!: number;

  @Column({ name: 'files_failed', type: 'integer', default: 0 })
  filesFailed!: number;

  @Column({ name: 'rows_loaded', type: 'integer', default: 0 })
  rowsLoaded!: number;

  @Column({ name: 'rows_skipped', type: 'integer', default: 0 })
  rowsSkipped!: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintTransformer })
  bytes!: bigint;

  @Column({ name: 'error_code', type: 'varchar', length: 60, nullable: true })
  errorCode!: string | null;

  /** Redacted before it is stored: configured secrets never reach the ledger. */
  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  /** JSON array of failure artefact paths (screenshot, Playwright trace). */
  @Column({ type: 'text', nullable: true })
  artefacts!: string | null;

  /** Name of the token (or "scheduler") that asked for the run. */
  @Column({ name: 'triggered_by', type: 'varchar', length: 200 })
  triggeredBy!: string;

  @Column({ name: 'retry_of', type: 'integer', nullable: true })
  retryOf!: number | null;

  @Column({ name: 'job_id', type: 'varchar', length: 100, nullable: true })
  jobId!: string | null;

  /** When a retry is due after a transient failure. */
  @Column({ name: 'next_attempt_at', type: Date, nullable: true })
  nextAttemptAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
