/**
 * The definition the data-quality checks must keep: completeness, accuracy and consistency as they
 * read the fact table `transactions` before the rollups and the partial index answered them (commit
 * 31589c6, unchanged but for two ORDER BYs: the payouts and the Spotify months had none, so the
 * order of a failed check's detail was the plan's). Tests compare the checks' results to these.
 */
import type { DataSource } from 'typeorm';
import type { Service } from '../../src/config/config';
import { dateText, dialectOf, SqlParams } from '../../src/db/dialect';
import type { DateRange } from '../../src/analytics/periods';
import { addMonths, daysBetween } from '../../src/domain/calendar';
import { median } from '../../src/analytics/insights/robust-baseline';
import type { CheckResult, FailedCheck } from '../../src/analytics/insights/quality-checks';
import { DAILY_TABLES } from '../../src/analytics/insights/quality-tables';

const ratio = (good: number, total: number) => (total === 0 ? 1 : Math.max(0, Math.min(1, good / total)));
const PAYOUT_BAND = 3;
const QUANTITY_TOLERANCE = 0.25;
type CountCell = number | string;

/** Days missing inside each daily series; for statement sources, sale months missing between the first and last. */
export async function completenessFromFacts(ds: DataSource, service: Service, range: DateRange): Promise<CheckResult> {
  const d = dialectOf(ds);
  const t = DAILY_TABLES[service];
  const p = new SqlParams(d);
  const series: Array<{ k: string; first: string; last: string; n: number | string }> = await ds.query(
    `SELECT CAST(${t.seriesKey} AS TEXT) AS k, ${dateText(d, 'MIN(f.date)')} AS first, ${dateText(d, 'MAX(f.date)')} AS last, COUNT(DISTINCT f.date) AS n
       FROM ${t.table} f WHERE ${t.where} AND f.date >= ${p.add(range.from)} AND f.date <= ${p.add(range.to)} GROUP BY 1`,
    p.values,
  );
  let expected = 0;
  let present = 0;
  const failed: FailedCheck[] = [];
  for (const s of series) {
    const span = daysBetween(s.first, s.last) + 1;
    expected += span;
    present += Number(s.n);
    if (span > Number(s.n))
      failed.push({
        check: 'missing_days',
        detail: `${t.table} series ${s.k}: ${span - Number(s.n)} of ${span} days missing between ${s.first} and ${s.last}`,
        count: span - Number(s.n),
      });
  }
  const mp = new SqlParams(d);
  const months: Array<{ m: string }> = await ds.query(
    `SELECT DISTINCT ${dateText(d, 't.sale_month')} AS m FROM transactions t WHERE t.source = ${mp.add(service)} AND t.sale_month >= ${mp.add(`${range.from.slice(0, 7)}-01`)} AND t.sale_month <= ${mp.add(range.to)} ORDER BY 1`,
    mp.values,
  );
  if (months.length > 0) {
    const have = new Set(months.map((m) => m.m.slice(0, 7)));
    const missing: string[] = [];
    for (let m = months[0].m.slice(0, 7); m <= months[months.length - 1].m.slice(0, 7); m = addMonths(m, 1))
      if (!have.has(m)) missing.push(m);
    expected += have.size + missing.length;
    present += have.size;
    if (missing.length)
      failed.push({
        check: 'missing_statement_months',
        detail: `no statement lines for sale months ${missing.join(', ')}`,
        count: missing.length,
      });
  }
  return {
    score: ratio(present, expected),
    rule: 'Days present ÷ days between the first and last day of each daily series in the range (a series per platform, account, artist or campaign), with statement sale months present ÷ months between the first and last counted alike; 1 when there is nothing to check.',
    failed,
  };
}

