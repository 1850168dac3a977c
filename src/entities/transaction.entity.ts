import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Artist } from './artist.entity';
import { bigintTransformer } from './column-types';
import type { Platform } from './platform.entity';
import type { Release } from './release.entity';
import type { SourceFile } from './source-file.entity';
import type { Store } from './store.entity';
import type { Track } from './track.entity';

/**
 * One statement line. Money is in nano-units (1e-9 USD). Negative amounts are adjustments of the
 * sale month, not expenses. `rowKey` is the content hash plus its occurrence number inside the
 * file, so a later full-history export repeats keys (no double count) while identical lines
 * inside one file stay separate transactions.
 * `platformId` is the store's platform, kept on the fact so the hot aggregates need no join.
 *
 * Every index costs each inserted line a B-tree insert, so only those a query needs are kept:
 * - the unique row key: idempotent loads (TransactionLoader inserts in key order, so it is walked, not scattered;
 *   a first load into the empty table writes without it and builds it once);
 * - sale_month: fact-table revenue on the sale-month basis (RevenueService with a TRACK grouping or
 *   filter, ComparisonService.topTracks, CampaignService.monthlyRevenue, CatalogService.transactions);
 * - reporting_date: DAY/WEEK revenue series and reporting-date ranges of CatalogService.transactions;
 * - track_id, artist_id: the transactionsOfTrack DataLoader, track/artist filters on the fact table,
 *   CampaignService.monthlyRevenue;
 * - source_file_id: a file's lines (the curated part of each load, the after-load anomaly scan);
 * - (source, sale_month) of the lines with gross >= 0 and net > gross only: data quality's accuracy
 *   counts them (every other statement-line question of the checks is answered by the rollups).
 * platform_id has none: platform questions are answered from the rollups, and a platform filter on
 * the fact table always comes with a date range that one of the date indexes narrows.
 */
@Entity('transactions')
@Index('UQ_transactions_source_row_key', ['source', 'rowKey'], { unique: true })
// (date, id): the keyset order of the transactions connection, so a page is an index range, not a sort.
@Index('IDX_transactions_sale_month_id', ['saleMonth', 'id'])
@Index('IDX_transactions_reporting_date_id', ['reportingDate', 'id'])
// A track's latest lines (Track.transactions) are the first rows of this index, read backwards.
@Index('IDX_transactions_track_reporting_date_id', ['trackId', 'reportingDate', 'id'])
// Partial: holds only the rare lines with net above gross, so counting them reads those, not the table.
// Used only by a query whose WHERE repeats these terms (quality-checks.ts accuracy); loads rebuild it from its own DDL.
@Index('IDX_transactions_net_above_gross', ['source', 'saleMonth'], { where: '"gross_nano" >= 0 AND "net_nano" > "gross_nano"' })
export class Transaction {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 30 })
  source!: string;

  @Column({ name: 'row_key', type: 'varchar', length: 40 })
  rowKey!: string;

  @Column({ name: 'reporting_date', type: 'date' })
  reportingDate!: string;

  /** First day of the sale month. */
  @Column({ name: 'sale_month', type: 'date' })
  saleMonth!: string;

  @Column({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @ManyToOne('Store', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id' })
  store?: Store;

  @Column({ name: 'platform_id', type: 'integer' })
  platformId!: number;

  @ManyToOne('Platform', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'platform_id' })
  platform?: Platform;

  @Column({ name: 'track_id', type: 'integer', nullable: true })
  trackId!: number | null;

  @ManyToOne('Track', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'track_id' })
  track?: Track;

  @Index('IDX_transactions_artist')
  @Column({ name: 'artist_id', type: 'integer', nullable: true })
  artistId!: number | null;

  @ManyToOne('Artist', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'artist_id' })
  artist?: Artist;

  @Column({ name: 'release_id', type: 'integer', nullable: true })
  releaseId!: number | null;

  @ManyToOne('Release', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'release_id' })
  release?: Release;

  /** ISO-3166 alpha-2; null when the source says unknown (`OU` or blank). */
  @Column({ type: 'varchar', length: 2, nullable: true })
  country!: string | null;

  @Column({ type: 'integer' })
  quantity!: number;

  /** Song or Album, as the statement says. */
  @Column({ name: 'product_type', type: 'varchar', length: 20, nullable: true })
  productType!: string | null;

  @Column({ name: 'team_percentage', type: 'varchar', length: 12 })
  teamPercentage!: string;

  @Column({ name: 'gross_nano', type: 'bigint', transformer: bigintTransformer })
  grossNano!: bigint;

  @Column({ name: 'withheld_nano', type: 'bigint', transformer: bigintTransformer })
  withheldNano!: bigint;

  @Column({ name: 'net_nano', type: 'bigint', transformer: bigintTransformer })
  netNano!: bigint;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Index('IDX_transactions_source_file')
  @Column({ name: 'source_file_id', type: 'integer' })
  sourceFileId!: number;

  @ManyToOne('SourceFile', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_file_id' })
  sourceFile?: SourceFile;

  /** Line of the landing file this row came from. */
  @Column({ name: 'source_line', type: 'integer' })
  sourceLine!: number;
}
