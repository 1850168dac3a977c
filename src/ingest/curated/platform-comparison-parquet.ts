import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { DataSource } from 'typeorm';
import { dateText, dialectOf, SqlParams, sumAsText } from '../../db/dialect';
import { archiveExisting } from '../lake/atomic-file';
import type { Lake } from '../lake/lake';
import { divideToDecimal, formatNano } from '../../domain/money';

interface Cell {
  streams: bigint;
  units: bigint;
  netNano: bigint;
}

const growth = (current: bigint, previous: bigint | undefined) =>
  previous ? Number(divideToDecimal((current - previous) * 100n, previous, 4)) : null;

/**
 * `curated/analytics/platform_comparison.parquet`: per month and platform, streams (daily stream
 * facts), statement units, net revenue, revenue per unit, the platform's share of the month's
 * streams and revenue, and growth versus the month before. Money columns are exact decimal strings;
 * shares and growth are ratios (doubles). Written to a temporary name and renamed; the version it
 * replaces goes to archive/.
 */
export async function writePlatformComparisonParquet(ds: DataSource, lake: Lake): Promise<void> {
  const d = dialectOf(ds);
  const streams: Array<{ month: string; platform: string; streams: string }> = await ds.query(
    `SELECT substr(${dateText(d, 's.date')}, 1, 7) AS month, p.code AS platform, ${sumAsText(d, 's.streams')} AS streams
     FROM streams s JOIN platforms p ON p.id = s.platform_id GROUP BY substr(${dateText(d, 's.date')}, 1, 7), p.code`,
    new SqlParams(d).values,
  );
  const revenue: Array<{ month: string; platform: string; units: string; net: string }> = await ds.query(
    `SELECT substr(${dateText(d, 'r.sale_month')}, 1, 7) AS month, p.code AS platform, ${sumAsText(d, 'r.quantity')} AS units, ${sumAsText(d, 'r.net_nano')} AS net
     FROM revenue_platform_rollup r JOIN platforms p ON p.id = r.platform_id GROUP BY substr(${dateText(d, 'r.sale_month')}, 1, 7), p.code`,
    new SqlParams(d).values,
  );
  const cells = new Map<string, Cell>();
  const cell = (month: string, platform: string) => {
    const key = `${month}|${platform}`;
    return cells.get(key) ?? cells.set(key, { streams: 0n, units: 0n, netNano: 0n }).get(key)!;
  };
  for (const s of streams) cell(s.month, s.platform).streams += BigInt(s.streams);
  for (const r of revenue) {
    const c = cell(r.month, r.platform);
    c.units += BigInt(r.units);
    c.netNano += BigInt(r.net);
  }
  const monthTotals = new Map<string, Cell>();
  for (const [key, c] of cells) {
    const t = monthTotals.get(key.split('|')[0]) ?? { streams: 0n, units: 0n, netNano: 0n };
    t.streams += c.streams;
    t.netNano += c.netNano < 0n ? -c.netNano : c.netNano;
    monthTotals.set(key.split('|')[0], t);
  }
  const keys = [...cells.keys()].sort();
  const previousMonth = (month: string) => {
    const [y, m] = month.split('-').map(Number);
    return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  };
  const rows = keys.map((key) => {
    const [month, platform] = key.split('|');
    const c = cells.get(key)!;
    const t = monthTotals.get(month)!;
    const before = cells.get(`${previousMonth(month)}|${platform}`);
    return {
      month,
      platform,
      streams: c.streams,
      units: c.units,
      net: formatNano(c.netNano),
      perUnit: c.units === 0n ? null : divideToDecimal(c.netNano, c.units * 1_000_000_000n, 8),
      streamShare: t.streams === 0n ? null : Number(divideToDecimal(c.streams, t.streams, 6)),
      revenueShare: t.netNano === 0n ? null : Number(divideToDecimal(c.netNano, t.netNano, 6)),
      streamsGrowth: growth(c.streams, before?.streams),
      revenueGrowth: growth(c.netNano, before?.netNano),
    };
  });
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'month', data: rows.map((r) => r.month), type: 'STRING' },
      { name: 'platform', data: rows.map((r) => r.platform), type: 'STRING' },
      { name: 'streams', data: rows.map((r) => r.streams), type: 'INT64' },
      { name: 'units', data: rows.map((r) => r.units), type: 'INT64' },
      { name: 'net_revenue_usd', data: rows.map((r) => r.net), type: 'STRING' },
      { name: 'revenue_per_unit_usd', data: rows.map((r) => r.perUnit), type: 'STRING' },
      { name: 'stream_share', data: rows.map((r) => r.streamShare), type: 'DOUBLE' },
      { name: 'revenue_share', data: rows.map((r) => r.revenueShare), type: 'DOUBLE' },
      { name: 'streams_growth_pct', data: rows.map((r) => r.streamsGrowth), type: 'DOUBLE' },
      { name: 'revenue_growth_pct', data: rows.map((r) => r.revenueGrowth), type: 'DOUBLE' },
    ],
  });
  const target = lake.dir('curated', 'analytics', 'platform_comparison.parquet');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(buffer));
  archiveExisting(target, lake.dir('archive', 'curated', 'analytics'));
  fs.renameSync(tmp, target);
}
