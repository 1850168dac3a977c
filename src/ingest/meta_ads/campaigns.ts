/**
 * Campaign dimension rows for Meta Ads: upserted by (platform meta_ads, external id), created on
 * first sight from an insight or an Ads Manager row, and linked to an artist and a track only
 * when a part of the campaign name names one we already know.
 */
import { SqlParams } from '../../db/dialect';
import { artistKey, cleanName, splitCollaboration, titleKey } from '../../domain/names';
import type { LoadContext } from '../source-stream';
import { timestampParam } from '../upsert';
import type { CampaignRecord } from './graph-records';

export const META_PLATFORM_CODE = 'meta_ads';
const EXTERNAL_ID_MAX = 100;

// Names follow loose conventions (`ARTIST - TRACK - TARGETING`, `TRACK - Streaming - Copy 2`,
// `ARTIST | TRACK`): parts are split on dashes with spaces around them and on pipes, so a hyphen
// inside a word (`lo-fi`) does not split it.
const NAME_PART_SEPARATOR = /\s+[-–—]\s+|\s*\|\s*/;

export interface NameLinks {
  artistId: number | null;
  trackId: number | null;
}

/**
 * Looks names up without creating anything (DimensionResolver creates what it does not find,
 * which would turn every targeting label into an artist). Cached for the life of one load.
 */
export class CatalogueMatcher {
  private readonly artistByKey = new Map<string, number | null>();
  private readonly tracksByKey = new Map<string, Array<{ id: number; artists: number[] }>>();

  constructor(private readonly ctx: LoadContext) {}

  private async query<T>(build: (p: SqlParams) => string): Promise<T[]> {
    const p = new SqlParams(this.ctx.dialect);
    const sql = build(p);
    return this.ctx.manager.query(sql, p.values);
  }

  async artist(part: string): Promise<number | null> {
    const key = artistKey(cleanName(part));
    if (key === '') return null;
    if (this.artistByKey.has(key)) return this.artistByKey.get(key)!;
    let rows = await this.query<{ id: number | string }>(
      (p) => `SELECT artist_id AS id FROM artist_aliases WHERE alias_key = ${p.add(key)} ORDER BY id LIMIT 1`,
    );
    if (rows.length === 0) rows = await this.query<{ id: number | string }>((p) => `SELECT id FROM artists WHERE name_key = ${p.add(key)}`);
    const id = rows.length ? Number(rows[0].id) : null;
    this.artistByKey.set(key, id);
    return id;
  }

  /**
   * Tracks whose title is `part` once featuring credits are set aside on both sides (`HEAVEN
   * NIGHTCLUB` is `HEAVEN NIGHTCLUB (feat. ZONE A0)`), with every artist credited on each.
   */
  async tracks(part: string): Promise<Array<{ id: number; artists: number[] }>> {
    const key = titleMatchKey(part);
    if (key === '') return [];
    const cached = this.tracksByKey.get(key);
    if (cached) return cached;
    // Candidates: the same folded title, or one that goes on after it (a credit in brackets).
    const prefix = `${key.replace(/[!%_]/g, '!$&')} %`;
    const rows = await this.query<{
      id: number | string;
      title: string;
      primary_artist_id: number | string | null;
      artist_id: number | string | null;
    }>(
      (p) => `SELECT t.id, t.title, t.primary_artist_id, ta.artist_id FROM tracks t LEFT JOIN track_artists ta ON ta.track_id = t.id
              WHERE t.title_key = ${p.add(key)} OR t.title_key LIKE ${p.add(prefix)} ESCAPE '!' ORDER BY t.id`,
    );
    const byId = new Map<number, Set<number>>();
    for (const r of rows.filter((row) => titleMatchKey(row.title) === key)) {
      const set = byId.get(Number(r.id)) ?? new Set<number>();
      if (r.primary_artist_id !== null) set.add(Number(r.primary_artist_id));
      if (r.artist_id !== null) set.add(Number(r.artist_id));
      byId.set(Number(r.id), set);
    }
    const found = [...byId].map(([id, artists]) => ({ id, artists: [...artists] }));
    this.tracksByKey.set(key, found);
    return found;
  }

