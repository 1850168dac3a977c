import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { type Service, SERVICES } from '../config/config';
import type { Logger } from '../config/logger';
import { type ClientErrorCode, DomainError } from '../errors/domain-error';
import { SourceFile } from '../entities/source-file.entity';
import { type FileSummary, type IngestService, readHead } from './ingest-service';
import { readManifest } from './lake/landing-index';
import { MANIFEST_SUFFIX } from './lake/landing-manifest';
import { printable } from './lake/printable';
import { noteQuarantineAction, quarantineFolderOf, REASON_SUFFIX, readQuarantineRecord } from './lake/quarantine';
import { recogniseStream, SOURCE_STREAMS } from './registry';

export type QuarantineReviewCode = 'NOT_FOUND' | 'AMBIGUOUS' | 'NOT_QUARANTINED' | 'LANDING_MISSING' | 'STILL_UNRECOGNISED';

/** A release or dismissal that cannot be done as asked; the message says what to do instead. */
export class QuarantineReviewError extends DomainError<QuarantineReviewCode> {
  constructor(code: QuarantineReviewCode, message: string) {
    // The detail stays in `reason`; a client only needs to tell "no such file" from "not like this".
    super(code, message, { reason: code });
  }

  get clientCode(): ClientErrorCode {
    return this.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'BAD_USER_INPUT';
  }
}

/** Why a file was quarantined, where in the file, what was expected and found (as the cleaner recorded it). */
export interface QuarantineReason {
  code: string;
  message: string;
  line: number | null;
  column: number | null;
  field: string | null;
  expected: string | null;
  found: string | null;
}

/** The validation reason stored on a file's row; null for a skip or failure message, which is no reason. */
export function storedReason(row: Pick<SourceFile, 'error'>): QuarantineReason | null {
  try {
    const r = row.error ? (JSON.parse(row.error) as Record<string, unknown>) : null;
    if (!r || typeof r.code !== 'string') return null;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    const int = (v: unknown) => (typeof v === 'number' ? v : null);
    return {
      code: r.code,
      message: str(r.message) ?? '',
      line: int(r.line),
      column: int(r.column),
      field: str(r.field),
      expected: str(r.expected),
      found: str(r.found),
    };
  } catch {
    return null;
  }
}

export interface ReleaseOutcome {
  file: SourceFile;
  summary: FileSummary;
}

/**
 * Lists quarantined files, and lets an admin release one (re-run it through its cleaner after a
 * fix: a product upgrade, `--service`, a linking fix) or dismiss it (acknowledge it; it is never
 * loaded and no longer counts in pipeline health). Both are recorded on the source_files row
 * (resolution, who, when) and in the reason file's history. A file is named by its landing path,
 * its quarantine path, or its bare name when that is unique among quarantined files.
 */
export class QuarantineReview {
  constructor(
    private readonly ds: DataSource,
    private readonly ingest: IngestService,
    private readonly logger: Logger,
  ) {}

  private get repo() {
    return this.ds.getRepository(SourceFile);
  }

  /** Quarantined files, oldest first, `first` at a time after the id `afterId`. */
  listRows(filter: { service?: Service }, first: number, afterId?: number): Promise<SourceFile[]> {
    const qb = this.repo.createQueryBuilder('f').where("f.status = 'quarantined'");
    if (filter.service) qb.andWhere('f.service = :service', { service: filter.service });
    if (afterId !== undefined) qb.andWhere('f.id > :afterId', { afterId });
    return qb.orderBy('f.id', 'ASC').take(first).getMany();
  }

  byId(id: number): Promise<SourceFile | null> {
    return this.repo.findOne({ where: { id } });
  }

  async count(filter: { service?: Service }): Promise<number> {
    return this.repo.count({ where: { status: 'quarantined', ...(filter.service ? { service: filter.service } : {}) } });
  }

