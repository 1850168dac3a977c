/**
 * The real `npm run artists` CLI (compiled) as a child process over a SQLite warehouse: list,
 * link (merging a placeholder), merge, unlink, --help, and every bad input with its exit code
 * (2 usage, 1 refused).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { createLogger } from '../../../src/config/logger';
import { openWarehouse } from '../../../src/db/open-warehouse';
import { IngestService } from '../../../src/ingest/ingest-service';
import { audienceCsv, audienceFileName } from '../../../demo/sample-exports/spotify';
import { tempDir } from '../../helpers/databases';
import { nano, OLD_HEADER, q, tsv } from '../ingest/helpers';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/src/cli/artists.js');
const ID = '1Eu67EqPy2NutiM0lqCarw';
const OTHER = '62owJQCD2XzVB2o19CVsFM';

describe('artists CLI (child process) [sqlite]', () => {
  let work: string;
  let dbUrl: string;
  const placeholderDays = audienceCsv({ seed: 81, endDate: '2025-06-30', days: 15 });

  beforeAll(async () => {
    expect(fs.existsSync(CLI)).toBe(true);
    work = tempDir('artists-cli');
    dbUrl = `sqlite:${path.join(work, 'warehouse.sqlite')}`;
    const input = (name: string, content: string) => {
      fs.writeFileSync(path.join(work, name), content);
      return path.join(work, name);
    };
    const ds = await openWarehouse(loadConfig({ DATABASE_URL: dbUrl, DATA_LAKE_DIR: path.join(work, 'lake') }));
    try {
      const summaries = await new IngestService(ds, path.join(work, 'lake'), createLogger('silent')).ingest([
        input(audienceFileName('PIG1987', '20250401_000000', OTHER), audienceCsv({ seed: 82, endDate: '2025-03-31', days: 5 }).csv),
        input(audienceFileName(null, '20250701_070222', ID), placeholderDays.csv),
        input(
          'dk_bank_details_20241101_000000.tsv',
          tsv(OLD_HEADER, [{ Artist: 'P.I.G. 87', Title: 'Glass', ISRC: 'QZTAW2400002', 'Earnings (USD)': '2.00000003' }]),
        ),
      ]);
      expect(summaries.map((s) => s.status)).toEqual(['loaded', 'loaded', 'loaded']);
    } finally {
      await ds.destroy();
    }
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: work,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? work, DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  async function warehouse<T>(sql: string): Promise<T[]> {
    const ds = await openWarehouse(loadConfig({ DATABASE_URL: dbUrl }));
    try {
      return await q<T>(ds, sql);
    } finally {
      await ds.destroy();
    }
  }

  it('prints its usage with --help, and exits 2 on unknown flags, commands and argument counts', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('link <spotify|tiktok|meta_page> <external id> <artist>');
    for (const args of [
      ['list', '--bogus'],
      ['rename', 'a', 'b'],
      [],
      ['link', 'spotify', ID],
      ['merge', 'a'],
      ['list', 'extra'],
      ['merge', 'a', 'b', '--create'],
      ['link', 'spotify', ID, ''],
    ]) {
      const r = run(...args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toContain('usage: npm run artists');
    }
  });

  it('lists links with the placeholder marked, and link merges the placeholder into the artist', async () => {
    const list = run('list');
    expect(list.status).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^spotify\\t${ID}\\t#\\d+\\tspotify:${ID}\\tPLACEHOLDER`)),
      expect.stringMatching(new RegExp(`^spotify\\t${OTHER}\\t#\\d+\\tPIG1987$`)),
    ]);
    expect(run('list', '--placeholders').stdout.trim().split('\n')).toHaveLength(1);

    const link = run('link', 'spotify', ID, 'pig 1987');
    expect(link.status).toBe(0);
    expect(link.stdout).toMatch(new RegExp(`spotify ${ID} → PIG1987 \\(#\\d+\\): linked; placeholder "spotify:${ID}" merged into it`));
    const days = await warehouse<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM audience_daily d JOIN artists a ON a.id = d.artist_id WHERE a.name = 'PIG1987'`,
    );
    expect(Number(days[0].n)).toBe(5 + placeholderDays.days.length);
    expect(run('list', '--placeholders').stdout).toBe('');
    expect(run('link', 'spotify', ID, 'PIG1987').stdout).toContain('already linked');
  });

  it('refuses bad links with exit 1 and a coded message', () => {
    const cases: Array<[string[], RegExp]> = [
      [['link', 'soundcloud', ID, 'PIG1987'], /not a platform.*\[BAD_USER_INPUT\]/],
      [['link', 'spotify', 'abc', 'PIG1987'], /22-character Spotify artist id \[BAD_USER_INPUT\]/],
      [['link', 'spotify', '4Z8W4fKeB5YxbusRsdQVPb', 'Nobody Known'], /no artist is named "Nobody Known" \[BAD_USER_INPUT\]/],
      [['link', 'spotify', '4Z8W4fKeB5YxbusRsdQVPb', '#999999'], /no artist has id 999999 \[BAD_USER_INPUT\]/],
      [['unlink', 'tiktok', 'nobody.here'], /not linked to any artist \[NOT_FOUND\]/],
      [['list', '--kind', 'myspace'], /not a platform/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect({ args, status: r.status }).toEqual({ args, status: 1 });
      expect(r.stderr).toMatch(message);
    }
    const created = run('link', 'tiktok', '@Pig.1987', 'Brand New Act', '--create');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/^tiktok pig\.1987 → Brand New Act \(#\d+\): linked/);
  });

  it('merges artists by any spelling, says so when repeated, refuses the same artist twice, and unlinks', async () => {
    const merge = run('merge', 'p.i.g. 87', 'PIG1987');
    expect(merge.status).toBe(0);
    expect(merge.stdout).toMatch(/^merged P\.I\.G\. 87 \(#\d+\) into PIG1987 \(#\d+\): .*transactions 1/);
    const money = await warehouse<{ name: string; n: string }>(
      `SELECT a.name, CAST(SUM(t.net_nano) AS TEXT) AS n FROM transactions t JOIN artists a ON a.id = t.artist_id GROUP BY a.name`,
    );
    expect(money.map((m) => [m.name, BigInt(m.n)])).toEqual([['PIG1987', nano('2.00000003')]]);
    const again = run('merge', 'P.I.G. 87', 'PIG1987');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('was already merged');
    const same = run('merge', 'Pig 1987', 'PIG1987');
    expect(same.status).toBe(1);
    expect(same.stderr).toMatch(/same artist.*\[BAD_USER_INPUT\]/);
    const unknown = run('merge', 'Nobody', 'PIG1987');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/"Nobody" is not an artist/);

    const unlink = run('unlink', 'spotify', ID);
    expect(unlink.status).toBe(0);
    expect(unlink.stdout).toMatch(new RegExp(`unlinked spotify ${ID} from PIG1987`));
    expect(run('unlink', 'spotify', ID).status).toBe(1);
  });
});
