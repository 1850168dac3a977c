import fs from 'node:fs';
import path from 'node:path';
import { type Lake, ZONES, type Zone } from './lake';
import { MANIFEST_SUFFIX } from './landing';

export interface ZoneStatus {
  zone: Zone;
  files: number;
  bytes: number;
  newest: { file: string; modifiedAt: Date } | null;
}

export interface ServiceStatus {
  service: string;
  zones: ZoneStatus[];
  quarantined: Array<{ file: string; code: string; message: string }>;
}

/** Data files only: manifests, reasons, curated state and temporaries are the lake's own bookkeeping. */
const isBookkeeping = (name: string) =>
  name.startsWith('.') ||
  name === 'README.md' ||
  name.endsWith(MANIFEST_SUFFIX) ||
  name.endsWith('.reason.json') ||
  name.endsWith('.state.json') ||
  name.endsWith('.tmp') ||
  name.endsWith('.part');

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) walk(full, out);
    } else if (!isBookkeeping(entry.name)) out.push(full);
  }
  return out;
}

/**
 * What each service has in each zone: file counts, bytes, the newest file, and the quarantined files
 * with their reasons. Curated and archive datasets span sources and are reported under "curated".
 */
export function lakeStatus(lake: Lake): ServiceStatus[] {
  const services = new Set<string>();
  for (const zone of ['landing', 'raw', 'staging', 'quarantine'] as const) {
    const dir = lake.dir(zone);
    if (fs.existsSync(dir))
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && !e.name.startsWith('.')) services.add(e.name);
  }
  const statusOf = (zone: Zone, dir: string): ZoneStatus => {
    let newest: ZoneStatus['newest'] = null;
    let bytes = 0;
    const files = walk(dir);
    for (const f of files) {
      const stat = fs.statSync(f);
      bytes += stat.size;
      if (!newest || stat.mtime > newest.modifiedAt) newest = { file: lake.relative(f), modifiedAt: stat.mtime };
    }
    return { zone, files: files.length, bytes, newest };
  };
  const result: ServiceStatus[] = [...services].sort().map((service) => ({
    service,
    zones: ZONES.filter((z) => z !== 'curated' && z !== 'archive').map((zone) => statusOf(zone, lake.dir(zone, service))),
    quarantined: walk(lake.dir('quarantine', service)).map((file) => {
      try {
        const reason = JSON.parse(fs.readFileSync(`${file}.reason.json`, 'utf8')) as { code?: string; message?: string };
        return { file: lake.relative(file), code: reason.code ?? 'UNKNOWN', message: reason.message ?? '' };
      } catch {
        return { file: lake.relative(file), code: 'UNKNOWN', message: 'no reason file' };
      }
    }),
  }));
  result.push({
    service: 'curated',
    zones: [statusOf('curated', lake.dir('curated')), statusOf('archive', lake.dir('archive'))],
    quarantined: [],
  });
  return result;
}
