/**
 * Bad files are quarantined with a precise reason while the good file of the same batch loads;
 * nothing of a bad file reaches raw, staging, curated or the warehouse, and a failure deep inside
 * a large file rolls back everything that file had written (facts and new dimensions).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileSummary } from '../../../src/ingest/ingest-service';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { seededRandom } from '../../../demo/seeded-random';
import { describeEachDatabase } from '../../helpers/databases';
import {
  curatedTransactionsText,
  exportOf,
  generatedLines,
  generatorTotals,
  type Harness,
  listFiles,
  OLD_HEADER,
  openHarness,
  q,
  rollupTotals,
  sha256,
  sourceFileByPath,
  statuses,
  tableCounts,
  transactionTotals,
  tsv,
  tsvLine,
} from './helpers';

const VALID: BankSampleOptions = {
  seed: 7,
  rows: 400,
  months: ['2024-05', '2024-06'],
  artists: [],
  tracks: [
    { artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' },
    { artist: 'SXNCTUARY', title: 'Static Bloom', isrc: 'QZTAW2496366', upc: '197368123457' },
  ],
};

interface BadCase {
  name: string;
  content: () => string | Buffer;
  code: string;
  service: 'distrokid' | 'unknown';
  line?: number;
  column?: number;
  field?: string;
  found?: string;
}

/** Random bytes (NULs and invalid UTF-8 included) with no line break, after 16 ASCII bytes. */
function binaryGarbage(): Buffer {
  const rng = seededRandom(99);
  const buf = Buffer.alloc(64 * 1024);
  for (let i = 0; i < buf.length; i++) {
    let b = Math.floor(rng() * 256);
    if (b === 10 || b === 13) b = 0;
    buf[i] = b;
  }
  buf.write('PK-not-a-report-', 0, 'latin1');
  buf[16] = 0;
  return buf;
}

const BAD: BadCase[] = [
  {
    name: 'dk_bank_details_20250102_000000.tsv',
    content: () => 'Date\tAmount\tComment\r2024-01-01\t1.00\tx\r',
    code: 'BAD_HEADER',
    service: 'distrokid',
    line: 1,
  },
  {
    name: 'dk_bank_details_20250103_000000.tsv',
    content: () => tsv([...OLD_HEADER.slice(0, 12), 'Earnings'], [{}]),
    code: 'SCHEMA_DRIFT',
    service: 'distrokid',
    line: 1,
    field: 'Earnings (USD)',
  },
  {
    name: 'dk_bank_details_20250104_000000.tsv',
    // A download cut off in the middle of its last row (no final CR either).
    content: () => `${tsv(OLD_HEADER, [{}, {}, {}])}2024-10-05\t2024-08\tSpotify\tZONE A0\tNig`,
    code: 'WRONG_FIELD_COUNT',
    service: 'distrokid',
    line: 5,
  },
  {
    name: 'dk_bank_details_20250110_000000.tsv',
    // Cut off inside the last amount (0.01931943 → 0.0193): every field still parses, only the missing final CR tells.
    content: () => `${tsv(OLD_HEADER, [{}, {}])}${tsvLine(OLD_HEADER, { 'Earnings (USD)': '0.0193' })}`,
    code: 'INCOMPLETE',
    service: 'distrokid',
    line: 4,
  },
  {
    name: 'dk_bank_details_20250105_000000.tsv',
    content: () => tsv(OLD_HEADER, [{}, { 'Earnings (USD)': 'abc' }, {}]),
    code: 'BAD_VALUE',
    service: 'distrokid',
    line: 3,
    column: 13,
    field: 'Earnings (USD)',
    found: 'abc',
  },
  {
    name: 'dk_bank_details_20250106_000000.tsv',
    content: () => tsv(OLD_HEADER, [{}, {}, { 'Earnings (USD)': 'NaN' }]),
    code: 'BAD_VALUE',
    service: 'distrokid',
    line: 4,
    column: 13,
    field: 'Earnings (USD)',
    found: 'NaN',
  },
  {
    name: 'dk_bank_details_20250107_000000.tsv',
    content: () => tsv(OLD_HEADER, [{ 'Reporting Date': '2024-02-30' }, {}]),
    code: 'BAD_VALUE',
    service: 'distrokid',
    line: 2,
    column: 1,
    field: 'Reporting Date',
    found: '2024-02-30',
  },
  {
    name: 'dk_bank_details_20250108_000000.tsv',
    content: binaryGarbage,
    code: 'BINARY_CONTENT',
    service: 'distrokid',
    line: 1,
    column: 17,
  },
  { name: 'dk_bank_details_20250109_000000.tsv', content: () => '', code: 'EMPTY_FILE', service: 'distrokid' },
  {
    name: 'q3-notes-7f3a.dat',
    content: () => 'lorem ipsum dolor sit amet\nconsectetur adipiscing elit\n42;17;x\n',
    code: 'UNKNOWN_SOURCE',
    service: 'unknown',
  },
];

