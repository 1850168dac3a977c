import { zipSync } from 'fflate';
import { extractOverviewCsv } from '../../../src/ingest/tiktok/overview-zip';
import { reasonOf } from './helpers';

const FILE = 'landing/tiktok/overview/x.zip';
const enc = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('Overview ZIP extraction', () => {
  it('returns Overview.csv, also from a folder inside the archive, ignoring other entries', () => {
    expect(text(extractOverviewCsv(zipSync({ 'Overview.csv': enc('a,b') }), FILE))).toBe('a,b');
    expect(text(extractOverviewCsv(zipSync({ 'export/Overview.csv': enc('c'), 'readme.txt': enc('x') }), FILE))).toBe('c');
    // Stored (uncompressed) entries too.
    expect(text(extractOverviewCsv(zipSync({ 'Overview.csv': enc('d') }, { level: 0 }), FILE))).toBe('d');
  });

  it('rejects an archive without Overview.csv as MISSING_SECTION, listing what it holds', () => {
    expect(reasonOf(() => extractOverviewCsv(zipSync({ 'Content.csv': enc('x') }), FILE))).toMatchObject({
      code: 'MISSING_SECTION',
      field: 'Overview.csv',
      found: 'Content.csv',
    });
  });

  it('rejects an empty archive and an empty file as EMPTY_FILE', () => {
    expect(reasonOf(() => extractOverviewCsv(zipSync({}), FILE))).toMatchObject({
      code: 'EMPTY_FILE',
      message: 'the ZIP archive holds no files',
    });
    expect(reasonOf(() => extractOverviewCsv(new Uint8Array(0), FILE))).toMatchObject({ code: 'EMPTY_FILE' });
  });

  it('rejects corrupt and truncated archives as BINARY_CONTENT', () => {
    const good = zipSync({ 'Overview.csv': enc('x'.repeat(5000)) });
    expect(reasonOf(() => extractOverviewCsv(enc('"Date","Video Views"\r\n'), FILE))).toMatchObject({
      code: 'BINARY_CONTENT',
      field: 'ZIP archive',
    });
    expect(reasonOf(() => extractOverviewCsv(good.subarray(0, Math.floor(good.length / 2)), FILE))).toMatchObject({
      code: 'BINARY_CONTENT',
    });
    // Deflate stream damaged, directory intact.
    const damaged = new Uint8Array(good);
    for (let i = 40; i < 60; i++) damaged[i] = 0xff;
    expect(reasonOf(() => extractOverviewCsv(damaged, FILE)).code).toMatch(/BINARY_CONTENT/);
  });

  it('refuses a zip bomb from its declared size, before inflating it', () => {
    const bomb = zipSync({ 'Overview.csv': new Uint8Array(60 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const r = reasonOf(() => extractOverviewCsv(bomb, FILE));
    expect(r).toMatchObject({ code: 'BAD_VALUE', field: 'Overview.csv' });
    expect(r.message).toContain('zip bomb');
  });

  it('never inflates beyond the declared size even when the directory lies', () => {
    const honest = zipSync({ 'Overview.csv': new Uint8Array(1024 * 1024).fill(65) });
    const lying = new Uint8Array(honest);
    // Central directory entry: uncompressed size at offset 24 from its signature.
    const view = Buffer.from(lying.buffer);
    const cd = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    view.writeUInt32LE(100, cd + 24);
    const out = extractOverviewCsv(lying, FILE);
    expect(out.length).toBe(100);
  });

  it('caps the number of entries', () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 150; i++) many[`f${i}.txt`] = enc('x');
    expect(reasonOf(() => extractOverviewCsv(zipSync(many), FILE))).toMatchObject({ code: 'BAD_VALUE', field: 'ZIP archive' });
    expect(
      reasonOf(() =>
        extractOverviewCsv(zipSync({ 'a.txt': enc('1'), 'b.txt': enc('2') }), FILE, {
          maxZipBytes: 1e6,
          maxUncompressedBytes: 1e6,
          maxEntries: 1,
        }),
      ),
    ).toMatchObject({
      code: 'BAD_VALUE',
    });
  });

  it('rejects two Overview.csv entries as ambiguous', () => {
    expect(reasonOf(() => extractOverviewCsv(zipSync({ 'Overview.csv': enc('a'), 'old/Overview.csv': enc('b') }), FILE))).toMatchObject({
      code: 'BAD_VALUE',
      field: 'Overview.csv',
    });
  });
});
