/**
 * A load writes its file's curated statement-lines part while the file loads (from the facts as they
 * stream), published with raw/ and staging/ after the commit. It must be byte for byte the part a
 * rebuild from the warehouse writes; when it could not be (lines the warehouse already had, a
 * dimension cell that changed during the load) the load drops it and the rebuild writes it. A
 * failed load leaves no part and no temporary behind. (That the load itself writes the part is
 * seen in test/integration/lake/crash-recovery.test.ts: a process killed right after the commit
 * leaves it as a temporary, which the next run publishes.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { rebuildCuratedDatasets } from '../../../src/ingest/curated/curated-datasets';
import { describeEachDatabase } from '../../helpers/databases';
import {
  AWKWARD,
  exportOf,
  generatedLines,
  type Harness,
  listFiles,
  OLD_HEADER,
  openHarness,
  tableCounts,
  TRACKS,
  tsv,
  tsvLine,
} from './helpers';

const E1: BankSampleOptions = { seed: 41, rows: 1500, months: ['2024-01', '2024-02', '2024-03'], artists: [], tracks: TRACKS };
const P2: BankSampleOptions = { seed: 42, rows: 400, months: ['2024-04'], artists: [], tracks: TRACKS };
const PARTS_DIR = 'curated/financial/distrokid_transactions';

describeEachDatabase('curated statement-lines part written during the load', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  const partTexts = () =>
    listFiles(path.join(h.lakeDir, PARTS_DIR)).map((f) => fs.readFileSync(path.join(h.lakeDir, PARTS_DIR, f), 'utf8'));
  /** The source_line cell (the last one, never quoted) of each data line of a part. */
  const sourceLines = (part: string) =>
    part
      .split('\n')
      .slice(1, -1)
      .map((l) => Number(l.slice(l.lastIndexOf(',') + 1)));
  /** `count` consecutive line numbers from `from` (an export's header is line 1). */
  const lineNumbers = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

  it('is written by the load, byte-identical to the part a full rebuild writes from the warehouse', async () => {
    const lines = [...generatedLines(E1), ...AWKWARD.map((r) => tsvLine(OLD_HEADER, r))];
    const [s] = await h.ingest([h.input('dk_bank_details_20240601_000000.tsv', exportOf(OLD_HEADER, lines))]);
    expect(s).toMatchObject({ status: 'loaded', rowsLoaded: lines.length });
    const streamed = partTexts();
    expect(streamed).toHaveLength(1);
    expect(streamed[0].split('\n')).toHaveLength(1 + lines.length + 1);
    expect(streamed[0]).toContain(',"Smith, ""Jr.""","Hello, World",QZTAW2400001,197368000001,');
    // In the file's line order (the warehouse's ids follow the row key, a hash, instead).
    expect(sourceLines(streamed[0])).toEqual(lineNumbers(2, lines.length));

    await rebuildCuratedDatasets(h.ds, h.service.lake, { full: true });
    expect(partTexts()).toEqual(streamed);
  });

  it('leaves the part to the rebuild when the load skipped lines the warehouse already had; both parts equal a full rebuild', async () => {
    await h.ingest([h.input('dk_bank_details_20240601_000000.tsv', [...bankDetailsChunks(E1)].join(''))]);
    const [s2] = await h.ingest([
      h.input('dk_bank_details_20240701_000000.tsv', exportOf(OLD_HEADER, [...generatedLines(E1), ...generatedLines(P2)])),
    ]);
    expect(s2).toMatchObject({ status: 'loaded', rowsLoaded: P2.rows, rowsSkipped: E1.rows });
    const before = partTexts();
    expect(before).toHaveLength(2);
    expect(before[1].split('\n')).toHaveLength(1 + P2.rows + 1);
    // Written by the rebuild, in the file's line order too: the new lines follow E1's in the second file.
    expect(sourceLines(before[1])).toEqual(lineNumbers(2 + E1.rows, P2.rows));
    await rebuildCuratedDatasets(h.ds, h.service.lake, { full: true });
    expect(partTexts()).toEqual(before);
  });

  it('leaves the part to the rebuild when a dimension cell changed during the load (a track got its ISRC from a later line)', async () => {
    // The ISRC comes 600 lines later, past the parser's batches: the first line's part line is written by then.
    const filler = Array.from({ length: 600 }, (_, i) => ({ 'Reporting Date': '2024-10-06', Quantity: String(i + 1) }));
    const text = tsv(OLD_HEADER, [
      { Title: 'Late Code', ISRC: '', UPC: '' },
      ...filler,
      { Title: 'Late Code', ISRC: 'QZTAW2400009', UPC: '' },
    ]);
    const [s] = await h.ingest([h.input('dk_bank_details_20240601_000000.tsv', text)]);
    expect(s).toMatchObject({ status: 'loaded', rowsLoaded: 602 });
    const [part] = partTexts();
    // Both lines show the ISRC the track has now, as the warehouse answers it.
    expect(part.split('\n').filter((l) => l.includes('Late Code,QZTAW2400009,'))).toHaveLength(2);
    await rebuildCuratedDatasets(h.ds, h.service.lake, { full: true });
    expect(partTexts()).toEqual([part]);
  });

  it('a load that fails after its lines streamed leaves no part, no temporary, and the warehouse as it was', async () => {
    await h.ingest([h.input('dk_bank_details_20240601_000000.tsv', [...bankDetailsChunks(P2)].join(''))]);
    const partsBefore = partTexts();
    const countsBefore = await tableCounts(h.ds);
    // 1,500 good lines, then one whose amount is not a number: the file is quarantined and its load rolled back.
    const lines = [...generatedLines(E1), tsvLine(OLD_HEADER, { 'Earnings (USD)': 'twelve' })];
    const [s] = await h.ingest([h.input('dk_bank_details_20240701_000000.tsv', exportOf(OLD_HEADER, lines))]);
    expect(s.status).toBe('quarantined');
    expect(listFiles(path.join(h.lakeDir, PARTS_DIR))).toHaveLength(1);
    expect(partTexts()).toEqual(partsBefore);
    expect(listFiles(path.join(h.lakeDir, 'curated')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await tableCounts(h.ds)).toEqual(countsBefore);
  });
});
