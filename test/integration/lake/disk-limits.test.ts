/**
 * Limits on what lands: MAX_INGEST_FILE_BYTES refuses a file before copying; the free space is
 * checked before a copy; a real ENOSPC (a 1 MiB tmpfs holding the lake) mid-copy or mid-load
 * leaves no partial file and the rest of the batch is reported "not attempted: disk full".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { IngestService } from '../../../src/ingest/ingest-service';
import { describeEachDatabase, tempDir } from '../../helpers/databases';
import { generatorTotals, type Harness, listFiles, openHarness, tableCounts, transactionTotals } from '../ingest/helpers';

const TRACKS = [{ artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' }];
const opts = (seed: number, rows: number, month: string): BankSampleOptions => ({
  seed,
  rows,
  months: [month],
  artists: [],
  tracks: TRACKS,
});
const bank = (o: BankSampleOptions) => [...bankDetailsChunks(o)].join('');

describeEachDatabase('MAX_INGEST_FILE_BYTES and the free-space check', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('refuses a file over the maximum before copying it; smaller files of the batch load', async () => {
    const small = opts(71, 3, '2024-02');
    const bigContent = bank(opts(72, 200, '2024-03'));
    const smallContent = bank(small);
    const limit = Buffer.byteLength(smallContent) + 10;
    expect(Buffer.byteLength(bigContent)).toBeGreaterThan(limit);
    const service = new IngestService(h.ds, h.lakeDir, createLogger('silent'), { limits: { maxFileBytes: limit } });
    const summaries = await service.ingest([
      h.input('dk_bank_details_20250101_000000.tsv', bigContent),
      h.input('dk_bank_details_20250102_000000.tsv', smallContent),
    ]);
    expect(summaries.map((s) => [s.status, s.code ?? null])).toEqual([
      ['failed', 'FILE_TOO_LARGE'],
      ['loaded', null],
    ]);
    expect(summaries[0].message).toBe(
      `refused: ${Buffer.byteLength(bigContent)} bytes is more than MAX_INGEST_FILE_BYTES (${limit} bytes)`,
    );
    expect(listFiles(path.join(h.lakeDir, 'landing')).filter((f) => f.includes('20250101'))).toEqual([]);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(small));
  });

  it('refuses a file the free space cannot hold, and goes on with the next', async () => {
    const small = opts(73, 3, '2024-02');
    const big = bank(opts(74, 400, '2024-03'));
    const smallContent = bank(small);
    // Free space as the file system would report it: enough for the small file only.
    const free = Buffer.byteLength(smallContent) + 64 * 1024 + 1;
    const service = new IngestService(h.ds, h.lakeDir, createLogger('silent'), { limits: { maxFileBytes: 1e9, freeBytes: () => free } });
    const bigFile = h.input('dk_bank_details_20250101_000000.tsv', big);
    expect(fs.statSync(bigFile).size + 64 * 1024).toBeGreaterThan(free);
    const summaries = await service.ingest([bigFile, h.input('dk_bank_details_20250102_000000.tsv', smallContent)]);
    expect(summaries.map((s) => [s.status, s.code ?? null])).toEqual([
      ['failed', 'INSUFFICIENT_SPACE'],
      ['loaded', null],
    ]);
    expect(summaries[0].message).toBe(
      `refused: not enough free space in the lake to land ${fs.statSync(bigFile).size} bytes (${free} bytes free)`,
    );
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(small));
  });
});

describe('MAX_INGEST_FILE_BYTES through the CLI [sqlite]', () => {
  const CLI = path.resolve(__dirname, '../../../dist/src/cli/ingest.js');
  it('prints the refusal, exits 1; a bad value stops with exit 2 naming the variable', () => {
    const work = tempDir('maxbytes');
    try {
      const file = path.join(work, 'dk_bank_details_20250101_000000.tsv');
      fs.writeFileSync(file, bank(opts(75, 50, '2024-04')));
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: work,
        DATABASE_URL: `sqlite:${path.join(work, 'w.sqlite')}`,
        DATA_LAKE_DIR: path.join(work, 'lake'),
      };
      const r = spawnSync(process.execPath, [CLI, file], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...env, MAX_INGEST_FILE_BYTES: '1000' },
      });
      expect(r.stdout).toBe(
        `FAILED       dk_bank_details_20250101_000000.tsv: refused: ${fs.statSync(file).size} bytes is more than MAX_INGEST_FILE_BYTES (1000 bytes)\n1 files: 0 loaded, 0 skipped, 0 quarantined, 1 failed\n`,
      );
      expect(r.status).toBe(1);
      const bad = spawnSync(process.execPath, [CLI, file], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...env, MAX_INGEST_FILE_BYTES: '10MB' },
      });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^Invalid environment variable MAX_INGEST_FILE_BYTES: /);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

/** A 1 MiB tmpfs for the lake, when this process may mount one (root); otherwise the suite is skipped visibly. */
function mountTinyTmpfs(): string | null {
  const dir = tempDir('tiny-lake');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status === 0) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  return null;
}
const tiny = mountTinyTmpfs();
const describeTiny = tiny ? describe : describe.skip;
if (!tiny) process.stderr.write('\n⚠ SKIPPING ENOSPC tests: cannot mount a 1 MiB tmpfs here (needs root)\n');

