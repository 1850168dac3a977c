import { occurrenceCounter } from '../../../src/ingest/load-transactions';

describe('occurrenceCounter (SQLite load_occurrence)', () => {
  it('numbers the identical lines of a file 0, 1, 2, … in key order, restarting at each new hash or source', () => {
    const next = occurrenceCounter();
    const rows: Array<[string, string, number]> = [
      ['distrokid', '-a', 7],
      ['distrokid', '-a', 9],
      ['distrokid', '-a', 12],
      ['distrokid', 'A0', 3],
      ['distrokid', '_z', 1],
      ['distrokid', '_z', 2],
      ['distrokid', 'a0', 5],
      ['toolost', '-a', 4],
    ];
    expect(rows.map(([s, h, l]) => next(s, h, l))).toEqual(['0', '1', '2', '0', '0', '1', '0', '0']);
  });

  it('throws on rows out of key order or out of line order, instead of numbering them wrongly', () => {
    const back = occurrenceCounter();
    back('distrokid', 'b', 1);
    expect(() => back('distrokid', 'a', 2)).toThrow(/not in key order/);
    const lines = occurrenceCounter();
    lines('distrokid', 'a', 5);
    expect(() => lines('distrokid', 'a', 5)).toThrow(/not in line order/);
    const sources = occurrenceCounter();
    sources('toolost', 'a', 1);
    expect(() => sources('distrokid', 'z', 2)).toThrow(/not in key order/);
  });
});
