import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Service } from '../../config/config';
import type { Lake } from '../lake/lake';
import { type LandedFile, landFile } from '../lake/landing';
import { LandingIndex } from '../lake/landing-index';
import type { Capture } from './extractor';

export const EXTRACTOR_VERSION = 'label-analytics-extract/1';

/**
 * Holds an extraction's captures in a private temporary folder until the extraction completes;
 * only then are they landed (copied, hashed, manifest written). Discarding leaves landing untouched.
 */
export class CaptureStager {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-'));
  private readonly staged: Array<{ stream: string; file: string; origin: string }> = [];

  constructor(private readonly service: Service) {}

  get count(): number {
    return this.staged.length;
  }

  async stage(capture: Capture): Promise<void> {
    const sub = path.join(this.dir, String(this.staged.length));
    fs.mkdirSync(sub);
    const file = path.join(sub, path.basename(capture.name).replace(/[^A-Za-z0-9._-]+/g, '_'));
    if ('path' in capture) await fs.promises.copyFile(capture.path, file);
    else await fs.promises.writeFile(file, capture.body);
    this.staged.push({ stream: capture.stream, file, origin: capture.origin });
  }

  /** Lands every staged capture in the order it was staged, then removes the temporary folder. */
  async commit(lake: Lake, extractedAt: Date): Promise<LandedFile[]> {
    const landed: LandedFile[] = [];
    // One scan of landing for the whole extraction: content already there is not landed again.
    const index = LandingIndex.scan(lake);
    try {
      for (const s of this.staged) {
        landed.push(
          await landFile(lake, s.file, {
            service: this.service,
            stream: s.stream,
            origin: s.origin,
            extractedAt,
            extractorVersion: EXTRACTOR_VERSION,
            index,
          }),
        );
      }
    } finally {
      this.discard();
    }
    return landed;
  }

  discard(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
