import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams } from '../db/dialect';
import { AnalyticsError } from '../errors/analytics-error';
import { ADDITIVE_CAMPAIGN_MEASURE_COLUMNS } from '../entities/campaign-metrics';
import { EXTERNAL_ID_KINDS, type ExternalIdKind } from '../entities/artist-external-id.entity';
import { type CampaignMeasureSums, type CampaignSnapshotRecord, mapSnapshot, measureSumsOf, snapshotColumns } from './campaign.service';
import {
  type ArtistRecord,
  type CampaignRecord,
  mapArtist,
  mapCampaign,
  mapPlatform,
  mapStore,
  mapTrack,
  mapTransaction,
  type PlatformRecord,
  SELECT,
  type StoreRecord,
  type TrackRecord,
  type TransactionRecord,
  transactionColumns,
} from './records';

type Row = Record<string, unknown>;

/** Most statement lines a track's nested list returns. */
export const MAX_NESTED_TRANSACTIONS = 100;

/** A stored kind, checked against the kinds the table may hold. */
function externalIdKind(value: unknown): ExternalIdKind {
  const kind = EXTERNAL_ID_KINDS.find((k) => k === value);
  if (!kind) throw new Error(`artist_external_ids holds an unknown kind ${JSON.stringify(value)}`);
  return kind;
}

/** A loader of one relation by id that can also answer, without a promise, the ids it has already loaded. */
export type ByIdLoader<R> = DataLoader<number, R | null> & {
  /** The loaded value (null: no such row), or undefined when that id has not been loaded in this request. */
  peek(id: number): R | null | undefined;
};

/**
 * Batches one relation: every key of a request level goes into one `IN (…)` statement. What it
 * loaded, or was primed with (a list page's joined rows, fact-relations.ts), can be read back
 * synchronously (`peek`): a relation resolver answering a value instead of a promise spares
 * graphql-js a promise per row (see fact-relations.ts, and resolvers/point-relations.ts for series points).
 */
function byIds<R extends { id: number }>(ds: DataSource, sql: (inList: string) => string, map: (r: Row) => R): ByIdLoader<R> {
  const loaded = new Map<number, R | null>();
  const loader = new DataLoader<number, R | null>(async (ids) => {
    const p = new SqlParams(dialectOf(ds));
    const rows: Row[] = await ds.query(sql(p.list(ids)), p.values);
    const found = new Map(rows.map((r) => [Number(r.id), map(r)]));
    return ids.map((id) => {
      const value = found.get(id) ?? null;
      loaded.set(id, value);
      return value;
    });
  });
  const prime = loader.prime.bind(loader);
  return Object.assign(loader, {
    peek: (id: number) => loaded.get(id),
    prime: (id: number, value: R | null | Error) => {
      if (!(value instanceof Error) && !loaded.has(id)) loaded.set(id, value);
      return prime(id, value);
    },
  });
}

