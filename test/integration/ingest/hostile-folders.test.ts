/**
 * Folders as users really hand them over: dangling symlinks, symlink loops, FIFOs, sockets,
 * devices, symlinks leading outside the folder, unreadable files and folders. Each such entry gets
 * its own summary with a clear reason and the rest of the folder loads; nothing blocks on a FIFO
 * or reads /dev/zero forever.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { bankDetailsChunks, type BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { describeEachDatabase, tempDir } from '../../helpers/databases';
import { generatorTotals, type Harness, listFiles, openHarness, transactionTotals } from './helpers';

const E1: BankSampleOptions = {
  seed: 61,
  rows: 90,
  months: ['2024-05'],
  artists: [],
  tracks: [{ artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' }],
};
const E2: BankSampleOptions = { ...E1, seed: 62, months: ['2024-06'] };

const bank = (o: BankSampleOptions) => [...bankDetailsChunks(o)].join('');

describeEachDatabase('hostile folder entries', (kind) => {
  let h: Harness;
  let outside: string;
  let socket: net.Server;
  let drop: string;

  beforeEach(async () => {
    h = await openHarness(kind);
    outside = tempDir('outside');
    drop = path.join(h.inputDir, 'drop');
    h.input('drop/dk_bank_details_20250101_000000.tsv', bank(E1));
    fs.writeFileSync(path.join(outside, 'dk_bank_details_20250201_000000.tsv'), bank(E2));
    const link = (target: string, name: string) => fs.symlinkSync(target, path.join(drop, name));
    link('dk_bank_details_20250101_000000.tsv', 'zz-alias.tsv');
    link('nowhere.tsv', 'dangling.tsv');
    link('loop-b', 'loop-a');
    link('loop-a', 'loop-b');
    fs.mkdirSync(path.join(drop, 'sub'));
    fs.symlinkSync('..', path.join(drop, 'sub', 'back'));
    link(path.join(outside, 'dk_bank_details_20250201_000000.tsv'), 'outside.tsv');
    link('/dev/zero', 'zero.tsv');
    expect(spawnSync('mkfifo', [path.join(drop, 'pipe.tsv')]).status).toBe(0);
    socket = net.createServer();
    await new Promise<void>((resolve) => socket.listen(path.join(drop, 'sock'), resolve));
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    await h?.close();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const byName = (summaries: Awaited<ReturnType<Harness['ingest']>>) =>
    Object.fromEntries(summaries.map((s) => [path.relative(drop, s.input), `${s.status}${s.code ? ` ${s.code}` : ''}`]));

  it('reports each hostile entry with its reason and loads the rest (symlinks outside not followed)', async () => {
    const summaries = await h.ingest([drop]);
    expect(byName(summaries)).toEqual({
      'dangling.tsv': 'failed DANGLING_SYMLINK',
      'dk_bank_details_20250101_000000.tsv': 'loaded',
      'loop-a': 'skipped SYMLINK_LOOP',
      'loop-b': 'skipped SYMLINK_LOOP',
      'outside.tsv': 'skipped SYMLINK_OUTSIDE',
      'pipe.tsv': 'skipped NOT_A_FILE',
      sock: 'skipped NOT_A_FILE',
      'sub/back': 'skipped SYMLINK_LOOP',
      'zero.tsv': 'skipped SYMLINK_OUTSIDE',
      'zz-alias.tsv': 'skipped',
    });
    const message = (name: string) => summaries.find((s) => path.relative(drop, s.input) === name)!.message;
    // The symlink inside the folder is followed: same bytes as the real file, so already in landing.
    expect(message('zz-alias.tsv')).toMatch(
      /^already in landing as landing\/distrokid\/bank_details\/dk_bank_details_20250101_000000\.tsv$/,
    );
    expect(message('dangling.tsv')).toBe('dangling symlink (its target nowhere.tsv does not exist)');
    expect(message('pipe.tsv')).toBe('a FIFO (named pipe), not a data file');
    expect(message('sock')).toBe('a socket, not a data file');
    expect(message('outside.tsv')).toMatch(
      /^symlink to .*dk_bank_details_20250201_000000\.tsv, outside the folders given \(not followed without --follow-symlinks\)$/,
    );
    expect(message('sub/back')).toMatch(/^symlink loop \(leads back to /);
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1));
    // One landing copy and its manifest, nothing else (no .part file from any entry).
    expect(listFiles(path.join(h.lakeDir, 'landing'))).toEqual([
      'distrokid/bank_details/dk_bank_details_20250101_000000.tsv',
      'distrokid/bank_details/dk_bank_details_20250101_000000.tsv.manifest.json',
    ]);
  });

  it('with followSymlinks loads the file outside and still refuses the device', async () => {
    const summaries = await h.service.ingest([drop], { followSymlinks: true });
    const got = byName(summaries);
    expect(got['outside.tsv']).toBe('loaded');
    expect(got['zero.tsv']).toBe('skipped NOT_A_FILE');
    expect(summaries.find((s) => s.input.endsWith('zero.tsv'))!.message).toBe('a character device, not a data file');
    expect(await transactionTotals(h.ds)).toEqual(generatorTotals(E1, E2));
  });

  it('paths named directly: a dangling symlink or a missing path is a failed entry, not a crash', async () => {
    const summaries = await h.ingest([
      path.join(drop, 'dangling.tsv'),
      path.join(drop, 'missing.tsv'),
      '/dev/zero',
      path.join(drop, 'dk_bank_details_20250101_000000.tsv'),
    ]);
    expect(summaries.map((s) => `${s.status} ${s.code ?? ''}`.trim())).toEqual([
      'failed DANGLING_SYMLINK',
      'failed NOT_FOUND',
      'skipped NOT_A_FILE',
      'loaded',
    ]);
  });
});

/** Whether every folder above the checkout lets other users through (a 0700 temp folder does not). */
function reachableByOthers(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0) return false;
    if (path.dirname(d) === d) return true;
  }
}

