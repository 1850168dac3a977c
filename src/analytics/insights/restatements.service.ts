import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams } from '../../db/dialect';
import type { Page } from '../catalog.service';
import { type Connection, keysetPage, mapNodes } from '../pagination';
import type { DateRange } from '../periods';
import { metricValueText } from './metric-units';
import { isoText } from './timestamps';

/** A stored daily value that a newer capture changed. Values are integers in the metric's unit. */
export interface RestatementRecord {
  id: number;
  tableName: string;
  metric: string;
  source: string;
  date: string;
  platformId: number | null;
  trackId: number | null;
  artistId: number | null;
  oldValue: bigint | null;
  newValue: bigint | null;
  oldCapturedAt: Date;
  newCapturedAt: Date;
  oldSourceFile: string;
  newSourceFile: string;
}

/** A restatement as the API shows it: values as exact decimals in the metric's unit, and their change. */
export interface RestatementView {
  id: number;
  platformId: number | null;
  trackId: number | null;
  artistId: number | null;
  date: string;
  metric: string;
  table: string;
  oldValue: string | null;
  newValue: string | null;
  change: string | null;
  oldCapturedAt: Date;
  newCapturedAt: Date;
  oldSourceFile: string;
  newSourceFile: string;
}

function viewOf(r: RestatementRecord): RestatementView {
  const text = (v: bigint | null): string | null => (v === null ? null : metricValueText(r.metric, v));
  return {
    id: r.id,
    platformId: r.platformId,
    trackId: r.trackId,
    artistId: r.artistId,
    date: r.date,
    metric: r.metric,
    table: r.tableName,
    oldValue: text(r.oldValue),
    newValue: text(r.newValue),
    change: r.oldValue === null || r.newValue === null ? null : text(r.newValue - r.oldValue),
    oldCapturedAt: r.oldCapturedAt,
    newCapturedAt: r.newCapturedAt,
    oldSourceFile: r.oldSourceFile,
    newSourceFile: r.newSourceFile,
  };
}

const bigOrNull = (v: unknown): bigint | null => (v === null || v === undefined ? null : BigInt(v as string | number));

/** Reads the restatements the versioned upserts recorded. */
export class RestatementsService {
  constructor(private readonly ds: DataSource) {}

  /** Restatements of one service as the API shows them. */
  async listViews(service: string, range: DateRange | null | undefined, page: Page): Promise<Connection<RestatementView>> {
    return mapNodes(await this.list(service, range, page), viewOf);
  }

  /** Restatements of one service, by day then recording order. */
  list(service: string, range: DateRange | null | undefined, page: Page): Promise<Connection<RestatementRecord>> {
    const d = dialectOf(this.ds);
    const params = new SqlParams(d);
    const where = [`r.source = ${params.add(service)}`];
    if (range) where.push(`r.date >= ${params.add(range.from)}`, `r.date <= ${params.add(range.to)}`);
    return keysetPage(this.ds, {
      select: `SELECT r.id, r.table_name, r.metric, r.source, ${dateText(d, 'r.date')} AS date, r.platform_id, r.track_id, r.artist_id,
          CAST(r.old_value AS TEXT) AS old_value, CAST(r.new_value AS TEXT) AS new_value,
          ${isoText(d, 'r.old_extracted_at')} AS old_at, ${isoText(d, 'r.new_extracted_at')} AS new_at,
          fo.original_name AS old_file, fn.original_name AS new_file
        FROM restatements r
        LEFT JOIN source_files fo ON fo.id = r.old_source_file_id
        LEFT JOIN source_files fn ON fn.id = r.new_source_file_id`,
      from: 'restatements r',
      where,
      params,
      sortColumn: 'r.date',
      sortType: 'date',
      idExpr: 'r.id',
      sortValue: (r) => r.date,
      map: (row) => ({
        id: Number(row.id),
        tableName: String(row.table_name),
        metric: String(row.metric),
        source: String(row.source),
        date: String(row.date),
        platformId: row.platform_id === null ? null : Number(row.platform_id),
        trackId: row.track_id === null ? null : Number(row.track_id),
        artistId: row.artist_id === null ? null : Number(row.artist_id),
        oldValue: bigOrNull(row.old_value),
        newValue: bigOrNull(row.new_value),
        oldCapturedAt: new Date(String(row.old_at)),
        newCapturedAt: new Date(String(row.new_at)),
        oldSourceFile: String(row.old_file ?? ''),
        newSourceFile: String(row.new_file ?? ''),
      }),
      ...page,
    });
  }
}
