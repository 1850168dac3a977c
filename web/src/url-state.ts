import { useCallback, useEffect, useState } from 'react';
import type { Grain } from './gql/graphql';
import { isIsoDate, type Preset, presetRange, type Range } from './range';

/** Everything that defines a view lives in the query string, so a link reproduces it. */
export interface ViewState {
  view: 'overview' | 'platforms' | 'catalogue' | 'marketing' | 'pipeline';
  preset: Preset;
  range: Range;
  grain: Grain;
  artist: string | null;
  platform: string | null;
  /** Catalogue: the track whose statement lines are shown. */
  track: string | null;
}

const VIEWS: Array<ViewState['view']> = ['overview', 'platforms', 'catalogue', 'marketing', 'pipeline'];
const GRAINS: Grain[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
const PRESETS: Preset[] = ['last30', 'last12m', 'ytd', 'custom'];

export function readState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const from = q.get('from');
  const to = q.get('to');
  let preset = (PRESETS as string[]).includes(q.get('range') ?? '') ? (q.get('range') as Preset) : 'last12m';
  // A custom range needs both valid dates, in order; else fall back to the default preset.
  const customOk = isIsoDate(from) && isIsoDate(to) && from <= to;
  if (preset === 'custom' && !customOk) preset = 'last12m';
  if (!q.get('range') && customOk) preset = 'custom';
  const range = preset === 'custom' ? { from: from!, to: to! } : presetRange(preset);
  const grainParam = (q.get('grain') ?? '').toUpperCase();
  const grain = (GRAINS as string[]).includes(grainParam) ? (grainParam as Grain) : preset === 'last30' ? 'DAY' : 'MONTH';
  return {
    view: (VIEWS as string[]).includes(q.get('view') ?? '') ? (q.get('view') as ViewState['view']) : 'overview',
    preset,
    range,
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
  if (s.preset === 'custom') {
    q.set('from', s.range.from);
    q.set('to', s.range.to);
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
      if (patch.preset && patch.preset !== 'custom') next.range = presetRange(patch.preset);
      window.history.pushState(null, '', writeState(next));
      return next;
    });
  }, []);
  return [state, update];
}

export { GRAINS };
