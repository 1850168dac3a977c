import fs from 'node:fs';
import path from 'node:path';

/** The zones of the data lake, in the order a record travels through them. */
export const ZONES = ['landing', 'raw', 'staging', 'curated', 'archive', 'quarantine'] as const;
export type Zone = (typeof ZONES)[number];

// After an underscore, or the whole name (a folder named by its capture, such as a Meta dump's `20250301_120000/`).
const STAMP_RE = /(?:^|_)(\d{8}_\d{6})(?=\.[^.]+$|$)/;

/** `YYYYMMDD_HHMMSS` in UTC, the timestamp every lake file name carries. */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
}

/** The extraction time a lake file name carries (`…_YYYYMMDD_HHMMSS.ext`, UTC), if it carries one. */
export function stampOf(name: string): Date | null {
  const m = STAMP_RE.exec(path.basename(name));
  if (!m) return null;
  const [, s] = m;
  const d = new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Keeps a name that already carries a timestamp; otherwise inserts the extraction time before the extension. */
export function stampedName(originalName: string, extractedAt: Date): string {
  const safe = path.basename(originalName).replace(/[^A-Za-z0-9._-]+/g, '_');
  if (STAMP_RE.test(safe)) return safe;
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
