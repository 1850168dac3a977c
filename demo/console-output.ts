/** How the demo writes to the terminal: whole lines, readable paths and amounts. */
import path from 'node:path';
import { parseDecimalToNano } from '../src/domain/money';
import { withSeparators } from './digit-groups';

export const out = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};

/** A path as the user would type it: relative inside the working directory, absolute elsewhere. */
export const rel = (p: string): string => {
  const r = path.relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') || path.isAbsolute(r) ? p : r;
};

/** "1234.5678" → "$1,234.57" for display; the exact value is printed beside it where it matters. */
export const usd = (decimal: string): string => {
  const nano = parseDecimalToNano(decimal) ?? 0n;
  const cents = (nano < 0n ? nano - 5_000_000n : nano + 5_000_000n) / 10_000_000n;
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}$${withSeparators(abs / 100n)}.${String(abs % 100n).padStart(2, '0')}`;
};
