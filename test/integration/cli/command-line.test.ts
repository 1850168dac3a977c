/**
 * Every compiled command (what `npm run <script>` runs) answers --help with its usage, flags and an
 * example (exit 0, nothing else done) and refuses an unknown flag by name (exit 2); scripts/run.cjs
 * runs an entry in its own process with the entry's command line; and the token command that
 * /admin/login prints works exactly as printed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../helpers/server';
import { tempDir } from '../../helpers/databases';

const ROOT = path.resolve(__dirname, '../../..');

/** Compiled entry (dist/src/cli/<file>.js) → its npm script. */
const COMMANDS: Array<[string, string]> = [
  ['ingest', 'ingest'],
  ['token', 'token'],
  ['artists', 'artists'],
  ['lake', 'lake'],
  ['worker', 'worker'],
  ['print-schema', 'schema:print'],
  ['generate-migration', 'migration:generate'],
];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('command lines of the compiled CLIs', () => {
  let work: string;
  let env: Record<string, string>;

  beforeAll(() => {
    work = tempDir('command-line');
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? work,
      DATABASE_URL: `sqlite:${path.join(work, 'warehouse.sqlite')}`,
      DATA_LAKE_DIR: path.join(work, 'lake'),
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  function node(args: string[], extraEnv: Record<string, string> = {}): Run {
    const r = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8', timeout: 60_000, env: { ...env, ...extraEnv } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const cli = (file: string, ...args: string[]) => node([path.join(ROOT, 'dist/src/cli', `${file}.js`), ...args]);

  it.each(COMMANDS)('%s --help prints the usage with its flags and an example, and exits 0', (file, script) => {
    for (const flag of ['--help', '-h']) {
      const r = cli(file, flag);
      expect({ flag, status: r.status, stderr: r.stderr }).toEqual({ flag, status: 0, stderr: '' });
      expect(r.stdout).toMatch(new RegExp(`^usage: npm run ${script}\\b`));
      expect(r.stdout).toContain('-h, --help');
      expect(r.stdout).toMatch(new RegExp(`\\nexample: .*npm run ${script}\\b`));
    }
    // Nothing else ran: no warehouse was opened, no lake or schema written.
    expect(fs.existsSync(path.join(work, 'warehouse.sqlite'))).toBe(false);
    expect(fs.existsSync(path.join(work, 'lake'))).toBe(false);
  });

  it.each(COMMANDS)('%s refuses an unknown flag by name with exit 2 and its usage', (file, script) => {
    const r = cli(file, '--no-such-flag');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^unknown option --no-such-flag\\nusage: npm run ${script}\\b`));
    expect(fs.existsSync(path.join(work, 'warehouse.sqlite'))).toBe(false);
  });

  it('names a missing value, a value given to a switch, and a stray argument', () => {
    const cases: Array<[string, string[], string]> = [
      ['lake', ['release', 'x.tsv', '--service'], '--service needs a value\n'],
      [
        'lake',
        ['release', 'x.tsv', '--service', '--note'],
        '--service needs a value (to give one that starts with "-", write --service=--note)\n',
      ],
      ['ingest', ['--follow-symlinks=yes', 'x.tsv'], '--follow-symlinks takes no value\n'],
      ['worker', ['extra'], 'unexpected argument "extra"\n'],
      ['print-schema', ['out.graphql'], 'unexpected argument "out.graphql"\n'],
      ['generate-migration', ['lower_case'], '"lower_case" is not a PascalCase name'],
      ['token', ['create', 'me', 'ADMIN'], 'unexpected argument "me"\n'],
      ['token', [], 'no command\n'],
    ];
    for (const [file, args, message] of cases) {
      const r = cli(file, ...args);
      expect({ file, args, status: r.status }).toEqual({ file, args, status: 2 });
      expect(r.stderr.startsWith(message)).toBe(true);
      expect(r.stderr).toContain('usage: npm run ');
    }
  });

  it('token rejects unknown and misspelt flags before touching the warehouse', () => {
    for (const args of [
      ['create', '--role', 'admin', '--name', 'me', '--bogus'],
      ['create', '--rolee', 'admin', '--name', 'me'],
      ['list', '--all'],
      ['revoke', '--name', 'me', '--force'],
    ]) {
      const r = cli('token', ...args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(/^unknown option --\w+\nusage: npm run token -- create --role <viewer\|admin> --name <name>\n/);
    }
    expect(fs.existsSync(path.join(work, 'warehouse.sqlite'))).toBe(false);
  });

  it('scripts/run.cjs runs the entry in-process, with node flags given before it and the entry as argv[1]', () => {
    const r = node(['--expose-gc', path.join(ROOT, 'scripts/run.cjs'), 'dist/src/cli/token.js', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run token -- create/);
    // A probe entry reports what it sees (dist/ is where the launcher runs entries from).
    const probe = path.join(ROOT, 'dist', `launcher-probe-${process.pid}.js`);
    fs.writeFileSync(
      probe,
      `process.stdout.write(JSON.stringify({ argv: process.argv.slice(1), gc: typeof gc, heap: process.execArgv }));\n`,
    );
    try {
      const seen = node([
        '--expose-gc',
        '--max-old-space-size=160',
        path.join(ROOT, 'scripts/run.cjs'),
        path.relative(ROOT, probe),
        'a',
        '--b',
      ]);
      expect(seen.status).toBe(0);
      expect(JSON.parse(seen.stdout)).toEqual({
        argv: [probe, 'a', '--b'],
        gc: 'function',
        heap: ['--expose-gc', '--max-old-space-size=160'],
      });
    } finally {
      fs.rmSync(probe, { force: true });
    }
    // The launcher does not run sources or anything outside dist/.
    for (const entry of ['src/cli/token.ts', 'scripts/run.cjs', '--help']) {
      const bad = node([path.join(ROOT, 'scripts/run.cjs'), entry]);
      expect({ entry, status: bad.status }).toEqual({ entry, status: 2 });
      expect(bad.stderr).toMatch(/^scripts\/run\.cjs: /);
    }
  });

  it('scripts/run.cjs does not recompile for a result the benchmark wrote under bench/results', () => {
    const results = path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(results, { recursive: true });
    const launcher = path.join(ROOT, 'scripts/run.cjs');
    // Without an entry it only brings dist/ up to date (compiling if this checkout needs it).
    expect(node([launcher]).status).toBe(0);
    const written = path.join(results, `run-cjs-probe-${process.pid}.json`);
    fs.writeFileSync(written, '{}\n');
    try {
      const again = node([launcher]);
      expect(again.status).toBe(0);
      expect(again.stderr).not.toMatch(/Compiling/);
    } finally {
      fs.rmSync(written, { force: true });
    }
  }, 180_000);
});

describe('the token command printed by /admin/login [sqlite]', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite', {}, { worker: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('creates an ADMIN token as printed, and that token signs in', async () => {
    const page = await (await fetch(`${server.url}/admin/login`)).text();
    const code = /<code>(npm run token -- [^<]*)<\/code>/.exec(page);
    expect(code).not.toBeNull();
    const printed = code![1].replace(/&lt;|&gt;|&amp;|&quot;|&#(\d+);/g, (e, n?: string) =>
      n ? String.fromCharCode(Number(n)) : ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"' } as Record<string, string>)[e],
    );
    const args = printed.slice('npm run token -- '.length).trim().split(/\s+/);
    // Typed as shown into a shell: no placeholders, quotes or redirections to fill in.
    for (const arg of args) expect(arg).toMatch(/^[\w.@=-]+$/);

    const database = server.config.database;
    if (database.kind !== 'sqlite') throw new Error('expected the SQLite test server');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/src/cli/token.js'), ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: `sqlite:${database.path}`, LOG_LEVEL: 'silent' },
    });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.stringMatching(/^Created ADMIN token/) });
    const token = r.stdout.trim();
    expect(token).toMatch(/^\S{20,}$/);

    const signIn = await fetch(`${server.url}/admin/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ token }) });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/admin/jobs/');
  });
});