/** Net never above gross; payout per stream of each platform-month within a band around the platform's median; no negative counts. */
export async function accuracyFromFacts(ds: DataSource, service: Service, range: DateRange): Promise<CheckResult> {
  const d = dialectOf(ds);
  const p = new SqlParams(d);
  const monthFrom = `${range.from.slice(0, 7)}-01`;
  const [lines]: Array<{ n: CountCell; bad: CountCell | null }> = await ds.query(
    `SELECT COUNT(*) AS n, SUM(CASE WHEN t.gross_nano >= 0 AND t.net_nano > t.gross_nano THEN 1 ELSE 0 END) AS bad
       FROM transactions t WHERE t.source = ${p.add(service)} AND t.sale_month >= ${p.add(monthFrom)} AND t.sale_month <= ${p.add(range.to)}`,
    p.values,
  );
  const pp = new SqlParams(d);
  const payouts: Array<{ platform: string; m: string; net: string; q: string }> = await ds.query(
    `SELECT pl.code AS platform, ${dateText(d, 't.sale_month')} AS m, CAST(SUM(t.net_nano) AS TEXT) AS net, CAST(SUM(t.quantity) AS TEXT) AS q
       FROM transactions t JOIN platforms pl ON pl.id = t.platform_id
      WHERE t.source = ${pp.add(service)} AND t.sale_month >= ${pp.add(monthFrom)} AND t.sale_month <= ${pp.add(range.to)} GROUP BY 1, 2 HAVING SUM(t.quantity) > 0 ORDER BY 1, 2`,
    pp.values,
  );
  const t = DAILY_TABLES[service];
  const cp = new SqlParams(d);
  const [counts]: Array<{ n: CountCell; bad: CountCell | null }> = await ds.query(
    `SELECT COUNT(*) AS n, SUM(CASE WHEN ${t.counts.map((c) => `f.${c} < 0`).join(' OR ')} THEN 1 ELSE 0 END) AS bad
       FROM ${t.table} f WHERE ${t.where} AND f.date >= ${cp.add(range.from)} AND f.date <= ${cp.add(range.to)}`,
    cp.values,
  );
  const failed: FailedCheck[] = [];
  const badLines = Number(lines.bad ?? 0);
  if (badLines) failed.push({ check: 'net_above_gross', detail: `${badLines} statement lines have net above gross`, count: badLines });
  const byPlatform = new Map<string, Array<{ m: string; rate: number }>>();
  for (const r of payouts)
    byPlatform.set(r.platform, [...(byPlatform.get(r.platform) ?? []), { m: r.m.slice(0, 7), rate: Number(r.net) / 1e9 / Number(r.q) }]);
  let outOfBand = 0;
  for (const [platform, months] of byPlatform) {
    const mid = median(months.map((x) => x.rate));
    const off = months.filter((x) => mid > 0 && (x.rate > mid * PAYOUT_BAND || x.rate < mid / PAYOUT_BAND));
    outOfBand += off.length;
    if (off.length)
      failed.push({
        check: 'payout_per_stream_out_of_band',
        detail: `${platform}: ${off.map((x) => `${x.m} ${x.rate.toFixed(6)}`).join(', ')} outside ×/÷${PAYOUT_BAND} of its median ${mid.toFixed(6)} per unit`,
        count: off.length,
      });
  }
  const badCounts = Number(counts.bad ?? 0);
  if (badCounts) failed.push({ check: 'negative_counts', detail: `${badCounts} ${t.table} rows have a negative count`, count: badCounts });
  const checked = Number(lines.n) + payouts.length + Number(counts.n);
  return {
    score: ratio(checked - badLines - outOfBand - badCounts, checked),
    rule: `Share of checks passed: every statement line with gross ≥ 0 has net ≤ gross; every platform-month's payout per unit is within ×/÷${PAYOUT_BAND} of that platform's median month; no daily count is negative.`,
    failed,
  };
}

