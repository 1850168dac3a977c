import { splitCsvLine } from '../../../src/ingest/common/csv-reader';
import { parseDay } from '../../../src/ingest/common/dates';
import { decodeOverviewCsv, parseCount, parseOverviewCsv } from '../../../src/ingest/tiktok/overview.parser';
import { csvOf, reasonOf } from './helpers';

const FILE = 'landing/tiktok/overview/Overview_2024-11-15_1736937600_zone.a0_20250115_104000.zip';
const parse = (csv: string, startDate = '2024-11-15') => parseOverviewCsv(csv, { file: FILE, startDate });

describe('Overview.csv parser', () => {
  it('reads a quoted, BOM-prefixed file into full dates and counts, with separators, empty and NaN cells', () => {
    const days = parse(
      csvOf([
        ['Nov 15', '1,234', '56', '78', '9', '10'],
        ['Nov 16', '', 'NaN', '0', '1', '2'],
        ['Nov 17', '1,234,567', '12', '3', '0', '0'],
      ]),
    );
    expect(days.map((d) => [d.line, d.date, d.videoViews, d.profileViews, d.likes, d.comments, d.shares])).toEqual([
      [2, '2024-11-15', 1234, 56, 78, 9, 10],
      [3, '2024-11-16', 0, 0, 0, 1, 2],
      [4, '2024-11-17', 1234567, 12, 3, 0, 0],
    ]);
    expect(days[0].cells).toEqual({
      Date: 'Nov 15',
      'Video Views': '1,234',
      'Profile Views': '56',
      Likes: '78',
      Comments: '9',
      Shares: '10',
    });
  });

  it('moves to the next year when the month wraps past December (start 2024-11-15, rows through January)', () => {
    const rows: string[][] = [];
    const labels = ['Nov 15', 'Nov 30', 'Dec 1', 'Dec 31', 'Jan 1', 'Jan 2', 'Jan 31'];
    for (const l of labels) rows.push([l, '1', '1', '1', '1', '1']);
    expect(parse(csvOf(rows)).map((d) => d.date)).toEqual([
      '2024-11-15',
      '2024-11-30',
      '2024-12-01',
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
      '2025-01-31',
    ]);
  });

  it('places the first row in the next year when the start date is in December and the first row in January', () => {
    expect(parse(csvOf([['Jan 1', '1', '1', '1', '1', '1']]), '2024-12-31').map((d) => d.date)).toEqual(['2025-01-01']);
  });

  it('accepts Feb 29 in a leap year and rejects it otherwise', () => {
    expect(
      parse(
        csvOf([
          ['Feb 28', '1', '1', '1', '1', '1'],
          ['Feb 29', '1', '1', '1', '1', '1'],
        ]),
        '2024-02-28',
      ).map((d) => d.date),
    ).toEqual(['2024-02-28', '2024-02-29']);
    const r = reasonOf(() =>
      parse(
        csvOf([
          ['Feb 28', '1', '1', '1', '1', '1'],
          ['Feb 29', '1', '1', '1', '1', '1'],
        ]),
        '2025-02-28',
      ),
    );
    expect(r).toMatchObject({ code: 'BAD_VALUE', line: 3, field: 'Date', found: 'Feb 29' });
  });

  it('rejects an impossible date with line and field', () => {
    const r = reasonOf(() =>
      parse(
        csvOf([
          ['Feb 28', '1', '1', '1', '1', '1'],
          ['Feb 30', '1', '1', '1', '1', '1'],
        ]),
        '2025-02-28',
      ),
    );
    expect(r).toMatchObject({ code: 'BAD_VALUE', line: 3, column: 1, field: 'Date', found: 'Feb 30' });
    expect(r.expected).toContain('2025-02-30 does not exist');
  });

  it('rejects dates that are not a month name and day, out of order, repeated, or before the start date', () => {
    expect(reasonOf(() => parse(csvOf([['2024-11-15', '1', '1', '1', '1', '1']])))).toMatchObject({
      code: 'BAD_VALUE',
      line: 2,
      field: 'Date',
    });
    expect(
      reasonOf(() =>
        parse(
          csvOf([
            ['Nov 15', '1', '1', '1', '1', '1'],
            ['Nov 15', '1', '1', '1', '1', '1'],
          ]),
        ),
      ),
    ).toMatchObject({ code: 'BAD_VALUE', line: 3, field: 'Date' });
    expect(
      reasonOf(() =>
        parse(
          csvOf([
            ['Nov 15', '1', '1', '1', '1', '1'],
            ['Nov 14', '1', '1', '1', '1', '1'],
          ]),
        ),
      ),
    ).toMatchObject({ code: 'BAD_VALUE', line: 3 });
    expect(reasonOf(() => parse(csvOf([['Nov 14', '1', '1', '1', '1', '1']])))).toMatchObject({
      code: 'BAD_VALUE',
      line: 2,
      field: 'Date',
    });
    // Mar after May can only be next year: more than a year after the start, so the order is wrong.
    expect(
      reasonOf(() =>
        parse(
          csvOf([
            ['Jan 5', '1', '1', '1', '1', '1'],
            ['May 1', '1', '1', '1', '1', '1'],
            ['Mar 1', '1', '1', '1', '1', '1'],
          ]),
          '2024-01-05',
        ),
      ),
    ).toMatchObject({
      code: 'BAD_VALUE',
      line: 4,
      field: 'Date',
    });
  });

  it('rejects a non-numeric count naming the line and the field', () => {
    const r = reasonOf(() =>
      parse(
        csvOf([
          ['Nov 15', '1', '1', '1', '1', '1'],
          ['Nov 16', '12k', '1', '1', '1', '1'],
        ]),
      ),
    );
    expect(r).toMatchObject({ code: 'BAD_VALUE', line: 3, column: 2, field: 'Video Views', found: '12k' });
    expect(reasonOf(() => parse(csvOf([['Nov 15', '1', '1', '-4', '1', '1']])))).toMatchObject({ field: 'Likes', found: '-4' });
    expect(reasonOf(() => parse(csvOf([['Nov 15', '1', '1', '1', '1,2,3', '1']])))).toMatchObject({ field: 'Comments' });
  });

  it('reports a renamed column as SCHEMA_DRIFT naming both names, and an extra column as unexpected', () => {
    const renamed = reasonOf(() =>
      parse(csvOf([['Nov 15', '1', '1', '1', '1', '1']], ['Date', 'Views', 'Profile Views', 'Likes', 'Comments', 'Shares'])),
    );
    expect(renamed).toMatchObject({ code: 'SCHEMA_DRIFT', line: 1, field: 'Video Views, Views' });
    expect(renamed.message).toContain('missing column(s): Video Views');
    const extra = reasonOf(() =>
      parse(
        csvOf([['Nov 15', '1', '1', '1', '1', '1', '1']], ['Date', 'Video Views', 'Profile Views', 'Likes', 'Comments', 'Shares', 'Saves']),
      ),
    );
    expect(extra).toMatchObject({ code: 'SCHEMA_DRIFT', field: 'Saves' });
  });

  it('finds columns by name in any order', () => {
    const days = parse(
      csvOf([['5', 'Nov 15', '4', '3', '2', '1']], ['Shares', 'Date', 'Comments', 'Likes', 'Profile Views', 'Video Views']),
    );
    expect(days[0]).toMatchObject({ date: '2024-11-15', videoViews: 1, profileViews: 2, likes: 3, comments: 4, shares: 5 });
  });

  it('rejects something that is not an overview header, short rows and unterminated quotes', () => {
    expect(reasonOf(() => parse('"a","b","c"\r\n"1","2","3"\r\n'))).toMatchObject({ code: 'BAD_HEADER', line: 1 });
    expect(reasonOf(() => parse(`${csvOf([['Nov 15', '1', '1', '1', '1', '1']])}"Nov 16","1","1"\r\n`))).toMatchObject({
      code: 'WRONG_FIELD_COUNT',
      line: 3,
    });
    expect(reasonOf(() => parse(`${csvOf([])}"Nov 15","1,1\r\n`))).toMatchObject({ code: 'BAD_VALUE', line: 2 });
  });

  it('treats a file with no content or only a header as EMPTY_FILE', () => {
    expect(reasonOf(() => parse('\ufeff'))).toMatchObject({ code: 'EMPTY_FILE' });
    expect(reasonOf(() => parse(csvOf([])))).toMatchObject({ code: 'EMPTY_FILE' });
  });

  it('decodes UTF-8 and refuses binary', () => {
    expect(decodeOverviewCsv(new TextEncoder().encode('\ufeff"Date"'), FILE)).toBe('"Date"'); // the BOM is consumed
    expect(reasonOf(() => decodeOverviewCsv(new Uint8Array([0xff, 0xfe, 0x44, 0x00]), FILE))).toMatchObject({ code: 'BINARY_CONTENT' });
    expect(reasonOf(() => decodeOverviewCsv(new Uint8Array([0x22, 0xc3, 0x28]), FILE))).toMatchObject({ code: 'BINARY_CONTENT' });
  });

  it('small pieces: CSV line splitting, day labels, counts', () => {
    expect(splitCsvLine('"a","b ""q""","1,234",x,')).toEqual(['a', 'b "q"', '1,234', 'x', '']);
    expect(splitCsvLine('"a')).toBeNull();
    expect(parseDay('May 28')).toEqual({ month: 5, day: 28 });
    expect(parseDay('september 3')).toEqual({ month: 9, day: 3 });
    expect(parseDay('Sept. 3')).toEqual({ month: 9, day: 3 });
    expect(parseDay('Foo 3')).toBeNull();
    expect(parseDay('28 May')).toBeNull();
    expect([parseCount(''), parseCount('NaN'), parseCount(' 12 '), parseCount('12,345'), parseCount('1.5'), parseCount('12,34')]).toEqual([
      0,
      0,
      12,
      12345,
      null,
      null,
    ]);
  });
});
