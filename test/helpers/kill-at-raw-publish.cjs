/**
 * Test harness (not product code), preloaded with `node --require`: SIGKILLs the process at the
 * first rename of a zone file into <DATA_LAKE_DIR>/raw/, that is right after a load's transaction
 * has committed and before its raw/staging files, curated datasets and ledger entry are done.
 */
const fs = require('node:fs');
const path = require('node:path');

const raw = path.join(path.resolve(process.env.DATA_LAKE_DIR || 'data_lake'), 'raw') + path.sep;
const rename = fs.renameSync;
fs.renameSync = (from, to) => {
  if (String(from).endsWith('.tmp') && path.resolve(String(to)).startsWith(raw)) {
    process.stdout.write('killing myself after the commit\n');
    process.kill(process.pid, 'SIGKILL');
  }
  return rename(from, to);
};
