import fs from 'node:fs';
import path from 'node:path';
import type { Lake } from './lake';
import type { ValidationReason } from './validation-error';

export const REASON_SUFFIX = '.reason.json';

/** An admin's action on a quarantined file, as the reason file records it. */
export interface QuarantineNote {
  action: 'released' | 'dismissed';
  by: string;
  at: string;
  /** What the release led to (loaded, quarantined again, …), or the dismissal's note. */
  outcome?: string;
  note?: string;
}

/** The reason file as written: the reason, where the landing copy is, when, and what admins did since. */
export interface QuarantineRecord extends ValidationReason {
  landingFile: string;
  quarantinedAt: string;
  history?: QuarantineNote[];
}

/** The quarantine folder of a file: its service, or `unknown` for a file no stream recognised (whatever service its uploader named). */
export function quarantineFolderOf(file: { service: string; stream: string }): string {
  return file.stream === 'unrecognised' ? 'unknown' : file.service;
}

/** Where a landing file's quarantine copy sits. */
export function quarantinePathOf(lake: Lake, service: string, landingPath: string): string {
  return path.join(lake.dir('quarantine', service), path.basename(landingPath));
}

export function readQuarantineRecord(quarantinePath: string): QuarantineRecord | null {
  try {
    return JSON.parse(fs.readFileSync(`${quarantinePath}${REASON_SUFFIX}`, 'utf8')) as QuarantineRecord;
  } catch {
    return null;
  }
}

function writeRecord(quarantinePath: string, record: QuarantineRecord): void {
  const tmp = `${quarantinePath}${REASON_SUFFIX}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
  fs.renameSync(tmp, `${quarantinePath}${REASON_SUFFIX}`);
}

/**
 * Puts a copy of a landing file in `quarantine/<service>/` with a machine-readable reason beside it.
 * The landing file itself stays where it is, untouched. Earlier admin notes on that file are kept.
 */
export function quarantineFile(lake: Lake, service: string, landingPath: string, reason: ValidationReason): string {
  const target = quarantinePathOf(lake, service, landingPath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const history = readQuarantineRecord(target)?.history;
  fs.rmSync(target, { force: true });
  // A hard link costs no space (a 500 MB bad file is not stored twice); copy across file systems.
  try {
    fs.linkSync(landingPath, target);
  } catch {
    fs.copyFileSync(landingPath, target);
  }
  writeRecord(target, {
    ...reason,
    landingFile: lake.relative(landingPath),
    quarantinedAt: new Date().toISOString(),
    ...(history?.length ? { history } : {}),
  });
  return target;
}

/**
 * Records an admin's release or dismissal in the reason file (kept as the audit trail) and takes
 * the quarantine copy out of the zone, so the file no longer counts as quarantined. The landing
 * copy is untouched.
 */
export function noteQuarantineAction(lake: Lake, service: string, landingPath: string, note: QuarantineNote): void {
  const target = quarantinePathOf(lake, service, landingPath);
  const record: QuarantineRecord = readQuarantineRecord(target) ?? {
    code: 'UNKNOWN_SOURCE',
    message: 'no reason file was found when the file was resolved',
    file: lake.relative(landingPath),
    landingFile: lake.relative(landingPath),
    quarantinedAt: new Date(0).toISOString(),
  };
  fs.mkdirSync(path.dirname(target), { recursive: true });
  writeRecord(target, { ...record, history: [...(record.history ?? []), note] });
  fs.rmSync(target, { force: true });
}
