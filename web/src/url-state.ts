import { useCallback, useEffect, useState } from 'react';
import type { DateRange, Grain } from './gql/graphql';
import { apiRange, DEFAULT_PRESET, isIsoDate, type Preset, presetOf, type Range } from './range';

/** Everything that defines a view lives in the query string, so a link reproduces it. */
export interface ViewState {
  view: 'overview' | 'platforms' | 'catalogue' | 'marketing' | 'pipeline';
  preset: Preset;
  /** The days of a custom range; null for a preset (the API resolves it: see useResolvedRange). */
  custom: Range | null;
  /** What every query sends as its DateRange argument. */
  range: DateRange;
  grain: Grain;
  artist: string | null;
  platform: string | null;
  /** Catalogue: the track whose statement lines are shown. */
  track: string | null;
}

const VIEWS: Array<ViewState['view']> = ['overview', 'platforms', 'catalogue', 'marketing', 'pipeline'];
const GRAINS: Grain[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

/** The grain a range opens with when the link names none: days for short ranges, months for long ones. */
const DEFAULT_GRAIN: Record<Preset, Grain> = {
  LAST_7_DAYS: 'DAY',
  LAST_30_DAYS: 'DAY',
  LAST_90_DAYS: 'WEEK',
  LAST_12_MONTHS: 'MONTH',
  YEAR_TO_DATE: 'MONTH',
  PREVIOUS_MONTH: 'DAY',
  PREVIOUS_QUARTER: 'WEEK',
  PREVIOUS_YEAR: 'MONTH',
  custom: 'MONTH',
};

export function readState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const from = q.get('from');
  const to = q.get('to');
  let preset = presetOf(q.get('range')) ?? DEFAULT_PRESET;
  // A custom range needs both valid dates, in order; else fall back to the default preset.
  const customOk = isIsoDate(from) && isIsoDate(to) && from <= to;
  if (preset === 'custom' && !customOk) preset = DEFAULT_PRESET;
  if (!q.get('range') && customOk) preset = 'custom';
  const custom = preset === 'custom' ? { from: from!, to: to! } : null;
  const grainParam = (q.get('grain') ?? '').toUpperCase();
  const grain = (GRAINS as string[]).includes(grainParam) ? (grainParam as Grain) : DEFAULT_GRAIN[preset];
  return {
    view: (VIEWS as string[]).includes(q.get('view') ?? '') ? (q.get('view') as ViewState['view']) : 'overview',
    preset,
    custom,
    range: apiRange(preset, custom),
    grain,
    artist: q.get('artist') || null,
    platform: q.get('platform') || null,
    track: q.get('track') || null,
  };
}

export function writeState(s: ViewState): string {
  const q = new URLSearchParams();
  if (s.view !== 'overview') q.set('view', s.view);
  q.set('range', s.preset);
  if (s.preset === 'custom' && s.custom) {
    q.set('from', s.custom.from);
    q.set('to', s.custom.to);
  }
  q.set('grain', s.grain);
  if (s.artist) q.set('artist', s.artist);
  if (s.platform) q.set('platform', s.platform);
  if (s.track) q.set('track', s.track);
  return `?${q.toString()}`;
}

export function useViewState(): [ViewState, (patch: Partial<ViewState>) => void] {
  const [state, setState] = useState(() => readState(window.location.search));
  useEffect(() => {
    const onPop = () => setState(readState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((patch: Partial<ViewState>) => {
    setState((prev) => {
      const next = { ...prev, ...patch };
      if (patch.preset && patch.preset !== 'custom') next.custom = null;
      next.range = apiRange(next.preset, next.custom);
      window.history.pushState(null, '', writeState(next));
      return next;
    });
  }, []);
  return [state, update];
}

export { GRAINS };
