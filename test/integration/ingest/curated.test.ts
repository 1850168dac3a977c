/**
 * Curated datasets after a load: exact headers, exact money (summed as decimals with BigInt),
 * and the versions they replace kept in archive/ under a timestamped name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { streamsStatsHtml } from '../../../demo/sample-exports/distrokid-stats-pages';
import {
  addDecimals,
  curatedTransactionsText,
  exportOf,
  generatedLines,
  generatorTotals,
  type Harness,
  listFiles,
  OLD_HEADER,
  openHarness,
  statuses,
  TRACKS,
} from './helpers';
import { describeEachDatabase } from '../../helpers/databases';

const E1: BankSampleOptions = { seed: 31, rows: 2000, months: ['2024-01', '2024-02', '2024-03', '2024-04'], artists: [], tracks: TRACKS };
const P2: BankSampleOptions = { seed: 32, rows: 600, months: ['2024-05'], artists: [], tracks: TRACKS };

const TRANSACTIONS_DIR = 'curated/financial/distrokid_transactions';
const DAILY = 'curated/streaming/daily_streams.csv';
const MONTHLY = 'curated/financial/revenue_monthly.csv';

/** RFC 4180 line splitting for one line (no embedded line breaks in these datasets). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function readCsv(file: string): { header: string; rows: Array<Record<string, string>> } {
  return parseCsv(fs.readFileSync(file, 'utf8'));
}

function parseCsv(text: string): { header: string; rows: Array<Record<string, string>> } {
  const lines = text.split('\n');
  expect(lines[lines.length - 1]).toBe('');
  const header = lines[0];
  const names = csvFields(header);
  const rows = lines.slice(1, -1).map((l) => {
    const f = csvFields(l);
    expect(f).toHaveLength(names.length);
    return Object.fromEntries(names.map((n, i) => [n, f[i]]));
  });
  return { header, rows };
}

describeEachDatabase('curated datasets', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    jest.useRealTimers();
    await h?.close();
  });

  it('writes the three datasets with exact headers and money that sums to the generator totals', async () => {
    const page = streamsStatsHtml({ seed: 3, endDate: '2024-06-30', days: 120 });
    const summaries = await h.ingest([
      h.input('dk_bank_details_20240601_000000.tsv', [...bankDetailsChunks(E1)].join('')),
      h.input('streams_stats_20240630_000000.html', page.html),
    ]);
    expect(statuses(summaries)).toEqual(['dk_bank_details_20240601_000000.tsv: loaded', 'streams_stats_20240630_000000.html: loaded']);
    const expected = generatorTotals(E1);

    const monthly = readCsv(path.join(h.lakeDir, MONTHLY));
    expect(monthly.header).toBe('month,platform,total_streams,gross_revenue_usd,net_revenue_usd,avg_payout_per_stream,top_country');
    expect(addDecimals(monthly.rows.map((r) => r.net_revenue_usd))).toBe(expected.net);
    expect(addDecimals(monthly.rows.map((r) => r.gross_revenue_usd))).toBe(expected.gross);
    expect(
      addDecimals(
        monthly.rows.map((r) => r.total_streams),
        0,
      ),
    ).toBe(expected.quantity);
    expect([...new Set(monthly.rows.map((r) => r.month))].sort()).toEqual(E1.months);
    const keys = monthly.rows.map((r) => `${r.month}|${r.platform}`);
    expect(new Set(keys).size).toBe(keys.length);

    const tx = parseCsv(curatedTransactionsText(h.lakeDir));
    expect(tx.header).toBe(
      'reporting_date,sale_month,store,platform,artist,title,isrc,upc,country,quantity,team_percentage,gross_usd,withheld_usd,net_usd,currency,source_file,source_line',
    );
    expect(String(tx.rows.length)).toBe(expected.rows);
    expect(addDecimals(tx.rows.map((r) => r.net_usd))).toBe(expected.net);
    expect(addDecimals(tx.rows.map((r) => r.gross_usd))).toBe(expected.gross);
    expect(
      addDecimals(
        tx.rows.map((r) => r.quantity),
        0,
      ),
    ).toBe(expected.quantity);
    expect(new Set(tx.rows.map((r) => r.source_file))).toEqual(new Set([summaries[0].landingFile]));

    const daily = readCsv(path.join(h.lakeDir, DAILY));
    expect(daily.header).toBe('date,artist_name,track_name,platform,source,streams,country');
    expect(daily.rows.map((r) => [r.date, r.artist_name, r.track_name, r.platform, r.source, Number(r.streams), r.country])).toEqual(
      page.series.map((d) => [d.date, '', '', 'spotify', 'distrokid', d.streams, '']),
    );
    expect(listFiles(path.join(h.lakeDir, 'archive'))).toEqual([]);
  });

  it('moves the previous versions of rebuilt datasets to archive/curated/... and appends a part for the statement lines', async () => {
    const [s1] = await h.ingest([h.input('dk_bank_details_20240601_000000.tsv', exportOf(OLD_HEADER, generatedLines(E1)))]);
    expect(s1.status).toBe('loaded');
    const v1 = Object.fromEntries([DAILY, MONTHLY].map((f) => [f, fs.readFileSync(path.join(h.lakeDir, f), 'utf8')]));
    const parts1 = listFiles(path.join(h.lakeDir, TRANSACTIONS_DIR));
    expect(parts1).toHaveLength(1);
    const part1 = fs.readFileSync(path.join(h.lakeDir, TRANSACTIONS_DIR, parts1[0]), 'utf8');

    const [s2] = await h.ingest([
      h.input('dk_bank_details_20240701_000000.tsv', exportOf(OLD_HEADER, [...generatedLines(E1), ...generatedLines(P2)])),
    ]);
    expect(s2).toMatchObject({ status: 'loaded', rowsLoaded: P2.rows });

    const archived = listFiles(path.join(h.lakeDir, 'archive'));
    // Every rebuilt dataset is replaced: 2 DistroKid CSVs, 5 engagement CSVs (empty here) and the Parquet platform comparison.
    // The statement lines are append-only parts: nothing of them is archived, the first part is untouched.
    expect(archived).toHaveLength(8);
    expect(archived.some((a) => a.includes('distrokid_transactions'))).toBe(false);
    expect(archived).toContainEqual(expect.stringMatching(/^curated\/analytics\/platform_comparison_\d{8}_\d{6}\.parquet$/));
    for (const f of [DAILY, MONTHLY]) {
      const dir = path.posix.dirname(f);
      const base = path.posix.basename(f, '.csv');
      const match = archived.find((a) => new RegExp(`^${dir}/${base}_\\d{8}_\\d{6}\\.csv$`).test(a));
      expect(match).toBeDefined();
      expect(fs.readFileSync(path.join(h.lakeDir, 'archive', match!), 'utf8')).toBe(v1[f]);
    }
    const parts2 = listFiles(path.join(h.lakeDir, TRANSACTIONS_DIR));
    expect(parts2).toHaveLength(2);
    expect(fs.readFileSync(path.join(h.lakeDir, TRANSACTIONS_DIR, parts1[0]), 'utf8')).toBe(part1);
    const second = parseCsv(fs.readFileSync(path.join(h.lakeDir, TRANSACTIONS_DIR, parts2[1]), 'utf8'));
    expect(String(second.rows.length)).toBe(String(P2.rows));
    expect(addDecimals(second.rows.map((r) => r.net_usd))).toBe(generatorTotals(P2).net);
    const monthly = readCsv(path.join(h.lakeDir, MONTHLY));
    expect(addDecimals(monthly.rows.map((r) => r.net_revenue_usd))).toBe(generatorTotals(E1, P2).net);
  });

  it('writes only the missing parts, byte-identical to those of a full rebuild', async () => {
    await h.ingest([h.input('dk_bank_details_20240601_000000.tsv', exportOf(OLD_HEADER, generatedLines(E1)))]);
    await h.ingest([h.input('dk_bank_details_20240701_000000.tsv', exportOf(OLD_HEADER, [...generatedLines(E1), ...generatedLines(P2)]))]);
    const dir = path.join(h.lakeDir, TRANSACTIONS_DIR);
    const extended = curatedTransactionsText(h.lakeDir);
    expect(extended.split('\n').filter(Boolean)).toHaveLength(1 + E1.rows + P2.rows);
    const parts = listFiles(dir);
    const before = parts.map((f) => fs.statSync(path.join(dir, f)).mtimeMs);
    // A lost part (an interrupted build) is written again from the warehouse; the others are left alone.
    fs.rmSync(path.join(dir, parts[0]));
    const { rebuildCuratedDatasets } = await import('../../../src/ingest/curated/curated-datasets');
    await rebuildCuratedDatasets(h.ds, h.service.lake);
    expect(curatedTransactionsText(h.lakeDir)).toBe(extended);
    expect(fs.statSync(path.join(dir, parts[1])).mtimeMs).toBe(before[1]);
  });

  it('archives the single-file layout of earlier versions once and keeps only CURATED_ARCHIVE_KEEP versions per dataset', async () => {
    const legacy = path.join(h.lakeDir, 'curated/financial/distrokid_transactions.csv');
    fs.mkdirSync(path.dirname(legacy), { recursive: true });
    fs.writeFileSync(legacy, 'reporting_date\n');
    fs.writeFileSync(`${legacy}.state.json`, '{}');
    const { rebuildCuratedDatasets } = await import('../../../src/ingest/curated/curated-datasets');
    for (let k = 1; k <= 4; k++) {
      const [s] = await h.ingest([
        h.input(`dk_bank_details_2024060${k}_000000.tsv`, [...bankDetailsChunks({ ...E1, seed: 50 + k, rows: 30 })].join('')),
      ]);
      expect(s.status).toBe('loaded');
    }
    expect(fs.existsSync(legacy)).toBe(false);
    expect(fs.existsSync(`${legacy}.state.json`)).toBe(false);
    expect(
      listFiles(path.join(h.lakeDir, 'archive/curated/financial')).filter((f) => f.startsWith('distrokid_transactions_')),
    ).toHaveLength(1);
    await rebuildCuratedDatasets(h.ds, h.service.lake, { archiveKeep: 2 });
    const monthlyVersions = listFiles(path.join(h.lakeDir, 'archive/curated/financial')).filter((f) => f.startsWith('revenue_monthly_'));
    expect(monthlyVersions).toHaveLength(2);
    expect(listFiles(path.join(h.lakeDir, TRANSACTIONS_DIR))).toHaveLength(4);
    await expect(rebuildCuratedDatasets(h.ds, h.service.lake, { archiveKeep: 0 })).rejects.toThrow(/at least one version/);
  });

  it('keeps every archived version when several loads finish within the same second', async () => {
    // Freeze the wall clock (only Date: timers and I/O run normally) so the loads share one UTC second.
    jest.useFakeTimers({
      now: new Date('2025-01-01T12:00:00.250Z'),
      advanceTimers: false,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'setInterval',
        'clearTimeout',
        'clearInterval',
        'clearImmediate',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    const contents: string[] = [];
    for (let k = 1; k <= 3; k++) {
      const opts: BankSampleOptions = { ...E1, seed: 40 + k, rows: 50 };
      const [s] = await h.ingest([h.input(`dk_bank_details_2024060${k}_000000.tsv`, [...bankDetailsChunks(opts)].join(''))]);
      expect(s.status).toBe('loaded');
      contents.push(fs.readFileSync(path.join(h.lakeDir, MONTHLY), 'utf8'));
    }
    // Versions 1 and 2 were replaced; both must still be in the archive.
    const archived = listFiles(path.join(h.lakeDir, 'archive/curated/financial')).filter((f) => f.startsWith('revenue_monthly_'));
    const archivedContents = archived.map((f) => fs.readFileSync(path.join(h.lakeDir, 'archive/curated/financial', f), 'utf8')).sort();
    expect(archivedContents).toEqual([contents[0], contents[1]].sort());
  });
});
