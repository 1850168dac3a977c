import fs from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_MAX_INGEST_FILE_BYTES, type Service } from '../config/config';
import type { Logger } from '../config/logger';
import { bumpWarehouseVersion } from '../db/warehouse-version';
import { dialectOf } from '../db/dialect';
import { refreshStatistics } from '../db/statistics';
import { type CapturedAtSource, SourceFile } from '../entities/source-file.entity';
import { type CuratedOptions, rebuildCuratedDatasets } from './curated/curated-datasets';
import { DimensionResolver } from './dimensions';
import { ArtistIdentityService, type ConfiguredLink } from './identity/identity-service';
import { AtomicFileWriter } from './lake/atomic-file';
import { type CaptureTime, captureTimeOf } from './lake/capture-time';
import { Lake } from './lake/lake';
import { assertEndsWithLineBreak, LINE_TERMINATED_STREAMS } from './lake/complete-file';
import { InputError, type InputProblemCode, isDiskFull } from './lake/input-error';
import { expandInputs } from './lake/input-entries';
import { type LandedFile, landFile, type LandingLimits } from './lake/landing';
import { LandingIndex, readManifest, walkManifests } from './lake/landing-index';
import { LakeRecovery, type RecoveryReport } from './lake/recovery';
import { MANIFEST_SUFFIX } from './lake/landing-manifest';
import { printable } from './lake/printable';
import { noteQuarantineAction, quarantineFile, quarantineFolderOf } from './lake/quarantine';
import { rejectedRows } from './lake/rejected-rows';
import { LakeValidationError, type ValidationReason } from './lake/validation-error';
import { RECOGNITION_HEAD_BYTES, recogniseStream, SOURCE_STREAMS } from './registry';
import type { SourceStream } from './source-stream';

/** Recorded in every manifest: which version of our extraction and loading logic produced a landing file. */
export const EXTRACTOR_VERSION = 'label-analytics-ingest/1';

export type FileStatus = 'loaded' | 'skipped' | 'quarantined' | 'failed';

/** What happened to one input file. */
export interface FileSummary {
  input: string;
  service: string;
  stream: string;
  landingFile: string | null;
  status: FileStatus;
  rowsRead: number;
  rowsLoaded: number;
  rowsSkipped: number;
  message: string;
  reason?: ValidationReason;
  /** Why an input entry was not taken in (FILE_TOO_LARGE, DISK_FULL, SYMLINK_LOOP…), when it was not. */
  code?: InputProblemCode;
  /** The `source_files` row of a loaded file. */
  sourceFileId?: number;
  /** Skipped because this content was already loaded: that load (a run taking over from a dead attempt credits it). */
  loadedEarlier?: { sourceFileId: number; rowsLoaded: number; rowsSkipped: number; at: Date };
}

function loadedEarlier(row: SourceFile): FileSummary['loadedEarlier'] {
  return row.status === 'loaded' && row.finishedAt
    ? { sourceFileId: row.id, rowsLoaded: row.rowsLoaded, rowsSkipped: row.rowsSkipped, at: row.finishedAt }
    : undefined;
}

/** A file whose load committed: what the after-load hooks are told. */
export interface CommittedLoad {
  sourceFileId: number;
  service: string;
  stream: string;
}

/**
 * Runs once per ingest or pipeline run that committed at least one load, after the curated rebuild
 * (data-quality snapshots, notifications). The loads stay committed whatever it does; its errors are logged.
 */
export type AfterLoads = (loads: CommittedLoad[]) => Promise<void>;

export interface IngestOptions {
  service?: Service;
  /** Follow symlinks found inside the given folders even when they lead outside them. */
  followSymlinks?: boolean;
  origin?: string;
  /** The capture time of every input, overriding manifests, names and modification times (`--captured-at`). */
  capturedAt?: Date;
  /** Called once a file is in landing, before it is loaded (the CLI journals it so a killed upload still reaches the ledger). */
  onLanded?: (landingFile: string) => void;
  /** Bytes done and total of the file being processed (landing copy and parse each count once). */
  onProgress?: (file: string, done: number, total: number) => void;
}

function quarantineCode(row: SourceFile): string | null {
  try {
    return row.error ? ((JSON.parse(row.error) as { code?: string }).code ?? null) : null;
  } catch {
    return null;
  }
}

