/**
 * A process killed right after a load commits (before its raw/staging files are renamed into
 * place and curated is rebuilt) leaves nothing half-done for long: the next run renames the
 * committed zone files, rebuilds curated, removes temporaries of dead processes and records the
 * interrupted upload in the run ledger. The kill is real: SIGKILL of the ingest CLI child process.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { rebuildCuratedDatasets } from '../../../src/ingest/curated/curated-datasets';
import { describeEachDatabase } from '../../helpers/databases';
import {
  curatedTransactionsText,
  generatorTotals,
  type Harness,
  listFiles,
  openHarness,
  q,
  sourceFileByPath,
  transactionTotals,
} from '../ingest/helpers';

const TRACKS = [{ artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' }];
const E1: BankSampleOptions = { seed: 101, rows: 250, months: ['2024-03'], artists: [], tracks: TRACKS };
const E2: BankSampleOptions = { seed: 102, rows: 30, months: ['2024-04'], artists: [], tracks: TRACKS };
const PRELOAD = path.resolve(__dirname, '../../helpers/kill-at-raw-publish.cjs');
const CLI = path.resolve(__dirname, '../../../dist/src/cli/ingest.js');

/** Data rows of the curated DistroKid transactions dataset (header left out). */
function curatedRows(lakeDir: string): number {
  const text = curatedTransactionsText(lakeDir);
  return text ? text.split('\n').filter(Boolean).length - 1 : 0;
}

