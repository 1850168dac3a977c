import type { TextLine } from '../../../src/ingest/common/line-reader';
import { readLines, readLineBatches } from '../../../src/ingest/common/line-reader';
import { bytesIn, chunksOf, reasonOf } from './helpers';

async function collect(chunks: Array<Buffer | string>, maxLineBytes?: number): Promise<TextLine[]> {
  const out: TextLine[] = [];
  for await (const l of readLines(chunksOf(...chunks), { file: 'f.tsv', maxLineBytes })) out.push(l);
  return out;
}
const texts = async (chunks: Array<Buffer | string>): Promise<string[]> => (await collect(chunks)).map((l) => l.text);

describe('readLines', () => {
  it('splits on bare CR, LF and CRLF and numbers lines from 1', async () => {
    expect(await collect(['a\rb\rc\r'])).toEqual([
      { text: 'a', line: 1 },
      { text: 'b', line: 2 },
      { text: 'c', line: 3 },
    ]);
    expect(await texts(['a\nb\n'])).toEqual(['a', 'b']);
    expect(await texts(['a\r\nb\r\nc'])).toEqual(['a', 'b', 'c']);
    expect(await texts(['a\r\n\r\nb\n\rc'])).toEqual(['a', '', 'b', '', 'c']);
  });

  it('treats CRLF split across chunks as one line break', async () => {
    expect(await texts(['a\r', '\nb\r', '\n'])).toEqual(['a', 'b']);
    expect(await texts([Buffer.from('a\r'), Buffer.from('\nb')])).toEqual(['a', 'b']);
    // A CR ending a chunk followed by something else is still a break on its own.
    expect(await texts(['a\r', 'b\r', '\r', 'c'])).toEqual(['a', 'b', '', 'c']);
  });

  it('does not yield a final empty line after a trailing terminator', async () => {
    expect(await texts(['a\r'])).toEqual(['a']);
    expect(await texts(['a\r\n'])).toEqual(['a']);
    expect(await texts(['a'])).toEqual(['a']);
    expect(await texts([''])).toEqual([]);
    expect(await texts([])).toEqual([]);
    expect(await texts(['\r'])).toEqual(['']);
  });

  it('strips a UTF-8 BOM, even when split across chunks', async () => {
    expect(await texts([Buffer.from('\ufeffh1\th2\rv\r')])).toEqual(['h1\th2', 'v']);
    expect(await texts(bytesIn('\ufeffh1\rv', 1))).toEqual(['h1', 'v']);
    expect(await texts(['\ufeffh1\r'])).toEqual(['h1']);
    // Only a leading BOM is metadata; one later in the text is content.
    expect(await texts(['a\r\ufeffb'])).toEqual(['a', '\ufeffb']);
  });

  it('decodes multi-byte UTF-8 split at every byte boundary', async () => {
    const text = 'Café 🎵 Ünïcödé\r\nßeta — 日本\rlast';
    for (const size of [1, 2, 3, 5, 7]) {
      expect(await texts(bytesIn(text, size))).toEqual(['Café 🎵 Ünïcödé', 'ßeta — 日本', 'last']);
    }
  });

  it('reports every chunk size through onBytes', async () => {
    const seen: number[] = [];
    const chunks = [...bytesIn('héllo\rwörld\r', 4), 'ü\r'];
    for await (const _ of readLines(chunksOf(...chunks), { file: 'f', onBytes: (n) => seen.push(n) })) void _;
    expect(seen.reduce((a, b) => a + b, 0)).toBe(Buffer.byteLength('héllo\rwörld\rü\r'));
    expect(seen).toHaveLength(chunks.length);
  });

  it('batches give the same lines and numbers', async () => {
    const batches = [];
    for await (const b of readLineBatches(chunksOf('a\rb', 'c\rd\r', 'e'), { file: 'f' })) batches.push(b);
    expect(batches).toEqual([
      { firstLine: 1, lines: ['a'] },
      { firstLine: 2, lines: ['bc', 'd'] },
      { firstLine: 4, lines: ['e'] },
    ]);
  });

  it('fails LINE_TOO_LONG on an endless line without buffering past the limit', async () => {
    const max = 64 * 1024;
    const piece = Buffer.alloc(1024, 'x');
    let pulled = 0;
    // Would be 500 MB if it were read to the end.
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('header\rrow\r');
      for (let k = 0; k < 500 * 1024; k++) {
        pulled++;
        yield piece;
      }
    }
    const reason = await reasonOf(async () => {
      for await (const _ of readLines(endless(), { file: 'huge.tsv', maxLineBytes: max })) void _;
    });
    expect(reason).toMatchObject({ code: 'LINE_TOO_LONG', file: 'huge.tsv', line: 3 });
    expect(pulled).toBeLessThanOrEqual(max / piece.length + 1);
  });

  it('measures the limit in UTF-8 bytes for complete lines', async () => {
    const fits = 'é'.repeat(400); // 800 bytes
    expect(await texts([`ok\r${fits}\r`])).toEqual(['ok', fits]);
    const reason = await reasonOf(() => collect([`ok\r${'é'.repeat(600)}\rnext\r`], 1000));
    expect(reason).toMatchObject({ code: 'LINE_TOO_LONG', line: 2, found: '1200 bytes' });
  });

  it('fails BINARY_CONTENT on a NUL byte, naming line and column', async () => {
    const reason = await reasonOf(() => collect(['abc\rde', '\0f\r']));
    expect(reason).toMatchObject({ code: 'BINARY_CONTENT', line: 2, column: 3 });
    // UTF-16 text is full of NULs.
    const utf16 = await reasonOf(() => collect([Buffer.from('h1\th2\r', 'utf16le')]));
    expect(utf16).toMatchObject({ code: 'BINARY_CONTENT', line: 1, column: 2 });
  });

  it('fails BINARY_CONTENT on invalid UTF-8 but accepts a genuine U+FFFD', async () => {
    const reason = await reasonOf(() => collect([Buffer.from('ok\r'), Buffer.from([0x61, 0x62, 0xff, 0x63, 0x0d])]));
    expect(reason).toMatchObject({ code: 'BINARY_CONTENT', line: 2, column: 3 });
    expect(await texts(bytesIn('a\ufffdb\r', 2))).toEqual(['a\ufffdb']);
    // A multi-byte sequence cut off by the end of the file.
    const cut = await reasonOf(() => collect([Buffer.from([0x61, 0x0d, 0x62, 0xe2, 0x82])]));
    expect(cut).toMatchObject({ code: 'BINARY_CONTENT', line: 2, column: 2 });
  });

  it('splits a million 120-character lines split across chunk boundaries', async () => {
    const line = `${'2024-01-05\tSpotify\tZONE A0\t'.padEnd(119, 'x')}\r`;
    const chunk = Buffer.from(line.repeat(8000));
    async function* input(): AsyncGenerator<Buffer> {
      for (let k = 0; k < 125; k++) yield chunk;
    }
    let count = 0;
    for await (const batch of readLineBatches(input(), { file: 'big' })) count += batch.lines.length;
    expect(count).toBe(1_000_000);
    // Its speed is measured by `npm run bench` (the ingest figures), not timed here.
  });
});
