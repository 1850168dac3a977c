import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { findMongoEmulator } from './mongo-emulator';

/**
 * Probes the optional real dependencies once. On a laptop without them the dependent suites skip
 * with a visible message; with CI=true a missing PostgreSQL or Chromium fails the whole run.
 */
export default async function globalSetup(): Promise<void> {
  // The CLI tests run the compiled commands as a user would: build once, before any suite, through the
  // launcher `npm run <cli>` uses (it recompiles only when a source is newer than dist/, and keeps its stamp right).
  const root = path.resolve(__dirname, '..', '..');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/run.cjs')], { cwd: root, encoding: 'utf8' });
  // Type errors are the typecheck step's to report (`npm test` runs it first); tsc still emits. Only a missing CLI stops the run.
  if (!fs.existsSync(path.join(root, 'dist/src/cli/ingest.js')))
    throw new Error(`build failed before the tests:\n${build.stdout}${build.stderr}`);
  if (build.status !== 0) process.stderr.write(`\n⚠ tsc reported errors while building the CLIs (see npm run typecheck)\n`);

  const ci = ['true', '1'].includes(process.env.CI ?? '');
  const pgUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const missing: string[] = [];

  const client = new Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    process.env.TEST_POSTGRES_AVAILABLE = '1';
  } catch (err) {
    process.env.TEST_POSTGRES_AVAILABLE = '0';
    missing.push(`PostgreSQL at ${pgUrl.replace(/\/\/[^@]*@/, '//')} (${(err as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }

  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const chromium = candidates.find((p) => fs.existsSync(p));
  process.env.TEST_CHROMIUM_EXECUTABLE = chromium ?? '';
  if (!chromium) missing.push(`Chromium (looked at ${candidates.join(', ')}; install Debian's chromium or set CHROMIUM_PATH)`);

  // The Mongo contract cases need MONGODB_URL or the emulator; on CI the emulator is installed here, so
  // `CI=true npm test` on a fresh clone needs no step of its own (.ci/run also installs it first).
  if (ci && !process.env.MONGODB_URL && !findMongoEmulator()) {
    const install = spawnSync('bash', [path.join(root, '.ci/install-mongo-emulator.sh')], { cwd: root, encoding: 'utf8' });
    if (install.status !== 0)
      missing.push(`the Mongo emulator (.ci/install-mongo-emulator.sh failed: ${install.stderr.trim().slice(-500)})`);
  }

  if (missing.length && ci) throw new Error(`CI=true and required test dependencies are missing:\n  - ${missing.join('\n  - ')}`);
  for (const m of missing) process.stderr.write(`\n⚠ SKIPPING tests that need ${m}\n`);
}
