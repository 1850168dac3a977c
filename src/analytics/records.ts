import type { Artist } from '../entities/artist.entity';
import { PLATFORM_KINDS, type Platform, type PlatformKind } from '../entities/platform.entity';
import type { Store } from '../entities/store.entity';
import type { Stream } from '../entities/stream.entity';
import type { Track } from '../entities/track.entity';

/**
 * Rows as the analytics services hand them to resolvers: the entity's own columns where they are
 * served as stored; facts keep money as nano-unit integer strings and dates as text.
 */
export type ArtistRecord = Pick<Artist, 'id' | 'name'>;
export type TrackRecord = Pick<Track, 'id' | 'title' | 'isrc' | 'primaryArtistId' | 'releaseId'>;
export type PlatformRecord = Pick<Platform, 'id' | 'code' | 'name' | 'kind'>;
export type StoreRecord = Pick<Store, 'id' | 'source' | 'name' | 'platformId'>;

export interface TransactionRecord {
  id: number;
  source: string;
  reportingDate: string;
  saleMonth: string;
  storeId: number;
  platformId: number;
  trackId: number | null;
  artistId: number | null;
  country: string | null;
  quantity: number;
  productType: string | null;
  teamPercentage: string;
  grossNano: string;
  withheldNano: string;
  netNano: string;
  currency: string;
}

export type StreamRecord = Pick<Stream, 'id' | 'source' | 'date' | 'platformId' | 'trackId' | 'artistId' | 'country' | 'streams'>;

export interface CampaignRecord {
  id: number;
  platformId: number;
  externalId: string;
  name: string;
  objective: string | null;
  status: string | null;
  artistId: number | null;
  trackId: number | null;
  effectiveStatus: string | null;
  dailyBudgetMinor: string | null;
  lifetimeBudgetMinor: string | null;
  currency: string | null;
  createdAt: Date;
  updatedAt: Date;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
// SQLite hands back 'YYYY-MM-DD HH:MM:SS' in UTC; PostgreSQL a Date.
const asDate = (v: unknown) => (v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`));
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Column lists and row mappers, so every query selects and maps an entity the same way. */
export const SELECT = {
  artist: (a: string) => `${a}.id, ${a}.name`,
  track: (t: string) => `${t}.id, ${t}.title, ${t}.isrc, ${t}.primary_artist_id, ${t}.release_id`,
  platform: (p: string) => `${p}.id, ${p}.code, ${p}.name, ${p}.kind`,
  store: (s: string) => `${s}.id, ${s}.source, ${s}.name, ${s}.platform_id`,
  campaign: (
    c: string,
  ) => `${c}.id, ${c}.platform_id, ${c}.external_id, ${c}.name, ${c}.objective, ${c}.status, ${c}.artist_id, ${c}.track_id, ${c}.effective_status,
    CAST(${c}.daily_budget_minor AS TEXT) AS daily_budget_minor, CAST(${c}.lifetime_budget_minor AS TEXT) AS lifetime_budget_minor, ${c}.currency, ${c}.created_at, ${c}.updated_at`,
};

export const mapArtist = (r: Row): ArtistRecord => ({ id: num(r.id), name: String(r.name) });
export const mapTrack = (r: Row): TrackRecord => ({
  id: num(r.id),
  title: String(r.title),
  isrc: strOrNull(r.isrc),
  primaryArtistId: numOrNull(r.primary_artist_id),
  releaseId: numOrNull(r.release_id),
});
/** A stored platform kind, checked against the kinds the column may hold. */
function platformKind(value: unknown): PlatformKind {
  const kind = PLATFORM_KINDS.find((k) => k === value);
  if (!kind) throw new Error(`platforms holds an unknown kind ${JSON.stringify(value)}`);
  return kind;
}

export const mapPlatform = (r: Row): PlatformRecord => ({
  id: num(r.id),
  code: String(r.code),
  name: String(r.name),
  kind: platformKind(r.kind),
});
export const mapStore = (r: Row): StoreRecord => ({
  id: num(r.id),
  source: String(r.source),
  name: String(r.name),
  platformId: num(r.platform_id),
});
export const mapCampaign = (r: Row): CampaignRecord => ({
  id: num(r.id),
  platformId: num(r.platform_id),
  externalId: String(r.external_id),
  name: String(r.name),
  objective: strOrNull(r.objective),
  status: strOrNull(r.status),
  artistId: numOrNull(r.artist_id),
  trackId: numOrNull(r.track_id),
  effectiveStatus: strOrNull(r.effective_status),
  dailyBudgetMinor: strOrNull(r.daily_budget_minor),
  lifetimeBudgetMinor: strOrNull(r.lifetime_budget_minor),
  currency: strOrNull(r.currency),
  createdAt: asDate(r.created_at),
  updatedAt: asDate(r.updated_at),
});
export const mapTransaction = (r: Row): TransactionRecord => ({
  id: num(r.id),
  source: String(r.source),
  reportingDate: String(r.reporting_date),
  saleMonth: String(r.sale_month).slice(0, 7),
  storeId: num(r.store_id),
  platformId: num(r.platform_id),
  trackId: numOrNull(r.track_id),
  artistId: numOrNull(r.artist_id),
  country: strOrNull(r.country),
  quantity: num(r.quantity),
  productType: strOrNull(r.product_type),
  teamPercentage: String(r.team_percentage),
  grossNano: String(r.gross_nano),
  withheldNano: String(r.withheld_nano),
  netNano: String(r.net_nano),
  currency: String(r.currency),
});
export const mapStream = (r: Row): StreamRecord => ({
  id: num(r.id),
  source: String(r.source),
  date: String(r.date),
  platformId: num(r.platform_id),
  trackId: numOrNull(r.track_id),
  artistId: numOrNull(r.artist_id),
  country: strOrNull(r.country),
  streams: num(r.streams),
});

/** Transaction columns with money as text and dates as YYYY-MM-DD, for either dialect. */
export function transactionColumns(t: string, dateText: (expr: string) => string): string {
  return `${t}.id, ${t}.source, ${dateText(`${t}.reporting_date`)} AS reporting_date, ${dateText(`${t}.sale_month`)} AS sale_month, ${t}.store_id,
    ${t}.platform_id, ${t}.track_id, ${t}.artist_id, ${t}.country, ${t}.quantity, ${t}.product_type, ${t}.team_percentage,
    CAST(${t}.gross_nano AS TEXT) AS gross_nano, CAST(${t}.withheld_nano AS TEXT) AS withheld_nano, CAST(${t}.net_nano AS TEXT) AS net_nano, ${t}.currency`;
}

export function streamColumns(t: string, dateText: (expr: string) => string): string {
  return `${t}.id, ${t}.source, ${dateText(`${t}.date`)} AS date, ${t}.platform_id, ${t}.track_id, ${t}.artist_id, ${t}.country, ${t}.streams`;
}
