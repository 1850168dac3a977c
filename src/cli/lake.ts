/**
 * npm run lake -- status                               per service and zone: files, size, newest file and its age, quarantined files with reasons
 * npm run lake -- release <file> [--service <name>]    re-runs a quarantined file through its cleaner (after a fix or an upgrade)
 * npm run lake -- dismiss <file> [--note <text>]       acknowledges a quarantined file: never loaded, no longer counted by pipelineHealth
 * <file> is the landing path, the quarantine path, or the file name when only one quarantined file has it.
 * Exits 0 on success, 1 when a release ends quarantined or failed again or the file cannot be resolved, 2 on a usage error.
 */
import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { type AppConfig, loadConfigOrExit, type Service, SERVICES } from '../config/config';
import { createLogger } from '../config/logger';
import { openWarehouse } from '../db/open-warehouse';
import { IngestService } from '../ingest/ingest-service';
import { Lake } from '../ingest/lake/lake';
import { lakeStatus } from '../ingest/lake/lake-status';
import { printable } from '../ingest/lake/printable';
import { QuarantineReview, QuarantineReviewError } from '../ingest/quarantine-review';
import { fileSummaryLine } from './file-summary';

const USAGE = `usage:
  npm run lake -- status
  npm run lake -- release <file> [--service <${SERVICES.join('|')}>]
  npm run lake -- dismiss <file> [--note <text>]
  npm run lake -- --help
<file>: a landing path (landing/<service>/<stream>/<name>), a quarantine path, or a quarantined file's name.
`;

function usage(message: string): never {
  process.stderr.write(`${printable(message)}\n${USAGE}`);
  process.exit(2);
}

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

async function review(config: AppConfig, command: 'release' | 'dismiss', file: string, options: { service?: Service; note?: string }): Promise<number> {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
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
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      strict: true,
      options: { service: { type: 'string' }, note: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const [command, file, ...extra] = positionals;
  if (command === 'status') {
    if (file !== undefined || values.service !== undefined || values.note !== undefined) usage('status takes no arguments');
    status(loadConfigOrExit());
    return;
  }
  if (command !== 'release' && command !== 'dismiss') usage(command ? `unknown command "${command}"` : 'no command');
  if (!file) usage(`${command} needs the file to ${command}`);
  if (extra.length) usage(`unexpected argument "${extra[0]}"`);
  if (command === 'release' && values.note !== undefined) usage('--note goes with dismiss');
  if (command === 'dismiss' && values.service !== undefined) usage('--service goes with release');
  if (values.service !== undefined && !SERVICES.includes(values.service as Service)) usage(`unknown service "${values.service}"`);
  process.exitCode = await review(loadConfigOrExit(), command, file, { service: values.service as Service | undefined, note: values.note });
}

main().catch((err) => {
  process.stderr.write(`lake failed: ${printable(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});
