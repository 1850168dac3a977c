import type { Grain } from './gql/graphql';

/**
 * The period label (as the API writes it for `grain`) that contains a day: where a daily anomaly
 * falls on a chart drawn at a coarser grain. WEEK is the Monday of the ISO week.
 */
export function periodOfDay(day: string, grain: Grain): string {
  switch (grain) {
    case 'DAY':
      return day;
    case 'WEEK': {
      const t = Date.parse(`${day}T00:00:00Z`);
      const back = (new Date(t).getUTCDay() + 6) % 7;
      return new Date(t - back * 86_400_000).toISOString().slice(0, 10);
    }
    case 'MONTH':
      return day.slice(0, 7);
    case 'QUARTER':
      return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) + 2) / 3)}`;
    case 'YEAR':
      return day.slice(0, 4);
  }
}
