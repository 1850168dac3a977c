import fs from 'node:fs';
import path from 'node:path';
import * as ts from 'typescript';

// The layer rule of docs/ARCHITECTURE.md, checked on the import specifiers of every product file: a layer imports
// only layers below it; the product never imports demo/, test/ or bench/. A folder of src/ that is in no layer fails,
// so a new folder is placed in the order on purpose.

const ROOT = path.resolve(__dirname, '../..');

/**
 * Lowest first. Folders on one level are siblings: they do not import each other, except where SIBLING_IMPORTS
 * names the pair. src/db, migrations/ and ormconfig.ts are one layer (the data source registers the migrations).
 */
const LEVELS: ReadonlyArray<readonly string[]> = [
  ['src/errors'],
  ['src/domain'], // pure values (money, dates, service codes): never the environment, so never src/config
  ['src/config'],
  ['src/entities'],
  ['src/db', 'migrations', 'ormconfig.ts'],
  ['src/ingest', 'src/analytics', 'src/access', 'src/browser'],
  ['src/jobs'],
  ['src/resolvers'],
  ['src/server'],
  ['src/cli'],
  ['demo'],
];

/** Sibling imports that are part of the design (importer → imported). */
const SIBLING_IMPORTS: ReadonlyArray<readonly [string, string]> = [
  ['src/db', 'migrations'],
  ['migrations', 'src/db'],
  ['ormconfig.ts', 'src/db'],
  ['ormconfig.ts', 'migrations'],
  // Extractors drive the browser that src/browser launches.
  ['src/ingest', 'src/browser'],
];

/** Folders a product file may never import from (demo/ may not either: it is built and shipped, they are not). */
const OUTSIDE = ['test', 'bench', 'scripts', 'web'];

interface SourceFile {
  /** Path from the repository root, with forward slashes. */
  file: string;
  text: string;
}

/** The layer a repository path belongs to: 'src/<folder>', 'migrations', 'ormconfig.ts', 'demo', or what is outside. */
function unitOf(repoPath: string): string {
  const parts = repoPath.split('/');
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : repoPath; // a file right under src/ is in no folder
  if (parts[0] === 'ormconfig' || parts[0] === 'ormconfig.ts') return 'ormconfig.ts';
  return parts[0];
}

function levelOf(unit: string): number {
  return LEVELS.findIndex((level) => level.includes(unit));
}

/** Every module specifier of a file: static imports and exports (type-only too), import(), require(), import x = require(). */
function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** One line per import that breaks the rule, naming the file, the specifier and why. */
function layerViolations(files: readonly SourceFile[]): string[] {
  const problems = new Set<string>();
  for (const { file, text } of files) {
    const from = unitOf(file);
    const fromLevel = levelOf(from);
    if (fromLevel < 0) {
      problems.add(`${file}: ${from} is in no layer (place it in LEVELS in test/unit/layers.test.ts on purpose)`);
      continue;
    }
    for (const spec of specifiersOf(text)) {
      if (!spec.startsWith('.')) continue; // a package or a node built-in
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const to = unitOf(target);
      if (to === from) continue;
      const toLevel = levelOf(to);
      const where = `${file} imports '${spec}'`;
      if (toLevel < 0) {
        const reason = OUTSIDE.includes(to) || to.startsWith('..') ? `${to}/ is not part of the product` : `${to} is in no layer`;
        problems.add(`${where}: ${reason}`);
      } else if (toLevel > fromLevel) {
        problems.add(`${where}: ${from} (level ${fromLevel}) may not import ${to} (level ${toLevel}), a higher layer`);
      } else if (toLevel === fromLevel && !SIBLING_IMPORTS.some(([a, b]) => a === from && b === to)) {
        problems.add(`${where}: ${from} and ${to} are siblings (level ${fromLevel}) and do not import each other`);
      }
    }
  }
  return [...problems].sort();
}

