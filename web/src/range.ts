import type { DateRange, DateRangePreset } from './gql/graphql';

/**
 * The range picker's choices: the API's presets (resolved by the server on the label's today, so a
 * link names a preset, never dates that go stale) or custom days. The dashboard does no date
 * arithmetic of its own: the days it shows are the ones the API says it used.
 */
export type Preset = DateRangePreset | 'custom';
export interface Range {
  from: string;
  to: string;
}

export const PRESET_LABELS: Record<Preset, string> = {
  LAST_7_DAYS: 'Last 7 days',
  LAST_30_DAYS: 'Last 30 days',
  LAST_90_DAYS: 'Last 90 days',
  LAST_12_MONTHS: 'Last 12 months',
  YEAR_TO_DATE: 'Year to date',
  PREVIOUS_MONTH: 'Previous month',
  PREVIOUS_QUARTER: 'Previous quarter',
  PREVIOUS_YEAR: 'Previous year',
  custom: 'Custom',
};
export const PRESETS = Object.keys(PRESET_LABELS) as Preset[];
export const DEFAULT_PRESET: Preset = 'LAST_12_MONTHS';

/** Names links used before the API resolved presets: old bookmarks keep working. */
const LEGACY: Record<string, Preset> = { last30: 'LAST_30_DAYS', last12m: 'LAST_12_MONTHS', ytd: 'YEAR_TO_DATE' };

export function presetOf(param: string | null): Preset | null {
  if (!param) return null;
  if ((PRESETS as string[]).includes(param)) return param as Preset;
  return LEGACY[param] ?? null;
}

const parse = (d: string) => Date.parse(`${d}T00:00:00Z`);
export function isIsoDate(s: string | null): s is string {
  return !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(parse(s)) && new Date(parse(s)).toISOString().slice(0, 10) === s;
}

/** The DateRange argument the API gets: the preset's name, or the custom days. */
export function apiRange(preset: Preset, custom: Range | null): DateRange {
  if (preset !== 'custom') return { preset };
  return custom ? { from: custom.from, to: custom.to } : { preset: DEFAULT_PRESET as DateRangePreset };
}

/** The same range's previous period, as the API defines it (its own rhythm for each preset). */
export function apiPreviousRange(preset: Preset, custom: Range | null): DateRange {
  return { ...apiRange(preset, custom), previous: true };
}
