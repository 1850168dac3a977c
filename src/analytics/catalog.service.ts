import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams } from '../db/dialect';
import { artistKey, normaliseIsrc, titleKey } from '../domain/names';
import { factJoin, type JoinedRelations } from './fact-relations';
import { type Connection, keysetPage } from './pagination';
import type { DateRange } from './periods';
import {
  type ArtistRecord,
  type CampaignRecord,
  mapArtist,
  mapCampaign,
  mapPlatform,
  mapStream,
  mapTrack,
  mapTransaction,
  type PlatformRecord,
  SELECT,
  type StreamRecord,
  streamColumns,
  type TrackRecord,
  type TransactionRecord,
  transactionColumns,
} from './records';
import type { DateBasis, RevenueFilter } from './revenue.service';
import { type StreamFilter, streamWhere } from './streams.service';

export interface Page {
  first: number;
  after?: string | null;
  withCount: boolean;
}

const like = (key: string) => `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Lists of warehouse entities with filters, deterministic order and keyset cursors. */
export class CatalogService {
  constructor(private readonly ds: DataSource) {}

  private params(): SqlParams {
    return new SqlParams(dialectOf(this.ds));
  }

  private dt(expr: string): string {
    return dateText(dialectOf(this.ds), expr);
  }

  artists(filter: { search?: string | null; ids?: number[] | null }, page: Page): Promise<Connection<ArtistRecord>> {
    const params = this.params();
    const where: string[] = [];
    if (filter.search) where.push(`a.name_key LIKE ${params.add(like(artistKey(filter.search)))} ESCAPE '\\'`);
    if (filter.ids?.length) where.push(`a.id IN (${params.list(filter.ids)})`);
    return keysetPage(this.ds, {
      select: `SELECT ${SELECT.artist('a')}, a.name_key FROM artists a`,
      from: 'artists a',
      where,
      params,
      sortColumn: 'a.name_key',
      sortType: 'text',
      idExpr: 'a.id',
      sortValue: (r) => artistKey(r.name),
      map: mapArtist,
      ...page,
    });
  }

  tracks(filter: { search?: string | null; artistId?: number | null; isrc?: string | null }, page: Page): Promise<Connection<TrackRecord>> {
    const params = this.params();
    const where: string[] = [];
    if (filter.search) where.push(`t.title_key LIKE ${params.add(like(titleKey(filter.search)))} ESCAPE '\\'`);
    if (filter.artistId) where.push(`t.id IN (SELECT track_id FROM track_artists WHERE artist_id = ${params.add(filter.artistId)})`);
    if (filter.isrc) where.push(`t.isrc = ${params.add(normaliseIsrc(filter.isrc) ?? filter.isrc)}`);
    return keysetPage(this.ds, {
      select: `SELECT ${SELECT.track('t')}, t.title_key FROM tracks t`,
      from: 'tracks t',
      where,
      params,
      sortColumn: 't.title_key',
      sortType: 'text',
      idExpr: 't.id',
      sortValue: (r) => titleKey(r.title),
      map: mapTrack,
      ...page,
    });
  }

  async trackBy(by: { id?: number | null; isrc?: string | null }): Promise<TrackRecord | null> {
    const params = this.params();
    const cond = by.id ? `t.id = ${params.add(by.id)}` : `t.isrc = ${params.add(normaliseIsrc(by.isrc ?? '') ?? by.isrc)}`;
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT ${SELECT.track('t')} FROM tracks t WHERE ${cond}`,
      params.values,
    );
    return rows.length ? mapTrack(rows[0]) : null;
  }

  platforms(filter: { kind?: string | null; codes?: string[] | null }, page: Page): Promise<Connection<PlatformRecord>> {
    const params = this.params();
    const where: string[] = [];
    if (filter.kind) where.push(`p.kind = ${params.add(filter.kind)}`);
    if (filter.codes?.length) where.push(`p.code IN (${params.list(filter.codes)})`);
    return keysetPage(this.ds, {
      select: `SELECT ${SELECT.platform('p')} FROM platforms p`,
      from: 'platforms p',
      where,
      params,
      sortColumn: 'p.code',
      sortType: 'text',
      idExpr: 'p.id',
      sortValue: (r) => r.code,
      map: mapPlatform,
      ...page,
    });
  }

  campaigns(
    filter: { platform?: string | null; artistId?: number | null; trackId?: number | null; status?: string | null },
    page: Page,
  ): Promise<Connection<CampaignRecord>> {
    const params = this.params();
    const where: string[] = [];
    if (filter.platform) where.push(`c.platform_id IN (SELECT id FROM platforms WHERE code = ${params.add(filter.platform)})`);
    if (filter.artistId) where.push(`c.artist_id = ${params.add(filter.artistId)}`);
    if (filter.trackId) where.push(`c.track_id = ${params.add(filter.trackId)}`);
    if (filter.status) where.push(`c.status = ${params.add(filter.status)}`);
    return keysetPage(this.ds, {
      select: `SELECT ${SELECT.campaign('c')} FROM campaigns c`,
      from: 'campaigns c',
      where,
      params,
      sortColumn: 'c.id',
      sortType: 'integer',
      idExpr: 'c.id',
      sortValue: (r) => r.id,
      map: mapCampaign,
      ...page,
    });
  }

  /** `relations`: the asked ones are joined onto the page and primed into the request's loaders. */
  streams(
    range: DateRange | null | undefined,
    filter: StreamFilter | null | undefined,
    page: Page,
    relations?: JoinedRelations | null,
  ): Promise<Connection<StreamRecord>> {
    const params = this.params();
    return keysetPage(this.ds, {
      select: `SELECT ${streamColumns('s', (e) => this.dt(e))} FROM streams s`,
      from: 'streams s',
      where: streamWhere(filter, range, params),
      params,
      sortColumn: 's.date',
      sortType: 'date',
      idExpr: 's.id',
      sortValue: (r) => r.date,
      map: mapStream,
      join: factJoin('page', relations, ['platform', 'track', 'artist']),
      ...page,
    });
  }

  /**
   * Statement lines ordered by their date on the chosen basis, then id. `relations`: the asked ones
   * are joined onto the page and primed into the request's loaders.
   */
  transactions(
    range: DateRange | null | undefined,
    filter: RevenueFilter | null | undefined,
    dateBasis: DateBasis,
    page: Page,
    relations?: JoinedRelations | null,
  ): Promise<Connection<TransactionRecord>> {
    const params = this.params();
    const f = filter ?? {};
    const where: string[] = [];
    const dateCol = dateBasis === 'SALE_MONTH' ? 't.sale_month' : 't.reporting_date';
    if (range)
      where.push(
        `${dateCol} >= ${params.add(dateBasis === 'SALE_MONTH' ? `${range.from.slice(0, 7)}-01` : range.from)}`,
        `${dateCol} <= ${params.add(range.to)}`,
      );
    if (f.platforms?.length) where.push(`t.platform_id IN (SELECT id FROM platforms WHERE code IN (${params.list(f.platforms)}))`);
    if (f.stores?.length) where.push(`t.store_id IN (SELECT id FROM stores WHERE name IN (${params.list(f.stores)}))`);
    if (f.countries?.length) where.push(`t.country IN (${params.list(f.countries.map((c) => c.toUpperCase()))})`);
    if (f.artistIds?.length) where.push(`t.artist_id IN (${params.list(f.artistIds)})`);
    if (f.trackIds?.length) where.push(`t.track_id IN (${params.list(f.trackIds)})`);
    if (f.sources?.length) where.push(`t.source IN (${params.list(f.sources)})`);
    return keysetPage(this.ds, {
      select: `SELECT ${transactionColumns('t', (e) => this.dt(e))} FROM transactions t`,
      from: 'transactions t',
      where,
      params,
      sortColumn: dateCol,
      sortType: 'date',
      idExpr: 't.id',
      sortValue: (r) => (dateBasis === 'SALE_MONTH' ? `${r.saleMonth}-01` : r.reportingDate),
      map: mapTransaction,
      join: factJoin('page', relations, ['store', 'platform', 'track', 'artist']),
      ...page,
    });
  }
}
