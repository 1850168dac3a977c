#!/usr/bin/env node
/**
 * node [node flags] scripts/run.cjs [--web] [dist/<entry>.js [args...]]
 *
 * Runs a compiled entry point in this very process (so node flags given before this script, such as
 * --max-old-space-size or --expose-gc, apply to it), after bringing dist/ up to date: the server is
 * recompiled (tsc, incremental) only when a file it is built from is newer than dist/.tsbuildinfo;
 * with --web the dashboard bundle is built when it is missing. Without an entry it only builds.
 * Plain JavaScript, so that it runs before anything is compiled.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const BUILD_CONFIG = path.join(ROOT, 'tsconfig.build.json');
const BUILD_STAMP = path.join(ROOT, 'dist', '.tsbuildinfo');
const WEB_BUNDLE = path.join(ROOT, 'dist', 'web', 'index.html');
/**
 * Folders under the build inputs that runs write and the build never reads: the benchmark's results
 * (every `npm run bench` writes there, which would otherwise make the next run recompile).
 */
const OUTPUTS = new Set([path.join(ROOT, 'bench', 'results')]);
/** What the build reads when tsconfig.build.json cannot be read as plain JSON. */
const FALLBACK_INPUTS = ['ormconfig.ts', 'src', 'migrations', 'bench', 'demo'];

function fail(message) {
  process.stderr.write(`scripts/run.cjs: ${message}\n`);
  process.exit(2);
}

/** The files and folders the server build reads: its include patterns cut before their first wildcard, the tsconfigs, and demo/. */
function buildInputs() {
  let include = FALLBACK_INPUTS;
  try {
    const config = JSON.parse(fs.readFileSync(BUILD_CONFIG, 'utf8'));
    if (Array.isArray(config.include)) include = [...config.include, 'demo'];
  } catch {
    // A tsconfig with comments: the fixed list above.
  }
  return [...new Set([...include.map(staticPrefix).filter(Boolean), 'tsconfig.json', 'tsconfig.build.json'])].map((p) =>
    path.join(ROOT, p),
  );
}

// "src/**/*.ts" → "src"; "ormconfig.ts" → itself.
function staticPrefix(pattern) {
  const parts = pattern.split('/');
  const wildcard = parts.findIndex((part) => /[*?]/.test(part));
  return (wildcard === -1 ? parts : parts.slice(0, wildcard)).join('/');
}

/** The newest modification time under the given paths (folders count too: a file removed or renamed touches its folder). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (OUTPUTS.has(p)) return;
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  paths.forEach(visit);
  return newest;
}

function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * Runs a build tool as a child, without this process's node flags (a 160 MB heap is for ingest, not
 * for tsc), its output on stderr: the command's stdout (a new token, a report) stays clean.
 */
function runNode(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.error) fail(`${what}: ${result.error.message}`);
  return result.status ?? 1;
}

function buildServer(entry) {
  if (mtimeOf(BUILD_STAMP) >= newestMtime(buildInputs()) && (!entry || fs.existsSync(entry))) return;
  process.stderr.write('Compiling the server (dist/ is older than its sources)…\n');
  const started = new Date();
  const status = runNode([require.resolve('typescript/bin/tsc'), '-p', BUILD_CONFIG], 'tsc');
  if (status !== 0) {
    // tsc emits despite type errors and stamps the build: age the stamp, so the next run checks again instead of running this output.
    if (fs.existsSync(BUILD_STAMP)) fs.utimesSync(BUILD_STAMP, 0, 0);
    process.exit(status);
  }
  // tsc leaves the stamp alone when no content changed; and a file saved during the build is newer than its start.
  fs.utimesSync(BUILD_STAMP, started, started);
}

function buildWebWhenMissing() {
  if (fs.existsSync(WEB_BUNDLE)) return;
  process.stderr.write('Building the dashboard (dist/web is missing; `npm run build:web` rebuilds it after a change to web/)…\n');
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), require('vite/package.json').bin.vite);
  const status = runNode([vite, 'build', '--config', path.join(ROOT, 'web', 'vite.config.mts')], 'vite');
  if (status !== 0) process.exit(status);
}

function main() {
  const args = process.argv.slice(2);
  const web = args[0] === '--web';
  if (web) args.shift();
  const [entryArg, ...rest] = args;
  if (entryArg !== undefined && (entryArg.startsWith('-') || !entryArg.endsWith('.js')))
    fail(`expected a compiled entry point (dist/….js), got "${entryArg}"`);
  const entry = entryArg === undefined ? undefined : path.resolve(ROOT, entryArg);
  if (entry !== undefined && !entry.startsWith(path.join(ROOT, 'dist') + path.sep))
    fail(`the entry point must be under dist/, got "${entryArg}"`);
  buildServer(entry);
  if (web) buildWebWhenMissing();
  if (entry === undefined) return;
  if (!fs.existsSync(entry)) fail(`${entryArg} does not exist after the build`);
  // The entry sees the command line it would have seen if run directly: node <entry> args...
  process.argv = [process.argv[0], entry, ...rest];
  require(entry);
}

main();
