/**
 * Test harness (not product code): runs the compiled ingest over argv files and SIGKILLs itself at
 * the first rename of a zone file into raw/ — that is, right after a load's transaction has
 * committed and before its raw/staging files, the curated datasets and the ledger are done.
 * Usage: node crash-after-commit.cjs <DATABASE_URL> <DATA_LAKE_DIR> <file>...
 */
require('reflect-metadata');
const fs = require('node:fs');
const path = require('node:path');

const dist = path.resolve(__dirname, '../../dist/src');
const { loadConfig } = require(`${dist}/config/config.js`);
const { createLogger } = require(`${dist}/config/logger.js`);
const { openWarehouse } = require(`${dist}/db/open-warehouse.js`);
const { IngestService } = require(`${dist}/ingest/ingest-service.js`);

const [dbUrl, lakeDir, ...files] = process.argv.slice(2);
const rename = fs.renameSync;
fs.renameSync = (from, to) => {
  if (String(from).endsWith('.tmp') && String(to).startsWith(path.join(lakeDir, 'raw') + path.sep)) {
    process.stdout.write('killing myself after the commit\n');
    process.kill(process.pid, 'SIGKILL');
  }
  return rename(from, to);
};

(async () => {
  const config = loadConfig({ DATABASE_URL: dbUrl, DATA_LAKE_DIR: lakeDir });
  const ds = await openWarehouse(config);
  await new IngestService(ds, lakeDir, createLogger('silent')).ingest(files);
  process.stdout.write('finished without being killed\n');
  await ds.destroy();
})();