// chmod 000 does not stop root: as root the CLI runs as the unprivileged user "nobody" (uid 65534), so EACCES is real.
// That user must be able to reach the compiled CLI; a checkout inside a 0700 folder (mktemp -d) cannot be run by it.
const asRoot = process.getuid?.() === 0;
const describeUnreadable =
  !asRoot || reachableByOthers(path.resolve(__dirname, '../../..'))
    ? describe
    : (title: string, body: () => void) =>
        describe.skip(`${title} [SKIPPED: the checkout sits in a folder the unprivileged user cannot enter; clone it elsewhere]`, body);

describeUnreadable('unreadable entries (CLI child process) [sqlite]', () => {
  const CLI = path.resolve(__dirname, '../../../dist/src/cli/ingest.js');

  it('reports an unreadable file and an unreadable folder, and loads the rest', () => {
    const work = tempDir('unreadable');
    try {
      fs.chmodSync(work, 0o777);
      const drop = path.join(work, 'drop');
      fs.mkdirSync(path.join(drop, 'locked'), { recursive: true });
      fs.writeFileSync(path.join(drop, 'dk_bank_details_20250101_000000.tsv'), bank(E1));
      fs.writeFileSync(path.join(drop, 'dk_bank_details_20250102_000000.tsv'), bank(E2));
      fs.writeFileSync(path.join(drop, 'locked', 'dk_bank_details_20250103_000000.tsv'), bank(E2));
      fs.chmodSync(path.join(drop, 'dk_bank_details_20250102_000000.tsv'), 0o000);
      fs.chmodSync(path.join(drop, 'locked'), 0o000);
      const r = spawnSync(process.execPath, [CLI, drop], {
        cwd: work,
        encoding: 'utf8',
        timeout: 60_000,
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: work,
          DATABASE_URL: `sqlite:${path.join(work, 'w.sqlite')}`,
          DATA_LAKE_DIR: path.join(work, 'lake'),
        },
      });
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n')).toEqual([
        expect.stringMatching(
          /^loaded {7}dk_bank_details_20250101_000000\.tsv → landing\/distrokid\/bank_details\/dk_bank_details_20250101_000000\.tsv: 90 rows read/,
        ),
        'FAILED       dk_bank_details_20250102_000000.tsv: the file cannot be read (EACCES)',
        'FAILED       locked: the folder cannot be read (EACCES)',
        '3 files: 1 loaded, 0 skipped, 0 quarantined, 2 failed',
        '',
      ]);
      expect(r.status).toBe(1);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('--follow-symlinks (CLI child process) [sqlite]', () => {
  const CLI = path.resolve(__dirname, '../../../dist/src/cli/ingest.js');
  it('skips a symlink leading outside the folder (exit 0), follows it with --follow-symlinks', () => {
    const work = tempDir('follow');
    try {
      const drop = path.join(work, 'drop');
      const elsewhere = path.join(work, 'elsewhere');
      fs.mkdirSync(drop);
      fs.mkdirSync(elsewhere);
      fs.writeFileSync(path.join(elsewhere, 'dk_bank_details_20250201_000000.tsv'), bank(E2));
      fs.symlinkSync(path.join(elsewhere, 'dk_bank_details_20250201_000000.tsv'), path.join(drop, 'linked.tsv'));
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: work,
        DATABASE_URL: `sqlite:${path.join(work, 'w.sqlite')}`,
        DATA_LAKE_DIR: path.join(work, 'lake'),
      };
      const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, env });
      const plain = run([drop]);
      expect(plain.stdout).toBe(
        `skipped      linked.tsv: symlink to ${path.join(fs.realpathSync(elsewhere), 'dk_bank_details_20250201_000000.tsv')}, outside the folders given (not followed without --follow-symlinks)\n1 files: 0 loaded, 1 skipped, 0 quarantined, 0 failed\n`,
      );
      expect(plain.status).toBe(0);
      const followed = run(['--follow-symlinks', drop]);
      expect(followed.stdout).toMatch(/^loaded {7}linked\.tsv → landing\/distrokid\/bank_details\/linked_\d{8}_\d{6}\.tsv: 90 rows read/);
      expect(followed.status).toBe(0);
      const bogus = run(['--follow', drop]);
      expect(bogus.status).toBe(2);
      expect(bogus.stderr).toMatch(
        /^unknown option --follow\nusage: npm run ingest -- \[--service <[a-z_|]+>\] \[--captured-at <ISO time>\] \[--follow-symlinks\] <file or folder>\.\.\.\n$/,
      );
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
