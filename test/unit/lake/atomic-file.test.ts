/**
 * The lake's file writer takes text and bytes already encoded as UTF-8 (a parse worker's zone text),
 * in any mix: the file holds them in the order written, byte for byte, across its 1 MiB chunks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AtomicFileWriter } from '../../../src/ingest/lake/atomic-file';
import { tempDir } from '../../helpers/databases';

describe('AtomicFileWriter', () => {
  const dir = tempDir('atomic-file');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes text and UTF-8 bytes in the order written, across chunks', async () => {
    const target = path.join(dir, 'mixed.csv');
    const writer = new AtomicFileWriter(target);
    const pieces: string[] = [];
    // Non-ASCII in both forms; enough of it (about 3 MiB) for several chunks, some all text, some mixed.
    for (let k = 0; k < 30_000; k++) {
      const text = `${k},Sigur Rós – 日本,${'x'.repeat(k % 97)}\n`;
      pieces.push(text);
      await writer.write(k % 3 === 0 || (k > 10_000 && k < 20_000) ? text : new TextEncoder().encode(text));
    }
    await writer.write(new Uint8Array(0));
    await writer.commit();
    expect(fs.readFileSync(target, 'utf8')).toBe(pieces.join(''));
    expect(fs.readdirSync(dir)).toEqual(['mixed.csv']);
  });

  it('leaves nothing behind when aborted after bytes were written', async () => {
    const target = path.join(dir, 'aborted.csv');
    const writer = new AtomicFileWriter(target);
    await writer.write(new TextEncoder().encode('a'.repeat(2 << 20)));
    await writer.abort();
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('aborted'))).toEqual([]);
  });
});
