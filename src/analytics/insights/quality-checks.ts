import type { DataSource } from 'typeorm';
import type { Service } from '../../config/config';
import { dateText, dialectOf, SqlParams } from '../../db/dialect';
import type { DateRange } from '../periods';
import { addMonths, daysBetween } from '../../domain/calendar';
import { median } from './robust-baseline';
import { DAILY_TABLES } from './quality-tables';

export interface FailedCheck {
  check: string;
  detail: string;
  /** Rows, days or months the failure concerns. */
  count: number;
}

export interface CheckResult {
  score: number;
  rule: string;
  failed: FailedCheck[];
}

const ratio = (good: number, total: number) => (total === 0 ? 1 : Math.max(0, Math.min(1, good / total)));
const PAYOUT_BAND = 3;
const QUANTITY_TOLERANCE = 0.25;
/** A COUNT or SUM cell: a number on SQLite, a numeric string on PostgreSQL (bigint and numeric come back as text). */
type CountCell = number | string;

/**
 * A service's statement lines (or their rollup rows) whose sale month falls in the range, on table
 * alias `a`. The checks read `revenue_platform_rollup` for sums and counts: its rows per (source,
 * sale month, platform) add up to the lines' sums and count over all reporting months, kept in the
 * load's transaction, so the answers are the fact table's without reading it.
 */
function statementMonths(p: SqlParams, a: string, service: Service, range: DateRange): string {
  return `${a}.source = ${p.add(service)} AND ${a}.sale_month >= ${p.add(`${range.from.slice(0, 7)}-01`)} AND ${a}.sale_month <= ${p.add(range.to)}`;
}

