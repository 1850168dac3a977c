/**
 * The real ingest CLI as a child process over a temporary SQLite warehouse and data lake:
 * exit codes 0 / 1 / 2, summary lines, folders, --service, and configuration errors.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/config';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { streamsStatsHtml } from '../../../demo/sample-exports/distrokid-stats-pages';
import { tempDir } from '../../helpers/databases';
import { generatorTotals, OLD_HEADER, transactionTotals, tsv } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/src/cli/ingest.js');

const VALID: BankSampleOptions = {
  seed: 77,
  rows: 300,
  months: ['2024-03', '2024-04'],
  artists: [],
  tracks: [{ artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' }],
};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('ingest CLI (child process) [sqlite]', () => {
  let work: string;
  let dbUrl: string;
  let lakeDir: string;

  // The jest global setup has built the CLIs (dist/) before any suite runs.
  beforeAll(() => expect(fs.existsSync(CLI)).toBe(true));

  beforeEach(() => {
    work = tempDir('cli');
    dbUrl = `sqlite:${path.join(work, 'warehouse.sqlite')}`;
    lakeDir = path.join(work, 'lake');
  });
  afterEach(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  function run(args: string[], env: Record<string, string> = {}): Run {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: work,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? work, DATABASE_URL: dbUrl, DATA_LAKE_DIR: lakeDir, ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  function write(rel: string, content: string): string {
    const file = path.join(work, 'in', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  async function withWarehouse<T>(fn: (ds: DataSource) => Promise<T>): Promise<T> {
    const ds = await openWarehouse(loadConfig({ DATABASE_URL: dbUrl, DATA_LAKE_DIR: lakeDir }));
    try {
      return await fn(ds);
    } finally {
      await ds.destroy();
    }
  }

  it('exits 0 and prints the summary line for a valid file', async () => {
    const file = write('dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(VALID)].join(''));
    const r = run([file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'loaded       dk_bank_details_20250101_000000.tsv → landing/distrokid/bank_details/dk_bank_details_20250101_000000.tsv: 300 rows read, 300 loaded, 0 already loaded',
      '1 files: 1 loaded, 0 skipped, 0 quarantined, 0 failed',
      '',
    ]);
    expect(await withWarehouse((ds) => transactionTotals(ds))).toEqual(generatorTotals(VALID));
  });

  it('exits 1 when one file of the batch is quarantined, naming the line in the QUARANTINED summary', async () => {
    const good = write('dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(VALID)].join(''));
    const bad = write('dk_bank_details_20250102_000000.tsv', tsv(OLD_HEADER, [{}, { 'Earnings (USD)': 'NaN' }]));
    const r = run([good, bad]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^loaded {7}dk_bank_details_20250101_000000\.tsv → .*: 300 rows read, 300 loaded, 0 already loaded$/);
    expect(lines[1]).toMatch(
      /^QUARANTINED {2}dk_bank_details_20250102_000000\.tsv: .*line 3, column 13, field "Earnings \(USD\)".*found NaN/,
    );
    expect(lines[2]).toBe('2 files: 1 loaded, 0 skipped, 1 quarantined, 0 failed');
    expect(await withWarehouse((ds) => transactionTotals(ds))).toEqual(generatorTotals(VALID));
    expect(fs.existsSync(path.join(lakeDir, 'quarantine/distrokid/dk_bank_details_20250102_000000.tsv.reason.json'))).toBe(true);
    // The load is in the run ledger as an upload, with its counts and a log line per file.
    const runs = await withWarehouse((ds) =>
      ds.query(
        `SELECT id, service, "trigger", kind, status, files_loaded, files_quarantined, rows_loaded, triggered_by FROM ingestion_runs`,
      ),
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      service: 'distrokid',
      trigger: 'upload',
      kind: 'pipeline',
      status: 'succeeded',
      files_loaded: 1,
      files_quarantined: 1,
      rows_loaded: 300,
    });
    expect(runs[0].triggered_by).toMatch(/^cli:/);
    const logs = await withWarehouse((ds) =>
      ds.query('SELECT level, message FROM ingestion_run_logs WHERE run_id = ? ORDER BY id', [runs[0].id]),
    );
    expect(logs.map((l: { level: string }) => l.level)).toEqual(['info', 'warn']);
  });

  it('exits 2 for --service nonsense', () => {
    const file = write('dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(VALID)].join(''));
    const r = run(['--service', 'nonsense', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown service "nonsense"');
    expect(r.stderr).toContain('usage:');
    expect(r.stdout).toBe('');
    expect(fs.existsSync(lakeDir)).toBe(false);
  });

  it.each([
    [['--captured-at'], '--captured-at needs a value'],
    [['--captured-at', '2025-05-27T11:38:45'], 'is not an ISO 8601 time with a zone'],
    [['--captured-at', '2025-02-30'], 'is not an ISO 8601 time with a zone'],
    [['--captured-at', '2999-01-01T00:00:00Z'], 'is in the future'],
  ])('exits 2 for %j, before touching the lake', (args, message) => {
    const file = write('dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(VALID)].join(''));
    const r = run(args.length === 1 ? [file, ...args] : [...args, file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('[--captured-at <ISO time>]');
    expect(r.stdout).toBe('');
    expect(fs.existsSync(lakeDir)).toBe(false);
  });

  it('--captured-at sets the capture time of every input over its name, recorded as override', async () => {
    const file = write('dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(VALID)].join(''));
    const r = run(['--captured-at', '2025-03-04T05:06:07+02:00', file]);
    expect(r.status).toBe(0);
    const rows = await withWarehouse((ds) => ds.query('SELECT CAST(extracted_at AS TEXT) AS at, captured_at_source FROM source_files'));
    expect(rows.map((x: { at: string; captured_at_source: string }) => [x.at.slice(0, 19), x.captured_at_source])).toEqual([
      ['2025-03-04 03:06:07', 'override'],
    ]);
    // The name's stamp (2025-01-01) lost to the override: the landing copy keeps the name as given.
    expect(r.stdout).toContain('→ landing/distrokid/bank_details/dk_bank_details_20250101_000000.tsv');
  });

  it('ingests every file of a folder argument', async () => {
    const second: BankSampleOptions = { ...VALID, seed: 78, rows: 120, months: ['2024-05'] };
    write('batch/dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(VALID)].join(''));
    write('batch/sub/dk_bank_details_20250201_000000.tsv', [...bankDetailsChunks(second)].join(''));
    const page = streamsStatsHtml({ seed: 4, endDate: '2025-01-31', days: 30 });
    write('batch/streams_stats_20250131_000000.html', page.html);
    const r = run([path.join(work, 'in', 'batch')]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(
      lines
        .slice(0, 3)
        .map((l) => l.replace(/ → .*/, ''))
        .sort(),
    ).toEqual([
      'loaded       dk_bank_details_20250101_000000.tsv',
      'loaded       dk_bank_details_20250201_000000.tsv',
      'loaded       streams_stats_20250131_000000.html',
    ]);
    expect(lines[3]).toBe('3 files: 3 loaded, 0 skipped, 0 quarantined, 0 failed');
    expect(await withWarehouse((ds) => transactionTotals(ds))).toEqual(generatorTotals(VALID, second));
    const streams = await withWarehouse((ds) => ds.query('SELECT COUNT(*) AS n FROM streams'));
    expect(Number(streams[0].n)).toBe(30);
  });

  it('loads a file named export.tsv with a valid bank header under --service distrokid', async () => {
    const file = write('export.tsv', tsv(OLD_HEADER, [{}, { Store: 'Deezer' }, { Store: 'Tidal', 'Earnings (USD)': '0.10000000' }]));
    const r = run(['--service', 'distrokid', file]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^loaded {7}export\.tsv → landing\/distrokid\/bank_details\/export_\d{8}_\d{6}\.tsv: 3 rows read, 3 loaded, 0 already loaded$/,
    );
    // 0.01931943 + 0.01931943 + 0.1
    expect(await withWarehouse((ds) => transactionTotals(ds))).toEqual({ rows: '3', gross: '138638860', net: '138638860', quantity: '42' });
  });

  it('exits 2 with a message naming DATABASE_URL when it is not a supported URL', () => {
    const file = write('dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(VALID)].join(''));
    const r = run([file], { DATABASE_URL: 'mysql://x' });
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
    // One line for the operator, not a stack trace.
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
