/**
 * Landing keeps one copy of each content: the same bytes ingested again under any name or stamp
 * add no landing file and are reported as skipped, naming the landing copy; a copy whose load
 * never finished is loaded from landing instead of being copied again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { describeEachDatabase } from '../../helpers/databases';
import { generatorTotals, type Harness, listFiles, openHarness, q, sourceFileByPath, statuses, transactionTotals } from '../ingest/helpers';

const E1: BankSampleOptions = {
  seed: 31,
  rows: 120,
  months: ['2024-09', '2024-10'],
  artists: [],
  tracks: [{ artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' }],
};

describeEachDatabase('landing dedupe by content', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  const landingFiles = () => listFiles(path.join(h.lakeDir, 'landing'));

  it('adds no landing copy for the same bytes under another name or stamp, in later batches and within one batch', async () => {
    const content = [...bankDetailsChunks(E1)].join('');
    const first = h.input('dk_bank_details_20250101_120000.tsv', content);
    const [loaded] = await h.ingest([first]);
    expect(loaded.status).toBe('loaded');
    const landedAs = loaded.landingFile!;
    const before = landingFiles();
    expect(before).toEqual([`${landedAs.replace(/^landing\//, '')}`, `${landedAs.replace(/^landing\//, '')}.manifest.json`]);

    // Another stamp, another name, the same name again, and two copies in one folder.
    const restamped = h.input('dk_bank_details_20250301_090000.tsv', content);
    const renamed = h.input('downloads/bank (1).tsv', content);
    h.input('batch/a/dk_bank_details_20250401_000000.tsv', content);
    h.input('batch/b/dk_bank_details_20250402_000000.tsv', content);
    const again = await h.ingest([first, restamped, renamed, path.join(h.inputDir, 'batch')]);
    expect(statuses(again)).toEqual([
      'dk_bank_details_20250101_120000.tsv: skipped',
      'dk_bank_details_20250301_090000.tsv: skipped',
      'bank (1).tsv: skipped',
      'dk_bank_details_20250401_000000.tsv: skipped',
      'dk_bank_details_20250402_000000.tsv: skipped',
    ]);
    for (const s of again) {
      expect(s.message).toBe(`already in landing as ${landedAs}`);
      expect(s.landingFile).toBe(landedAs);
    }
    expect(landingFiles()).toEqual(before);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1));
    const rows = await q<{ n: number | string }>(h.ds, 'SELECT COUNT(*) AS n FROM source_files');
    expect(Number(rows[0].n)).toBe(1);
  });

  it('names the release command when the landed copy is quarantined, and still copies nothing', async () => {
    const bad = 'Date\tAmount\r2024-01-01\t1.00\r';
    const first = h.input('dk_bank_details_20250102_000000.tsv', bad);
    const [q1] = await h.ingest([first]);
    expect(q1.status).toBe('quarantined');
    const before = landingFiles();
    const [again] = await h.ingest([h.input('other/dk_bank_details_20250109_000000.tsv', bad)]);
    expect(again.status).toBe('skipped');
    expect(again.message).toBe(
      `already in landing as ${q1.landingFile} (quarantined; after a fix: npm run lake -- release ${q1.landingFile})`,
    );
    expect(landingFiles()).toEqual(before);
  });

  it('loads from the existing landing copy when its earlier load did not finish (no second copy)', async () => {
    const content = [...bankDetailsChunks(E1)].join('');
    const file = h.input('dk_bank_details_20250101_120000.tsv', content);
    const [first] = await h.ingest([file]);
    // As a crash would leave it: the landing copy and its manifest, but nothing loaded.
    const row = await sourceFileByPath(h.ds, first.landingFile!);
    await q(h.ds, 'DELETE FROM transactions');
    await q(h.ds, 'DELETE FROM revenue_monthly_rollup');
    await q(h.ds, "UPDATE source_files SET status = 'failed' WHERE id = ?", [row.id]);
    const before = landingFiles();

    const [retry] = await h.ingest([h.input('later/dk_bank_details_20250201_000000.tsv', content)]);
    expect(retry).toMatchObject({ status: 'loaded', landingFile: first.landingFile, rowsLoaded: E1.rows });
    expect(landingFiles()).toEqual(before);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1));
    expect((await sourceFileByPath(h.ds, first.landingFile!)).status).toBe('loaded');
    expect(fs.existsSync(path.join(h.lakeDir, first.landingFile!))).toBe(true);
  });
});