/** The first bytes recognition looks at, as text (a BOM dropped). */
export function readHead(fd: number): string {
  const buf = Buffer.alloc(RECOGNITION_HEAD_BYTES);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  return buf
    .subarray(0, n)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/** Opens an input for reading without blocking (a FIFO swapped in after the walk must not hang the batch) and checks it is a regular file. */
function openInput(input: string): number {
  let fd: number;
  try {
    fd = fs.openSync(input, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw new InputError(code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE', `cannot be opened (${code})`);
  }
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw new InputError('NOT_A_FILE', 'not a regular file (it changed after the folder was read)', 'skipped');
  }
  return fd;
}

/**
 * Takes files from anywhere into the lake and the warehouse: land (copy + manifest), recognise,
 * validate and load each file in its own database transaction, quarantine what fails, then
 * rebuild the curated datasets once. One bad file never stops the others.
 */
export class IngestService {
  readonly lake: Lake;
  private readonly recovery: LakeRecovery;

  /** Size limit and free-space probe applied before a file is copied into landing. */
  readonly limits: LandingLimits;
  /** Artist ids the extractors' configuration names (see configuredLinks), recorded before each load. */
  private readonly configuredLinks: readonly ConfiguredLink[];
  /** How curated datasets are kept (archive retention). */
  private readonly curated: CuratedOptions;
  private readonly afterLoads?: AfterLoads;

  constructor(
    private readonly ds: DataSource,
    lakeRoot: string,
    private readonly logger: Logger,
    options: {
      limits?: LandingLimits;
      configuredLinks?: readonly ConfiguredLink[];
      curated?: CuratedOptions;
      afterLoads?: AfterLoads;
    } = {},
  ) {
    this.afterLoads = options.afterLoads;
    this.limits = options.limits ?? { maxFileBytes: DEFAULT_MAX_INGEST_FILE_BYTES };
    this.configuredLinks = options.configuredLinks ?? [];
    this.curated = options.curated ?? {};
    this.lake = new Lake(lakeRoot);
    this.recovery = new LakeRecovery(this.lake);
  }

  /** Records the configured artist ids first, so files naming them load straight onto their artists. */
  private async applyConfiguredLinks(): Promise<void> {
    if (this.configuredLinks.length) await new ArtistIdentityService(this.ds).applyConfigured(this.configuredLinks, this.logger);
  }

  /**
   * Completes what a killed run left (run at the start of every ingest and pipeline run): raw and
   * staging files of committed loads are renamed into place, those of rolled-back loads and the
   * temporaries of dead processes removed, and curated datasets rebuilt when a dead run left them behind.
   */
  async recover(): Promise<RecoveryReport> {
    const repo = this.ds.getRepository(SourceFile);
    const report = await this.recovery.recover(async (id, sha256) => (await repo.count({ where: { id, sha256, status: 'loaded' } })) > 0);
    if (report.published.length || report.removed.length)
      this.logger.warn('lake recovered after an interrupted run', {
        published: report.published.map(printable),
        removed: report.removed.map(printable),
      });
    if (report.curatedStale) {
      this.logger.warn('curated datasets were left behind by an interrupted run: rebuilding');
      await this.refreshCurated();
    }
    return report;
  }

  /** A recovery that cannot finish now (a full disk) must not stop the run: its journal and marker stay for the next one. */
  private async recoverOrWarn(): Promise<void> {
    try {
      await this.recover();
    } catch (err) {
      this.logger.error('lake recovery could not finish; the next run tries again', { error: err });
    }
  }

  /** The curated rebuild, then the after-load hooks, once a batch loaded something. */
  private async afterBatch(summaries: readonly FileSummary[]): Promise<void> {
    const loads = summaries.flatMap((s) =>
      s.status === 'loaded' && s.sourceFileId !== undefined ? [{ sourceFileId: s.sourceFileId, service: s.service, stream: s.stream }] : [],
    );
    if (!loads.length) return;
    await this.refreshCurated();
    if (!this.afterLoads) return;
    try {
      await this.afterLoads(loads);
    } catch (err) {
      this.logger.error('after-load hooks failed (the loads are committed)', { error: err });
    }
  }

  private async refreshCurated(): Promise<void> {
    await refreshStatistics(this.ds);
    await rebuildCuratedDatasets(this.ds, this.lake, this.curated);
    this.recovery.clearCuratedStale();
  }

  /**
   * Every entry under `inputs` gets a summary, in walk order: a hostile or unreadable entry is
   * reported (skipped or failed, with its reason) and the rest loads. When the lake's disk fills
   * up, the file being copied or loaded is rolled back and the rest is reported as not attempted.
   */
  async ingest(inputs: string[], options: IngestOptions = {}): Promise<FileSummary[]> {
    this.lake.ensureZones();
    await this.recoverOrWarn();
    await this.applyConfiguredLinks();
    const summaries: FileSummary[] = [];
    const index = LandingIndex.scan(this.lake);
    let diskFull: string | null = null;
    for (const entry of expandInputs(inputs, { followSymlinks: options.followSymlinks })) {
      let problem = entry.problem ?? (diskFull ? new InputError('NOT_ATTEMPTED', `not attempted: disk full (${diskFull})`) : undefined);
      if (!problem) {
        try {
          const summary = await this.ingestOne(entry.path, options, index);
          summaries.push(summary);
          if (summary.code === 'DISK_FULL') diskFull = printable(path.basename(entry.path));
          continue;
        } catch (err) {
          if (err instanceof InputError) problem = err;
          else if (isDiskFull(err)) problem = new InputError('DISK_FULL', `disk full: ${(err as Error).message}`);
          else {
            this.logger.error('input entry failed', { file: printable(entry.path), error: err });
            problem = new InputError('INGEST_ERROR', err instanceof Error ? err.message : String(err));
          }
          if (problem.code === 'DISK_FULL') diskFull = printable(path.basename(entry.path));
        }
      }
      this.logger.info('input entry not ingested', { file: printable(entry.path), code: problem.code, reason: problem.message });
      summaries.push(this.inputProblem(entry.path, problem, options.service));
    }
    await this.afterBatch(summaries);
    return summaries;
  }

  private inputProblem(input: string, problem: InputError, service: Service | undefined): FileSummary {
    return {
      input,
      service: service ?? 'unknown',
      stream: 'unrecognised',
      landingFile: null,
      status: problem.status,
      rowsRead: 0,
      rowsLoaded: 0,
      rowsSkipped: 0,
      message: problem.message,
      code: problem.code,
    };
  }

  /** Opens, recognises and lands one input (the descriptor is closed once the copy is made). */
  private async landInput(input: string, options: IngestOptions, index: LandingIndex, captured: CaptureTime) {
    const folder = path.basename(path.dirname(input));
    const extractedAt = captured.at;
    const fd = openInput(input);
    try {
      const stream = recogniseStream(path.basename(input), readHead(fd), folder, options.service, path.dirname(input));
      const size = fs.fstatSync(fd).size;
      let done = 0;
      const onBytes = (n: number) => {
        done += n;
        options.onProgress?.(input, done, size * 2);
      };
      const landed = await landFile(this.lake, input, {
        service: stream?.service ?? options.service ?? 'unknown',
        stream: stream?.stream ?? 'unrecognised',
        origin: options.origin ?? 'manual upload',
        extractedAt,
        extractorVersion: EXTRACTOR_VERSION,
        onBytes,
        index,
        limits: this.limits,
        fd,
      });
      return { stream, landed, onBytes };
    } finally {
      fs.closeSync(fd);
    }
  }

  private async ingestOne(input: string, options: IngestOptions, index: LandingIndex): Promise<FileSummary> {
    // When the portal produced the file, never when it is loaded: an older export loaded late must not win over a newer one.
    let captured: CaptureTime;
    try {
      captured = captureTimeOf(input, options.capturedAt);
    } catch (err) {
      if (!(err instanceof LakeValidationError)) throw err;
      return this.unlandable(input, options.service, err.reason);
    }
    const { stream, landed, onBytes } = await this.landInput(input, options, index, captured);
    options.onLanded?.(landed.file);
    if (landed.alreadyLanded) {
      const known = await this.ds.getRepository(SourceFile).findOne({ where: { path: landed.file } });
      // Loaded again from landing: a copy that never finished loading (a crash, a failed load), and one quarantined as
      // INCOMPLETE whose bytes have now been read again unchanged (the file was complete after all).
      const confirmedComplete = known?.status === 'quarantined' && !landed.changedWhileCopying && quarantineCode(known) === 'INCOMPLETE';
      if (known && known.status !== 'failed' && known.status !== 'loading' && !confirmedComplete) {
        const hint = known.status === 'quarantined' ? ` (quarantined; after a fix: npm run lake -- release ${landed.file})` : '';
        return {
          input,
          service: landed.service,
          stream: landed.stream,
          landingFile: landed.file,
          status: 'skipped',
          rowsRead: 0,
          rowsLoaded: 0,
          rowsSkipped: 0,
          message: `already in landing as ${landed.file}${hint}`,
          loadedEarlier: loadedEarlier(known),
        };
      }
      if (confirmedComplete && known) {
        const at = new Date();
        noteQuarantineAction(this.lake, quarantineFolderOf(known), landed.absolutePath, {
          action: 'released',
          by: 'ingest',
          at: at.toISOString(),
          note: 'read again unchanged: complete',
        });
        await this.ds.getRepository(SourceFile).update(known.id, { resolution: 'released', resolvedBy: 'ingest', resolvedAt: at });
      }
    } else if (landed.changedWhileCopying) {
      const reason: ValidationReason = {
        code: 'INCOMPLETE',
        message: 'the file changed while it was copied (still being written?); copy it again once it is complete',
        file: landed.file,
        expected: 'a file whose size and modification time stay the same during the copy',
        found: `${landed.sizeBytes} bytes copied, the source changed meanwhile`,
      };
      return this.quarantine(input, landed, reason, await this.recordFile(landed, 'loading', captured.source), stream ?? undefined);
    }
    if (!stream) {
      const reason: ValidationReason = {
        code: 'UNKNOWN_SOURCE',
        message: options.service
          ? `not a file this pipeline knows for service ${options.service}`
          : 'neither the file name nor the content says which source and stream this is',
        file: landed.file,
        expected:
          'an export a source stream recognises (e.g. dk_bank_details_<ts>.tsv, toolost_spotify_<ts>.json, spotify_audience_<artistId>_<ts>.csv, Overview_<start>_<ts>_<handle>.zip, meta_insights_<ts>.json, graphql_<ts>.json)',
        found: path.basename(input),
      };
      return this.quarantine(input, landed, reason, await this.recordFile(landed, 'loading', captured.source));
    }
    return this.loadLanded(input, stream, landed, captured, onBytes);
  }

  /** A file that cannot be landed (its capture time is unknowable): reported, left where it is, nothing recorded. */
  private unlandable(input: string, service: Service | undefined, reason: ValidationReason): FileSummary {
    this.logger.warn('file not landed', { file: input, reason });
    return {
      input,
      service: service ?? 'unknown',
      stream: 'unrecognised',
      landingFile: null,
      status: 'failed',
      rowsRead: 0,
      rowsLoaded: 0,
      rowsSkipped: 0,
      message: new LakeValidationError(reason).message,
      reason,
    };
  }

  /**
   * Re-runs cleaners and loading over what is already in landing (for one service, or all): every
   * landing file with a manifest whose content is not loaded yet, oldest extraction first, then
   * one curated rebuild. `files` limits it to those landing files (a run's own captures).
   */
  async runPipeline(
    options: {
      service?: Service;
      files?: LandedFile[];
      onFile?: (summary: FileSummary, index: number, total: number) => Promise<void> | void;
      /** Called as bytes are read, so a job can keep its lock alive through a long file. */
      onBytes?: (n: number) => void;
    } = {},
  ): Promise<FileSummary[]> {
    this.lake.ensureZones();
    await this.recoverOrWarn();
    await this.applyConfiguredLinks();
    const landed = options.files ?? this.landingFiles(options.service);
    const summaries: FileSummary[] = [];
    for (const [index, file] of landed.entries()) {
      const stream = SOURCE_STREAMS.find((s) => s.service === file.service && s.stream === file.stream);
      const summary: FileSummary = stream
        ? await this.loadLanded(
            file.absolutePath,
            stream,
            file,
            { at: new Date(file.extractedAt), source: 'manifest' },
            options.onBytes ?? (() => undefined),
          )
        : {
            input: file.absolutePath,
            service: file.service,
            stream: file.stream,
            landingFile: file.file,
            status: 'skipped',
            rowsRead: 0,
            rowsLoaded: 0,
            rowsSkipped: 0,
            message: 'no cleaner for this stream (kept in landing)',
          };
      summaries.push(summary);
      await options.onFile?.(summary, index, landed.length);
    }
    await this.afterBatch(summaries);
    return summaries;
  }

  /**
   * What became of these landing files, from the warehouse's record (for an upload whose process
   * died before reporting): a load still `loading` when it died was rolled back, so it is failed.
   */
  async summariesOf(landingFiles: string[]): Promise<FileSummary[]> {
    const repo = this.ds.getRepository(SourceFile);
    const out: FileSummary[] = [];
    for (const file of landingFiles) {
      const row = await repo.findOne({ where: { path: file } });
      const base = { input: file, landingFile: file, rowsRead: row?.rowsRead ?? 0, rowsLoaded: 0, rowsSkipped: 0 };
      if (!row || row.status === 'loading' || row.status === 'failed') {
        out.push({
          ...base,
          service: row?.service ?? 'unknown',
          stream: row?.stream ?? 'unrecognised',
          status: 'failed',
          message: row?.error ?? 'interrupted before it was loaded (in landing: the next pipeline run loads it)',
        });
      } else if (row.status === 'loaded') {
        out.push({
          ...base,
          service: row.service,
          stream: row.stream,
          status: 'loaded',
          rowsLoaded: row.rowsLoaded,
          rowsSkipped: row.rowsSkipped,
          message: `${row.rowsLoaded} rows loaded, ${row.rowsSkipped} already loaded`,
        });
      } else {
        out.push({
          ...base,
          service: row.service,
          stream: row.stream,
          status: row.status === 'quarantined' ? 'quarantined' : 'skipped',
          message: row.error ?? row.status,
        });
      }
    }
    return out;
  }

  /** Landing files (with their manifests) of one service or all, oldest extraction first. */
  landingFiles(service?: Service): LandedFile[] {
    const root = service ? this.lake.dir('landing', service) : this.lake.dir('landing');
    if (!fs.existsSync(root)) return [];
    const out: LandedFile[] = [];
    for (const manifestPath of walkManifests(root)) {
      const manifest = readManifest(manifestPath);
      if (manifest) out.push({ ...manifest, absolutePath: manifestPath.slice(0, -MANIFEST_SUFFIX.length), alreadyLanded: true });
      else this.logger.warn('unreadable landing manifest left out', { manifest: printable(this.lake.relative(manifestPath)) });
    }
    return out.sort((a, b) => a.extractedAt.localeCompare(b.extractedAt) || a.file.localeCompare(b.file));
  }

  /** Loads a file already in landing: used by ingest, and by pipeline re-runs over landing. */
  async loadLanded(
    input: string,
    stream: SourceStream,
    landed: LandedFile,
    captured: CaptureTime,
    onBytes: (n: number) => void,
  ): Promise<FileSummary> {
    const base = { input, service: stream.service, stream: stream.stream, landingFile: landed.file };
    const previous = await this.ds.getRepository(SourceFile).findOne({ where: { sha256: landed.sha256, status: 'loaded' } });
    if (previous) {
      if (previous.path !== landed.file)
        await this.recordFile(landed, 'skipped', captured.source, { error: `same content as ${previous.path}` });
      return {
        ...base,
        status: 'skipped',
        rowsRead: 0,
        rowsLoaded: 0,
        rowsSkipped: 0,
        message: `already loaded (same content as ${previous.path})`,
        loadedEarlier: loadedEarlier(previous),
      };
    }
    const record = await this.recordFile(landed, 'loading', captured.source);
    const zoneFiles: AtomicFileWriter[] = [];
    let journal: string | undefined;
    try {
      const outcome = await this.ds.transaction(async (manager: EntityManager) => {
        // The statement timeout guards API reads; a large file's set-based insert may legitimately take longer.
        if (dialectOf(this.ds) === 'postgres') await manager.query('SET LOCAL statement_timeout = 0');
        const result = await stream.load({
          manager,
          dialect: dialectOf(this.ds),
          dims: new DimensionResolver(manager, dialectOf(this.ds)),
          lake: this.lake,
          landed,
          sourceFileId: record.id,
          extractedAt: captured.at,
          openZoneFile: (zone, name) => {
            const writer = new AtomicFileWriter(this.lake.dir(zone, stream.service, stream.stream, name));
            zoneFiles.push(writer);
            return writer;
          },
          openCuratedFile: (...segments) => {
            const writer = new AtomicFileWriter(this.lake.dir('curated', ...segments));
            zoneFiles.push(writer);
            const discard = async () => {
              const at = zoneFiles.indexOf(writer);
              if (at >= 0) zoneFiles.splice(at, 1);
              await writer.abort();
            };
            return { writer, discard };
          },
          onBytes,
        });
        // After the parse, so a cut-off file that still parses (its last amount cut short) is rolled back, not loaded.
        if (LINE_TERMINATED_STREAMS.has(`${stream.service}/${stream.stream}`)) assertEndsWithLineBreak(landed.absolutePath, landed.file);
        // raw/ and staging/ are written out before the commit, so a full disk rolls the load back; only renames follow it.
        for (const writer of zoneFiles) await writer.finish();
        journal = this.recovery.writeJournal(record.id, landed.sha256, zoneFiles);
        this.recovery.markCuratedStale();
        await manager.update(SourceFile, record.id, {
          status: 'loaded',
          rowsRead: result.rowsRead,
          rowsLoaded: result.rowsLoaded,
          rowsSkipped: result.rowsSkipped,
          rowsRejected: 0,
          error: null,
          finishedAt: new Date(),
        });
        await bumpWarehouseVersion(manager);
        return result;
      });
      for (const writer of zoneFiles) writer.publish();
      this.recovery.removeJournal(journal!);
      this.logger.info('file loaded', { file: printable(landed.file), ...outcome });
      return {
        ...base,
        status: 'loaded',
        sourceFileId: record.id,
        ...outcome,
        message: `${outcome.rowsLoaded} rows loaded, ${outcome.rowsSkipped} already loaded`,
      };
    } catch (err) {
      for (const writer of zoneFiles) await writer.abort();
      if (journal) this.recovery.removeJournal(journal);
      if (err instanceof LakeValidationError) return this.quarantine(input, landed, err.reason, record, stream);
      const diskFull = isDiskFull(err);
      const message = diskFull
        ? `disk full while loading (rolled back, nothing of it kept): ${(err as Error).message}`
        : err instanceof Error
          ? err.message
          : String(err);
      this.logger.error('file failed to load', { file: printable(landed.file), error: err });
      await this.ds.getRepository(SourceFile).update(record.id, { status: 'failed', error: message, finishedAt: new Date() });
      return {
        ...base,
        status: 'failed',
        rowsRead: 0,
        rowsLoaded: 0,
        rowsSkipped: 0,
        message,
        ...(diskFull ? { code: 'DISK_FULL' as const } : {}),
      };
    }
  }

  private async quarantine(
    input: string,
    landed: LandedFile,
    reason: ValidationReason,
    record: SourceFile,
    stream?: SourceStream,
  ): Promise<FileSummary> {
    const service = stream?.service ?? 'unknown';
    // Counted before the move: every row of a quarantined file is rejected with it.
    const rowsRejected = rejectedRows(landed.absolutePath);
    quarantineFile(this.lake, service, landed.absolutePath, reason);
    await this.ds
      .getRepository(SourceFile)
      .update(record.id, { status: 'quarantined', error: JSON.stringify(reason), rowsRejected, finishedAt: new Date() });
    this.logger.warn('file quarantined', {
      file: printable(landed.file),
      reason: { ...reason, found: reason.found === undefined ? undefined : printable(reason.found) },
    });
    return {
      input,
      service,
      stream: stream?.stream ?? 'unrecognised',
      landingFile: landed.file,
      status: 'quarantined',
      rowsRead: 0,
      rowsLoaded: 0,
      rowsSkipped: 0,
      message: new LakeValidationError(reason).message,
      reason,
    };
  }

  /** Creates or resets the SourceFile row of a landing path. */
  private async recordFile(
    landed: LandedFile,
    status: SourceFile['status'],
    capturedAtSource: CapturedAtSource,
    extra: Partial<SourceFile> = {},
  ): Promise<SourceFile> {
    const repo = this.ds.getRepository(SourceFile);
    const existing = await repo.findOne({ where: { path: landed.file } });
    const fields = {
      service: landed.service,
      stream: landed.stream,
      path: landed.file,
      originalName: landed.originalName,
      sha256: landed.sha256,
      sizeBytes: BigInt(landed.sizeBytes),
      status,
      error: null,
      rowsRead: 0,
      rowsLoaded: 0,
      rowsSkipped: 0,
      extractedAt: new Date(landed.extractedAt),
      capturedAtSource,
      finishedAt: null,
      ...extra,
    };
    if (existing) {
      await repo.update(existing.id, fields);
      return { ...existing, ...fields };
    }
    return repo.save(repo.create(fields));
  }
}