  /**
   * The artist is the first part naming a known artist (a collaboration part counts by its
   * primary artist); the track is a later or earlier part naming exactly one known track (of that
   * artist when there is one). Ambiguity leaves the link unset: a wrong attribution of ad spend is
   * worse than none. A track found alone gives its own credited artist when it has exactly one.
   */
  async links(campaignName: string): Promise<NameLinks> {
    const parts = cleanName(campaignName)
      .split(NAME_PART_SEPARATOR)
      .map((s) => s.trim())
      .filter(Boolean);
    let artistId: number | null = null;
    let artistPart = -1;
    for (const [i, part] of parts.entries()) {
      artistId = await this.artist(part);
      if (artistId === null) {
        const members = splitCollaboration(part);
        if (members.length > 1) artistId = await this.artist(members[0]);
      }
      if (artistId !== null) {
        artistPart = i;
        break;
      }
    }
    let trackId: number | null = null;
    for (const [i, part] of parts.entries()) {
      if (i === artistPart) continue;
      const candidates = (await this.tracks(part)).filter((t) => artistId === null || t.artists.includes(artistId));
      if (candidates.length === 1) {
        trackId = candidates[0].id;
        if (artistId === null && candidates[0].artists.length === 1) artistId = candidates[0].artists[0];
        break;
      }
      if (candidates.length > 1) break;
    }
    return { artistId, trackId };
  }
}

// A featuring credit in brackets: `(feat. X)`, `[feat X]`, `(ft. X)`, `(featuring X)`, `(with X)`.
// Other brackets and suffixes (`(Remix)`, `- Remix`, `(Live)`) name another version and stay.
const FEATURING_CREDIT = /\s*[([]\s*(?:feat\.?|ft\.?|featuring|with)\s[^)\]]*[)\]]/gi;

/** A title's folded key with featuring credits removed: the form campaign names and catalogue titles are compared in. */
export function titleMatchKey(title: string): string {
  return titleKey(cleanName(title).replace(FEATURING_CREDIT, ''));
}

/** The `campaigns` columns a campaign listing fills, in table order (staging copies them too). */
export const CAMPAIGN_LISTING_COLUMNS = [
  'external_id',
  'name',
  'objective',
  'status',
  'effective_status',
  'daily_budget_minor',
  'lifetime_budget_minor',
  'currency',
  'external_created_at',
  'external_updated_at',
] as const;

/** Campaign ids by external id, created on demand; one per load. */
export class CampaignRegistry {
  private readonly ids = new Map<string, number>();
  private readonly byName = new Map<string, number>();
  private platformId: number | null = null;
  readonly matcher: CatalogueMatcher;
  created = 0;

  constructor(private readonly ctx: LoadContext) {
    this.matcher = new CatalogueMatcher(ctx);
  }

  async platform(): Promise<number> {
    this.platformId ??= await this.ctx.dims.platformId(META_PLATFORM_CODE);
    return this.platformId;
  }

  private async select(externalId: string): Promise<number | null> {
    const platformId = await this.platform();
    const p = new SqlParams(this.ctx.dialect);
    const rows: Array<{ id: number | string }> = await this.ctx.manager.query(
      `SELECT id FROM campaigns WHERE platform_id = ${p.add(platformId)} AND external_id = ${p.add(externalId)}`,
      p.values,
    );
    return rows.length ? Number(rows[0].id) : null;
  }

  /**
   * The campaign an insight or a report row refers to. A campaign not seen before is created from
   * what the row knows (id and name); one already known is left as it is, since the campaigns
   * listing, not a report row, is the authority on names and settings. The currency is filled in
   * when the campaign has none yet.
   */
  async ensure(externalId: string, name: string | null, currency: string | null): Promise<number> {
    const known = this.ids.get(externalId);
    if (known !== undefined) return known;
    let id = await this.select(externalId);
    if (id === null) {
      const displayName = name ?? externalId;
      const links = await this.matcher.links(displayName);
      const p = new SqlParams(this.ctx.dialect);
      const rows: Array<{ id: number | string }> = await this.ctx.manager.query(
        `INSERT INTO campaigns (platform_id, external_id, name, currency, artist_id, track_id)
         VALUES (${p.list([await this.platform(), externalId, displayName.slice(0, 400), currency, links.artistId, links.trackId])}) RETURNING id`,
        p.values,
      );
      id = Number(rows[0].id);
      this.created++;
    } else if (currency !== null) {
      const p = new SqlParams(this.ctx.dialect);
      await this.ctx.manager.query(
        `UPDATE campaigns SET currency = ${p.add(currency)} WHERE id = ${p.add(id)} AND currency IS NULL`,
        p.values,
      );
    }
    this.ids.set(externalId, id);
    return id;
  }

