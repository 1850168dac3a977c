import fs from 'node:fs';
import path from 'node:path';
import type { Lake } from './lake';
import type { ValidationReason } from './validation-error';

/**
 * Puts a copy of a landing file in `quarantine/<service>/` with a machine-readable reason beside it.
 * The landing file itself stays where it is, untouched.
 */
export function quarantineFile(lake: Lake, service: string, landingPath: string, reason: ValidationReason): string {
  const dir = lake.dir('quarantine', service);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, path.basename(landingPath));
  fs.rmSync(target, { force: true });
  // A hard link costs no space (a 500 MB bad file is not stored twice); copy across file systems.
  try {
    fs.linkSync(landingPath, target);
  } catch {
    fs.copyFileSync(landingPath, target);
  }
  fs.writeFileSync(
    `${target}.reason.json`,
    `${JSON.stringify({ ...reason, landingFile: lake.relative(landingPath), quarantinedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  return target;
}
