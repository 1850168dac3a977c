/**
 * The parse worker from the compiled code, as production runs it (`npm run ingest`: dist/, a 160 MB
 * heap): the worker loads its .js sibling, waits for the slower loading thread without ending early,
 * and reports a bad row many batches deep as the same QUARANTINED line naming file, line and field.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { loadConfig } from '../../../src/config/config';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { PARSE_WORKER_MIN_BYTES } from '../../../src/ingest/distrokid/bank-details.stream';
import { tempDir } from '../../helpers/databases';
import { generatorTotals, transactionTotals } from './helpers';

const CLI = path.resolve(__dirname, '../../../dist/src/cli/ingest.js');
const BIG: BankSampleOptions = {
  seed: 9001,
  rows: 60_000,
  months: ['2024-05', '2024-06'],
  artists: [],
  tracks: [
    { artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' },
    { artist: 'SXNCTUARY', title: 'Static Bloom', isrc: 'QZTAW2496366', upc: '197368123457' },
  ],
};

describe('DistroKid parse worker from dist/ (ingest CLI) [sqlite]', () => {
  let work: string;
  const content = [...bankDetailsChunks(BIG)].join('');
  beforeAll(() => expect(fs.existsSync(CLI)).toBe(true));
  beforeEach(() => {
    work = tempDir('worker-cli');
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  function ingest(name: string, text: string) {
    const file = path.join(work, name);
    fs.writeFileSync(file, text);
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: work,
      DATABASE_URL: `sqlite:${path.join(work, 'wh.sqlite')}`,
      DATA_LAKE_DIR: path.join(work, 'lake'),
    };
    const r = spawnSync(process.execPath, ['--max-old-space-size=160', CLI, file], { cwd: work, encoding: 'utf8', timeout: 120_000, env });
    return { ...r, env };
  }

  it('loads a large export through the worker thread', async () => {
    expect(Buffer.byteLength(content)).toBeGreaterThanOrEqual(PARSE_WORKER_MIN_BYTES);
    const r = ingest('dk_bank_details_20250101_000000.tsv', content);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(': 60000 rows read, 60000 loaded, 0 already loaded');
    const ds = await openWarehouse(loadConfig(r.env));
    try {
      expect(await transactionTotals(ds)).toEqual(generatorTotals(BIG));
    } finally {
      await ds.destroy();
    }
  });

  it('quarantines a bad row near the end, naming its line and field', async () => {
    const lines = content.split('\r');
    const cells = lines[55_000].split('\t');
    cells[0] = '2024-13-01';
    lines[55_000] = cells.join('\t');
    const r = ingest('dk_bank_details_20250102_000000.tsv', lines.join('\r'));
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^QUARANTINED {2}dk_bank_details_20250102_000000\.tsv: .*line 55001, column 1, field "Reporting Date".*found 2024-13-01/,
    );
    const ds = await openWarehouse(loadConfig(r.env));
    try {
      expect(await transactionTotals(ds)).toEqual({ rows: '0', gross: '0', net: '0', quantity: '0' });
    } finally {
      await ds.destroy();
    }
  });
});
