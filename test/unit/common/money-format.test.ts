import { formatNano, parseDecimalToNano } from '../../../src/domain/money';

/** The formatting by bigint division and remainder that formatNano's string cutting replaced (issue 12): the oracle. */
function byDivision(nano: bigint | string | number, minScale = 2): string {
  const v = BigInt(nano);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const whole = abs / 10n ** 9n;
  let frac = (abs % 10n ** 9n).toString().padStart(9, '0').replace(/0+$/, '');
  if (frac.length < minScale) frac = frac.padEnd(minScale, '0');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** A deterministic generator (no seed drift between runs). */
function* randomNanos(count: number): Generator<bigint> {
  let state = 0x2545f491n;
  for (let i = 0; i < count; i++) {
    state = (state * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
    const digits = Number(state % 30n) + 1;
    const magnitude = state % 10n ** BigInt(digits);
    // Some with trailing zeros in the fraction, some whole, some negative.
    const shaped = i % 5 === 0 ? (magnitude / 1000n) * 1000n : i % 7 === 0 ? magnitude * 10n ** 9n : magnitude;
    yield i % 3 === 0 ? -shaped : shaped;
  }
}

describe('formatNano', () => {
  const edges = [
    0n,
    1n,
    -1n,
    9n,
    10n,
    100_000_000n,
    999_999_999n,
    10n ** 9n,
    -(10n ** 9n),
    1_200_000_000n,
    1_000_000_001n,
    -50n,
    10n ** 30n + 1n,
  ];

  it('writes every amount as the bigint division did, at every minimum scale', () => {
    for (const nano of [...edges, ...randomNanos(5000)])
      for (const minScale of [0, 1, 2, 3, 8, 9, 12])
        expect([nano, minScale, formatNano(nano, minScale)]).toEqual([nano, minScale, byDivision(nano, minScale)]);
  });

  it('takes strings and numbers as BigInt does (and refuses what BigInt refuses)', () => {
    for (const input of ['0', '-0', '123456789012', ' 42 ', '-1000000000', 5, -12_000_000_000, 0])
      expect(formatNano(input)).toBe(byDivision(input));
    expect(formatNano('12345')).toBe('0.000012345');
    expect(formatNano(-1_500_000_000n)).toBe('-1.50');
    expect(formatNano(7n * 10n ** 9n, 0)).toBe('7');
    expect(() => formatNano('1.5')).toThrow(SyntaxError);
    expect(() => formatNano(1.5)).toThrow(RangeError);
  });

  it('round-trips parsed decimals, at least two decimals and no trailing zeros beyond them', () => {
    const cases: Array<[string, string]> = [
      ['0', '0.00'],
      ['1018.21202981', '1018.21202981'],
      ['-0.000000001', '-0.000000001'],
      ['123456789.5', '123456789.50'],
      ['7.1000', '7.10'],
      ['-1,234.5670', '-1234.567'],
    ];
    for (const [text, written] of cases) expect(formatNano(parseDecimalToNano(text)!)).toBe(written);
  });
});
