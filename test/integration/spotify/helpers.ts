/**
 * Queries for the Spotify for Artists tests, written against the tables directly so expected
 * values come from the generators and never from the code under test.
 */
import type { Harness } from '../ingest/helpers';
import { q } from '../ingest/helpers';

export interface AudienceRow {
  artist: string;
  date: string;
  listeners: number | null;
  streams: number | null;
  followers: number | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function audienceRows(h: Harness): Promise<AudienceRow[]> {
  const rows = await q<Record<string, unknown>>(
    h.ds,
    `SELECT a.name AS artist, CAST(d.date AS TEXT) AS date, d.listeners, d.streams, d.followers
     FROM audience_daily d JOIN artists a ON a.id = d.artist_id WHERE d.source = 'spotify' ORDER BY a.name, d.date`,
  );
  return rows.map((r) => ({
    artist: String(r.artist),
    date: String(r.date),
    listeners: num(r.listeners),
    streams: num(r.streams),
    followers: num(r.followers),
  }));
}

export interface SongMetricRow {
  artist: string;
  title: string;
  period: string;
  day: string;
  streams: string | null;
  listeners: string | null;
  savers: string | null;
  canvasViews: string | null;
  isDisabled: boolean;
}

const big = (v: unknown): string | null => (v === null || v === undefined ? null : BigInt(v as string | number).toString());

export async function songRows(h: Harness): Promise<SongMetricRow[]> {
  const rows = await q<Record<string, unknown>>(
    h.ds,
    `SELECT a.name AS artist, t.title, m.period, CAST(m.extraction_date AS TEXT) AS day, CAST(m.streams AS TEXT) AS streams,
       CAST(m.listeners AS TEXT) AS listeners, CAST(m.savers AS TEXT) AS savers, CAST(m.canvas_views AS TEXT) AS canvas_views, m.is_disabled
     FROM song_metrics m JOIN tracks t ON t.id = m.track_id JOIN artists a ON a.id = t.primary_artist_id
     WHERE m.source = 'spotify' ORDER BY m.extraction_date, m.period, t.title`,
  );
  return rows.map((r) => ({
    artist: String(r.artist),
    title: String(r.title),
    period: String(r.period),
    day: String(r.day).slice(0, 10),
    streams: big(r.streams),
    listeners: big(r.listeners),
    savers: big(r.savers),
    canvasViews: big(r.canvas_views),
    isDisabled: r.is_disabled === true || Number(r.is_disabled) === 1,
  }));
}

export async function count(h: Harness, table: string): Promise<number> {
  const [r] = await q<{ n: number | string }>(h.ds, `SELECT COUNT(*) AS n FROM ${table}`);
  return Number(r.n);
}

export async function artistNames(h: Harness): Promise<string[]> {
  const rows = await q<{ name: string }>(h.ds, 'SELECT name FROM artists ORDER BY name');
  return rows.map((r) => r.name);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
