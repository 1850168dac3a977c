import fs from 'node:fs';
import path from 'node:path';
import type { Lake } from './lake';
import { type LandingManifest, MANIFEST_SUFFIX } from './landing-manifest';

/** Every manifest under `dir`, folders walked recursively (dot folders are the lake's own bookkeeping). */
export function walkManifests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) out.push(...walkManifests(p));
    else if (entry.isFile() && !entry.name.startsWith('.') && entry.name.endsWith(MANIFEST_SUFFIX)) out.push(p);
  }
  return out;
}

/** A manifest as written by landFile, or null when it is unreadable or not one (never fatal: the lake may hold hand-made files). */
export function readManifest(manifestPath: string): LandingManifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Partial<LandingManifest>;
    return typeof m.sha256 === 'string' && typeof m.file === 'string' && typeof m.service === 'string' && typeof m.stream === 'string'
      ? (m as LandingManifest)
      : null;
  } catch {
    return null;
  }
}

/**
 * Landing content by SHA-256, so the same bytes are landed once whatever their name or stamp.
 * Built from the manifests (the landing zone is the record); one scan serves a whole batch.
 */
export class LandingIndex {
  private readonly bySha = new Map<string, LandingManifest>();

  private constructor(private readonly lake: Lake) {}

  static scan(lake: Lake): LandingIndex {
    const index = new LandingIndex(lake);
    for (const manifestPath of walkManifests(lake.dir('landing'))) {
      const m = readManifest(manifestPath);
      if (m && !index.bySha.has(m.sha256)) index.bySha.set(m.sha256, m);
    }
    return index;
  }

  /** The landing file holding this content, if it is still there. */
  find(sha256: string): LandingManifest | undefined {
    const m = this.bySha.get(sha256);
    return m && fs.existsSync(this.lake.absolute(m.file)) ? m : undefined;
  }

  add(manifest: LandingManifest): void {
    if (!this.bySha.has(manifest.sha256)) this.bySha.set(manifest.sha256, manifest);
  }
}