describeEachDatabase('quarantine of bad files', (kind) => {
  describe('one batch: a valid export and every kind of bad file', () => {
    let h: Harness;
    let summaries: FileSummary[];
    const inputs = new Map<string, { file: string; sha: string; mtimeMs: number }>();
    const validName = 'dk_bank_details_20250101_000000.tsv';

    beforeAll(async () => {
      h = await openHarness(kind);
      const files = [validName, ...BAD.map((b) => b.name)];
      for (const name of files) {
        const file = h.input(
          name,
          name === validName ? [...bankDetailsChunks(VALID)].join('') : BAD.find((b) => b.name === name)!.content(),
        );
        inputs.set(name, { file, sha: sha256(file), mtimeMs: fs.statSync(file).mtimeMs });
      }
      summaries = await h.ingest(files.map((n) => inputs.get(n)!.file));
    });
    afterAll(async () => {
      await h?.close();
    });

    const summaryOf = (name: string): FileSummary => summaries.find((s) => path.basename(s.input) === name)!;

    it('loads the valid export with exact totals and quarantines every bad file', async () => {
      expect(statuses(summaries).map((s) => s.replace(/ \(.*$/, ''))).toEqual([
        `${validName}: loaded`,
        ...BAD.map((b) => `${b.name}: quarantined`),
      ]);
      expect(summaryOf(validName)).toMatchObject({ rowsRead: VALID.rows, rowsLoaded: VALID.rows });
      expect(await transactionTotals(h.ds)).toEqual(generatorTotals(VALID));
      expect(await rollupTotals(h.ds)).toEqual(generatorTotals(VALID));
    });

    it.each(BAD.map((b) => [b.code, b.name, b] as const))('%s: %s has the right reason, naming line/column/field', (_code, name, bad) => {
      const s = summaryOf(name);
      expect(s.status).toBe('quarantined');
      expect(s.service).toBe(bad.service);
      expect(s.reason).toBeDefined();
      const r = s.reason!;
      expect(r.code).toBe(bad.code);
      expect(r.file).toBe(s.landingFile);
      if (bad.line !== undefined) {
        expect(r.line).toBe(bad.line);
        expect(s.message).toContain(`line ${bad.line}`);
      }
      if (bad.column !== undefined) {
        expect(r.column).toBe(bad.column);
        expect(s.message).toContain(`column ${bad.column}`);
      }
      if (bad.field !== undefined) {
        expect(r.field).toBe(bad.field);
        expect(s.message).toContain(`field "${bad.field}"`);
      }
      if (bad.found !== undefined) expect(r.found).toBe(bad.found);
    });

    it('has no warehouse rows from the bad files', async () => {
      const perFile = await q<{ path: string; n: number | string }>(
        h.ds,
        'SELECT f.path, COUNT(*) AS n FROM transactions t JOIN source_files f ON f.id = t.source_file_id GROUP BY f.path',
      );
      expect(perFile.map((r) => [r.path, Number(r.n)])).toEqual([[summaryOf(validName).landingFile, VALID.rows]]);
      for (const bad of BAD) {
        const rec = await sourceFileByPath(h.ds, summaryOf(bad.name).landingFile!);
        const [t] = await q<{ n: number | string }>(h.ds, 'SELECT COUNT(*) AS n FROM transactions WHERE source_file_id = ?', [rec.id]);
        expect(Number(t.n)).toBe(0);
        const [st] = await q<{ n: number | string }>(h.ds, 'SELECT COUNT(*) AS n FROM streams WHERE source_file_id = ?', [rec.id]);
        expect(Number(st.n)).toBe(0);
      }
    });

    it('leaves nothing of the bad files in raw/ or staging/ (and no temporary files)', () => {
      expect(listFiles(path.join(h.lakeDir, 'raw'))).toEqual(['distrokid/bank_details/dk_bank_details_20250101_000000.tsv']);
      expect(listFiles(path.join(h.lakeDir, 'staging'))).toEqual(['distrokid/bank_details/dk_bank_details_20250101_000000.csv']);
      const curated = curatedTransactionsText(h.lakeDir);
      expect(curated).toContain('dk_bank_details_20250101_000000.tsv');
      for (const bad of BAD) expect(curated).not.toContain(path.basename(summaryOf(bad.name).landingFile!));
    });

    it('puts a byte-identical copy and a .reason.json in quarantine/<service>/', () => {
      for (const bad of BAD) {
        const s = summaryOf(bad.name);
        const copy = path.join(h.lakeDir, 'quarantine', bad.service, path.basename(s.landingFile!));
        expect(fs.existsSync(copy)).toBe(true);
        expect(sha256(copy)).toBe(inputs.get(bad.name)!.sha);
        const reason = JSON.parse(fs.readFileSync(`${copy}.reason.json`, 'utf8'));
        expect(reason).toMatchObject({ code: bad.code, landingFile: s.landingFile, file: s.landingFile });
        if (bad.line !== undefined) expect(reason.line).toBe(bad.line);
      }
      const expected = BAD.flatMap((b) => {
        const base = `${b.service}/${path.basename(summaryOf(b.name).landingFile!)}`;
        return [base, `${base}.reason.json`];
      }).sort();
      expect(listFiles(path.join(h.lakeDir, 'quarantine'))).toEqual(expected);
    });

    it('keeps each landing file byte-identical to its original and leaves the original untouched', () => {
      for (const [name, input] of inputs) {
        const s = summaryOf(name);
        const landing = path.join(h.lakeDir, s.landingFile!);
        expect(sha256(landing)).toBe(input.sha);
        expect(fs.existsSync(input.file)).toBe(true);
        expect(sha256(input.file)).toBe(input.sha);
        expect(fs.statSync(input.file).mtimeMs).toBe(input.mtimeMs);
        const manifest = JSON.parse(fs.readFileSync(`${landing}.manifest.json`, 'utf8'));
        expect(manifest).toMatchObject({
          sha256: input.sha,
          originalName: name,
          file: s.landingFile,
          sizeBytes: fs.statSync(input.file).size,
        });
      }
    });

    it('records the bad files in source_files as quarantined with the JSON reason', async () => {
      for (const bad of BAD) {
        const s = summaryOf(bad.name);
        const rec = await sourceFileByPath(h.ds, s.landingFile!);
        expect(rec.status).toBe('quarantined');
        expect(rec.sha256).toBe(inputs.get(bad.name)!.sha);
        const reason = JSON.parse(rec.error!);
        expect(reason).toMatchObject({ code: bad.code, file: s.landingFile });
        expect(reason).toEqual(s.reason);
      }
      const valid = await sourceFileByPath(h.ds, summaryOf(validName).landingFile!);
      expect(valid.status).toBe('loaded');
    });
  });

  describe('a bad row deep inside a large file', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await openHarness(kind);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('rolls back everything: no partial rows, and no artists, tracks, releases or platforms from the rows before the bad line', async () => {
      const first = h.input('dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(VALID)].join(''));
      expect(statuses(await h.ingest([first]))).toEqual(['dk_bank_details_20250101_000000.tsv: loaded']);
      const countsBefore = await tableCounts(h.ds);
      const totalsBefore = await transactionTotals(h.ds);
      const rollupBefore = await rollupTotals(h.ds);
      const platformsBefore = await q<{ code: string }>(h.ds, 'SELECT code FROM platforms ORDER BY code');

      // 50,000 rows by artists, tracks and releases the warehouse has never seen, and an unknown store early on.
      const big: BankSampleOptions = {
        seed: 4242,
        rows: 50_000,
        months: ['2024-07', '2024-08', '2024-09'],
        artists: [],
        tracks: [
          { artist: 'NEW ARTIST ONE', title: 'First Light', isrc: 'QZNEW2400001', upc: '199999000001' },
          { artist: 'NEW ARTIST TWO X ZONE A0', title: 'Second Wind', isrc: 'QZNEW2400002', upc: '199999000002' },
        ],
      };
      const lines = generatedLines(big);
      expect(lines).toHaveLength(50_000);
      const cells = (i: number) => lines[i].split('\t');
      const withStore = cells(100);
      withStore[2] = 'Boomplay';
      lines[100] = withStore.join('\t'); // line 102
      const broken = cells(29_999);
      broken[12] = '12.3O'; // a letter O for a zero, line 30,001
      lines[29_999] = broken.join('\t');
      const file = h.input('dk_bank_details_20250201_000000.tsv', exportOf(OLD_HEADER, lines));

      const [s] = await h.ingest([file]);
      expect(s.status).toBe('quarantined');
      expect(s.reason).toMatchObject({ code: 'BAD_VALUE', line: 30_001, column: 13, field: 'Earnings (USD)', found: '12.3O' });

      expect(await tableCounts(h.ds)).toEqual(countsBefore);
      expect(await transactionTotals(h.ds)).toEqual(totalsBefore);
      expect(await rollupTotals(h.ds)).toEqual(rollupBefore);
      expect(await q(h.ds, 'SELECT code FROM platforms ORDER BY code')).toEqual(platformsBefore);
      expect(await q(h.ds, "SELECT name FROM artists WHERE name LIKE 'NEW ARTIST%'")).toEqual([]);
      expect(await q(h.ds, "SELECT id FROM tracks WHERE isrc LIKE 'QZNEW%'")).toEqual([]);
      expect(await q(h.ds, "SELECT id FROM stores WHERE name = 'Boomplay'")).toEqual([]);

      const rec = await sourceFileByPath(h.ds, s.landingFile!);
      expect(rec.status).toBe('quarantined');
      expect(JSON.parse(rec.error!)).toMatchObject({ code: 'BAD_VALUE', line: 30_001 });
      expect(listFiles(path.join(h.lakeDir, 'raw'))).toEqual(['distrokid/bank_details/dk_bank_details_20250101_000000.tsv']);
      expect(listFiles(path.join(h.lakeDir, 'staging'))).toEqual(['distrokid/bank_details/dk_bank_details_20250101_000000.csv']);
      expect(sha256(path.join(h.lakeDir, s.landingFile!))).toBe(sha256(file));
    });
  });
});
