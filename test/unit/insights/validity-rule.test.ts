/**
 * The data-quality validity rule: files and rows quarantined or rejected, on hand-made tallies with
 * the shares worked out by hand; and the count of rows a quarantined CSV/TSV file takes with it, on
 * real files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_NAMED_FILES, validityOf, type FileTally, type RejectedFile } from '../../../src/analytics/insights/quality-checks';
import { rejectedRows } from '../../../src/ingest/lake/rejected-rows';

const tally = (
  status: string,
  files: number,
  rowsRead = 0,
  rowsRejected = 0,
  filesWithRejectedRows = rowsRejected ? files : 0,
): FileTally => ({
  status,
  files,
  rowsRead,
  rowsRejected,
  filesWithRejectedRows,
});
const file = (name: string, status: string, rowsRejected: number, reason: string | null = null): RejectedFile => ({
  name,
  status,
  rowsRejected,
  reason,
});

describe('validity rule', () => {
  it('is 1 with nothing to count', () => {
    expect(validityOf([], [], [])).toMatchObject({ score: 1, failed: [] });
  });

  it('averages the share of good files and the share of accepted rows', () => {
    // 4 files, 1 quarantined TSV of 500 rows: files 3/4, rows 1500/2000.
    const bank = file('dk_bank_details_20250615_090000.tsv', 'quarantined', 500, 'BAD_VALUE line 17');
    const r = validityOf([tally('loaded', 2, 1500), tally('skipped', 1), tally('quarantined', 1, 0, 500)], [bank], [bank]);
    expect(r.score).toBeCloseTo((3 / 4 + 1500 / 2000) / 2, 12);
    expect(r.rule).toMatch(/files neither quarantined nor failed ÷ all files/);
    expect(r.rule).toMatch(/rows accepted ÷ rows seen/);
    expect(r.failed).toEqual([
      {
        check: 'rejected_files',
        detail: '1 quarantined and 0 failed of 4 files: dk_bank_details_20250615_090000.tsv (quarantined, BAD_VALUE line 17, 500 rows)',
        count: 1,
      },
      { check: 'rejected_rows', detail: '500 of 2000 rows rejected: dk_bank_details_20250615_090000.tsv 500 rows', count: 500 },
    ]);
  });

  it('a quarantined page with no countable rows weighs in the file share only', () => {
    const page = file('streams_stats.html', 'quarantined', 0, 'MISSING_SECTION');
    const r = validityOf([tally('loaded', 1, 300), tally('quarantined', 1), tally('failed', 1)], [page, file('x.csv', 'failed', 0)], []);
    expect(r.score).toBeCloseTo((1 / 3 + 1) / 2, 12);
    expect(r.failed.map((f) => [f.check, f.count])).toEqual([['rejected_files', 2]]);
    expect(r.failed[0].detail).toBe(
      '1 quarantined and 1 failed of 3 files: streams_stats.html (quarantined, MISSING_SECTION), x.csv (failed)',
    );
  });

  it('rows rejected with a dismissed file still count, and long lists name the first files and count the rest', () => {
    const many = Array.from({ length: MAX_NAMED_FILES }, (_, i) => file(`f${i}.csv`, 'quarantined', 10));
    const r = validityOf([tally('loaded', 1, 900), tally('quarantined', 12, 0, 120), tally('dismissed', 1, 0, 5)], many, many);
    expect(r.score).toBeCloseTo((2 / 14 + 900 / 1025) / 2, 12);
    const rows = r.failed.find((f) => f.check === 'rejected_rows')!;
    expect(rows.count).toBe(125);
    expect(rows.detail).toMatch(/^125 of 1025 rows rejected: f0\.csv 10 rows, .*f9\.csv 10 rows and 3 more$/);
    expect(r.failed.find((f) => f.check === 'rejected_files')!.detail).toMatch(/and 2 more$/);
  });
});

describe('rows a quarantined file takes with it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejected-rows-'));
  const write = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  it('CSV/TSV: non-blank lines after the header, whatever the line ends', () => {
    expect(rejectedRows(write('a.tsv', 'h1\th2\n1\t2\n3\t4\n'))).toBe(2);
    expect(rejectedRows(write('b.csv', 'h\r\n1\r\n\r\n  \r\n2\r3'))).toBe(3);
    expect(rejectedRows(write('c.CSV', 'header only\n'))).toBe(0);
    expect(rejectedRows(write('d.csv', ''))).toBe(0);
  });

  it('counts across read chunks', () => {
    const lines = 300_000;
    expect(rejectedRows(write('big.csv', `h\n${'row,1,2\n'.repeat(lines)}`))).toBe(lines);
  });

  it('other formats and unreadable files count 0', () => {
    expect(rejectedRows(write('page.html', '<html>\n<body>\n</body>\n</html>\n'))).toBe(0);
    expect(rejectedRows(write('f.json', '[\n{}\n]\n'))).toBe(0);
    expect(rejectedRows(path.join(dir, 'missing.csv'))).toBe(0);
  });
});
