import { csvCell } from '../lake/atomic-file';

/*
 * The text of a line of the curated statement-lines part: `head,dimensions,tail` in TRANSACTIONS_HEADER
 * order. Both writers of a part use these, the load and the rebuild (from the warehouse), so they agree
 * byte for byte. The load formats head and tail on the parse side and splices in the dimension cells,
 * which only the loading side knows: a separate file with no database imports, as the parse worker
 * loads it.
 */

/**
 * Nano-units as text (an integer, maybe negative) to a decimal string with at least two decimals,
 * exactly as money.formatNano writes it, by moving the decimal point in the text (no BigInt per cell).
 */
export function nanoTextToDecimal(nano: string): string {
  // Character codes, no regular expression or padStart: this runs three times per line of a part.
  let neg = nano.charCodeAt(0) === 45;
  let digits = neg ? nano.slice(1) : nano;
  if (digits.length < 10) digits = '0000000000'.slice(digits.length) + digits;
  const point = digits.length - 9;
  let start = 0;
  while (start < point - 1 && digits.charCodeAt(start) === 48) start++;
  let end = digits.length;
  while (end > point + 2 && digits.charCodeAt(end - 1) === 48) end--;
  const whole = digits.slice(start, point);
  const frac = digits.slice(point, end);
  if (neg && whole === '0' && frac === '00') neg = false;
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/** A cell that is a number as it is (a number never needs quotes), anything else through csvCell. */
const numberCell = (v: unknown): string => (typeof v === 'number' ? String(v) : csvCell(v as string));

/** The cells of a part line before its dimension cells: reporting date and sale month. */
export const statementLineHead = (reportingDate: unknown, saleMonth: unknown): string =>
  `${csvCell(reportingDate as string)},${csvCell(String(saleMonth).slice(0, 7))}`;

/** The cells of a part line after its dimension cells (nano texts never need quotes; `fileCell` is quoted already). */
export const statementLineTail = (
  country: unknown,
  quantity: unknown,
  teamPercentage: unknown,
  grossNano: string,
  withheldNano: string,
  netNano: string,
  currency: unknown,
  fileCell: string,
  sourceLine: unknown,
): string =>
  `${csvCell(country as string)},${numberCell(quantity)},${csvCell(teamPercentage as string)},${nanoTextToDecimal(grossNano)},${nanoTextToDecimal(withheldNano)},${nanoTextToDecimal(netNano)},${csvCell(currency as string)},${fileCell},${numberCell(sourceLine)}`;
