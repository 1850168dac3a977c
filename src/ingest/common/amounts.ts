/**
 * Numbers as exports write them in text cells: whole counts with optional thousands separators
 * (`12,345`, never `1,2,3`), and decimal amounts read exactly into nano-units (money itself,
 * and its exact arithmetic, is src/domain/money.ts). What a blank, `NaN` or `-` cell means is
 * each source's own rule, so those stay with the source.
 */
import { parseDecimalToNano } from '../../domain/money';

const GROUPED_INT_RE = /^[+-]?\d{1,3}(?:,\d{3})+$/;
const GROUPED_DECIMAL_RE = /^[+-]?\d{1,3}(?:,\d{3})*(?:\.\d+)?$/;

/**
 * A whole number: digits, or digits grouped by thousands; a leading sign only when `signed`.
 * Null for anything else or beyond 2^53. No regex for the plain shape: DistroKid reads one per row.
 */
export function parseWholeNumber(text: string, signed = false): number | null {
  const c0 = text.charCodeAt(0);
  const start = c0 === 45 || c0 === 43 ? 1 : 0;
  if (start === 1 && !signed) return null;
  let digits = text;
  if (text.includes(',')) {
    if (!GROUPED_INT_RE.test(text)) return null;
    digits = text.replace(/,/g, '');
  } else {
    if (text.length === start) return null;
    for (let k = start; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c < 48 || c > 57) return null;
    }
  }
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * Decimal text to nano-units. The common shape (no separators, ≤ 6 integer digits, ≤ 9
 * decimals) is accumulated in integer arithmetic below 2^53 without allocating; everything
 * else goes through money.ts. Thousands separators must be well placed: "1,2,3" is not a number.
 */
export function parseAmount(text: string): bigint | null {
  if (text.includes(',')) return GROUPED_DECIMAL_RE.test(text) ? parseDecimalToNano(text) : null;
  const n = text.length;
  let p = 0;
  const c0 = text.charCodeAt(0);
  const negative = c0 === 45;
  if (negative || c0 === 43) p = 1;
  const intStart = p;
  let whole = 0;
  for (let c = text.charCodeAt(p); c >= 48 && c <= 57; c = text.charCodeAt(++p)) whole = whole * 10 + (c - 48);
  const intDigits = p - intStart;
  if (intDigits === 0) return null;
  let frac = 0;
  if (p < n && text.charCodeAt(p) === 46) {
    const fracStart = ++p;
    for (let c = text.charCodeAt(p); c >= 48 && c <= 57; c = text.charCodeAt(++p)) frac = frac * 10 + (c - 48);
    const fracDigits = p - fracStart;
    if (fracDigits === 0 || p !== n) return null;
    if (fracDigits > 9) return parseDecimalToNano(text);
    frac *= POW10[9 - fracDigits];
  }
  if (p !== n) return null;
  if (intDigits > 6) return parseDecimalToNano(text);
  const units = whole * 1e9 + frac;
  if (units === 0) return 0n;
  return negative ? BigInt(-units) : BigInt(units);
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
