/** Recognition of dump folders by name, and of bare-stamp folders by their files (real files in a temp folder). */
import fs from 'node:fs';
import path from 'node:path';
import { bareStampFolderIsDump, firstArrayKeys, isDumpFile } from '../../../src/ingest/meta_ads/dump-folder';
import { metaAdsSample } from '../../../demo/sample-exports/meta_ads';
import { dumpFolder } from '../../../demo/sample-exports/meta_ads-dump-folder';
import { tempDir } from '../../helpers/databases';

const sample = metaAdsSample({ seed: 7, startDate: '2025-03-01', days: 5, campaigns: 2 });
const dump = dumpFolder(sample, { seed: 7, dateStop: '2025-03-05', grain: 'adset' });

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(tempDir('dumpdir'), name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [f, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), content);
  return dir;
}

describe('Meta Ads dump folder recognition', () => {
  it('reads the first object of an array, an empty array, and refuses anything else', () => {
    expect(firstArrayKeys('\uFEFF[ {"id": "1", "name": "x [y]", "n": {"a": 1}}, {"id": "2"}]')).toEqual(new Set(['id', 'name', 'n']));
    expect(firstArrayKeys('  [ ]')).toEqual(new Set());
    expect(firstArrayKeys('{"data": []}')).toBeNull();
    expect(firstArrayKeys('[1, 2]')).toBeNull();
    expect(firstArrayKeys('[{"id": "1", "name": "cut off')).toBeNull();
  });

  it('takes meta_ads_dump_<ts>/ by its name, and <ts>/ only when its files are the dump files with Meta content', () => {
    expect(isDumpFile('insights.json', 'meta_ads_dump_20250305_120000', undefined)).toBe(true);
    expect(isDumpFile('insights_20250305_120000.json', 'meta_ads_dump_20250305_120000', undefined)).toBe(true);
    const bare = folder('20250305_120000', dump.files);
    expect(isDumpFile('ads.json', '20250305_120000', bare)).toBe(true);
    expect(isDumpFile('notes.json', '20250305_120000', bare)).toBe(false);
    expect(isDumpFile('ads.json', '20250305_120000', undefined)).toBe(false);
    // Not a stamp, or not the dump's files, or not Meta's content, or nothing but empty arrays.
    expect(isDumpFile('ads.json', 'export_20250305', bare)).toBe(false);
    expect(bareStampFolderIsDump(folder('20250305_120001', { ...dump.files, 'readme.txt': 'x' }))).toBe(false);
    expect(
      bareStampFolderIsDump(folder('20250305_120002', { ...dump.files, 'ads.json': JSON.stringify([{ id: '1', title: 'Spring' }]) })),
    ).toBe(false);
    expect(
      bareStampFolderIsDump(folder('20250305_120003', { 'insights.json': JSON.stringify([{ date: '2025-03-01', views: '3' }]) })),
    ).toBe(false);
    expect(bareStampFolderIsDump(folder('20250305_120004', { 'insights.json': '[]', 'ads.json': '[]' }))).toBe(false);
    expect(bareStampFolderIsDump(folder('20250305_120005', { 'insights.json': '{"data": []}' }))).toBe(false);
    // A dump whose ads.json is empty is still a dump.
    expect(bareStampFolderIsDump(folder('20250305_120006', { ...dump.files, 'ads.json': '[]' }))).toBe(true);
  });
});
