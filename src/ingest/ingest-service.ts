import fs from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import type { Service } from '../config/config';
import type { Logger } from '../config/logger';
import { dialectOf } from '../db/dialect';
import { refreshStatistics } from '../db/statistics';
import { type CapturedAtSource, SourceFile } from '../entities/source-file.entity';
import { type CuratedOptions, rebuildCuratedDatasets } from './curated/curated-datasets';
import { DimensionResolver } from './dimensions';
import { AtomicFileWriter } from './lake/atomic-file';
import { type CaptureTime, captureTimeOf } from './lake/capture-time';
import { Lake } from './lake/lake';
import { type LandedFile, type LandingManifest, landFile, MANIFEST_SUFFIX } from './lake/landing';
import { quarantineFile } from './lake/quarantine';
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
}

export interface IngestOptions {
  service?: Service;
  origin?: string;
  /** The capture time of every input, overriding manifests, names and modification times (`--captured-at`). */
  capturedAt?: Date;
  /** Bytes done and total of the file being processed (landing copy and parse each count once). */
  onProgress?: (file: string, done: number, total: number) => void;
}

/** Files under the given paths, folders walked recursively; lake bookkeeping files and dotfiles are left out. */
export function expandInputs(inputs: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) if (!entry.startsWith('.')) walk(path.join(p, entry));
    } else if (!p.endsWith(MANIFEST_SUFFIX) && !p.endsWith('.reason.json')) {
      out.push(p);
    }
  };
  for (const input of inputs) walk(path.resolve(input));
  return out;
}

function walkManifests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkManifests(p));
    else if (entry.name.endsWith(MANIFEST_SUFFIX)) out.push(p);
  }
  return out;
}

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(RECOGNITION_HEAD_BYTES);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Takes files from anywhere into the lake and the warehouse: land (copy + manifest), recognise,
 * validate and load each file in its own database transaction, quarantine what fails, then
 * rebuild the curated datasets once. One bad file never stops the others.
 */
export class IngestService {
  readonly lake: Lake;

  constructor(private readonly ds: DataSource, lakeRoot: string, private readonly logger: Logger, private readonly curated: CuratedOptions = {}) {
    this.lake = new Lake(lakeRoot);
  }

  async ingest(inputs: string[], options: IngestOptions = {}): Promise<FileSummary[]> {
    this.lake.ensureZones();
    const summaries: FileSummary[] = [];
    for (const file of expandInputs(inputs)) summaries.push(await this.ingestOne(file, options));
    if (summaries.some((s) => s.status === 'loaded')) {
      await refreshStatistics(this.ds);
      await rebuildCuratedDatasets(this.ds, this.lake, this.curated);
    }
    return summaries;
  }

