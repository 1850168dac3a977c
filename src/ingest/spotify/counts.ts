/**
 * Counts as Spotify for Artists hands them over: numbers, strings with thousands separators
 * (`"12,345"`), and empty cells or `NaN` where the portal has no figure. A missing figure is
 * NULL, never 0: "unknown" and "nobody" are different answers.
 */
export const INVALID_COUNT = Symbol('invalid count');

const GROUPED = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;

export function parseCount(value: unknown): bigint | null | typeof INVALID_COUNT {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return null;
    return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : INVALID_COUNT;
  }
  if (typeof value !== 'string') return INVALID_COUNT;
  const t = value.trim();
  if (t === '' || /^nan$/i.test(t)) return null;
  return GROUPED.test(t) ? BigInt(t.replace(/,/g, '')) : INVALID_COUNT;
}
