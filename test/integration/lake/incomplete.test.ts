/**
 * A file still being written while it is copied into landing is not loaded: its size or
 * modification time changes during the copy, so it is quarantined as INCOMPLETE; ingested again
 * once complete (read without changing), it loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { lakeStatus } from '../../../src/ingest/lake/lake-status';
import { describeEachDatabase } from '../../helpers/databases';
import { generatorTotals, type Harness, openHarness, sourceFileByPath, tableCounts, transactionTotals } from '../ingest/helpers';

const TRACKS = [{ artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' }];
const FIRST: BankSampleOptions = { seed: 91, rows: 4000, months: ['2024-08'], artists: [], tracks: TRACKS };
const MORE: BankSampleOptions = { seed: 92, rows: 40, months: ['2024-09'], artists: [], tracks: TRACKS };
const lines = (o: BankSampleOptions) => [...bankDetailsChunks(o)].join('');

describeEachDatabase('files still being written', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  it('quarantines as INCOMPLETE a file that grows during the copy; the finished file then loads', async () => {
    const file = h.input('dk_bank_details_20250101_000000.tsv', lines(FIRST));
    const rest = lines(MORE).split('\r').slice(1).join('\r');
    let appended = false;
    // The exporter appends its remaining lines while our copy is under way (after the first chunk is read).
    const [s] = await h.service.ingest([file], {
      onProgress: () => {
        if (appended) return;
        appended = true;
        fs.appendFileSync(file, rest);
      },
    });
    expect(appended).toBe(true);
    expect(s.status).toBe('quarantined');
    expect(s.reason).toMatchObject({ code: 'INCOMPLETE', file: s.landingFile });
    expect(s.message).toMatch(/changed while it was copied/);
    expect((await tableCounts(h.ds)).transactions).toBe(0);
    expect((await sourceFileByPath(h.ds, s.landingFile!)).status).toBe('quarantined');
    expect(fs.existsSync(path.join(h.lakeDir, 'quarantine', 'distrokid', path.basename(s.landingFile!)))).toBe(true);

    // Complete now and read again unchanged: the landing copy (no second one) loads, all of its lines.
    const [again] = await h.service.ingest([file]);
    expect(again.status).toBe('loaded');
    expect(again.landingFile).toBe(s.landingFile);
    expect(lakeStatus(h.service.lake).flatMap((x) => x.quarantined)).toEqual([]);
    expect(await sourceFileByPath(h.ds, s.landingFile!)).toMatchObject({ status: 'loaded' });
    expect(again.rowsLoaded).toBe(FIRST.rows + MORE.rows);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(FIRST, MORE));
  });

  it('a modification time that changes during the copy is enough', async () => {
    const file = h.input('dk_bank_details_20250101_000000.tsv', lines(FIRST));
    let touched = false;
    const [s] = await h.service.ingest([file], {
      onProgress: () => {
        if (touched) return;
        touched = true;
        const later = new Date(fs.statSync(file).mtimeMs + 5000);
        fs.utimesSync(file, later, later);
      },
    });
    expect(s.reason?.code).toBe('INCOMPLETE');
    expect((await tableCounts(h.ds)).transactions).toBe(0);
  });
});
