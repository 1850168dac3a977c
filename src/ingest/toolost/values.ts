/**
 * Cell and field values as TooLost writes them: counts as numbers or strings (`"1095"`,
 * `"12,345"`), blanks and `NaN` for "no value", money as decimal text. Parsing is exact:
 * money never passes through a float.
 */
import { isCalendarDate } from '../../domain/calendar';
import { parseDecimalToNano } from '../../domain/money';

/** "No value" as the portal writes it: the day or month is left out rather than recorded as 0. */
export const MISSING = Symbol('missing');

const GROUPED_INT_RE = /^\d{1,3}(?:,\d{3})+$/;
const PLAIN_INT_RE = /^\d+$/;

export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && /^\s*(?:|nan|null|n\/a|-)\s*$/i.test(v)) || (typeof v === 'number' && Number.isNaN(v));
}

/** A non-negative integer count; MISSING for blanks/NaN; null when the value is not a count. */
export function parseCount(v: unknown): number | typeof MISSING | null {
  if (isMissing(v)) return MISSING;
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (!PLAIN_INT_RE.test(t) && !GROUPED_INT_RE.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

/** A signed integer (sales quantities go negative on reversals), thousands separators allowed. */
export function parseSignedInteger(text: string): number | null {
  const t = text.trim();
  const m = /^([+-])?(\d+|\d{1,3}(?:,\d{3})+)$/.exec(t);
  if (!m) return null;
  const n = Number(m[2].replace(/,/g, ''));
  if (!Number.isSafeInteger(n)) return null;
  return m[1] === '-' ? -n : n;
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

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A month as `YYYY-MM-01`, from `2025-04`, `2025-04-17`, `04-2025`, `04/2025`, `2025/04`,
 * `Apr 2025` or `April 2025`; null otherwise.
 */
export function parseMonth(text: string): string | null {
  const t = text.trim();
  let y: number;
  let m: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/.exec(t))) {
    [y, m] = [Number(match[1]), Number(match[2])];
    if (match[3] !== undefined && !isCalendarDate(`${match[1]}-${pad2(m)}-${pad2(Number(match[3]))}`)) return null;
  } else if ((match = /^(\d{1,2})[-/](\d{4})$/.exec(t))) {
    [m, y] = [Number(match[1]), Number(match[2])];
  } else if ((match = /^([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/.exec(t))) {
    const k = MONTHS.indexOf(match[1].slice(0, 3).toLowerCase());
    if (k === -1 || !('january february march april may june july august september october november december'.split(' ')[k].startsWith(match[1].toLowerCase()))) return null;
    [m, y] = [k + 1, Number(match[2])];
  } else return null;
  if (m < 1 || m > 12 || y < 1900 || y > 2999) return null;
  return `${y}-${pad2(m)}-01`;
}

/** A calendar date `YYYY-MM-DD` (also `YYYY/MM/DD`); null otherwise. */
export function parseDate(text: string): string | null {
  const t = text.trim().replace(/\//g, '-');
  return isCalendarDate(t) ? t : null;
}