/** Days missing inside each daily series; for statement sources, sale months missing between the first and last. */
export async function completeness(ds: DataSource, service: Service, range: DateRange): Promise<CheckResult> {
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
    `SELECT DISTINCT ${dateText(d, 'r.sale_month')} AS m FROM revenue_platform_rollup r
      WHERE ${statementMonths(mp, 'r', service, range)} AND r.transaction_count > 0 ORDER BY 1`,
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
export async function accuracy(ds: DataSource, service: Service, range: DateRange): Promise<CheckResult> {
  const d = dialectOf(ds);
  const p = new SqlParams(d);
  // Lines counted from the rollup; net above gross is a per-line rule, read from the partial index
  // IDX_transactions_net_above_gross, which SQLite uses only when the WHERE repeats its terms as written.
  const [lines]: Array<{ n: CountCell | null; bad: CountCell }> = await ds.query(
    `SELECT (SELECT SUM(r.transaction_count) FROM revenue_platform_rollup r WHERE ${statementMonths(p, 'r', service, range)}) AS n,
            (SELECT COUNT(*) FROM transactions t WHERE ${statementMonths(p, 't', service, range)}
                AND t.gross_nano >= 0 AND t.net_nano > t.gross_nano) AS bad`,
    p.values,
  );
  const pp = new SqlParams(d);
  const payouts: Array<{ platform: string; m: string; net: string; q: string }> = await ds.query(
    `SELECT pl.code AS platform, ${dateText(d, 'r.sale_month')} AS m, CAST(SUM(r.net_nano) AS TEXT) AS net, CAST(SUM(r.quantity) AS TEXT) AS q
       FROM revenue_platform_rollup r JOIN platforms pl ON pl.id = r.platform_id
      WHERE ${statementMonths(pp, 'r', service, range)} GROUP BY 1, 2 HAVING SUM(r.quantity) > 0 ORDER BY 1, 2`,
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
  const badLines = Number(lines.bad);
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
  const checked = Number(lines.n ?? 0) + payouts.length + Number(counts.n);
  return {
    score: ratio(checked - badLines - outOfBand - badCounts, checked),
    rule: `Share of checks passed: every statement line with gross ≥ 0 has net ≤ gross; every platform-month's payout per unit is within ×/÷${PAYOUT_BAND} of that platform's median month; no daily count is negative.`,
    failed,
  };
}

/** Restatements counted and sized; DistroKid statement quantities against its own daily Spotify streams. */
export async function consistency(ds: DataSource, service: Service, range: DateRange): Promise<CheckResult> {
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
         (SELECT ${dateText(d, 'r.sale_month')} AS m, CAST(SUM(r.quantity) AS TEXT) AS q FROM revenue_platform_rollup r JOIN platforms pl ON pl.id = r.platform_id
           WHERE ${statementMonths(qp, 'r', 'distrokid', range)} AND pl.code = 'spotify' GROUP BY 1) st
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

/** Age of the newest loaded capture against the service's stale threshold. */
export async function timeliness(ds: DataSource, service: Service, staleAfterHours: number, now: Date): Promise<CheckResult> {
  const p = new SqlParams(dialectOf(ds));
  const [row]: Array<{ newest: Date | string | null }> = await ds.query(
    `SELECT MAX(extracted_at) AS newest FROM source_files WHERE service = ${p.add(service)} AND status = 'loaded'`,
    p.values,
  );
  const rule = `1 while the newest loaded capture is at most ${staleAfterHours} h old (STALE_AFTER_HOURS), falling linearly to 0 at twice that age; 0 with no capture.`;
  if (!row?.newest)
    return { score: 0, rule, failed: [{ check: 'no_capture', detail: 'no file of this service has been loaded', count: 1 }] };
  const newest = row.newest instanceof Date ? row.newest : new Date(`${String(row.newest).replace(' ', 'T')}Z`);
  const ageHours = (now.getTime() - newest.getTime()) / 3_600_000;
  const score = Math.max(0, Math.min(1, 2 - ageHours / staleAfterHours));
  const failed =
    ageHours > staleAfterHours
      ? [
          {
            check: 'stale',
            detail: `newest capture ${newest.toISOString()} is ${ageHours.toFixed(1)} h old (threshold ${staleAfterHours} h)`,
            count: 1,
          },
        ]
      : [];
  return { score, rule, failed };
}

/** A service's landing files of one status, summed. */
export interface FileTally {
  status: string;
  files: number;
  /** Rows read from these files (only loaded files have any). */
  rowsRead: number;
  rowsRejected: number;
  /** Files among these with any row rejected. */
  filesWithRejectedRows: number;
}

/** A quarantined or failed file, or one with rejected rows, as the failed checks name it. */
export interface RejectedFile {
  name: string;
  status: string;
  rowsRejected: number;
  /** Why it was quarantined (validation code and line), when known. */
  reason: string | null;
}

/** Most files a failed check names; the rest are counted. */
export const MAX_NAMED_FILES = 10;

export const VALIDITY_RULE =
  'Mean of two shares, each 1 when there is nothing to count: files neither quarantined nor failed ÷ all files of the service in source_files (every landing file ever seen); ' +
  'and rows accepted ÷ rows seen, where rows accepted are the rows read from loaded files and rows seen add the rows rejected with quarantined files ' +
  '(a CSV/TSV file: its non-blank lines after the header; a quarantined page or JSON file counts in the file share only, its rows cannot be counted).';

const named = (files: RejectedFile[], total: number, show: (f: RejectedFile) => string) =>
  files.slice(0, MAX_NAMED_FILES).map(show).join(', ') + (total > MAX_NAMED_FILES ? ` and ${total - MAX_NAMED_FILES} more` : '');

/**
 * The validity rule on a service's file tallies. `badFiles` (quarantined or failed) and `rowFiles`
 * (with rows rejected) are the files the failed checks name: the first MAX_NAMED_FILES of each.
 */
export function validityOf(tallies: FileTally[], badFiles: RejectedFile[], rowFiles: RejectedFile[]): CheckResult {
  const files = tallies.reduce((a, t) => a + t.files, 0);
  const of = (status: string) => tallies.find((t) => t.status === status)?.files ?? 0;
  const bad = of('quarantined') + of('failed');
  const accepted = tallies.find((t) => t.status === 'loaded')?.rowsRead ?? 0;
  const rowsRejected = tallies.reduce((a, t) => a + t.rowsRejected, 0);
  const failed: FailedCheck[] = [];
  if (bad)
    failed.push({
      check: 'rejected_files',
      detail: `${of('quarantined')} quarantined and ${of('failed')} failed of ${files} files: ${named(
        badFiles,
        bad,
        (f) => `${f.name} (${f.status}${f.reason ? `, ${f.reason}` : ''}${f.rowsRejected ? `, ${f.rowsRejected} rows` : ''})`,
      )}`,
      count: bad,
    });
  if (rowsRejected)
    failed.push({
      check: 'rejected_rows',
      detail: `${rowsRejected} of ${accepted + rowsRejected} rows rejected: ${named(
        rowFiles,
        tallies.reduce((a, t) => a + t.filesWithRejectedRows, 0),
        (f) => `${f.name} ${f.rowsRejected} rows`,
      )}`,
      count: rowsRejected,
    });
  return { score: (ratio(files - bad, files) + ratio(accepted, accepted + rowsRejected)) / 2, rule: VALIDITY_RULE, failed };
}

/** Why a quarantined file was rejected, from its stored reason: the validation code and line. */
function reasonOf(status: string, error: string | null): string | null {
  if (status !== 'quarantined' || !error) return null;
  try {
    const r = JSON.parse(error) as { code?: unknown; line?: unknown };
    return typeof r.code === 'string' ? `${r.code}${typeof r.line === 'number' ? ` line ${r.line}` : ''}` : null;
  } catch {
    return null;
  }
}

/** Share of the service's landing files, and of their rows, quarantined or failed (see VALIDITY_RULE). */
export async function validity(ds: DataSource, service: Service): Promise<CheckResult> {
  const p = new SqlParams(dialectOf(ds));
  const rows: Array<{ status: string; n: CountCell; read: CountCell | null; rejected: CountCell | null; with_rejected: CountCell | null }> =
    await ds.query(
      `SELECT status, COUNT(*) AS n, SUM(rows_read) AS read, SUM(rows_rejected) AS rejected, SUM(CASE WHEN rows_rejected > 0 THEN 1 ELSE 0 END) AS with_rejected
         FROM source_files WHERE service = ${p.add(service)} GROUP BY status`,
      p.values,
    );
  const tallies = rows.map((r) => ({
    status: r.status,
    files: Number(r.n),
    rowsRead: Number(r.read ?? 0),
    rowsRejected: Number(r.rejected ?? 0),
    filesWithRejectedRows: Number(r.with_rejected ?? 0),
  }));
  const list = async (where: string, order: string): Promise<RejectedFile[]> => {
    const lp = new SqlParams(dialectOf(ds));
    const found: Array<{ name: string; status: string; rejected: CountCell; error: string | null }> = await ds.query(
      `SELECT original_name AS name, status, rows_rejected AS rejected, error FROM source_files
        WHERE service = ${lp.add(service)} AND ${where} ORDER BY ${order} LIMIT ${MAX_NAMED_FILES}`,
      lp.values,
    );
    return found.map((b) => ({ name: b.name, status: b.status, rowsRejected: Number(b.rejected), reason: reasonOf(b.status, b.error) }));
  };
  return validityOf(
    tallies,
    await list("status IN ('quarantined', 'failed')", 'id'),
    await list('rows_rejected > 0', 'rows_rejected DESC, id'),
  );
}