  private async ingestOne(input: string, options: IngestOptions): Promise<FileSummary> {
    // When the portal produced the file, never when it is loaded: an older export loaded late must not win over a newer one.
    const folder = path.basename(path.dirname(input));
    let captured: CaptureTime;
    try {
      captured = captureTimeOf(input, options.capturedAt);
    } catch (err) {
      if (!(err instanceof LakeValidationError)) throw err;
      return this.unlandable(input, options.service, err.reason);
    }
    const extractedAt = captured.at;
    const stream = recogniseStream(path.basename(input), readHead(input), folder, options.service);
    const size = fs.statSync(input).size;
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
    });
    if (!stream) {
      const reason: ValidationReason = {
        code: 'UNKNOWN_SOURCE',
        message: options.service
          ? `not a file this pipeline knows for service ${options.service}`
          : 'neither the file name nor the content says which source and stream this is',
        file: landed.file,
        expected: 'an export a source stream recognises (e.g. dk_bank_details_<ts>.tsv, toolost_spotify_<ts>.json, spotify_audience_<artistId>_<name>_<ts>.csv, Overview_<start>_<ts>_<handle>.zip, meta_insights_<ts>.json, graphql_<ts>.json)',
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
    const landed = options.files ?? this.landingFiles(options.service);
    const summaries: FileSummary[] = [];
    for (const [index, file] of landed.entries()) {
      const stream = SOURCE_STREAMS.find((s) => s.service === file.service && s.stream === file.stream);
      const summary: FileSummary = stream
        ? await this.loadLanded(file.absolutePath, stream, file, { at: new Date(file.extractedAt), source: 'manifest' }, options.onBytes ?? (() => undefined))
        : { input: file.absolutePath, service: file.service, stream: file.stream, landingFile: file.file, status: 'skipped', rowsRead: 0, rowsLoaded: 0, rowsSkipped: 0, message: 'no cleaner for this stream (kept in landing)' };
      summaries.push(summary);
      await options.onFile?.(summary, index, landed.length);
    }
    if (summaries.some((s) => s.status === 'loaded')) {
      await refreshStatistics(this.ds);
      await rebuildCuratedDatasets(this.ds, this.lake, this.curated);
    }
    return summaries;
  }

  /** Landing files (with their manifests) of one service or all, oldest extraction first. */
  landingFiles(service?: Service): LandedFile[] {
    const root = service ? this.lake.dir('landing', service) : this.lake.dir('landing');
    if (!fs.existsSync(root)) return [];
    const out: LandedFile[] = [];
    for (const manifestPath of walkManifests(root)) {
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as LandingManifest;
      out.push({ ...manifest, absolutePath: manifestPath.slice(0, -MANIFEST_SUFFIX.length), alreadyLanded: true });
    }
    return out.sort((a, b) => a.extractedAt.localeCompare(b.extractedAt) || a.file.localeCompare(b.file));
  }

  /** Loads a file already in landing: used by ingest, and by pipeline re-runs over landing. */
  async loadLanded(input: string, stream: SourceStream, landed: LandedFile, captured: CaptureTime, onBytes: (n: number) => void): Promise<FileSummary> {
    const base = { input, service: stream.service, stream: stream.stream, landingFile: landed.file };
    const previous = await this.ds.getRepository(SourceFile).findOne({ where: { sha256: landed.sha256, status: 'loaded' } });
    if (previous) {
      if (previous.path !== landed.file) await this.recordFile(landed, 'skipped', captured.source, { error: `same content as ${previous.path}` });
      return { ...base, status: 'skipped', rowsRead: 0, rowsLoaded: 0, rowsSkipped: 0, message: `already loaded (same content as ${previous.path})` };
    }
    const record = await this.recordFile(landed, 'loading', captured.source);
    const zoneFiles: AtomicFileWriter[] = [];
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
          onBytes,
        });
        await manager.update(SourceFile, record.id, {
          status: 'loaded',
          rowsRead: result.rowsRead,
          rowsLoaded: result.rowsLoaded,
          rowsSkipped: result.rowsSkipped,
          error: null,
          finishedAt: new Date(),
        });
        return result;
      });
      for (const writer of zoneFiles) await writer.commit();
      this.logger.info('file loaded', { file: landed.file, ...outcome });
      return { ...base, status: 'loaded', ...outcome, message: `${outcome.rowsLoaded} rows loaded, ${outcome.rowsSkipped} already loaded` };
    } catch (err) {
      for (const writer of zoneFiles) await writer.abort();
      if (err instanceof LakeValidationError) return this.quarantine(input, landed, err.reason, record, stream);
      const message = err instanceof Error ? err.message : String(err);
      this.logger.error('file failed to load', { file: landed.file, error: err });
      await this.ds.getRepository(SourceFile).update(record.id, { status: 'failed', error: message, finishedAt: new Date() });
      return { ...base, status: 'failed', rowsRead: 0, rowsLoaded: 0, rowsSkipped: 0, message };
    }
  }

  private async quarantine(input: string, landed: LandedFile, reason: ValidationReason, record: SourceFile, stream?: SourceStream): Promise<FileSummary> {
    const service = stream?.service ?? 'unknown';
    quarantineFile(this.lake, service, landed.absolutePath, reason);
    await this.ds.getRepository(SourceFile).update(record.id, { status: 'quarantined', error: JSON.stringify(reason), finishedAt: new Date() });
    this.logger.warn('file quarantined', { file: landed.file, reason });
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
  private async recordFile(landed: LandedFile, status: SourceFile['status'], capturedAtSource: CapturedAtSource, extra: Partial<SourceFile> = {}): Promise<SourceFile> {
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
