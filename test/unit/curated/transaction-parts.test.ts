/**
 * The curated statement lines format money by moving the decimal point in the nano-unit text; it
 * must write exactly what money.formatNano writes, for every sign, magnitude and trailing zero.
 */
import { partName } from '../../../src/ingest/curated/transaction-parts';
import { nanoTextToDecimal } from '../../../src/ingest/curated/statement-line-csv';
import { formatNano } from '../../../src/domain/money';
import { seededRandom } from '../../../demo/seeded-random';

describe('nanoTextToDecimal', () => {
  it('agrees with formatNano on edge cases', () => {
    const cases = [
      '0',
      '-0',
      '1',
      '-1',
      '10',
      '100',
      '999999999',
      '1000000000',
      '-1000000000',
      '1000000001',
      '5000000000',
      '19319430',
      '-19319430',
      '-123456789012',
      '12345678901234567890',
      '-90000000000000000000',
    ];
    for (const c of cases) expect([c, nanoTextToDecimal(c)]).toEqual([c, formatNano(c)]);
  });

  it('agrees with formatNano on 20,000 random amounts', () => {
    const rng = seededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + Math.floor(rng() * 20);
      let text = String(1 + Math.floor(rng() * 9));
      for (let k = 1; k < digits; k++) text += rng() < 0.3 ? '0' : String(Math.floor(rng() * 10));
      const c = rng() < 0.5 ? `-${text}` : text;
      expect([c, nanoTextToDecimal(c)]).toEqual([c, formatNano(c)]);
    }
  });
});

describe('partName', () => {
  it('zero-pads the source file id so that name order is load order', () => {
    expect(partName(42)).toBe('part-0000000042.csv');
    expect([partName(10), partName(9), partName(100)].sort()).toEqual([partName(9), partName(10), partName(100)]);
  });
});
