import type { EntityManager } from 'typeorm';
import type { Service } from '../config/config';
import type { Dialect } from '../db/dialect';
import type { DimensionResolver } from './dimensions';
import type { AtomicFileWriter } from './lake/atomic-file';
import type { Lake } from './lake/lake';
import type { LandedFile } from './lake/landing';

/** What a stream's loader gets: the open transaction, the resolvers, and the file it loads. */
export interface LoadContext {
  manager: EntityManager;
  dialect: Dialect;
  dims: DimensionResolver;
  lake: Lake;
  landed: LandedFile;
  sourceFileId: number;
  extractedAt: Date;
  /** A file in raw/ or staging/ under `<service>/<stream>/`, renamed into place only when the load commits. */
  openZoneFile(zone: 'raw' | 'staging', name: string): AtomicFileWriter;
  /**
   * A file under curated/ (`segments` below it) written during the load, published with the zone
   * files; `discard` drops it before the commit (the curated rebuild then writes it from the warehouse).
   */
  openCuratedFile(...segments: string[]): { writer: AtomicFileWriter; discard(): Promise<void> };
  onBytes(n: number): void;
}

export interface LoadOutcome {
  rowsRead: number;
  rowsLoaded: number;
  rowsSkipped: number;
}

/**
 * One kind of file from one source (DistroKid bank details, DistroKid streams page, …): how to
 * recognise it and how to take it from landing through raw and staging into the warehouse.
 * Validation failures are thrown as LakeValidationError; the caller quarantines and rolls back.
 */
export interface SourceStream {
  service: Service;
  stream: string;
  /**
   * Recognises the file from its name, its first bytes (decoded as UTF-8) and the name of the
   * folder it sits in (export folders such as `meta_ads_dump_<ts>/` hold generic file names).
   * `folderPath`, the folder's full path, lets a stream look at the file's siblings when the
   * folder's name alone says too little (a dump folder named by a bare timestamp).
   */
  recognise(fileName: string, head: string, folder: string, folderPath?: string): boolean;
  load(ctx: LoadContext): Promise<LoadOutcome>;
}
