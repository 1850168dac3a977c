/**
 * File names are data, not terminal input: newlines, escape sequences, C1 controls and bidi
 * overrides in a name are printed escaped by the CLI (one line per file, no forged lines, no
 * cursor moves or colours) and never reach the log lines raw.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bankDetailsChunks } from '../../../demo/sample-exports/distrokid';
import { printable } from '../../../src/ingest/lake/printable';
import { tempDir } from '../../helpers/databases';

const CLI = path.resolve(__dirname, '../../../dist/src/cli/ingest.js');
const TRACKS = [{ artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' }];
// Control characters a terminal would act on: C0 (incl. ESC, BEL, CR), DEL, the one-byte C1 CSI, line separator, right-to-left override.
// eslint-disable-next-line no-control-regex -- the test looks for exactly these control characters
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('hostile file names (CLI child process) [sqlite]', () => {
  it('prints one escaped line per file and keeps control characters out of stdout and the logs', () => {
    const work = tempDir('names');
    try {
      const drop = path.join(work, 'drop');
      fs.mkdirSync(drop);
      const forged = 'dk_bank_details_20250101_000000\nloaded       fake.tsv → landing: 999 rows read\u001b[2J\u0007.tsv';
      const c1 = 'notes\u009b31m\u202eexe.tsv\r';
      fs.writeFileSync(
        path.join(drop, forged),
        [...bankDetailsChunks({ seed: 5, rows: 20, months: ['2024-01'], artists: [], tracks: TRACKS })].join(''),
      );
      fs.writeFileSync(path.join(drop, c1), 'lorem ipsum\n');
      const r = spawnSync(process.execPath, [CLI, drop], {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: work,
          LOG_LEVEL: 'debug',
          DATABASE_URL: `sqlite:${path.join(work, 'w.sqlite')}`,
          DATA_LAKE_DIR: path.join(work, 'lake'),
        },
      });
      const out = r.stdout.split('\n');
      expect(out).toHaveLength(4);
      expect(out[0]).toMatch(
        new RegExp(
          `^loaded {7}${escapeRe(printable(forged))} → landing/distrokid/bank_details/dk_bank_details_20250101_000000_loaded_fake\\.tsv_landing_999_rows_read_2J__\\d{8}_\\d{6}\\.tsv: 20 rows read`,
        ),
      );
      expect(out[0]).toContain('dk_bank_details_20250101_000000\\nloaded');
      expect(out[0]).toContain('\\x1b[2J\\x07');
      expect(out[1]).toMatch(/^QUARANTINED {2}notes\\x9b31m\\u202eexe\.tsv\\r: /);
      expect(out[2]).toBe('2 files: 1 loaded, 0 skipped, 1 quarantined, 0 failed');
      expect(r.stdout).not.toMatch(CONTROL);
      // The logs (JSON lines at debug level) never carry a raw control character either.
      expect(r.stderr.length).toBeGreaterThan(0);
      expect(r.stderr).not.toMatch(CONTROL);
      for (const line of r.stderr.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
