/** Calendar arithmetic for the generators and simulators: the product's own (src/domain/calendar.ts), plus what only they need. */
import { addDays, addMonths } from '../src/domain/calendar';

export { addDays, addMonths };

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The last day (`YYYY-MM-DD`) of a month (`YYYY-MM`). */
export function lastDayOf(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}
