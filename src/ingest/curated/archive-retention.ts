import fs from 'node:fs';
import path from 'node:path';

/** How many archived versions of each rebuilt curated dataset are kept when nothing else is configured (CURATED_ARCHIVE_KEEP). */
export const DEFAULT_ARCHIVE_KEEP = 10;

/** `<dataset>_<YYYYMMDD_HHMMSS>[_<n>].<ext>`, as archiveExisting names a replaced version. */
const ARCHIVED = /^(.+)_(\d{8}_\d{6})(?:_(\d+))?(\.[^.]+)$/;

/**
 * The retention rule of archive/curated: per dataset (name and extension), only the `keep` newest
 * archived versions stay; older ones are deleted. Rebuilt datasets are small (one row per day or
 * month and dimension), so the archive is bounded by `keep` × their size instead of growing with
 * every load. Files that do not look like archived versions are never touched. Answers what it deleted.
 */
export function pruneArchive(archiveRoot: string, keep: number): string[] {
  if (!Number.isSafeInteger(keep) || keep < 1) throw new Error(`archive retention must keep at least one version, got ${keep}`);
  const deleted: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    const groups = new Map<string, Array<{ file: string; order: string }>>();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(p);
        continue;
      }
      const m = ARCHIVED.exec(entry.name);
      if (!m) continue;
      const key = `${m[1]}${m[4]}`;
      // Same-second versions carry _2, _3…: order by stamp, then that counter.
      const order = `${m[2]}_${String(m[3] ?? '1').padStart(6, '0')}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push({ file: p, order });
    }
    for (const versions of groups.values()) {
      versions.sort((a, b) => b.order.localeCompare(a.order));
      for (const old of versions.slice(keep)) {
        fs.rmSync(old.file, { force: true });
        deleted.push(old.file);
      }
    }
  };
  walk(archiveRoot);
  return deleted;
}
