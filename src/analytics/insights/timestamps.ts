import type { Dialect } from '../../db/dialect';

/** A timestamp column (stored in UTC without zone) as ISO-8601 text with milliseconds and `Z`. */
export function isoText(dialect: Dialect, expr: string): string {
  return dialect === 'postgres' ? `to_char(${expr}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr})`;
}
