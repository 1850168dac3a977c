/**
 * Quarantined files can be released (re-run through their cleaner, e.g. with the right service)
 * or dismissed; both are recorded on source_files (resolution, who, when) and in the reason
 * file's history, and pipelineHealth stops counting them. Also the `npm run lake` CLI for both.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';
import { Redactor } from '../../../src/config/redactor';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { SessionStore } from '../../../src/ingest/extract/session-store';
import { lakeStatus } from '../../../src/ingest/lake/lake-status';
import { readQuarantineRecord } from '../../../src/ingest/lake/quarantine';
import { QuarantineReview, QuarantineReviewError } from '../../../src/ingest/quarantine-review';
import { pipelineHealth } from '../../../src/jobs/health/pipeline-health';
import { RunLedger } from '../../../src/jobs/ingestion/run-ledger';
import { describeEachDatabase, tempDir } from '../../helpers/databases';
import { generatorTotals, type Harness, openHarness, q, rollupTotals, sourceFileByPath, transactionTotals } from '../ingest/helpers';

const E1: BankSampleOptions = {
  seed: 41,
  rows: 150,
  months: ['2024-11', '2024-12'],
  artists: [],
  tracks: [{ artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' }],
};
const BAD_HEADER = 'Date\tAmount\tComment\r2024-01-01\t1.00\tx\r';

describeEachDatabase('quarantine release and dismiss', (kind) => {
  let h: Harness;
  let review: QuarantineReview;
  beforeEach(async () => {
    h = await openHarness(kind);
    review = new QuarantineReview(h.ds, h.service, createLogger('silent'));
  });
  afterEach(async () => {
    await h?.close();
  });

  async function quarantinedCount(service: 'distrokid' | 'toolost'): Promise<number> {
    const config = loadConfig({ DATABASE_URL: h.db.url, DATA_LAKE_DIR: h.lakeDir });
    const sessions = new SessionStore(tempDir('sessions'), undefined, 48);
    const health = await pipelineHealth({
      ds: h.ds,
      config,
      lake: h.service.lake,
      ledger: new RunLedger(h.ds, new Redactor([])),
      sessions,
    });
    const mine = health.find((x) => x.service === service)!;
    expect(mine.reasons.some((r) => r.endsWith('files quarantined'))).toBe(mine.quarantinedFiles > 0);
    return mine.quarantinedFiles;
  }

  it('releases a file ingested under the wrong service with --service: loaded, recorded, no longer counted', async () => {
    const file = h.input('dk_bank_details_20250105_000000.tsv', [...bankDetailsChunks(E1)].join(''));
    const [s] = await h.ingest([file], 'toolost');
    expect(s.status).toBe('quarantined');
    expect(s.reason?.code).toBe('UNKNOWN_SOURCE');
    expect(await quarantinedCount('toolost')).toBe(1);
    // Not recognised: quarantined under unknown/, whatever service its uploader named.
    const quarantineCopy = path.join(h.lakeDir, 'quarantine', 'unknown', path.basename(s.landingFile!));
    expect(fs.existsSync(quarantineCopy)).toBe(true);
    expect((await review.listRows({}, 10)).map((r) => r.path)).toEqual([s.landingFile]);

    // Still unrecognised as what it was ingested as: nothing changes.
    await expect(review.release(s.landingFile!, 'cli:tester')).rejects.toMatchObject({ code: 'STILL_UNRECOGNISED' });
    expect((await sourceFileByPath(h.ds, s.landingFile!)).status).toBe('quarantined');

    const before = Date.now();
    const { file: row, summary } = await review.release(`quarantine/unknown/${path.basename(s.landingFile!)}`, 'cli:tester', {
      service: 'distrokid',
    });
    expect(summary).toMatchObject({ status: 'loaded', service: 'distrokid', stream: 'bank_details', rowsLoaded: E1.rows });
    expect(row).toMatchObject({ status: 'loaded', resolution: 'released', resolvedBy: 'cli:tester', service: 'distrokid' });
    expect(row.resolvedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1));
    expect(await rollupTotals(h.ds)).toEqual(generatorTotals(E1));
    expect(await quarantinedCount('toolost')).toBe(0);
    expect(await quarantinedCount('distrokid')).toBe(0);
    // The quarantine copy left the zone; its reason file stays with the note of who released it and when.
    expect(fs.existsSync(quarantineCopy)).toBe(false);
    const record = readQuarantineRecord(quarantineCopy)!;
    expect(record.code).toBe('UNKNOWN_SOURCE');
    expect(record.history).toEqual([{ action: 'released', by: 'cli:tester', at: row.resolvedAt!.toISOString() }]);
    expect(lakeStatus(h.service.lake).flatMap((x) => x.quarantined)).toEqual([]);
    // The landing copy is untouched and still the only one.
    expect(fs.existsSync(path.join(h.lakeDir, s.landingFile!))).toBe(true);
    await expect(review.release(s.landingFile!, 'cli:tester')).rejects.toMatchObject({ code: 'NOT_QUARANTINED' });
  });

  it('a release that fails again quarantines it again with the history kept (and it counts again)', async () => {
    const [s] = await h.ingest([h.input('dk_bank_details_20250102_000000.tsv', BAD_HEADER)]);
    expect(s.reason?.code).toBe('BAD_HEADER');
    const { file: row, summary } = await review.release('dk_bank_details_20250102_000000.tsv', 'admin-token');
    expect(summary.status).toBe('quarantined');
    expect(row).toMatchObject({ status: 'quarantined', resolution: 'released', resolvedBy: 'admin-token' });
    const copy = path.join(h.lakeDir, 'quarantine', 'distrokid', 'dk_bank_details_20250102_000000.tsv');
    expect(fs.existsSync(copy)).toBe(true);
    expect(readQuarantineRecord(copy)).toMatchObject({ code: 'BAD_HEADER', history: [{ action: 'released', by: 'admin-token' }] });
    expect(await quarantinedCount('distrokid')).toBe(1);
  });

  it('dismisses a file: status dismissed, who and when recorded with the note, not counted, not listed', async () => {
    const [s] = await h.ingest([h.input('dk_bank_details_20250102_000000.tsv', BAD_HEADER)]);
    expect(await quarantinedCount('distrokid')).toBe(1);
    const row = await review.dismiss(s.landingFile!, 'cli:tester', 'a test export from the portal');
    expect(row).toMatchObject({ status: 'dismissed', resolution: 'dismissed', resolvedBy: 'cli:tester' });
    expect(await quarantinedCount('distrokid')).toBe(0);
    expect(await review.listRows({}, 10)).toEqual([]);
    const record = readQuarantineRecord(path.join(h.lakeDir, 'quarantine', 'distrokid', 'dk_bank_details_20250102_000000.tsv'))!;
    expect(record.history).toEqual([
      { action: 'dismissed', by: 'cli:tester', at: row.resolvedAt!.toISOString(), note: 'a test export from the portal' },
    ]);
    expect(
      lakeStatus(h.service.lake)
        .find((x) => x.service === 'distrokid')!
        .zones.find((z) => z.zone === 'quarantine')!.files,
    ).toBe(0);
    await expect(review.dismiss(s.landingFile!, 'cli:tester')).rejects.toMatchObject({ code: 'NOT_QUARANTINED' });
    await expect(review.release(s.landingFile!, 'cli:tester')).rejects.toMatchObject({ code: 'NOT_QUARANTINED' });
    const [again] = await q<{ n: number | string }>(h.ds, "SELECT COUNT(*) AS n FROM source_files WHERE status = 'dismissed'");
    expect(Number(again.n)).toBe(1);
  });

  it('refuses references it cannot resolve, naming the problem', async () => {
    await h.ingest([h.input('a/notes.dat', 'lorem ipsum\n'), h.input('b/notes.dat', 'dolor sit amet\n')]);
    await expect(review.release('notes.dat', 'x')).rejects.toMatchObject({
      code: 'AMBIGUOUS',
      message: expect.stringContaining('landing/unknown/unrecognised/notes_'),
    });
    await expect(review.release('missing.tsv', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(review.dismiss('landing/distrokid/bank_details/nothing.tsv', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(review.dismiss('quarantine/distrokid/nothing.tsv', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(review.dismiss('../../etc/passwd', 'x')).rejects.toBeInstanceOf(QuarantineReviewError);
    // A landing copy removed by hand (the pipeline never does): nothing to re-run, and nothing changes.
    const [bad] = await h.ingest([h.input('dk_bank_details_20250102_000000.tsv', BAD_HEADER)]);
    fs.rmSync(path.join(h.lakeDir, `${bad.landingFile!}.manifest.json`));
    await expect(review.release(bad.landingFile!, 'x')).rejects.toMatchObject({ code: 'LANDING_MISSING' });
    expect((await sourceFileByPath(h.ds, bad.landingFile!)).status).toBe('quarantined');
  });
});

describe('npm run lake -- release / dismiss (child process) [sqlite]', () => {
  const CLI = path.resolve(__dirname, '../../../dist/src/cli/lake.js');
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness('sqlite');
  });
  afterEach(async () => {
    await h?.close();
  });
  const run = (args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: h.db.url, DATA_LAKE_DIR: h.lakeDir },
    });

  it('releases with --service and dismisses, printing who; --help, unknown flags and bad arguments exit 2', async () => {
    const [wrong] = await h.ingest([h.input('dk_bank_details_20250105_000000.tsv', [...bankDetailsChunks(E1)].join(''))], 'toolost');
    const [bad] = await h.ingest([h.input('dk_bank_details_20250102_000000.tsv', BAD_HEADER)]);

    const released = run(['release', wrong.landingFile!, '--service', 'distrokid']);
    expect(released.stderr).toBe('');
    expect(released.status).toBe(0);
    expect(released.stdout).toMatch(
      /^released {5}landing\/toolost\/unrecognised\/dk_bank_details_20250105_000000\.tsv by cli:\S+\nloaded {7}dk_bank_details_20250105_000000\.tsv → /,
    );
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1));

    const again = run(['release', 'dk_bank_details_20250102_000000.tsv']);
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(
      /QUARANTINED {2}dk_bank_details_20250102_000000\.tsv: .*BAD_HEADER|QUARANTINED {2}dk_bank_details_20250102_000000\.tsv: /,
    );

    const dismissed = run(['dismiss', bad.landingFile!, '--note', 'junk']);
    expect(dismissed.status).toBe(0);
    expect(dismissed.stdout).toMatch(
      /^dismissed {4}landing\/distrokid\/bank_details\/dk_bank_details_20250102_000000\.tsv by cli:\S+ at \d{4}-/,
    );
    expect((await sourceFileByPath(h.ds, bad.landingFile!)).status).toBe('dismissed');

    const twice = run(['dismiss', bad.landingFile!]);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/^NOT_QUARANTINED: /);

    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/npm run lake -- release <file> \[--service/);
    for (const args of [
      ['release', 'x', '--force'],
      ['release'],
      ['dismiss', 'x', '--service', 'distrokid'],
      ['release', 'x', '--service', 'nope'],
      ['purge', 'x'],
      [],
      ['status', 'extra'],
    ]) {
      const r = run(args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(/usage:/);
    }
  });
});
