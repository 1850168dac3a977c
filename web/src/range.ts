/** Date ranges in UTC calendar days (the API's Date scalar is a plain YYYY-MM-DD). */
export type Preset = 'last30' | 'last12m' | 'ytd' | 'custom';
export interface Range {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const parse = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function isIsoDate(s: string | null): s is string {
  return !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(parse(s)) && iso(parse(s)) === s;
}

export function presetRange(preset: Exclude<Preset, 'custom'>, today: Date = new Date()): Range {
  const t = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (preset === 'last30') return { from: iso(t - 29 * DAY), to: iso(t) };
  if (preset === 'ytd') return { from: `${today.getUTCFullYear()}-01-01`, to: iso(t) };
  // Last 12 whole-or-current months: from the 1st of the month 11 months back.
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1);
  return { from: iso(start), to: iso(t) };
}

/** The range of the same number of days that ends the day before `range` starts. */
export function previousRange(range: Range): Range {
  const days = Math.round((parse(range.to) - parse(range.from)) / DAY) + 1;
  const to = parse(range.from) - DAY;
  return { from: iso(to - (days - 1) * DAY), to: iso(to) };
}
