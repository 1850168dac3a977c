/**
 * Cell and field values as TooLost writes them: counts as numbers or strings (`"1095"`,
 * `"12,345"`), blanks and `NaN` for "no value", money as decimal text. Parsing is exact:
 * money never passes through a float.
 */
import { parseDecimalToNano } from '../../domain/money';
import { parseWholeNumber } from '../common/amounts';

/** "No value" as the portal writes it: the day or month is left out rather than recorded as 0. */
export const MISSING = Symbol('missing');

export function isMissing(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    (typeof v === 'string' && /^\s*(?:|nan|null|n\/a|-)\s*$/i.test(v)) ||
    (typeof v === 'number' && Number.isNaN(v))
  );
}

/** A non-negative integer count; MISSING for blanks/NaN; null when the value is not a count. */
export function parseCount(v: unknown): number | typeof MISSING | null {
  if (isMissing(v)) return MISSING;
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null;
  if (typeof v !== 'string') return null;
  return parseWholeNumber(v.trim());
}

/** A signed integer (sales quantities go negative on reversals), thousands separators allowed. */
export function parseSignedInteger(text: string): number | null {
  return parseWholeNumber(text.trim(), true);
}

/**
 * Decimal money text to nano-units: `2.93076245`, `1,234.50`, `-0.01`, `$3.10`, `-$3.10`,
 * `(3.10)` (accounting negative) and spreadsheet exponents (`1.5E-05`). JSON numbers are
 * accepted through their shortest decimal form, which is exact for the ≤ 15 significant
 * digits money carries. Null when the text is not an amount or would lose precision.
 */
export function parseMoney(v: unknown): bigint | null {
  if (typeof v === 'number') return Number.isFinite(v) ? parseMoney(String(v)) : null;
  if (typeof v !== 'string') return null;
  let t = v.trim();
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = paren[1].trim();
  }
  const sign = /^([+-])\s*/.exec(t);
  if (sign) {
    if (sign[1] === '-') negative = !negative;
    t = t.slice(sign[0].length);
  }
  t = t.replace(/^\$\s*/, '').replace(/\s*(?:USD|US\$)$/i, '');
  const exp = /^(\d+)(?:\.(\d*))?[eE]([+-]?\d{1,3})$/.exec(t);
  if (exp) t = shiftDecimal(exp[1], exp[2] ?? '', Number(exp[3]));
  else if (t.includes(',') && !/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) return null;
  if (!/^[\d,]+(?:\.\d+)?$/.test(t)) return null;
  const nano = parseDecimalToNano(t);
  if (nano === null) return null;
  return negative ? -nano : nano;
}

/** `1.5` × 10^-5 as plain decimal text, without floating point. */
function shiftDecimal(whole: string, frac: string, exponent: number): string {
  const digits = (whole + frac).replace(/^0+(?=\d)/, '');
  const point = whole.replace(/^0+(?=\d)/, '').length + exponent;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