  /** The source_files row a reference names, whatever its status. */
  async find(ref: string): Promise<SourceFile> {
    const lake = this.ingest.lake;
    let rel = ref.trim().replace(/\\/g, '/');
    if (path.isAbsolute(ref)) rel = lake.relative(path.resolve(ref));
    if (rel.endsWith(REASON_SUFFIX)) rel = rel.slice(0, -REASON_SUFFIX.length);
    if (rel.startsWith('quarantine/')) {
      const record = readQuarantineRecord(lake.absolute(rel));
      if (!record) throw new QuarantineReviewError('NOT_FOUND', `no reason file for ${printable(rel)}`);
      rel = record.landingFile;
    }
    if (rel.startsWith('landing/')) {
      const row = await this.repo.findOne({ where: { path: rel } });
      if (!row) throw new QuarantineReviewError('NOT_FOUND', `no file ${printable(rel)} is recorded in the warehouse`);
      return row;
    }
    if (rel.includes('/') || rel === '')
      throw new QuarantineReviewError('NOT_FOUND', `name a landing path, a quarantine path or a file name, not ${printable(ref)}`);
    const rows = (await this.repo.find({ where: { status: 'quarantined' } })).filter(
      (r) => path.posix.basename(r.path) === rel || r.originalName === rel,
    );
    if (rows.length === 0) throw new QuarantineReviewError('NOT_FOUND', `no quarantined file is named ${printable(rel)}`);
    if (rows.length > 1)
      throw new QuarantineReviewError(
        'AMBIGUOUS',
        `${rows.length} quarantined files are named ${printable(rel)}: ${rows.map((r) => r.path).join(', ')}; name one by its path`,
      );
    return rows[0];
  }

  private async quarantined(ref: string): Promise<SourceFile> {
    const row = await this.find(ref);
    if (row.status !== 'quarantined') {
      throw new QuarantineReviewError(
        'NOT_QUARANTINED',
        `${row.path} is not quarantined (it is ${row.status}${row.resolution ? `, ${row.resolution} by ${row.resolvedBy} at ${row.resolvedAt?.toISOString()}` : ''})`,
      );
    }
    return row;
  }

  /**
   * Re-runs a quarantined file through its cleaner: the stream it was landed under, or the one
   * recognised now (for `service` when given). It ends loaded, skipped (its content was loaded
   * meanwhile) or quarantined again with the new reason (then it counts again).
   */
  async release(ref: string, by: string, options: { service?: Service } = {}): Promise<ReleaseOutcome> {
    const row = await this.quarantined(ref);
    const lake = this.ingest.lake;
    const landingPath = lake.absolute(row.path);
    const manifest = readManifest(`${landingPath}${MANIFEST_SUFFIX}`);
    if (!manifest || !fs.existsSync(landingPath))
      throw new QuarantineReviewError(
        'LANDING_MISSING',
        `the landing copy ${row.path} (or its manifest) is missing; ingest the original again`,
      );

    // Without --service, a file stays with the service it was landed under (the one its uploader named, if any).
    const service = options.service ?? ((SERVICES as readonly string[]).find((s) => s === manifest.service) as Service | undefined);
    const known = SOURCE_STREAMS.find((s) => s.service === manifest.service && s.stream === manifest.stream);
    const stream =
      known && (!service || service === known.service) ? known : recogniseStream(manifest.originalName, headOf(landingPath), '', service);
    if (!stream) {
      throw new QuarantineReviewError(
        'STILL_UNRECOGNISED',
        `${row.path} is still not recognised${service ? ` as a ${service} file` : ''}: name its service (--service) or upgrade the product first`,
      );
    }
    const at = new Date();
    await this.repo.update(row.id, { resolution: 'released', resolvedBy: by, resolvedAt: at });
    // The quarantine copy leaves the zone first; a new failure puts it back with its new reason (the history kept).
    noteQuarantineAction(lake, quarantineFolderOf(row), landingPath, { action: 'released', by, at: at.toISOString() });
    const [summary] = await this.ingest.runPipeline({
      files: [{ ...manifest, service: stream.service, stream: stream.stream, absolutePath: landingPath, alreadyLanded: true }],
    });
    this.logger.info('quarantined file released', { file: printable(row.path), by: printable(by), outcome: summary.status });
    return { file: await this.repo.findOneByOrFail({ id: row.id }), summary };
  }

  /** Acknowledges a quarantined file without loading it: recorded, and no longer counted by pipeline health. */
  async dismiss(ref: string, by: string, note?: string): Promise<SourceFile> {
    const row = await this.quarantined(ref);
    const at = new Date();
    await this.repo.update(row.id, { status: 'dismissed', resolution: 'dismissed', resolvedBy: by, resolvedAt: at });
    noteQuarantineAction(this.ingest.lake, quarantineFolderOf(row), this.ingest.lake.absolute(row.path), {
      action: 'dismissed',
      by,
      at: at.toISOString(),
      ...(note ? { note } : {}),
    });
    this.logger.info('quarantined file dismissed', { file: printable(row.path), by: printable(by) });
    return this.repo.findOneByOrFail({ id: row.id });
  }
}

function headOf(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    return readHead(fd);
  } finally {
    fs.closeSync(fd);
  }
}
