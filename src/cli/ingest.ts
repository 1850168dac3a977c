/**
 * npm run ingest -- [--service <name>] [--captured-at <ISO time>] <file or folder>...
 * Copies files into the lake's landing zone (the originals are only read), loads them through
 * raw, staging and curated into the warehouse, and prints what happened to each file.
 * --captured-at sets the capture time of every input (else: manifest, file name, folder name, mtime).
 * Exits 1 when any file was quarantined or failed, 2 on a usage or configuration error.
 */
import 'reflect-metadata';
import path from 'node:path';
import os from 'node:os';
import { loadConfigOrExit, type Service, SERVICES } from '../config/config';
import { Redactor } from '../config/redactor';
import { RunLedger } from '../jobs/ingestion/run-ledger';
import { createLogger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { type FileSummary, IngestService } from '../ingest/ingest-service';
import { parseCapturedAtOption } from '../ingest/lake/capture-time';
import { fileSummaryLine } from './file-summary';
import { createProgressBar } from './progress-bar';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run ingest -- [--service <${SERVICES.join('|')}>] [--captured-at <ISO time>] <file or folder>...\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { service?: Service; capturedAt?: Date; inputs: string[] } {
  const inputs: string[] = [];
  let service: Service | undefined;
  let capturedAt: Date | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--service') {
      const value = argv[++i];
      if (!SERVICES.includes(value as Service)) usage(`unknown service "${value ?? ''}"`);
      service = value as Service;
    } else if (arg === '--captured-at') {
      try {
        capturedAt = parseCapturedAtOption(argv[++i]);
      } catch (err) {
        usage(err instanceof Error ? err.message : String(err));
      }
    } else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else inputs.push(arg);
  }
  if (!inputs.length) usage('nothing to ingest');
  return { service, capturedAt, inputs };
}


async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const { service, capturedAt, inputs } = parseArgs(process.argv.slice(2));
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const ds = await openWarehouse(config);
  const bar = createProgressBar();
  try {
    const ingestService = new IngestService(ds, config.dataLakeDir, logger, { archiveKeep: config.curatedArchiveKeep });
    const startedAt = new Date();
    const summaries = await ingestService.ingest(inputs, { service, capturedAt, onProgress: (file, done, total) => bar.update(path.basename(file), done, total) });
    bar.clear();
    for (const s of summaries) process.stdout.write(`${fileSummaryLine(s)}\n`);
    // One `upload` run per service in the ledger, so the admin and pipelineHealth see manual loads too.
    const ledger = new RunLedger(ds, Redactor.fromConfig(config));
    for (const svc of SERVICES) {
      const mine = summaries.filter((s) => s.service === svc);
      if (mine.length) await ledger.recordUpload(svc, mine, startedAt, `cli:${os.userInfo().username}`);
    }
    const count = (status: FileSummary['status']) => summaries.filter((s) => s.status === status).length;
    process.stdout.write(
      `${summaries.length} files: ${count('loaded')} loaded, ${count('skipped')} skipped, ${count('quarantined')} quarantined, ${count('failed')} failed\n`,
    );
    process.exitCode = count('quarantined') + count('failed') > 0 ? 1 : 0;
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`ingest failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
