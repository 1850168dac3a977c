import { addDays, addMonths, addMonthsToDay, daysBetween, isCalendarDate } from '../../../src/domain/calendar';

// An independent walk, one day at a time by milliseconds, over 1999–2001 (2000 a leap year) and 2023–2025.
function* daysOf(years: number[]): Generator<string> {
  for (const y of years)
    for (let d = new Date(Date.UTC(y, 0, 1)); d.getUTCFullYear() === y; d = new Date(d.getTime() + 86_400_000))
      yield d.toISOString().slice(0, 10);
}

describe('calendar arithmetic', () => {
  const days = [...daysOf([1999, 2000, 2001, 2023, 2024, 2025])];

  it('adds days across months, years and leap days, both ways', () => {
    // 1999-01-01 … 2001-12-31 are the walk's first 1,096 days, without a gap.
    for (let i = 0; i < 1095; i++) expect(addDays(days[i], 1)).toBe(days[i + 1]);
    expect(addDays('2001-12-31', 1)).toBe('2002-01-01');
    for (let i = 0; i + 400 < 1096; i += 7) {
      expect(addDays(days[i], 400)).toBe(days[i + 400]);
      expect(addDays(days[i + 400], -400)).toBe(days[i]);
      expect(daysBetween(days[i], days[i + 400])).toBe(400);
      expect(daysBetween(days[i + 400], days[i])).toBe(-400);
    }
  });

  it('adds months to month labels across years', () => {
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2024-03', -27)).toBe('2021-12');
    expect(addMonths('2024-03-31', 2)).toBe('2024-05'); // a day's month
  });

  it('adds months to days, clamping the day of month to the month it lands in', () => {
    expect(addMonthsToDay('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonthsToDay('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonthsToDay('2023-03-31', -1)).toBe('2023-02-28');
    expect(addMonthsToDay('2024-01-31', 3)).toBe('2024-04-30');
    expect(addMonthsToDay('2024-12-15', 1)).toBe('2025-01-15');
    for (const day of days) expect(isCalendarDate(addMonthsToDay(day, -13))).toBe(true);
  });
});