  /**
   * A campaign named in an Ads Manager export, which carries no ids: the one meta_ads campaign of
   * that exact name, else a campaign of its own with external id `name:<name>`. Several campaigns
   * with the same name are not told apart by guessing; the rows go to the `name:` campaign.
   */
  async byNameOrCreate(name: string, currency: string | null): Promise<number> {
    const cached = this.byName.get(name);
    if (cached !== undefined) return cached;
    const platformId = await this.platform();
    const p = new SqlParams(this.ctx.dialect);
    const rows: Array<{ id: number | string }> = await this.ctx.manager.query(
      `SELECT id FROM campaigns WHERE platform_id = ${p.add(platformId)} AND name = ${p.add(name)} AND external_id NOT LIKE 'name:%' ORDER BY id`,
      p.values,
    );
    const id = rows.length === 1 ? Number(rows[0].id) : await this.ensure(nameExternalId(name), name, currency);
    this.byName.set(name, id);
    return id;
  }

  /**
   * Upserts campaigns from a campaigns listing. The platform's updated_time orders versions: a
   * listing older than what is stored (loaded late) changes nothing; a campaign created earlier
   * from an insight (no updated_time yet) takes the listing's details. Artist and track are
   * parsed again, so links follow a renamed campaign and artists loaded since.
   */
  async upsert(records: CampaignRecord[]): Promise<{ written: number; unchanged: number }> {
    const platformId = await this.platform();
    // A repeated id within one file: the last (most recently listed) version wins.
    const unique = [...new Map(records.map((r) => [r.externalId, r])).values()];
    const columns = ['platform_id', ...CAMPAIGN_LISTING_COLUMNS, 'artist_id', 'track_id'];
    const updated = columns.slice(2).filter((c) => c !== 'currency');
    let written = 0;
    for (const r of unique) {
      const links = await this.matcher.links(r.name);
      const ts = (d: Date | null) => (d === null ? null : timestampParam(this.ctx.dialect, d));
      const p = new SqlParams(this.ctx.dialect);
      const values = p.list([
        platformId,
        r.externalId,
        r.name.slice(0, 400),
        r.objective,
        r.status,
        r.effectiveStatus,
        r.dailyBudgetMinor,
        r.lifetimeBudgetMinor,
        r.currency,
        ts(r.createdAt),
        ts(r.updatedAt),
        links.artistId,
        links.trackId,
      ]);
      const changed = [
        ...updated.map((c) => `campaigns.${c} IS DISTINCT FROM excluded.${c}`),
        'excluded.currency IS NOT NULL AND campaigns.currency IS DISTINCT FROM excluded.currency',
      ];
      const rows: Array<{ id: number | string }> = await this.ctx.manager.query(
        `INSERT INTO campaigns (${columns.join(', ')}) VALUES (${values})
         ON CONFLICT (platform_id, external_id) DO UPDATE SET ${updated.map((c) => `${c} = excluded.${c}`).join(', ')},
           currency = COALESCE(excluded.currency, campaigns.currency), updated_at = CURRENT_TIMESTAMP
         WHERE (campaigns.external_updated_at IS NULL OR excluded.external_updated_at IS NULL OR campaigns.external_updated_at <= excluded.external_updated_at)
           AND (${changed.join(' OR ')})
         RETURNING id`,
        p.values,
      );
      written += rows.length;
      this.ids.delete(r.externalId);
    }
    return { written, unchanged: unique.length - written };
  }
}

/** `name:<campaign name>`, shortened with a hash when the name would not fit the external id column. */
export function nameExternalId(name: string): string {
  const id = `name:${name}`;
  if (id.length <= EXTERNAL_ID_MAX) return id;
  // FNV-1a is enough to keep long names apart; the full name is in campaigns.name.
  let h = 0x811c9dc5;
  for (let k = 0; k < name.length; k++) h = Math.imul(h ^ name.charCodeAt(k), 0x01000193) >>> 0;
  return `${id.slice(0, EXTERNAL_ID_MAX - 10)}~${h.toString(16).padStart(8, '0')}`;
}
