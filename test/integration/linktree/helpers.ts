import type { LinkSampleDay } from '../../../demo/sample-exports/linktree';
import type { Harness } from '../ingest/helpers';
import { q } from '../ingest/helpers';

export interface LinkRow extends LinkSampleDay {
  account: string;
}

/** link_daily as plain numbers, read straight from the table. */
export async function linkRows(h: Harness): Promise<LinkRow[]> {
  const rows = await q<Record<string, unknown>>(
    h.ds,
    `SELECT account, CAST(date AS TEXT) AS date, CAST(total_views AS TEXT) AS tv, CAST(unique_views AS TEXT) AS uv,
       CAST(total_clicks AS TEXT) AS tc, CAST(unique_clicks AS TEXT) AS uc FROM link_daily ORDER BY account, date`,
  );
  return rows.map((r) => ({
    account: String(r.account),
    date: String(r.date),
    totalViews: Number(r.tv),
    uniqueViews: Number(r.uv),
    totalClicks: Number(r.tc),
    uniqueClicks: Number(r.uc),
  }));
}

export const withAccount = (account: string, days: LinkSampleDay[]): LinkRow[] => days.map((d) => ({ account, ...d }));

export async function sourceFileIdsOfRows(h: Harness): Promise<number[]> {
  const rows = await q<{ id: number | string }>(h.ds, 'SELECT DISTINCT source_file_id AS id FROM link_daily ORDER BY source_file_id');
  return rows.map((r) => Number(r.id));
}
