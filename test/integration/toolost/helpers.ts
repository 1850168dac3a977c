/**
 * Warehouse reads for the TooLost tests, written independently of the loaders: plain SQL over
 * the tables the streams fill, values returned as numbers / decimal strings.
 */
import type { Harness } from '../ingest/helpers';
import { q } from '../ingest/helpers';

export type Day = { date: string; streams: number };

export async function dailyStreams(h: Harness, source: string, platform: string): Promise<Day[]> {
  const rows = await q<{ date: string; streams: number | string; track_id: unknown; artist_id: unknown; country: unknown }>(
    h.ds,
    `SELECT CAST(s.date AS TEXT) AS date, s.streams, s.track_id, s.artist_id, s.country
     FROM streams s JOIN platforms p ON p.id = s.platform_id WHERE s.source = ? AND p.code = ? ORDER BY s.date`,
    [source, platform],
  );
  for (const r of rows) expect([r.track_id, r.artist_id, r.country]).toEqual([null, null, null]);
  return rows.map((r) => ({ date: r.date, streams: Number(r.streams) }));
}

export async function promotionCosts(
  h: Harness,
): Promise<Array<{ month: string; platform: string; streams: number; feesNano: string; currency: string }>> {
  const rows = await q<{ month: string; code: string; streams: number | string; fees_nano: number | string; currency: string }>(
    h.ds,
    `SELECT CAST(c.month AS TEXT) AS month, p.code, c.streams, CAST(c.fees_nano AS TEXT) AS fees_nano, c.currency
     FROM promotion_costs c JOIN platforms p ON p.id = c.platform_id WHERE c.source = 'toolost' ORDER BY c.month`,
  );
  return rows.map((r) => ({
    month: r.month,
    platform: r.code,
    streams: Number(r.streams),
    feesNano: String(r.fees_nano),
    currency: r.currency,
  }));
}

export async function shazamDays(h: Harness): Promise<Array<{ date: string; recognitions: number }>> {
  const rows = await q<{ date: string; value: number | string }>(
    h.ds,
    `SELECT CAST(m.date AS TEXT) AS date, m.value FROM platform_daily_metrics m JOIN platforms p ON p.id = m.platform_id
     WHERE m.source = 'toolost' AND p.code = 'shazam' AND m.metric = 'recognitions' ORDER BY m.date`,
  );
  return rows.map((r) => ({ date: r.date, recognitions: Number(r.value) }));
}

export interface PeriodRow {
  periodStart: string;
  periodEnd: string;
  isrc: string | null;
  title: string | null;
  country: string | null;
  streams: number;
}

export async function periodTotals(h: Harness): Promise<PeriodRow[]> {
  const rows = await q<{
    ps: string;
    pe: string;
    isrc: string | null;
    title: string | null;
    country: string | null;
    streams: number | string;
  }>(
    h.ds,
    `SELECT CAST(t.period_start AS TEXT) AS ps, CAST(t.period_end AS TEXT) AS pe, tr.isrc, tr.title, t.country, t.streams
     FROM stream_period_totals t JOIN platforms p ON p.id = t.platform_id LEFT JOIN tracks tr ON tr.id = t.track_id
     WHERE t.source = 'toolost' AND p.code = 'apple_music' ORDER BY t.period_end, tr.isrc, t.country`,
  );
  return rows.map((r) => ({
    periodStart: r.ps,
    periodEnd: r.pe,
    isrc: r.isrc,
    title: r.title,
    country: r.country,
    streams: Number(r.streams),
  }));
}

export async function count(h: Harness, table: string, where = '1 = 1'): Promise<number> {
  const [r] = await q<{ n: number | string }>(h.ds, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`);
  return Number(r.n);
}

/** Every table a TooLost file can write to, with its row count. */
export async function toolostCounts(h: Harness): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'streams',
    'promotion_costs',
    'platform_daily_metrics',
    'stream_period_totals',
    'transactions',
    'revenue_monthly_rollup',
    'tracks',
    'artists',
    'releases',
  ]) {
    out[t] = await count(h, t);
  }
  return out;
}
