/**
 * A 500 MB file of garbage without a single line break, named like a bank details export, is
 * quarantined at line 1 without the process ever holding it in memory.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FileSummary } from '../../../src/ingest/ingest-service';
import { type Harness, listFiles, openHarness, sourceFileByPath, statuses } from './helpers';

const SIZE = 500 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const NAME = 'dk_bank_details_20250101_000000.tsv';

/**
 * Streams SIZE bytes of printable garbage (base64 of random bytes: no CR, no LF) to `file` and
 * returns its SHA-256. Runs in a child process so the test worker's RSS baseline is not inflated
 * by the generation (freed buffers that the allocator keeps could hide growth during the ingest).
 */
function writeGarbage(file: string): string {
  const script = `
    const crypto = require('node:crypto');
    const fs = require('node:fs');
    const [file, size, chunkSize] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
    const hash = crypto.createHash('sha256');
    const fd = fs.openSync(file, 'w');
    for (let written = 0; written < size; written += chunkSize) {
      const chunk = Buffer.from(crypto.randomBytes((chunkSize / 4) * 3).toString('base64'), 'latin1');
      hash.update(chunk);
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    process.stdout.write(hash.digest('hex'));
  `;
  const r = spawnSync(process.execPath, ['-e', script, file, String(SIZE), String(CHUNK)], { encoding: 'utf8', timeout: 110_000 });
  if (r.status !== 0) throw new Error(`garbage generator failed: ${r.stderr}`);
  return r.stdout.trim();
}

describe('a 500 MB garbage file without line breaks [sqlite]', () => {
  let h: Harness;
  let file: string;
  let sha: string;

  beforeAll(async () => {
    h = await openHarness('sqlite');
    file = path.join(h.inputDir, NAME);
    sha = writeGarbage(file);
  }, 120_000);

  afterAll(async () => {
    // Removes the input folder and the lake (landing copy and its quarantine hard link).
    await h?.close();
  });

  it('is quarantined as LINE_TOO_LONG at line 1 while RSS grows by less than 150 MB', async () => {
    expect(fs.statSync(file).size).toBe(SIZE);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    let summaries: FileSummary[];
    const started = Date.now();
    try {
      summaries = await h.ingest([file]);
    } finally {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const growthMb = (peak - baseline) / (1024 * 1024);
    process.stdout.write(
      `huge-garbage: ingest took ${Date.now() - started} ms, RSS ${(baseline / 1048576).toFixed(0)} MB → peak ${(peak / 1048576).toFixed(0)} MB (growth ${growthMb.toFixed(1)} MB)\n`,
    );

    expect(statuses(summaries).map((s) => s.replace(/ \(.*$/, ''))).toEqual([`${NAME}: quarantined`]);
    const [s] = summaries;
    expect(s.reason).toMatchObject({ code: 'LINE_TOO_LONG', line: 1, file: s.landingFile });
    expect(s.message).toContain('line 1');
    expect(growthMb).toBeLessThan(150);

    // The landing copy is complete and identical; quarantine holds it with its reason; raw and staging stay empty.
    const manifest = JSON.parse(fs.readFileSync(path.join(h.lakeDir, `${s.landingFile}.manifest.json`), 'utf8'));
    expect(manifest).toMatchObject({ sha256: sha, sizeBytes: SIZE, originalName: NAME });
    expect(fs.statSync(path.join(h.lakeDir, s.landingFile!)).size).toBe(SIZE);
    const rec = await sourceFileByPath(h.ds, s.landingFile!);
    expect(rec).toMatchObject({ status: 'quarantined', sha256: sha });
    expect(JSON.parse(rec.error!)).toMatchObject({ code: 'LINE_TOO_LONG', line: 1 });
    expect(listFiles(path.join(h.lakeDir, 'quarantine'))).toEqual([`distrokid/${NAME}`, `distrokid/${NAME}.reason.json`]);
    expect(listFiles(path.join(h.lakeDir, 'raw'))).toEqual([]);
    expect(listFiles(path.join(h.lakeDir, 'staging'))).toEqual([]);
  }, 120_000);
});
