/**
 * The archive retention rule: per dataset, the newest N archived versions stay (same-second
 * versions ordered by their _2, _3… counter), other files are never touched, and a rule that would
 * keep nothing is refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pruneArchive } from '../../../src/ingest/curated/archive-retention';

function listed(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

describe('pruneArchive', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const put = (rel: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), rel);
  };

  it('keeps the newest versions of each dataset and leaves other files alone', () => {
    for (const rel of [
      'financial/revenue_monthly_20250101_120000.csv',
      'financial/revenue_monthly_20250101_120000_2.csv',
      'financial/revenue_monthly_20250101_120000_10.csv',
      'financial/revenue_monthly_20250102_080000.csv',
      'financial/revenue_monthly_20241231_235959.csv',
      'streaming/daily_streams_20250101_120000.csv',
      'analytics/platform_comparison_20250101_120000.parquet',
      'analytics/platform_comparison_20250102_120000.parquet',
      'analytics/platform_comparison_20250103_120000.parquet',
      'financial/notes.txt',
      'financial/revenue_monthly.csv',
    ])
      put(rel);
    const deleted = pruneArchive(root, 2)
      .map((f) => path.relative(root, f))
      .sort();
    expect(deleted).toEqual([
      'analytics/platform_comparison_20250101_120000.parquet',
      'financial/revenue_monthly_20241231_235959.csv',
      'financial/revenue_monthly_20250101_120000.csv',
      'financial/revenue_monthly_20250101_120000_2.csv',
    ]);
    expect(listed(root)).toEqual([
      'analytics/platform_comparison_20250102_120000.parquet',
      'analytics/platform_comparison_20250103_120000.parquet',
      'financial/notes.txt',
      'financial/revenue_monthly.csv',
      'financial/revenue_monthly_20250101_120000_10.csv',
      'financial/revenue_monthly_20250102_080000.csv',
      'streaming/daily_streams_20250101_120000.csv',
    ]);
  });

  it('does nothing on a missing archive folder', () => {
    expect(pruneArchive(path.join(root, 'absent'), 3)).toEqual([]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses to keep %p versions', (keep) => {
    put('financial/revenue_monthly_20250101_120000.csv');
    expect(() => pruneArchive(root, keep)).toThrow(/at least one version/);
    expect(listed(root)).toEqual(['financial/revenue_monthly_20250101_120000.csv']);
  });
});
