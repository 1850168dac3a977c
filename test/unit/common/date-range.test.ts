/**
 * Range presets resolved on an injected clock: the label's "today" across time-zone edges (a day
 * ahead of UTC in Berlin at 23:30 UTC, Kiritimati at UTC+14, DST change days), leap years and
 * the 31st of a month; each preset checked against a day-by-day walk written independently here.
 */
import {
  DATE_RANGE_PRESETS,
  dateInTimeZone,
  isIanaTimeZone,
  presetRange,
  previousRange,
  resolveDateRange,
} from '../../../src/domain/date-range';
import { ArgumentError } from '../../../src/errors/argument-error';
import { loadConfig } from '../../../src/config/config';

// An independent calendar: a JavaScript Date stepped one local day at a time (no shared helpers).
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const parts = (s: string) => s.split('-').map(Number) as [number, number, number];
function walk(from: string, to: string): string[] {
  const out: string[] = [];
  for (let [y, m, d] = parts(from); day(y, m, d) <= to; d++) out.push(day(y, m, d));
  return out;
}
const months = (days: string[]) => [...new Set(days.map((d) => d.slice(0, 7)))];

describe("dateInTimeZone: the label's today", () => {
  it('is already tomorrow in Berlin at 23:30 UTC, and still yesterday in Los Angeles', () => {
    const at = new Date('2025-03-31T23:30:00Z');
    expect(dateInTimeZone(at, 'UTC')).toBe('2025-03-31');
    expect(dateInTimeZone(at, 'Europe/Berlin')).toBe('2025-04-01');
    expect(dateInTimeZone(new Date('2025-04-01T06:59:00Z'), 'America/Los_Angeles')).toBe('2025-03-31');
  });

  it('turns at 10:00 UTC on Kiritimati (UTC+14), a day ahead of Honolulu on the same instant', () => {
    expect(dateInTimeZone(new Date('2024-12-31T09:59:59Z'), 'Pacific/Kiritimati')).toBe('2024-12-31');
    expect(dateInTimeZone(new Date('2024-12-31T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2025-01-01');
    expect(dateInTimeZone(new Date('2024-12-31T10:00:00Z'), 'Pacific/Honolulu')).toBe('2024-12-31');
  });

  it('follows DST change days: Berlin at UTC+1 before the spring change, UTC+2 after, and back in autumn', () => {
    // 2025-03-30: clocks jump 02:00 → 03:00 in Berlin; the day starts at 23:00 UTC the day before.
    expect(dateInTimeZone(new Date('2025-03-29T22:59:00Z'), 'Europe/Berlin')).toBe('2025-03-29');
    expect(dateInTimeZone(new Date('2025-03-29T23:00:00Z'), 'Europe/Berlin')).toBe('2025-03-30');
    // The next day starts at 22:00 UTC (summer time).
    expect(dateInTimeZone(new Date('2025-03-30T21:59:00Z'), 'Europe/Berlin')).toBe('2025-03-30');
    expect(dateInTimeZone(new Date('2025-03-30T22:00:00Z'), 'Europe/Berlin')).toBe('2025-03-31');
    // 2025-10-26: back to UTC+1; that day is 25 hours long and ends at 23:00 UTC.
    expect(dateInTimeZone(new Date('2025-10-26T22:59:00Z'), 'Europe/Berlin')).toBe('2025-10-26');
    expect(dateInTimeZone(new Date('2025-10-26T23:00:00Z'), 'Europe/Berlin')).toBe('2025-10-27');
  });

  it('answers again within a second as it did, per time zone, and moves on at the next second (it remembers the last one)', () => {
    expect(dateInTimeZone(new Date('2025-01-01T23:59:59.000Z'), 'UTC')).toBe('2025-01-01');
    expect(dateInTimeZone(new Date('2025-01-01T23:59:59.999Z'), 'UTC')).toBe('2025-01-01');
    // The same second in another zone is its own question.
    expect(dateInTimeZone(new Date('2025-01-01T23:59:59.999Z'), 'Pacific/Kiritimati')).toBe('2025-01-02');
    expect(dateInTimeZone(new Date('2025-01-02T00:00:00.000Z'), 'UTC')).toBe('2025-01-02');
    expect(dateInTimeZone(new Date('2025-01-01T23:59:59.999Z'), 'UTC')).toBe('2025-01-01');
  });
});

describe('presetRange on any day', () => {
  // Ordinary days, month ends, leap days and the days after, year ends.
  const todays = [
    '2024-02-29',
    '2024-03-01',
    '2024-03-31',
    '2025-01-01',
    '2025-03-31',
    '2025-05-31',
    '2025-07-15',
    '2025-12-31',
    '2023-02-28',
    '2100-03-01',
  ];

  it.each(todays)('LAST_n_DAYS on %s: n days, ending today', (today) => {
    for (const [preset, n] of [
      ['LAST_7_DAYS', 7],
      ['LAST_30_DAYS', 30],
      ['LAST_90_DAYS', 90],
    ] as const) {
      const r = presetRange(preset, today);
      expect(r.to).toBe(today);
      expect(walk(r.from, r.to)).toHaveLength(n);
    }
  });

  it.each(todays)('LAST_12_MONTHS on %s: 12 calendar months, the current one so far', (today) => {
    const r = presetRange('LAST_12_MONTHS', today);
    const span = walk(r.from, r.to);
    expect(r.to).toBe(today);
    expect(r.from.endsWith('-01')).toBe(true);
    expect(months(span)).toHaveLength(12);
    expect(months(span)[11]).toBe(today.slice(0, 7));
  });

  it.each(todays)('YEAR_TO_DATE on %s: 1 January to today', (today) => {
    const r = presetRange('YEAR_TO_DATE', today);
    expect(r).toEqual({ from: `${today.slice(0, 4)}-01-01`, to: today });
  });

  it.each(todays)('PREVIOUS_MONTH, _QUARTER, _YEAR on %s: whole periods just before the current one', (today) => {
    const [y, m] = parts(today);
    const month = walk(day(y, m - 1, 1), day(y, m, 0));
    expect(presetRange('PREVIOUS_MONTH', today)).toEqual({ from: month[0], to: month[month.length - 1] });
    const q = Math.floor((m - 1) / 3);
    const quarter = walk(day(y, q * 3 - 2, 1), day(y, q * 3 + 1, 0));
    expect(presetRange('PREVIOUS_QUARTER', today)).toEqual({ from: quarter[0], to: quarter[quarter.length - 1] });
    expect(months(quarter)).toHaveLength(3);
    expect(presetRange('PREVIOUS_YEAR', today)).toEqual({ from: `${y - 1}-01-01`, to: `${y - 1}-12-31` });
  });

  it('names concrete days on hand-checked edges', () => {
    expect(presetRange('LAST_12_MONTHS', '2025-03-31')).toEqual({ from: '2024-04-01', to: '2025-03-31' });
    expect(presetRange('PREVIOUS_MONTH', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetRange('PREVIOUS_QUARTER', '2025-01-01')).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(presetRange('LAST_7_DAYS', '2024-03-01')).toEqual({ from: '2024-02-24', to: '2024-03-01' });
  });
});

describe("previousRange: each preset's own previous period", () => {
  it('steps whole months, quarters and years back by a whole period', () => {
    expect(previousRange({ from: '2024-03-01', to: '2024-03-31', preset: 'PREVIOUS_MONTH' })).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(previousRange({ from: '2025-01-01', to: '2025-03-31', preset: 'PREVIOUS_QUARTER' })).toMatchObject({
      from: '2024-10-01',
      to: '2024-12-31',
    });
    expect(previousRange({ from: '2024-01-01', to: '2024-12-31', preset: 'PREVIOUS_YEAR' })).toMatchObject({
      from: '2023-01-01',
      to: '2023-12-31',
    });
  });

  it('compares LAST_12_MONTHS and YEAR_TO_DATE with the same span a year earlier, 29 February with 28 February', () => {
    expect(previousRange({ ...presetRange('YEAR_TO_DATE', '2024-02-29'), preset: 'YEAR_TO_DATE' })).toMatchObject({
      from: '2023-01-01',
      to: '2023-02-28',
    });
    expect(previousRange({ ...presetRange('LAST_12_MONTHS', '2024-02-29'), preset: 'LAST_12_MONTHS' })).toMatchObject({
      from: '2022-03-01',
      to: '2023-02-28',
    });
  });

  it('gives rolling day counts and explicit days the same number of days ending the day before', () => {
    for (const today of ['2024-03-01', '2025-01-05']) {
      for (const preset of ['LAST_7_DAYS', 'LAST_30_DAYS', 'LAST_90_DAYS'] as const) {
        const current = { ...presetRange(preset, today), preset };
        const prev = previousRange(current);
        expect(walk(prev.from, prev.to)).toHaveLength(walk(current.from, current.to).length);
        expect(walk(prev.to, current.from)).toHaveLength(2);
      }
    }
    expect(previousRange({ from: '2025-01-01', to: '2025-06-30' })).toEqual({ from: '2024-07-04', to: '2024-12-31' });
  });

  it('never overlaps the range and ends before it, for every preset on every day of a leap year', () => {
    for (const today of walk('2024-01-01', '2024-12-31')) {
      for (const preset of DATE_RANGE_PRESETS) {
        const current = { ...presetRange(preset, today), preset };
        const prev = previousRange(current);
        expect(prev.from <= prev.to && prev.to < current.from).toBe(true);
      }
    }
  });
});

describe('resolveDateRange: exactly one of from+to or preset', () => {
  it('resolves a preset, keeps explicit days, and applies previous', () => {
    expect(resolveDateRange({ preset: 'PREVIOUS_MONTH' }, '2025-05-31')).toEqual({
      from: '2025-04-01',
      to: '2025-04-30',
      preset: 'PREVIOUS_MONTH',
    });
    expect(resolveDateRange({ from: '2025-01-01', to: '2025-01-31', preset: null }, '2025-05-31')).toEqual({
      from: '2025-01-01',
      to: '2025-01-31',
    });
    expect(resolveDateRange({ preset: 'PREVIOUS_MONTH', previous: true }, '2025-05-31')).toMatchObject({
      from: '2025-03-01',
      to: '2025-03-31',
    });
  });

  it.each([
    [{ preset: 'LAST_7_DAYS', from: '2025-01-01' }, 'window.preset', 'not both'],
    [{ preset: 'LAST_7_DAYS', from: '2025-01-01', to: '2025-01-02' }, 'window.preset', 'not both'],
    [{}, 'window', 'give from and to, or a preset'],
    [{ from: '2025-01-01' }, 'window.to', 'window.to is missing'],
    [{ to: '2025-01-01' }, 'window.from', 'window.from is missing'],
  ] as const)('refuses %j as BAD_USER_INPUT naming %s', (request, field, message) => {
    let error: unknown;
    try {
      resolveDateRange(request, '2025-05-31', 'window');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as ArgumentError).clientCode).toBe('BAD_USER_INPUT');
    expect((error as ArgumentError).message).toContain(message);
    expect((error as ArgumentError).details).toEqual({ field });
  });
});

describe('LABEL_TIME_ZONE', () => {
  it('defaults to UTC and takes IANA names', () => {
    expect(loadConfig({}).labelTimeZone).toBe('UTC');
    expect(loadConfig({ LABEL_TIME_ZONE: 'Pacific/Kiritimati' }).labelTimeZone).toBe('Pacific/Kiritimati');
  });

  it('refuses what is not an IANA name, naming the variable', () => {
    for (const bad of ['Mars/Olympus_Mons', '+02:00', 'Europe/Berlin; rm', 'CEST?']) {
      expect(isIanaTimeZone(bad)).toBe(false);
      expect(() => loadConfig({ LABEL_TIME_ZONE: bad })).toThrow(
        /Invalid environment variable LABEL_TIME_ZONE: must be an IANA time zone name/,
      );
    }
  });
});
