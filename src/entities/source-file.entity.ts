import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from './column-types';

/** `dismissed`: a quarantined file an admin acknowledged without loading it (left out of pipeline health). */
export const SOURCE_FILE_STATUSES = ['loading', 'loaded', 'quarantined', 'skipped', 'failed', 'dismissed'] as const;
export type SourceFileStatus = (typeof SOURCE_FILE_STATUSES)[number];

/** What an admin did about a quarantined file: re-ran it through its cleaner, or acknowledged it. */
export const SOURCE_FILE_RESOLUTIONS = ['released', 'dismissed'] as const;
export type SourceFileResolution = (typeof SOURCE_FILE_RESOLUTIONS)[number];

/** Where a file's capture time (extracted_at) was read: never the time of loading. */
export type CapturedAtSource = 'manifest' | 'file_name' | 'folder_name' | 'file_mtime' | 'override';

/** Every landing file the pipeline has seen, with what became of it. */
@Entity('source_files')
export class SourceFile {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  service!: string;

  @Column({ type: 'varchar', length: 60 })
  stream!: string;

  /** Path of the landing file, relative to the data lake root. */
  @Index('UQ_source_files_path', { unique: true })
  @Column({ type: 'varchar', length: 1000 })
  path!: string;

  @Column({ name: 'original_name', type: 'varchar', length: 500 })
  originalName!: string;

  @Index('IDX_source_files_sha256')
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintTransformer })
  sizeBytes!: bigint;

  @Column({ type: 'varchar', length: 20 })
  status!: SourceFileStatus;

  /** Machine-readable reason (JSON) when quarantined, or why it was skipped. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead!: number;

  @Column({ name: 'rows_loaded', type: 'integer', default: 0 })
  rowsLoaded!: number;

  @Column({ name: 'rows_skipped', type: 'integer', default: 0 })
  rowsSkipped!: number;

  /**
   * Data rows rejected with the file: all of a quarantined file's rows when its format has one row
   * per line (CSV/TSV: non-blank lines after the header); 0 for loaded files and for page or JSON
   * formats, whose rows cannot be counted once they fail to parse.
   */
  @Column({ name: 'rows_rejected', type: 'integer', default: 0 })
  rowsRejected!: number;

  /** When the file was captured at its source (UTC); decides which version of a day wins. */
  @Column({ name: 'extracted_at', type: Date })
  extractedAt!: Date;

  /** Where extracted_at came from; null for files recorded before this was kept. */
  @Column({ name: 'captured_at_source', type: 'varchar', length: 20, nullable: true })
  capturedAtSource!: CapturedAtSource | null;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;

  /** Set when an admin released or dismissed the file after it was quarantined; kept through later loads. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  resolution!: SourceFileResolution | null;

  /** Who released or dismissed it (`cli:<user>` or the API token's name). */
  @Column({ name: 'resolved_by', type: 'varchar', length: 200, nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolved_at', type: Date, nullable: true })
  resolvedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
