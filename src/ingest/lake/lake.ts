import fs from 'node:fs';
import path from 'node:path';
import { nameCarriesCaptureTime } from './capture-time';

/** The zones of the data lake, in the order a record travels through them. */
export const ZONES = ['landing', 'raw', 'staging', 'curated', 'archive', 'quarantine'] as const;
export type Zone = (typeof ZONES)[number];

/** `YYYYMMDD_HHMMSS` in UTC, the timestamp every lake file name carries. */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
}

/**
 * Keeps a name that already carries a capture time in any real form (`_YYYYMMDD_HHMMSS`, with
 * microseconds, a unix time); otherwise inserts the capture time before the extension.
 */
export function stampedName(originalName: string, extractedAt: Date): string {
  const base = path.basename(originalName);
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '_');
  // Judged on the name as given: the stamp kept must be the one the capture time was read from.
  if (nameCarriesCaptureTime(base)) return safe;
  const ext = path.extname(safe);
  return `${safe.slice(0, safe.length - ext.length)}_${utcStamp(extractedAt)}${ext}`;
}

/** Paths inside one data lake root. Service and stream names come from our own registry, never from user input. */
export class Lake {
  constructor(readonly root: string) {}

  dir(zone: Zone, ...parts: string[]): string {
    return path.join(this.root, zone, ...parts);
  }

  relative(absolute: string): string {
    return path.relative(this.root, absolute).split(path.sep).join('/');
  }

  absolute(relative: string): string {
    return path.join(this.root, ...relative.split('/'));
  }

  ensureZones(): void {
    for (const zone of ZONES) fs.mkdirSync(this.dir(zone), { recursive: true });
  }
}
