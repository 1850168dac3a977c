/**
 * Exact decimal arithmetic on the API's Decimal strings, through BigInt nano-units (1e-9), the
 * same unit the warehouse stores money in. Money never passes through a float.
 */
const SCALE = 9;
const ONE = 10n ** BigInt(SCALE);

export function toNano(decimal: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!m) throw new Error(`not a decimal: "${decimal}"`);
  const frac = (m[3] ?? '').padEnd(SCALE, '0').slice(0, SCALE);
  const n = BigInt(m[2]) * ONE + BigInt(frac || '0');
  return m[1] ? -n : n;
}

/** Rounds half away from zero to `places` decimals and prints with optional thousands separators. */
export function formatNano(n: bigint, places: number, group = true): string {
  const neg = n < 0n;
  let abs = neg ? -n : n;
  const drop = 10n ** BigInt(SCALE - places);
  abs = (abs + drop / 2n) / drop;
  const unit = 10n ** BigInt(places);
  const whole = (abs / unit).toString();
  const frac = places > 0 ? `.${(abs % unit).toString().padStart(places, '0')}` : '';
  const grouped = group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${neg && abs !== 0n ? '-' : ''}${grouped}${frac}`;
}

/** "USD 1,234.57" style, from the exact string; amounts are in USD (the statements' currency). */
export function formatMoney(decimal: string | bigint, places = 2, currency = 'USD'): string {
  const n = typeof decimal === 'bigint' ? decimal : toNano(decimal);
  return `${formatNano(n, places)} ${currency}`;
}

/** (current − previous) / previous in percent with 1 decimal, exact; null when previous is 0. */
export function changePct(current: bigint, previous: bigint): string | null {
  if (previous === 0n) return null;
  // percent × 1e9 so formatNano can round it.
  const pct = ((current - previous) * 100n * ONE) / (previous < 0n ? -previous : previous);
  const s = formatNano(pct, 1);
  return `${pct > 0n ? '+' : ''}${s}%`;
}

export function formatCount(n: number | bigint): string {
  return formatNano(BigInt(n) * ONE, 0);
}
