/**
 * npm run lake -- status     per service and zone: files, size, newest file and its age, quarantined files with reasons
 */
import { loadConfigOrExit } from '../config/config';
import { Lake } from '../ingest/lake/lake';
import { lakeStatus } from '../ingest/lake/lake-status';

function age(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function main(): void {
  const config = loadConfigOrExit();
  const [command] = process.argv.slice(2);
  if (command !== 'status') {
    process.stderr.write('usage: npm run lake -- status\n');
    process.exit(2);
  }
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
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