function groupedBy<R>(ds: DataSource, sql: (inList: string) => string, key: string, map: (r: Row) => R) {
  return new DataLoader<number, R[]>(async (ids) => {
    const p = new SqlParams(dialectOf(ds));
    const rows: Row[] = await ds.query(sql(p.list(ids)), p.values);
    const groups = new Map<number, R[]>(ids.map((id) => [id, []]));
    for (const r of rows) groups.get(Number(r[key]))?.push(map(r));
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/** One day of a campaign, measures as exact integers. */
export interface CampaignDayRecord extends CampaignMeasureSums {
  date: string;
  reach: bigint | null;
}

function mapCampaignDay(r: Row): CampaignDayRecord {
  return { date: String(r.date), ...measureSumsOf(r), reach: r.reach == null ? null : BigInt(String(r.reach)) };
}

export interface TrackWithRole extends TrackRecord {
  role: string;
}
export interface ArtistWithRole extends ArtistRecord {
  role: string;
}

/** All DataLoaders of one request. Created fresh per request so no data leaks between callers. */
export function createLoaders(ds: DataSource) {
  const d = dialectOf(ds);
  const transactionsByTrack = new Map<number, DataLoader<number, TransactionRecord[]>>();
  const daysByRange = new Map<string, DataLoader<number, CampaignDayRecord[]>>();
  return {
    campaign: byIds<CampaignRecord>(ds, (ids) => `SELECT ${SELECT.campaign('c')} FROM campaigns c WHERE c.id IN (${ids})`, mapCampaign),
    /** Daily delivery of each campaign of the level in one range, in one statement. */
    campaignDays(range: { from: string; to: string }): DataLoader<number, CampaignDayRecord[]> {
      const key = `${range.from}|${range.to}`;
      let loader = daysByRange.get(key);
      if (!loader) {
        loader = new DataLoader<number, CampaignDayRecord[]>(async (ids) => {
          const p = new SqlParams(d);
          const rows: Row[] = await ds.query(
            `SELECT campaign_id, ${dateText(d, 'date')} AS date, ${ADDITIVE_CAMPAIGN_MEASURE_COLUMNS.map((m) => `CAST(${m} AS TEXT) AS ${m}`).join(', ')}, CAST(reach AS TEXT) AS reach
             FROM campaign_daily WHERE campaign_id IN (${p.list(ids)}) AND date >= ${p.add(range.from)} AND date <= ${p.add(range.to)} ORDER BY campaign_id, date`,
            p.values,
          );
          const groups = new Map<number, CampaignDayRecord[]>(ids.map((id) => [id, []]));
          for (const r of rows) groups.get(Number(r.campaign_id))?.push(mapCampaignDay(r));
          return ids.map((id) => groups.get(id) ?? []);
        });
        daysByRange.set(key, loader);
      }
      return loader;
    },
    /** Every snapshot of each campaign of the level, oldest first, in one statement. */
    campaignSnapshots: groupedBy<CampaignSnapshotRecord>(
      ds,
      (ids) => `SELECT ${snapshotColumns(d)} FROM campaign_snapshots WHERE campaign_id IN (${ids}) ORDER BY campaign_id, as_of`,
      'campaign_id',
      mapSnapshot,
    ),
    artist: byIds(ds, (ids) => `SELECT ${SELECT.artist('a')} FROM artists a WHERE a.id IN (${ids})`, mapArtist),
    track: byIds(ds, (ids) => `SELECT ${SELECT.track('t')} FROM tracks t WHERE t.id IN (${ids})`, mapTrack),
    platform: byIds<PlatformRecord>(ds, (ids) => `SELECT ${SELECT.platform('p')} FROM platforms p WHERE p.id IN (${ids})`, mapPlatform),
    store: byIds<StoreRecord>(ds, (ids) => `SELECT ${SELECT.store('s')} FROM stores s WHERE s.id IN (${ids})`, mapStore),
    externalIdsOfArtist: groupedBy(
      ds,
      (ids) => `SELECT artist_id, kind, external_id FROM artist_external_ids WHERE artist_id IN (${ids}) ORDER BY kind, external_id`,
      'artist_id',
      (r) => ({ kind: externalIdKind(r.kind), externalId: String(r.external_id) }),
    ),
    placeholderArtist: new DataLoader<number, boolean>(async (ids) => {
      const p = new SqlParams(d);
      const rows: Row[] = await ds.query(`SELECT id, is_placeholder FROM artists WHERE id IN (${p.list(ids)})`, p.values);
      const flags = new Map(rows.map((r) => [Number(r.id), r.is_placeholder === true || Number(r.is_placeholder) === 1]));
      return ids.map((id) => flags.get(id) ?? false);
    }),
    aliasesOfArtist: groupedBy(
      ds,
      (ids) => `SELECT artist_id, alias FROM artist_aliases WHERE artist_id IN (${ids}) ORDER BY alias_key, id`,
      'artist_id',
      (r) => String(r.alias),
    ),
    tracksOfArtist: groupedBy<TrackWithRole>(
      ds,
      (ids) => `SELECT ta.artist_id, ta.role, ${SELECT.track('t')} FROM track_artists ta JOIN tracks t ON t.id = ta.track_id
        WHERE ta.artist_id IN (${ids}) ORDER BY t.title_key, t.id`,
      'artist_id',
      (r) => ({ ...mapTrack(r), role: String(r.role) }),
    ),
    artistsOfTrack: groupedBy<ArtistWithRole>(
      ds,
      (ids) => `SELECT ta.track_id, ta.role, ${SELECT.artist('a')} FROM track_artists ta JOIN artists a ON a.id = ta.artist_id
        WHERE ta.track_id IN (${ids}) ORDER BY CASE WHEN ta.role = 'primary' THEN 0 ELSE 1 END, a.name_key, a.id`,
      'track_id',
      (r) => ({ ...mapArtist(r), role: String(r.role) }),
    ),
    /** The latest `first` statement lines (0 to MAX_NESTED_TRANSACTIONS) of each track, in one statement for all tracks of the level. */
    transactionsOfTrack(first: number): DataLoader<number, TransactionRecord[]> {
      if (first < 0 || first > MAX_NESTED_TRANSACTIONS)
        throw new AnalyticsError('PAGE_TOO_LARGE', `nested \`first\` must be between 0 and ${MAX_NESTED_TRANSACTIONS}`);
      let loader = transactionsByTrack.get(first);
      if (!loader) {
        loader = groupedBy(
          ds,
          (ids) =>
            d === 'postgres'
              ? // One backward range of (track_id, reporting_date, id) per track, `first` rows each.
                `SELECT x.* FROM unnest(ARRAY[${ids}]::integer[]) AS k(track_id)
                CROSS JOIN LATERAL (
                  SELECT ${transactionColumns('t', (e) => dateText(d, e))} FROM transactions t
                  WHERE t.track_id = k.track_id ORDER BY t.reporting_date DESC, t.id DESC LIMIT ${Math.floor(first)}) x
                ORDER BY x.track_id, x.reporting_date DESC, x.id DESC`
              : `SELECT * FROM (
                  SELECT ${transactionColumns('t', (e) => dateText(d, e))},
                    ROW_NUMBER() OVER (PARTITION BY t.track_id ORDER BY t.reporting_date DESC, t.id DESC) AS rn
                  FROM transactions t WHERE t.track_id IN (${ids})) ranked
                WHERE rn <= ${Math.floor(first)} ORDER BY track_id, rn`,
          'track_id',
          mapTransaction,
        );
        transactionsByTrack.set(first, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
