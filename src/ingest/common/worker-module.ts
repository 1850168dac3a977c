import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on a module beside the caller: `dir` is the caller's __dirname, `name` the
 * module without extension. From dist/ (npm run ingest, the server's jobs) that is the compiled .js
 * sibling, loaded as it is. From the TypeScript sources (jest runs them through @swc/jest, whose
 * transform a worker does not inherit) the thread first registers @swc/core for .ts files, with the
 * options jest uses, then requires the module. An eval'd bootstrap rather than a bootstrap file:
 * tsc copies no .cjs into dist/, and production never reaches @swc/core (a devDependency).
 */
export function startWorkerModule(dir: string, name: string, workerData: unknown): Worker {
  const fromSources = path.extname(__filename) === '.ts';
  const entry = path.join(dir, `${name}${fromSources ? '.ts' : '.js'}`);
  if (!fromSources) return new Worker(entry, { workerData });
  return new Worker(TS_BOOTSTRAP, { eval: true, workerData: { ...(workerData as object), [ENTRY_KEY]: entry } });
}

const ENTRY_KEY = '__workerModuleEntry';

const TS_BOOTSTRAP = `
const fs = require('node:fs');
const { createRequire } = require('node:module');
const { workerData } = require('node:worker_threads');
const entry = workerData.${ENTRY_KEY};
const { transformSync } = createRequire(entry)('@swc/core');
const options = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
require.extensions['.ts'] = (module, filename) => {
  module._compile(transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
};
require(entry);
`;
