/**
 * npm run lake -- status                               per service and zone: files, size, newest file and its age, quarantined files with reasons
 * npm run lake -- release <file> [--service <name>]    re-runs a quarantined file through its cleaner (after a fix or an upgrade)
 * npm run lake -- dismiss <file> [--note <text>]       acknowledges a quarantined file: never loaded, no longer counted by pipelineHealth
 * <file> is the landing path, the quarantine path, or the file name when only one quarantined file has it.
 * Exits 0 on success, 1 when a release ends quarantined or failed again or the file cannot be resolved, 2 on a usage error.
 */
import 'reflect-metadata';
import os from 'node:os';
import { type AppConfig, loadConfigOrExit, type Service, SERVICES } from '../config/config';
import { createLogger } from '../config/logger';
import { Lake } from '../ingest/lake/lake';
import { lakeStatus } from '../ingest/lake/lake-status';
import { printable } from '../ingest/lake/printable';
import { type CommandUsage, exitWithUsage, parseCommandLine } from './command-line';
import { fileSummaryLine } from './file-summary';

const SYNOPSIS = `usage: npm run lake -- status
       npm run lake -- release <file> [--service <${SERVICES.join('|')}>]
       npm run lake -- dismiss <file> [--note <text>]`;

const USAGE: CommandUsage = {
  synopsis: SYNOPSIS,
  help: `${SYNOPSIS}

  status     per service and zone: files, size, newest file and its age; quarantined files with reasons
  release    re-runs a quarantined file through its cleaner (after a fix or an upgrade)
  dismiss    acknowledges a quarantined file: never loaded, no longer counted by pipelineHealth

  --service <name>   release: the service the file comes from, when its name does not say
  --note <text>      dismiss: why, kept with the file's quarantine record
  -h, --help         this help

<file>: a landing path (landing/<service>/<stream>/<name>), a quarantine path, or a quarantined file's name.
Exit status: 0 done, 1 the release ended quarantined or failed again or the file cannot be resolved, 2 usage error.

example: npm run lake -- release dk_bank_details_20250102_000000.tsv --service distrokid`,
};

function age(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function status(config: AppConfig): void {
  const now = new Date();
  const lines: string[] = [`Data lake at ${config.dataLakeDir}`];
  for (const s of lakeStatus(new Lake(config.dataLakeDir))) {
    lines.push('', s.service);
    for (const z of s.zones) {
      const newest = z.newest ? `newest ${z.newest.file} (${age(z.newest.modifiedAt, now)} ago)` : 'empty';
      lines.push(`  ${z.zone.padEnd(11)} ${String(z.files).padStart(6)} files ${size(z.bytes).padStart(10)}  ${newest}`);
    }
    for (const q of s.quarantined) lines.push(`  QUARANTINED ${q.file}: ${q.code} ${q.message}`);
  }
  process.stdout.write(`${lines.map(printable).join('\n')}\n`);
}

async function review(
  config: AppConfig,
  command: 'release' | 'dismiss',
  file: string,
  options: { service?: Service; note?: string },
): Promise<number> {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  // The database and ingest stack loads only here: --help, usage errors and status answer without it.
  const [{ openWarehouse }, { IngestService }, { QuarantineReview, QuarantineReviewError }] = await Promise.all([
    import('../db/open-warehouse'),
    import('../ingest/ingest-service'),
    import('../ingest/quarantine-review'),
  ]);
  const ds = await openWarehouse(config);
  try {
    const ingest = new IngestService(ds, config.dataLakeDir, logger, { limits: { maxFileBytes: config.ingest.maxFileBytes } });
    const quarantine = new QuarantineReview(ds, ingest, logger);
    const by = `cli:${os.userInfo().username}`;
    if (command === 'dismiss') {
      const row = await quarantine.dismiss(file, by, options.note);
      process.stdout.write(`dismissed    ${row.path} by ${printable(by)} at ${row.resolvedAt?.toISOString()}\n`);
      return 0;
    }
    const { summary } = await quarantine.release(file, by, { service: options.service });
    process.stdout.write(`released     ${printable(file)} by ${printable(by)}\n${fileSummaryLine(summary)}\n`);
    return summary.status === 'loaded' || summary.status === 'skipped' ? 0 : 1;
  } catch (err) {
    if (err instanceof QuarantineReviewError) {
      process.stderr.write(`${err.code}: ${printable(err.message)}\n`);
      return 1;
    }
    throw err;
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(USAGE, {
    allowPositionals: true,
    options: { service: { type: 'string' }, note: { type: 'string' } },
  });
  const [command, file, ...extra] = positionals;
  if (command === 'status') {
    if (file !== undefined || values.service !== undefined || values.note !== undefined) exitWithUsage(USAGE, 'status takes no arguments');
    status(loadConfigOrExit());
    return;
  }
  if (command !== 'release' && command !== 'dismiss') exitWithUsage(USAGE, command ? `unknown command "${command}"` : 'no command');
  if (!file) exitWithUsage(USAGE, `${command} needs the file to ${command}`);
  if (extra.length) exitWithUsage(USAGE, `unexpected argument "${extra[0]}"`);
  if (command === 'release' && values.note !== undefined) exitWithUsage(USAGE, '--note goes with dismiss');
  if (command === 'dismiss' && values.service !== undefined) exitWithUsage(USAGE, '--service goes with release');
  if (values.service !== undefined && !SERVICES.includes(values.service as Service))
    exitWithUsage(USAGE, `unknown service "${values.service}"`);
  process.exitCode = await review(loadConfigOrExit(), command, file, { service: values.service as Service | undefined, note: values.note });
}

main().catch((err) => {
  process.stderr.write(`lake failed: ${printable(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});