describeTiny(`a real full disk: the lake on a 1 MiB tmpfs${tiny ? '' : ' [SKIPPED: cannot mount tmpfs]'} [sqlite]`, () => {
  let work: string;
  let ds: Awaited<ReturnType<typeof openWarehouse>>;
  let lakeDir: string;
  beforeEach(async () => {
    work = tempDir('enospc');
    lakeDir = path.join(tiny!, path.basename(work));
    ds = await openWarehouse(loadConfig({ DATABASE_URL: `sqlite:${path.join(work, 'w.sqlite')}`, DATA_LAKE_DIR: lakeDir }));
  });
  afterEach(async () => {
    await ds.destroy();
    fs.rmSync(lakeDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });
  afterAll(() => {
    if (spawnSync('umount', [tiny!]).status !== 0) spawnSync('umount', ['-l', tiny!]);
    fs.rmSync(tiny!, { recursive: true, force: true });
  });

  const leftovers = () => listFiles(lakeDir).filter((f) => /\.(part|tmp)$/.test(f));

  it('ENOSPC mid-copy removes the .part file; the rest of the batch is "not attempted: disk full"', async () => {
    const big = path.join(work, 'dk_bank_details_20250101_000000.tsv');
    fs.writeFileSync(big, bank(opts(81, 14_000, '2024-05')));
    expect(fs.statSync(big).size).toBeGreaterThan(1024 * 1024);
    const next = path.join(work, 'dk_bank_details_20250102_000000.tsv');
    fs.writeFileSync(next, bank(opts(82, 3, '2024-06')));
    // The free-space probe is told there is room, so the copy itself meets the real ENOSPC.
    const service = new IngestService(ds, lakeDir, createLogger('silent'), {
      limits: { maxFileBytes: 1e9, freeBytes: () => Number.MAX_SAFE_INTEGER },
    });
    const summaries = await service.ingest([big, next]);
    expect(summaries.map((s) => [s.status, s.code])).toEqual([
      ['failed', 'DISK_FULL'],
      ['failed', 'NOT_ATTEMPTED'],
    ]);
    expect(summaries[0].message).toMatch(/^disk full while copying into landing after \d+ bytes.* \(the partial copy was removed\)$/);
    expect(summaries[1].message).toBe('not attempted: disk full (dk_bank_details_20250101_000000.tsv)');
    expect(leftovers()).toEqual([]);
    expect(listFiles(path.join(lakeDir, 'landing'))).toEqual([]);
    expect((await tableCounts(ds)).transactions).toBe(0);
  });

  it('ENOSPC while writing raw/staging rolls the file back whole and stops the batch', async () => {
    // Lands (600 KB of 1 MiB) but its raw copy cannot be written.
    const file = path.join(work, 'dk_bank_details_20250101_000000.tsv');
    fs.writeFileSync(file, bank(opts(83, 5_500, '2024-05')));
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(512 * 1024);
    expect(size).toBeLessThan(900 * 1024);
    const next = path.join(work, 'dk_bank_details_20250102_000000.tsv');
    fs.writeFileSync(next, bank(opts(84, 3, '2024-06')));
    const service = new IngestService(ds, lakeDir, createLogger('silent'), { limits: { maxFileBytes: 1e9 } });
    const summaries = await service.ingest([file, next]);
    expect(summaries.map((s) => [s.status, s.code])).toEqual([
      ['failed', 'DISK_FULL'],
      ['failed', 'NOT_ATTEMPTED'],
    ]);
    expect(summaries[0].message).toMatch(/^disk full while loading \(rolled back, nothing of it kept\)/);
    expect(leftovers()).toEqual([]);
    expect(listFiles(path.join(lakeDir, 'raw'))).toEqual([]);
    expect((await tableCounts(ds)).transactions).toBe(0);
    // The landing copy is complete and recorded as failed: once there is room, a re-run loads it from landing.
    const [row] = await ds.query('SELECT status FROM source_files');
    expect(row.status).toBe('failed');
  });
});
