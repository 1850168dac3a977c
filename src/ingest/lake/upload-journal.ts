import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Lake } from './lake';
import { JOURNAL_DIR, ownerAlive, writeJson } from './recovery';

export interface UploadJournalRecord {
  host: string;
  pid: number;
  startedAt: string;
  by: string;
  /** Landing files of this upload so far, in order. */
  landingFiles: string[];
}

/**
 * What a manual upload (`npm run ingest`) has landed so far, kept until its ledger run is recorded.
 * A CLI killed before that leaves the journal; the next upload records the interrupted one in the
 * run ledger from what the warehouse says became of those files.
 */
export class UploadJournal {
  private constructor(
    private readonly file: string,
    private readonly record: UploadJournalRecord,
  ) {}

  static begin(lake: Lake, by: string, startedAt: Date): UploadJournal {
    const file = path.join(lake.root, JOURNAL_DIR, `upload-${process.pid}-${startedAt.getTime()}.json`);
    const journal = new UploadJournal(file, {
      host: os.hostname(),
      pid: process.pid,
      startedAt: startedAt.toISOString(),
      by,
      landingFiles: [],
    });
    writeJson(file, journal.record);
    return journal;
  }

  landed(landingFile: string): void {
    if (this.record.landingFiles.includes(landingFile)) return;
    this.record.landingFiles.push(landingFile);
    writeJson(this.file, this.record);
  }

  end(): void {
    fs.rmSync(this.file, { force: true });
  }

  /** Journals of uploads whose process died before recording them, oldest first. */
  static abandoned(lake: Lake): Array<{ record: UploadJournalRecord; remove(): void }> {
    const dir = path.join(lake.root, JOURNAL_DIR);
    if (!fs.existsSync(dir)) return [];
    const out: Array<{ record: UploadJournalRecord; remove(): void }> = [];
    for (const name of fs.readdirSync(dir).sort()) {
      if (!/^upload-\d+-\d+\.json$/.test(name)) continue;
      const file = path.join(dir, name);
      try {
        const record = JSON.parse(fs.readFileSync(file, 'utf8')) as UploadJournalRecord;
        if (!ownerAlive(record)) out.push({ record, remove: () => fs.rmSync(file, { force: true }) });
      } catch {
        fs.rmSync(file, { force: true });
      }
    }
    return out.sort((a, b) => a.record.startedAt.localeCompare(b.record.startedAt));
  }
}
