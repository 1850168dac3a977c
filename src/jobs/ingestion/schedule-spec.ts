import { CronExpressionParser } from 'cron-parser';
import humanInterval from 'human-interval';

const MIN_INTERVAL_MS = 60_000;

export class InvalidScheduleError extends Error {
  constructor(
    readonly field: 'every' | 'timezone',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidScheduleError';
  }
}

/** Five or six fields of cron characters: anything else is read as a human interval. */
const looksLikeCron = (every: string) => /^(\S+\s+){4,5}\S+$/.test(every.trim()) && /^[\d*/,\-?LW#A-Za-z\s]+$/.test(every);

/**
 * Accepts a cron expression (`0 6 * * *`) or a human interval (`6 hours`, at least a minute) in
 * an IANA time zone; says which part is wrong otherwise.
 */
export function validateSchedule(every: string, timezone: string): { every: string; timezone: string; kind: 'cron' | 'interval' } {
  const tz = timezone.trim() || 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new InvalidScheduleError('timezone', `unknown time zone "${timezone}" (use an IANA name such as Europe/Paris or UTC)`);
  }
  const text = every.trim();
  if (!text) throw new InvalidScheduleError('every', 'every must not be empty');
  if (looksLikeCron(text)) {
    try {
      CronExpressionParser.parse(text, { tz });
    } catch (err) {
      throw new InvalidScheduleError('every', `invalid cron expression "${text}": ${(err as Error).message}`);
    }
    return { every: text, timezone: tz, kind: 'cron' };
  }
  const ms = humanInterval(text);
  if (ms === undefined || !Number.isFinite(ms)) {
    throw new InvalidScheduleError('every', `"${text}" is neither a cron expression (e.g. "0 6 * * *") nor an interval (e.g. "6 hours")`);
  }
  if (ms < MIN_INTERVAL_MS) throw new InvalidScheduleError('every', `"${text}" is shorter than the minimum interval of one minute`);
  return { every: text, timezone: tz, kind: 'interval' };
}