/** Restatements counted and sized; DistroKid statement quantities against its own daily Spotify streams. */
export async function consistencyFromFacts(ds: DataSource, service: Service, range: DateRange): Promise<CheckResult> {
  const d = dialectOf(ds);
  const t = DAILY_TABLES[service];
  const p = new SqlParams(d);
  const [restated]: Array<{ n: CountCell; size: CountCell | null }> = await ds.query(
    `SELECT COUNT(*) AS n, SUM(CASE WHEN r.old_value <> 0 AND ABS(r.new_value - r.old_value) < ABS(r.old_value) THEN ABS(r.new_value - r.old_value) * 1.0 / ABS(r.old_value) ELSE 1 END) AS size
       FROM restatements r WHERE r.source = ${p.add(service)} AND r.date >= ${p.add(range.from)} AND r.date <= ${p.add(range.to)}`,
    p.values,
  );
  const vp = new SqlParams(d);
  const [values]: Array<{ n: CountCell }> = await ds.query(
    `SELECT COUNT(*) AS n FROM ${t.table} f WHERE ${t.where} AND f.date >= ${vp.add(range.from)} AND f.date <= ${vp.add(range.to)}`,
    vp.values,
  );
  const n = Number(restated.n);
  const meanSize = n ? Number(restated.size) / n : 0;
  const stored = Number(values.n) * t.counts.length;
  // Each restated value costs its relative size (capped at 1): many small corrections weigh less than a few rewrites.
  const restatementScore = ratio(stored - Math.min(stored, Number(restated.size ?? 0)), stored);
  const failed: FailedCheck[] = [];
  if (n)
    failed.push({
      check: 'restated_values',
      detail: `${n} stored values were changed by later captures, by ${(meanSize * 100).toFixed(1)} % on average`,
      count: n,
    });
  const parts = [restatementScore];
  if (service === 'distrokid') {
    const qp = new SqlParams(d);
    const pairs: Array<{ m: string; q: string; s: string }> = await ds.query(
      `SELECT st.m, st.q, ds.s FROM
         (SELECT ${dateText(d, 't.sale_month')} AS m, CAST(SUM(t.quantity) AS TEXT) AS q FROM transactions t JOIN platforms pl ON pl.id = t.platform_id
           WHERE t.source = 'distrokid' AND pl.code = 'spotify' AND t.sale_month >= ${qp.add(`${range.from.slice(0, 7)}-01`)} AND t.sale_month <= ${qp.add(range.to)} GROUP BY 1) st
       JOIN
         (SELECT ${monthOf(d, 's.date')} AS m, CAST(SUM(s.streams) AS TEXT) AS s, COUNT(DISTINCT s.date) AS days FROM streams s JOIN platforms pl ON pl.id = s.platform_id
           WHERE s.source = 'distrokid' AND pl.code = 'spotify' GROUP BY 1) ds ON ds.m = st.m ORDER BY 1`,
      qp.values,
    );
    const off = pairs.filter((x) => Number(x.s) > 0 && Math.abs(Number(x.q) - Number(x.s)) / Number(x.s) > QUANTITY_TOLERANCE);
    if (pairs.length) parts.push(ratio(pairs.length - off.length, pairs.length));
    if (off.length) {
      failed.push({
        check: 'statement_vs_daily_streams',
        detail: `Spotify statement quantity differs from the streams page by more than ${QUANTITY_TOLERANCE * 100} % in ${off.map((x) => `${x.m.slice(0, 7)} (${x.q} vs ${x.s})`).join(', ')}`,
        count: off.length,
      });
    }
  }
  return {
    score: parts.reduce((a, b) => a + b, 0) / parts.length,
    rule: `Mean of: 1 − (sum over restated values of |new − old| ÷ |old|, each capped at 1) ÷ stored values in the range; and for DistroKid, the share of sale months whose Spotify statement quantity is within ${QUANTITY_TOLERANCE * 100} % of the streams page's daily Spotify streams summed over the month.`,
    failed,
  };
}

function monthOf(dialect: 'sqlite' | 'postgres', expr: string): string {
  return dialect === 'postgres' ? `to_char(date_trunc('month', ${expr}), 'YYYY-MM-DD')` : `strftime('%Y-%m-01', ${expr})`;
}