describeEachDatabase('recovery after a kill right after the commit', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await h?.close();
  });

  /** `npm run ingest` over the harness's warehouse and lake; `kill` SIGKILLs it right after its first commit. */
  const cli = (files: string[], kill: boolean) =>
    spawnSync(process.execPath, [...(kill ? ['--require', PRELOAD] : []), CLI, ...files], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: h.inputDir, DATABASE_URL: h.db.url, DATA_LAKE_DIR: h.lakeDir },
    });

  it('the next run publishes raw/staging, rebuilds curated and cleans temporaries', async () => {
    const file = h.input('dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(E1)].join(''));
    const child = cli([file], true);
    expect(child.stdout).toBe('killing myself after the commit\n');
    expect(child.signal).toBe('SIGKILL');

    // What the kill left: the load committed, its zone files still temporaries, curated not rebuilt.
    const landingFile = 'landing/distrokid/bank_details/dk_bank_details_20250101_000000.tsv';
    expect((await sourceFileByPath(h.ds, landingFile)).status).toBe('loaded');
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1));
    const temporaries = (zone: string) => listFiles(path.join(h.lakeDir, zone)).filter((f) => f.endsWith('.tmp'));
    expect(temporaries('raw')).toHaveLength(1);
    expect(temporaries('staging')).toHaveLength(1);
    expect(listFiles(path.join(h.lakeDir, 'raw')).filter((f) => !f.endsWith('.tmp'))).toEqual([]);
    expect(curatedRows(h.lakeDir)).toBe(0);
    // The load writes the curated statement-lines part as its lines stream: a temporary too, until the next run publishes it.
    expect(temporaries('curated')).toHaveLength(1);
    // A temporary of another dead process (a landing copy cut short), and one of a living process (ours) that must stay.
    const deadPart = path.join(h.lakeDir, 'landing', 'distrokid', 'bank_details', `.x.tsv.${child.pid}.part`);
    fs.writeFileSync(deadPart, 'partial');
    const livePart = path.join(h.lakeDir, 'landing', 'distrokid', 'bank_details', `.y.tsv.${process.pid}.part`);
    fs.writeFileSync(livePart, 'in progress');

    // The next run (here an ingest of another file) completes it first.
    const next = h.input('dk_bank_details_20250201_000000.tsv', [...bankDetailsChunks(E2)].join(''));
    const [s] = await h.ingest([next]);
    expect(s.status).toBe('loaded');
    expect(temporaries('raw')).toEqual([]);
    expect(temporaries('staging')).toEqual([]);
    expect(listFiles(path.join(h.lakeDir, 'raw', 'distrokid', 'bank_details'))).toEqual([
      'dk_bank_details_20250101_000000.tsv',
      'dk_bank_details_20250201_000000.tsv',
    ]);
    expect(listFiles(path.join(h.lakeDir, 'staging', 'distrokid', 'bank_details'))).toHaveLength(2);
    // The raw copy published by recovery is the whole validated file (its data lines).
    expect(
      fs
        .readFileSync(path.join(h.lakeDir, 'raw', 'distrokid', 'bank_details', 'dk_bank_details_20250101_000000.tsv'), 'utf8')
        .split(/\r\n|\r|\n/)
        .filter(Boolean),
    ).toHaveLength(E1.rows);
    expect(curatedRows(h.lakeDir)).toBe(E1.rows + E2.rows);
    expect(temporaries('curated')).toEqual([]);
    // The part the killed load wrote, published by recovery, is the one a rebuild writes from the warehouse.
    const published = curatedTransactionsText(h.lakeDir);
    await rebuildCuratedDatasets(h.ds, h.service.lake, { full: true });
    expect(curatedTransactionsText(h.lakeDir)).toBe(published);
    expect(fs.existsSync(deadPart)).toBe(false);
    expect(fs.existsSync(livePart)).toBe(true);
    // Only the upload's own journal is left: the next `npm run ingest` records it in the ledger (last test).
    expect(fs.readdirSync(path.join(h.lakeDir, '.journal'))).toEqual([expect.stringMatching(/^upload-\d+-\d+\.json$/)]);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1, E2));
  });

  it('a run with nothing new to load still completes a dead run: curated rebuilt by runPipeline', async () => {
    const file = h.input('dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(E1)].join(''));
    const child = cli([file], true);
    expect(child.signal).toBe('SIGKILL');
    expect(curatedRows(h.lakeDir)).toBe(0);
    const summaries = await h.service.runPipeline({ service: 'distrokid' });
    expect(summaries.map((x) => x.status)).toEqual(['skipped']);
    expect(curatedRows(h.lakeDir)).toBe(E1.rows);
    expect(listFiles(path.join(h.lakeDir, 'raw')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(fs.existsSync(path.join(h.lakeDir, '.journal', 'curated-stale.json'))).toBe(false);
  });

  it('the next upload records the interrupted one in the run ledger, with the rows it loaded', async () => {
    const file = h.input('dk_bank_details_20250101_000000.tsv', [...bankDetailsChunks(E1)].join(''));
    const second = h.input('later/dk_bank_details_20250201_000000.tsv', [...bankDetailsChunks(E2)].join(''));
    expect(cli([file, second], true).signal).toBe('SIGKILL');
    expect(await q(h.ds, 'SELECT id FROM ingestion_runs')).toEqual([]);

    const next = cli([second], false);
    expect(next.status).toBe(0);
    const runs = await q<{
      triggered_by: string;
      trigger: string;
      status: string;
      files_loaded: number | string;
      rows_loaded: number | string;
    }>(h.ds, 'SELECT triggered_by, "trigger", status, files_loaded, rows_loaded FROM ingestion_runs ORDER BY id');
    expect(runs.map((r) => ({ ...r, files_loaded: Number(r.files_loaded), rows_loaded: Number(r.rows_loaded) }))).toEqual([
      {
        triggered_by: expect.stringMatching(/^cli:\S+ \(interrupted\)$/),
        trigger: 'upload',
        status: 'succeeded',
        files_loaded: 1,
        rows_loaded: E1.rows,
      },
      { triggered_by: expect.stringMatching(/^cli:\S+$/), trigger: 'upload', status: 'succeeded', files_loaded: 1, rows_loaded: E2.rows },
    ]);
    expect(fs.readdirSync(path.join(h.lakeDir, '.journal'))).toEqual([]);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1, E2));
  });
});
