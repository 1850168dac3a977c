import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Lake } from './lake';

/**
 * Crash recovery for the lake. A load writes its raw/ and staging/ files out under temporary names
 * before its transaction commits and renames them after; a journal written just before the commit
 * lists those renames, and a marker says curated datasets are behind the warehouse. A process
 * killed in between leaves the journal and the marker: the next run completes what was committed
 * (renames), discards what was rolled back, rebuilds curated, and removes temporaries (`.part`,
 * `.tmp`) left by dead processes. Owners are identified by host and pid: the lake is a local folder.
 */

export interface PublishJournal {
  host: string;
  pid: number;
  sourceFileId: number;
  sha256: string;
  /** Lake-relative temporary files and where they go once the load is committed. */
  files: Array<{ tmp: string; target: string }>;
}

export interface RecoveryReport {
  /** Zone files of committed loads renamed into place. */
  published: string[];
  /** Temporaries of loads that were rolled back, or of dead processes. */
  removed: string[];
  /** Curated datasets were left behind the warehouse by a dead process. */
  curatedStale: boolean;
}

export const JOURNAL_DIR = '.journal';
const CURATED_MARKER = 'curated-stale.json';
/** Temporary names carry their writer's pid: `.<name>.<pid>.part`, `.<name>.<pid>.manifest.part`, `<name>.<pid>.<ms>.tmp`, `<name>.reason.json.<pid>.tmp`. */
const TEMP_PID = /\.(\d+)(?:\.manifest)?\.part$|\.(\d+)\.\d+\.tmp$|\.reason\.json\.(\d+)\.tmp$/;

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that wrote a journal may still be at work (another host's is assumed to be). */
export function ownerAlive(owner: { host?: string; pid?: number }): boolean {
  // Another host's process cannot be checked from here: treat it as alive and leave its files alone.
  if (owner.host !== os.hostname()) return true;
  return typeof owner.pid === 'number' && pidAlive(owner.pid);
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value));
  fs.renameSync(tmp, file);
}

export class LakeRecovery {
  constructor(private readonly lake: Lake) {}

  private get dir(): string {
    return path.join(this.lake.root, JOURNAL_DIR);
  }

  /** Written inside the load's transaction, just before it commits. */
  writeJournal(sourceFileId: number, sha256: string, files: Array<{ tmp: string; target: string }>): string {
    const file = path.join(this.dir, `load-${sourceFileId}-${process.pid}.json`);
    const journal: PublishJournal = {
      host: os.hostname(),
      pid: process.pid,
      sourceFileId,
      sha256,
      files: files.map((f) => ({ tmp: this.lake.relative(f.tmp), target: this.lake.relative(f.target) })),
    };
    writeJson(file, journal);
    return file;
  }

  removeJournal(file: string): void {
    fs.rmSync(file, { force: true });
  }

  /** Curated datasets are about to fall behind the warehouse (a load commits); cleared once they are rebuilt. */
  markCuratedStale(): void {
    writeJson(path.join(this.dir, CURATED_MARKER), { host: os.hostname(), pid: process.pid, at: new Date().toISOString() });
  }

  clearCuratedStale(): void {
    const marker = path.join(this.dir, CURATED_MARKER);
    try {
      const owner = JSON.parse(fs.readFileSync(marker, 'utf8')) as { host?: string; pid?: number };
      // A live process that marked it after us rebuilds at its own end; a dead one's mark our rebuild covers.
      if (owner.host === os.hostname() && owner.pid !== process.pid && pidAlive(owner.pid ?? -1)) return;
    } catch {
      return;
    }
    fs.rmSync(marker, { force: true });
  }

  /**
   * Completes or discards what dead processes left. `isLoaded` says whether a journal's load
   * committed (its source file is loaded with that content).
   */
  async recover(isLoaded: (sourceFileId: number, sha256: string) => Promise<boolean>): Promise<RecoveryReport> {
    const report: RecoveryReport = { published: [], removed: [], curatedStale: false };
    if (fs.existsSync(this.dir)) {
      for (const name of fs.readdirSync(this.dir).sort()) {
        const file = path.join(this.dir, name);
        if (name === CURATED_MARKER) {
          try {
            report.curatedStale = !ownerAlive(JSON.parse(fs.readFileSync(file, 'utf8')) as { host?: string; pid?: number });
          } catch {
            report.curatedStale = true;
          }
          continue;
        }
        if (!name.startsWith('load-') || !name.endsWith('.json')) continue;
        let journal: PublishJournal;
        try {
          journal = JSON.parse(fs.readFileSync(file, 'utf8')) as PublishJournal;
        } catch {
          fs.rmSync(file, { force: true });
          continue;
        }
        if (ownerAlive(journal)) continue;
        const committed = await isLoaded(journal.sourceFileId, journal.sha256);
        for (const f of journal.files) {
          const tmp = this.lake.absolute(f.tmp);
          if (!fs.existsSync(tmp)) continue;
          if (committed) {
            fs.renameSync(tmp, this.lake.absolute(f.target));
            report.published.push(f.target);
          } else {
            fs.rmSync(tmp, { force: true });
            report.removed.push(f.tmp);
          }
        }
        fs.rmSync(file, { force: true });
      }
    }
    this.sweepTemporaries(this.lake.root, report);
    return report;
  }

  /** Removes `.part`/`.tmp` files whose writer (named by the pid in their name) is dead. */
  private sweepTemporaries(dir: string, report: RecoveryReport): void {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== JOURNAL_DIR) this.sweepTemporaries(full, report);
        continue;
      }
      // Landing data files are never touched: only the lake's own dot-named temporaries there.
      const inLanding = this.lake.relative(full).startsWith('landing/');
      const m = inLanding && !entry.name.startsWith('.') ? null : TEMP_PID.exec(entry.name);
      const pid = m ? Number(m[1] ?? m[2] ?? m[3]) : NaN;
      if (m && !pidAlive(pid)) {
        fs.rmSync(full, { force: true });
        report.removed.push(this.lake.relative(full));
      }
    }
  }
}
