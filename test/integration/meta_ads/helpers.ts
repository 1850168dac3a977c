/**
 * Shared pieces of the Meta Ads ingestion tests: a catalogue seeded straight into the warehouse
 * (so campaign names have known artists and tracks to match), and warehouse queries returning
 * exact text for bigint sums. Expectations are computed by the tests from the generator's own
 * values; nothing here calls the Meta Ads parsers.
 */
import type { DataSource } from 'typeorm';
import { centsToNano, type SampleDay } from '../../../demo/sample-exports/meta_ads';
import { type Harness, q } from '../ingest/helpers';

export interface SeededCatalogue {
  artists: Record<string, number>;
  tracks: Record<string, number>;
}

/** Folded keys written by hand (independent of src/ingest/names.ts). */
const CATALOGUE: Array<{ name: string; key: string; aliases: Array<[string, string]>; tracks: Array<[string, string]> }> = [
  // Artist keys drop separators (`zonea0`); title keys keep word boundaries (`night drive`).
  {
    name: 'ZONE A0',
    key: 'zonea0',
    aliases: [
      ['ZONE A0', 'zonea0'],
      ['zone.a0', 'zonea0'],
    ],
    tracks: [
      ['Night Drive', 'night drive'],
      ['Static Bloom', 'static bloom'],
    ],
  },
  { name: 'pig1987', key: 'pig1987', aliases: [['pig1987', 'pig1987']], tracks: [['Paper Moons', 'paper moons']] },
];

async function insertId(h: Pick<Harness, 'ds'>, sql: string, params: unknown[]): Promise<number> {
  const rows = await q<{ id: number | string }>(h.ds, `${sql} RETURNING id`, params);
  return Number(rows[0].id);
}

export async function seedCatalogue(h: Pick<Harness, 'ds'>): Promise<SeededCatalogue> {
  const out: SeededCatalogue = { artists: {}, tracks: {} };
  for (const a of CATALOGUE) {
    const artistId = await insertId(h, 'INSERT INTO artists (name, name_key) VALUES (?, ?)', [a.name, a.key]);
    out.artists[a.name] = artistId;
    for (const [alias, key] of a.aliases)
      await q(h.ds, 'INSERT INTO artist_aliases (alias, alias_key, artist_id) VALUES (?, ?, ?)', [alias, key, artistId]);
    for (const [title, key] of a.tracks) {
      const trackId = await insertId(h, 'INSERT INTO tracks (title, title_key, primary_artist_id) VALUES (?, ?, ?)', [
        title,
        key,
        artistId,
      ]);
      await q(h.ds, "INSERT INTO track_artists (track_id, artist_id, role) VALUES (?, ?, 'primary')", [trackId, artistId]);
      out.tracks[title] = trackId;
    }
  }
  return out;
}

export interface CampaignRow {
  external_id: string;
  name: string;
  objective: string | null;
  status: string | null;
  effective_status: string | null;
  daily_budget_minor: string | null;
  lifetime_budget_minor: string | null;
  currency: string | null;
  created: string | null;
  updated: string | null;
  artist_id: number | null;
  track_id: number | null;
}

/** A timestamp column as UTC text `YYYY-MM-DDTHH:MM:SS`, formatted by the database (no driver time zone involved). */
const tsText = (ds: DataSource, col: string): string =>
  ds.options.type === 'postgres' ? `to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS')` : `strftime('%Y-%m-%dT%H:%M:%S', ${col})`;

export async function campaigns(ds: DataSource): Promise<CampaignRow[]> {
  const rows = await q<Record<string, unknown>>(
    ds,
    `SELECT c.external_id, c.name, c.objective, c.status, c.effective_status, CAST(c.daily_budget_minor AS TEXT) AS daily_budget_minor,
       CAST(c.lifetime_budget_minor AS TEXT) AS lifetime_budget_minor, c.currency, ${tsText(ds, 'c.external_created_at')} AS created, ${tsText(ds, 'c.external_updated_at')} AS updated, c.artist_id, c.track_id
     FROM campaigns c JOIN platforms p ON p.id = c.platform_id WHERE p.code = 'meta_ads' ORDER BY c.external_id`,
  );
  return rows.map((r) => ({
    external_id: String(r.external_id),
    name: String(r.name),
    objective: (r.objective as string | null) ?? null,
    status: (r.status as string | null) ?? null,
    effective_status: (r.effective_status as string | null) ?? null,
    daily_budget_minor: (r.daily_budget_minor as string | null) ?? null,
    lifetime_budget_minor: (r.lifetime_budget_minor as string | null) ?? null,
    currency: (r.currency as string | null) ?? null,
    created: (r.created as string | null) ?? null,
    updated: (r.updated as string | null) ?? null,
    artist_id: r.artist_id === null ? null : Number(r.artist_id),
    track_id: r.track_id === null ? null : Number(r.track_id),
  }));
}

export interface DailyRow {
  campaign: string;
  date: string;
  spend: string;
  impressions: number;
  clicks: number;
  reach: number | null;
  link_clicks: number;
  post_engagement: number;
  view_content: number;
  add_to_cart: number;
  initiate_checkout: number;
  purchase: number;
}

