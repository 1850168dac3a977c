/**
 * The floors and the peer every ingest figure is compared with, measured on the same file in the
 * same run (absolute numbers on a shared machine are noise; ratios are not):
 * - SQLite bare floor: minimal parse (split lines on CR, cells on tab) and one prepared INSERT per
 *   row into a table without any index, one transaction. No validation, no money, no dimensions.
 * - PostgreSQL COPY floor: the same minimal parse streamed through `COPY … FROM STDIN`
 *   (pg-copy-streams) into a table without any index, one transaction.
 * - pandas peer (what the seed system did): `read_csv` + `to_sql` into SQLite, run with
 *   /usr/bin/python3 when it can import pandas (Debian: apt-get install python3-pandas), else skipped.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { PG_SERVER_URL } from './common';

export interface FloorResult {
  method: string;
  rows: number;
  ms: number;
  rowsPerSec: number;
  /** CPU time of this process during the floor (SQLite: all of the work; PostgreSQL: only the client's share). */
  cpuMs?: number;
  /** Peak RSS of the process that did the work, when it is its own process (pandas). */
  maxRssBytes?: number;
  /** What the peer's float arithmetic makes of the earnings total (pandas only). */
  earningsSum?: string;
}

/** Lines of the export after the header, CR/LF/CRLF tolerant, in batches (minimal parse: no validation). */
async function* dataLineBatches(file: string): AsyncGenerator<string[]> {
  let rest = '';
  let header = true;
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    const lines = text.split(/\r\n|\r|\n/);
    rest = lines.pop() ?? '';
    if (header && lines.length) {
      lines.shift();
      header = false;
    }
    yield lines.filter((l) => l.length > 0);
  }
  if (rest.length) yield [rest];
}

const TEXT_COLUMNS = 13;

export async function sqliteBareFloor(file: string, dbFile: string): Promise<FloorResult> {
  const db = new Database(dbFile);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE floor (${Array.from({ length: TEXT_COLUMNS }, (_, i) => `c${i} TEXT`).join(', ')})`);
    const insert = db.prepare(`INSERT INTO floor VALUES (${Array.from({ length: TEXT_COLUMNS }, () => '?').join(', ')})`);
    let rows = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    db.exec('BEGIN');
    for await (const lines of dataLineBatches(file)) {
      for (const line of lines) {
        insert.run(line.split('\t', TEXT_COLUMNS));
        rows++;
      }
    }
    db.exec('COMMIT');
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return {
      method: 'split on CR and tab + one prepared INSERT per row, no index, one transaction (better-sqlite3)',
      rows,
      ms,
      rowsPerSec: rows / (ms / 1000),
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
  } finally {
    db.close();
  }
}

export async function postgresCopyFloor(file: string, database: string): Promise<FloorResult> {
  const client = new Client({ connectionString: `${PG_SERVER_URL}/${database}` });
  await client.connect();
  try {
    await client.query(`CREATE TABLE copy_floor (${Array.from({ length: TEXT_COLUMNS }, (_, i) => `c${i} text`).join(', ')})`);
    const t0 = performance.now();
    await client.query('BEGIN');
    const stream = client.query(copyFrom(`COPY copy_floor FROM STDIN`));
    const failed = once(stream, 'error').then(([err]) => {
      throw err;
    });
    failed.catch(() => undefined);
    let rows = 0;
    for await (const lines of dataLineBatches(file)) {
      rows += lines.length;
      // The cells hold no backslash, tab or line break: they are COPY text as they are.
      if (!stream.write(lines.length ? `${lines.join('\n')}\n` : '')) await Promise.race([once(stream, 'drain'), failed]);
    }
    const done = Promise.race([once(stream, 'finish'), failed]);
    stream.end();
    await done;
    await client.query('COMMIT');
    const ms = performance.now() - t0;
    return {
      method: 'split on CR + COPY FROM STDIN (pg-copy-streams), no index, one transaction',
      rows,
      ms,
      rowsPerSec: rows / (ms / 1000),
    };
  } finally {
    await client.end();
  }
}

const PANDAS_SCRIPT = `
import json, resource, sqlite3, sys, time
try:
    import pandas as pd
except ImportError:
    print(json.dumps({"skipped": "pandas is not importable"}))
    sys.exit(0)
path, db = sys.argv[1], sys.argv[2]
t0 = time.time()
df = pd.read_csv(path, sep="\\t", lineterminator="\\r")
con = sqlite3.connect(db)
df.to_sql("transactions", con, index=False, chunksize=100000)
con.commit()
con.close()
ms = (time.time() - t0) * 1000
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"rows": int(len(df)), "ms": ms, "maxRssKiB": ru.ru_maxrss, "cpuMs": (ru.ru_utime + ru.ru_stime) * 1000,
                  "earningsSum": repr(float(df["Earnings (USD)"].sum())), "pandas": pd.__version__}))
`;

export const PANDAS_PYTHON = '/usr/bin/python3';

/** The seed system's load, for comparison; null with the reason when pandas is not there. */
export function pandasPeer(file: string, dbFile: string): Promise<FloorResult | { skipped: string }> {
  if (!fs.existsSync(PANDAS_PYTHON)) return Promise.resolve({ skipped: `${PANDAS_PYTHON} not found` });
  const script = path.join(path.dirname(dbFile), 'pandas_peer.py');
  fs.writeFileSync(script, PANDAS_SCRIPT);
  return new Promise((resolve) => {
    execFile(PANDAS_PYTHON, [script, file, dbFile], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) {
        resolve({ skipped: `pandas run failed: ${(stderr || err.message).trim().split('\n').pop()}` });
        return;
      }
      const out = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
        skipped?: string;
        rows: number;
        ms: number;
        cpuMs: number;
        maxRssKiB: number;
        earningsSum: string;
        pandas: string;
      };
      if (out.skipped) resolve({ skipped: out.skipped });
      else
        resolve({
          method: `pandas ${out.pandas} read_csv + to_sql (sqlite3), floats`,
          rows: out.rows,
          ms: out.ms,
          rowsPerSec: out.rows / (out.ms / 1000),
          cpuMs: out.cpuMs,
          maxRssBytes: out.maxRssKiB * 1024,
          earningsSum: out.earningsSum,
        });
    });
  });
}
