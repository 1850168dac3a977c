/** Calendar arithmetic on `YYYY-MM-DD` days and `YYYY-MM` months, in UTC, for the generators and simulators. */

export const pad2 = (n: number): string => String(n).padStart(2, '0');

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${pad2((total % 12) + 1)}`;
}

export function lastDayOf(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}