const MEASURES =
  'CAST(f.spend_nano AS TEXT) AS spend, f.impressions, f.clicks, f.reach, f.link_clicks, f.post_engagement, f.view_content, f.add_to_cart, f.initiate_checkout, f.purchase';

function measures(r: Record<string, unknown>) {
  return {
    spend: String(r.spend),
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
    reach: r.reach === null ? null : Number(r.reach),
    link_clicks: Number(r.link_clicks),
    post_engagement: Number(r.post_engagement),
    view_content: Number(r.view_content),
    add_to_cart: Number(r.add_to_cart),
    initiate_checkout: Number(r.initiate_checkout),
    purchase: Number(r.purchase),
  };
}

const dateText = (ds: DataSource, col: string): string => (ds.options.type === 'postgres' ? `to_char(${col}, 'YYYY-MM-DD')` : col);

/** Every campaign_daily row, by campaign external id and date. */
/** Generated sample days as the campaign_daily rows they must load into, in `dailyRows` order. */
export function expectedDailyRows(days: SampleDay[]): DailyRow[] {
  return days
    .map((d) => ({
      campaign: d.campaignId,
      date: d.date,
      spend: centsToNano(d.spendCents).toString(),
      impressions: d.impressions,
      clicks: d.clicks,
      reach: d.reach,
      link_clicks: d.linkClicks,
      post_engagement: d.postEngagement,
      view_content: d.viewContent,
      add_to_cart: d.addToCart,
      initiate_checkout: d.initiateCheckout,
      purchase: d.purchase,
    }))
    .sort((a, b) => (a.campaign !== b.campaign ? (a.campaign < b.campaign ? -1 : 1) : a.date < b.date ? -1 : 1));
}

export async function dailyRows(ds: DataSource): Promise<DailyRow[]> {
  const rows = await q<Record<string, unknown>>(
    ds,
    `SELECT c.external_id AS campaign, ${dateText(ds, 'f.date')} AS date, ${MEASURES}
     FROM campaign_daily f JOIN campaigns c ON c.id = f.campaign_id ORDER BY c.external_id, f.date`,
  );
  return rows.map((r) => ({ campaign: String(r.campaign), date: String(r.date), ...measures(r) }));
}

export interface PeriodRow extends Omit<DailyRow, 'date'> {
  adset_key: string;
  adset_name: string | null;
  date_start: string;
  date_stop: string;
}

export async function periodRows(ds: DataSource): Promise<PeriodRow[]> {
  const rows = await q<Record<string, unknown>>(
    ds,
    `SELECT c.external_id AS campaign, f.adset_key, f.adset_name, ${dateText(ds, 'f.date_start')} AS date_start, ${dateText(ds, 'f.date_stop')} AS date_stop, ${MEASURES}
     FROM campaign_period_totals f JOIN campaigns c ON c.id = f.campaign_id ORDER BY c.external_id, f.adset_key, f.date_start, f.date_stop`,
  );
  return rows.map((r) => ({
    campaign: String(r.campaign),
    adset_key: String(r.adset_key),
    adset_name: (r.adset_name as string | null) ?? null,
    date_start: String(r.date_start),
    date_stop: String(r.date_stop),
    ...measures(r),
  }));
}

/** Exact sum of spend_nano of a table, as decimal text. */
export async function spendSum(ds: DataSource, table: 'campaign_daily' | 'campaign_period_totals' | 'campaign_snapshots'): Promise<string> {
  const [r] = await q<{ s: string }>(ds, `SELECT CAST(COALESCE(SUM(spend_nano), 0) AS TEXT) AS s FROM ${table}`);
  return String(r.s);
}

export interface SnapshotRow {
  campaign: string;
  as_of: string;
  since: string;
  grain: string;
  adset_count: number | null;
  spend: string;
  impressions: number;
  clicks: number;
  reach: number | null;
}

/** Every campaign_snapshots row, by campaign external id and as-of day. */
export async function snapshotRows(ds: DataSource): Promise<SnapshotRow[]> {
  const rows = await q<Record<string, unknown>>(
    ds,
    `SELECT c.external_id AS campaign, ${dateText(ds, 's.as_of')} AS as_of, ${dateText(ds, 's.since')} AS since, s.grain, s.adset_count,
       CAST(s.spend_nano AS TEXT) AS spend, s.impressions, s.clicks, s.reach
     FROM campaign_snapshots s JOIN campaigns c ON c.id = s.campaign_id ORDER BY c.external_id, s.as_of`,
  );
  return rows.map((r) => ({
    campaign: String(r.campaign),
    as_of: String(r.as_of),
    since: String(r.since),
    grain: String(r.grain),
    adset_count: r.adset_count === null ? null : Number(r.adset_count),
    spend: String(r.spend),
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
    reach: r.reach === null ? null : Number(r.reach),
  }));
}

export async function counts(ds: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['campaigns', 'campaign_daily', 'campaign_period_totals', 'campaign_snapshots', 'artists', 'tracks']) {
    const [r] = await q<{ n: number | string }>(ds, `SELECT COUNT(*) AS n FROM ${t}`);
    out[t] = Number(r.n);
  }
  return out;
}
