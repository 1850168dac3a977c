import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/databases';

const ROOT = path.resolve(__dirname, '..', '..');

describe('npm run demo', () => {
  it('generates the catalogue, loads it exactly once, and reruns idempotently', () => {
    const cwd = tempDir('demo');
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${cwd}/w.sqlite`, DATA_LAKE_DIR: `${cwd}/lake`, LOG_LEVEL: 'error' };
    const run = () => spawnSync(process.execPath, [path.join(ROOT, 'dist/src/cli/demo.js'), '--no-serve'], { cwd, env, encoding: 'utf8', timeout: 120_000 });

    const first = run();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const exports = fs.readdirSync(path.join(cwd, 'data/demo-exports')).filter((f) => f.startsWith('dk_bank_details_')).sort();
    expect(exports.length).toBeGreaterThanOrEqual(3);
    // The newest export is the full history: the warehouse must hold exactly its lines.
    const newest = fs.readFileSync(path.join(cwd, 'data/demo-exports', exports[exports.length - 1]), 'utf8');
    expect(newest.includes('\n')).toBe(false);
    const lines = newest.split('\r').filter(Boolean).length - 1;
    const db = new Database(`${cwd}/w.sqlite`, { readonly: true });
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM transactions').get() as { n: number }).n;
    expect(count()).toBe(lines);
    expect((db.prepare("SELECT COUNT(*) AS n FROM streams WHERE source = 'distrokid'").get() as { n: number }).n).toBeGreaterThan(700);

    const second = run();
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/0 loaded, 5 skipped/);
    expect(count()).toBe(lines);
    db.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  });
});