function readTree(dir: string, out: SourceFile[] = []): SourceFile[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return out;
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) readTree(rel, out);
    else if (/\.(c|m)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
      out.push({ file: rel, text: fs.readFileSync(path.join(ROOT, rel), 'utf8') });
  }
  return out;
}

function productFiles(): SourceFile[] {
  const files = ['src', 'migrations', 'demo'].flatMap((dir) => readTree(dir));
  files.push({ file: 'ormconfig.ts', text: fs.readFileSync(path.join(ROOT, 'ormconfig.ts'), 'utf8') });
  return files;
}

describe('layers', () => {
  it('reads every file of src/, migrations/, demo/ and ormconfig.ts', () => {
    const files = productFiles();
    expect(files.length).toBeGreaterThan(200);
    // Imports are found in every form (the product has hundreds of them).
    expect(files.flatMap((f) => specifiersOf(f.text)).filter((s) => s.startsWith('.')).length).toBeGreaterThan(1000);
  });

  it('finds a lower layer importing a higher one, in every import form', () => {
    const forms = [
      `import { app } from '../server/app';`,
      `import type { Context } from '../server/context';`,
      `export { app } from '../server/app';`,
      `const m = await import('../server/app');`,
      `const m = require('../server/app');`,
      `import m = require('../server/app');`,
    ];
    for (const text of forms) {
      expect(layerViolations([{ file: 'src/entities/track.entity.ts', text }])).toEqual([
        expect.stringContaining(`src/entities/track.entity.ts imports '../server/`),
      ]);
    }
  });

  it('finds siblings, unplaced folders and imports of test/, bench/ or demo/', () => {
    expect(layerViolations([{ file: 'src/analytics/a.ts', text: `import { x } from '../ingest/names';` }])).toEqual([
      expect.stringContaining('siblings'),
    ]);
    expect(layerViolations([{ file: 'src/newfolder/a.ts', text: '' }])).toEqual([expect.stringContaining('src/newfolder is in no layer')]);
    expect(layerViolations([{ file: 'src/ingest/a.ts', text: `import { x } from '../newfolder/b';` }])).toEqual([
      expect.stringContaining('src/newfolder is in no layer'),
    ]);
    expect(layerViolations([{ file: 'src/cli/a.ts', text: `import { x } from '../../test/simulators/kit';` }])).toEqual([
      expect.stringContaining('test/ is not part of the product'),
    ]);
    expect(layerViolations([{ file: 'src/db/a.ts', text: `import { x } from '../../bench/common';` }])).toEqual([
      expect.stringContaining('bench/ is not part of the product'),
    ]);
    expect(layerViolations([{ file: 'src/cli/a.ts', text: `import { x } from '../../demo/catalogue';` }])).toEqual([
      expect.stringContaining('may not import demo'),
    ]);
    expect(layerViolations([{ file: 'src/errors/a.ts', text: `import { x } from '../config/config';` }])).toEqual([
      expect.stringContaining('a higher layer'),
    ]);
  });

  it('lets each layer import the layers below it, and demo/ import the product', () => {
    const allowed: SourceFile[] = [
      {
        file: 'src/cli/a.ts',
        text: `import { a } from '../server/app'; import { b } from '../errors/domain-error'; import 'reflect-metadata';`,
      },
      {
        file: 'src/ingest/extract/a.ts',
        text: `import { launch } from '../../browser/launch-chromium'; import { c } from '../lake/lake';`,
      },
      { file: 'src/db/data-source.ts', text: `import { MIGRATIONS } from '../../migrations';` },
      { file: 'demo/main.ts', text: `import { x } from '../src/cli/ingest'; import { y } from './catalogue';` },
    ];
    expect(layerViolations(allowed)).toEqual([]);
  });

  it('holds in the product: no file imports a layer above its own', () => {
    expect(layerViolations(productFiles())).toEqual([]);
  });
});
