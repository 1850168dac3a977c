import { readCsvRecords, readCsvText, splitCsvLine } from '../../../src/ingest/common/csv-reader';
import type { CsvRecord } from '../../../src/ingest/common/csv-record-lines';
import { bytesIn, chunksOf, reasonOf } from '../distrokid/helpers';

async function streamed(
  chunks: Array<Buffer | string>,
  opts: { multilineFields?: boolean; maxLineBytes?: number } = {},
): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of readCsvRecords(chunksOf(...chunks), { file: 'f.csv', ...opts })) out.push(...batch);
  return out;
}

describe('csv-reader', () => {
  it('numbers records by the physical line they start on, whatever the line ends and chunk borders', async () => {
    const text = '\ufeffh1,h2\r"a\r\nb",1\n\n  \r\nc,"d\re"\rlast,2';
    const expected = [
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['a\nb', '1'] },
      { line: 6, fields: ['c', 'd\ne'] },
      { line: 8, fields: ['last', '2'] },
    ];
    for (const size of [1, 2, 3, 64]) expect(await streamed(bytesIn(text, size))).toEqual(expected);
    expect(readCsvText(text, { file: 'f.csv' })).toEqual(expected);
  });

  it('keeps a stray quote inside an unquoted cell and refuses text after a closing quote, at its line and column', async () => {
    expect(readCsvText('a,b"c\n', { file: 'f' })).toEqual([{ line: 1, fields: ['a', 'b"c'] }]);
    expect(readCsvText('"""q""",x\n', { file: 'f' })).toEqual([{ line: 1, fields: ['"q"', 'x'] }]);
    const reason = await reasonOf(() => streamed(['h,h\nz,"1\r\n22"x,2\n']));
    expect(reason).toMatchObject({ code: 'BAD_VALUE', line: 3, column: 4 });
  });

  it('without multi-line cells, a quote left open is an error on its own line', async () => {
    expect(await reasonOf(() => streamed(['h\n"a\nb"\n'], { multilineFields: false }))).toMatchObject({
      code: 'BAD_VALUE',
      line: 2,
      message: expect.stringContaining('unterminated'),
    });
    expect(await reasonOf(() => streamed(['h\n1\n"a'], { multilineFields: false }))).toMatchObject({ code: 'BAD_VALUE', line: 3 });
    expect(await reasonOf(() => streamed(['h\n1\n"a\n']))).toMatchObject({
      code: 'BAD_VALUE',
      line: 3,
      message: expect.stringContaining('ends inside a quoted field'),
    });
  });

  it('refuses binary content at its line and column, and UTF-16 text', async () => {
    expect(await reasonOf(() => streamed(['abc\rde', '\0f\r']))).toMatchObject({ code: 'BINARY_CONTENT', line: 2, column: 3 });
    expect(await reasonOf(() => streamed([Buffer.from('h1,h2\r', 'utf16le')]))).toMatchObject({
      code: 'BINARY_CONTENT',
      line: 1,
      column: 2,
    });
    expect(await reasonOf(() => streamed([Buffer.from('ok\r'), Buffer.from([0x61, 0x62, 0xff, 0x63, 0x0d])]))).toMatchObject({
      code: 'BINARY_CONTENT',
      line: 2,
      column: 3,
    });
    expect(await streamed(bytesIn('a\ufffdb\r', 2))).toEqual([{ line: 1, fields: ['a\ufffdb'] }]);
  });

  it('fails LINE_TOO_LONG on an endless line without reading on', async () => {
    const max = 64 * 1024;
    const piece = Buffer.alloc(1024, 'x');
    let pulled = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('header\rrow\r');
      for (let k = 0; k < 500 * 1024; k++) {
        pulled++;
        yield piece;
      }
    }
    const reason = await reasonOf(async () => {
      for await (const _ of readCsvRecords(endless(), { file: 'huge.csv', maxLineBytes: max })) void _;
    });
    expect(reason).toMatchObject({ code: 'LINE_TOO_LONG', file: 'huge.csv', line: 3 });
    expect(pulled).toBeLessThanOrEqual(max / piece.length + 1);
  });

  it('splits one line into cells, or null when a quote does not close on it', () => {
    expect(splitCsvLine('2025-01-01,"1,234","a ""b""",')).toEqual(['2025-01-01', '1,234', 'a "b"', '']);
    expect(splitCsvLine('')).toEqual(['']);
    expect(splitCsvLine('"open')).toBeNull();
  });
});
