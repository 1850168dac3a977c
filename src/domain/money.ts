/**
 * Money is exact: amounts are integers of nano-units (1e-9 of the currency) held as bigint.
 * Parsing never goes through a float; formatting produces a decimal string.
 */
export const NANO_SCALE = 9;
const NANO = 10n ** BigInt(NANO_SCALE);
const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses "1,234.01931943", "-0.5", "" (→ null) into nano-units; null when not a decimal number. */
export function parseDecimalToNano(text: string): bigint | null {
  const cleaned = text.trim().replace(/,/g, '');
  const m = DECIMAL_RE.exec(cleaned);
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  if (frac.length > NANO_SCALE && /[1-9]/.test(frac.slice(NANO_SCALE))) return null; // would lose precision
  const nano = BigInt(whole) * NANO + BigInt((frac.slice(0, NANO_SCALE) || '0').padEnd(NANO_SCALE, '0'));
  return sign === '-' ? -nano : nano;
}

/** Formats nano-units as a decimal string with at least `minScale` decimals and no trailing zeros beyond it. */
export function formatNano(nano: bigint | string | number, minScale = 2): string {
  // The integer's digits cut at the scale: string work instead of a bigint division and remainder (a series formats hundreds per request).
  const digits = BigInt(nano).toString();
  const neg = digits.charCodeAt(0) === 45; // '-'
  const abs = neg ? digits.slice(1) : digits;
  const padded = abs.length > NANO_SCALE ? abs : abs.padStart(NANO_SCALE + 1, '0');
  const wholeLength = padded.length - NANO_SCALE;
  let end = padded.length;
  while (end > wholeLength && padded.charCodeAt(end - 1) === 48) end--; // trailing '0's
  let frac = padded.slice(wholeLength, end);
  if (frac.length < minScale) frac = frac.padEnd(minScale, '0');
  return `${neg ? '-' : ''}${padded.slice(0, wholeLength)}${frac ? `.${frac}` : ''}`;
}

/** Divides exact integers and rounds half away from zero to `scale` decimals, as a decimal string. */
export function divideToDecimal(numerator: bigint, denominator: bigint, scale: number): string | null {
  if (denominator === 0n) return null;
  const neg = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const factor = 10n ** BigInt(scale);
  const q = (n * factor * 2n + d) / (2n * d);
  const whole = q / factor;
  const frac = (q % factor).toString().padStart(scale, '0');
  return `${neg && q !== 0n ? '-' : ''}${whole}${scale > 0 ? `.${frac}` : ''}`;
}
