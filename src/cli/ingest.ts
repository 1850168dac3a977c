/**
 * npm run ingest -- [--service <name>] [--captured-at <ISO time>] [--follow-symlinks] <file or folder>...   (--help)
 * Symlinks inside the folders are followed only when they stay inside them, unless --follow-symlinks.
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
import { createLogger } from '../config/logger';
import type { FileSummary } from '../ingest/ingest-service';
import { parseCapturedAtOption } from '../ingest/lake/capture-time';
import { printable } from '../ingest/lake/printable';
import { type CommandUsage, exitWithUsage, parseCommandLine } from './command-line';
import { fileSummaryLine } from './file-summary';
import { createProgressBar } from './progress-bar';

const SYNOPSIS = `usage: npm run ingest -- [--service <${SERVICES.join('|')}>] [--captured-at <ISO time>] [--follow-symlinks] <file or folder>...`;

const USAGE: CommandUsage = {
  synopsis: SYNOPSIS,
  help: `${SYNOPSIS}

Copies each file into the lake's landing zone (the originals are only read), loads it through raw,
staging and curated into the warehouse, and prints what happened to each file. Folders are read
recursively.

  --service <name>          the service every input comes from, when its name does not say
                            (${SERVICES.join(', ')})
  --captured-at <ISO time>  the capture time of every input, with a zone (else: its manifest, file
                            name, folder name, modification time)
  --follow-symlinks         also follow symlinks that lead outside the folders given
  -h, --help                this help

Exit status: 0 every file loaded or skipped, 1 a file was quarantined or failed, 2 usage or
configuration error.

example: npm run ingest -- --service distrokid ~/Downloads/export.tsv ~/Downloads/distrokid-pages/`,
};

function commandLine(): { service?: Service; capturedAt?: Date; followSymlinks: boolean; inputs: string[] } {
  const { values, positionals } = parseCommandLine(USAGE, {
    allowPositionals: true,
    options: { service: { type: 'string' }, 'captured-at': { type: 'string' }, 'follow-symlinks': { type: 'boolean' } },
  });
  const service = values.service;
  if (service !== undefined && !SERVICES.includes(service as Service)) exitWithUsage(USAGE, `unknown service "${service}"`);
  let capturedAt: Date | undefined;
  if (values['captured-at'] !== undefined) {
    try {
      capturedAt = parseCapturedAtOption(values['captured-at']);
    } catch (err) {
      exitWithUsage(USAGE, err instanceof Error ? err.message : String(err));
    }
  }
  if (!positionals.length) exitWithUsage(USAGE, 'nothing to ingest');
  return { service: service as Service | undefined, capturedAt, followSymlinks: values['follow-symlinks'] === true, inputs: positionals };
}

async function main(): Promise<void> {
  const { service, capturedAt, followSymlinks, inputs } = commandLine();
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  // The database and ingest stack loads once the command line is known good: --help and usage errors answer at once.
  const [{ openWarehouse }, { IngestService }, { configuredLinks }, { UploadJournal }, { RunLedger }, { PostLoadHooks }] =
    await Promise.all([
      import('../db/open-warehouse'),
      import('../ingest/ingest-service'),
      import('../ingest/identity/identity-service'),
      import('../ingest/lake/upload-journal'),
      import('../jobs/ingestion/run-ledger'),
      import('../jobs/post-load/post-load-hooks'),
    ]);
  const ds = await openWarehouse(config);
  const bar = createProgressBar();
  try {
    const ingestService = new IngestService(ds, config.dataLakeDir, logger, {
      limits: { maxFileBytes: config.ingest.maxFileBytes },
      configuredLinks: configuredLinks(config.extractors),
      curated: { archiveKeep: config.curatedArchiveKeep },
      afterLoads: new PostLoadHooks(ds, config, logger).afterLoads,
    });
    const ledger = new RunLedger(ds, Redactor.fromConfig(config));
    const by = `cli:${os.userInfo().username}`;
    // One `upload` run per service in the ledger, so the admin and pipelineHealth see manual loads too.
    const recordUploads = async (summaries: FileSummary[], startedAt: Date, triggeredBy: string) => {
      for (const svc of SERVICES) {
        const mine = summaries.filter((s) => s.service === svc);
        if (mine.length) await ledger.recordUpload(svc, mine, startedAt, triggeredBy);
      }
    };
    // An upload killed before it reached the ledger is recorded now, from what the warehouse says of its files.
    for (const orphan of UploadJournal.abandoned(ingestService.lake)) {
      await recordUploads(
        await ingestService.summariesOf(orphan.record.landingFiles),
        new Date(orphan.record.startedAt),
        `${orphan.record.by} (interrupted)`,
      );
      orphan.remove();
    }
    const startedAt = new Date();
    const journal = UploadJournal.begin(ingestService.lake, by, startedAt);
    const summaries = await ingestService.ingest(inputs, {
      service,
      capturedAt,
      followSymlinks,
      onLanded: (file) => journal.landed(file),
      onProgress: (file, done, total) => bar.update(printable(path.basename(file)), done, total),
    });
    bar.clear();
    for (const s of summaries) process.stdout.write(`${fileSummaryLine(s)}\n`);
    await recordUploads(summaries, startedAt, by);
    journal.end();
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
  process.stderr.write(`ingest failed: ${printable(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});
