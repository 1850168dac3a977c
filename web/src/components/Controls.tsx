import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { Grain } from '../gql/graphql';
import { isIsoDate, type Preset, PRESET_LABELS, PRESETS } from '../range';
import { useResolvedRange } from '../resolved-range';
import { GRAINS, type ViewState } from '../url-state';

const FiltersQuery = graphql(`
  query DashboardFilters {
    artists(first: 500) { edges { node { id name isPlaceholder } } }
    platforms(first: 100) { edges { node { code name } } }
  }
`);

/** Range, grain, artist and platform: shared by every view, written to the URL. */
export function Controls({ state, update }: { state: ViewState; update: (p: Partial<ViewState>) => void }) {
  const [{ data }] = useQuery({ query: FiltersQuery });
  // The days shown are the API's reading of the range (a preset resolved on the label's today).
  const resolved = useResolvedRange(state.range);
  const shown = resolved ?? state.custom;
  const setDate = (field: 'from' | 'to', value: string) => {
    if (!isIsoDate(value) || !shown) return;
    const custom = { from: shown.from, to: shown.to, [field]: value };
    if (custom.from <= custom.to) update({ preset: 'custom', custom });
  };
  // Custom starts from the days on screen; a preset sends only its name.
  const choose = (preset: Preset) =>
    preset === 'custom' ? shown && update({ preset, custom: { from: shown.from, to: shown.to } }) : update({ preset });
  return (
    <div className="controls">
      <label>
        Range
        <select name="preset" value={state.preset} onChange={(e) => choose(e.target.value as Preset)}>
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" name="from" value={shown?.from ?? ''} onChange={(e) => setDate('from', e.target.value)} />
      </label>
      <label>
        To
        <input type="date" name="to" value={shown?.to ?? ''} onChange={(e) => setDate('to', e.target.value)} />
      </label>
      <label>
        Grain
        <select name="grain" value={state.grain} onChange={(e) => update({ grain: e.target.value as Grain })}>
          {GRAINS.map((g) => (
            <option key={g} value={g}>
              {g.charAt(0) + g.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label>
        Artist
        <select name="artist" value={state.artist ?? ''} onChange={(e) => update({ artist: e.target.value || null })}>
          <option value="">All artists</option>
          {data?.artists.edges
            .filter((e) => !e.node.isPlaceholder)
            .map((e) => (
              <option key={e.node.id} value={e.node.id}>
                {e.node.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        Platform
        <select name="platform" value={state.platform ?? ''} onChange={(e) => update({ platform: e.target.value || null })}>
          <option value="">All platforms</option>
          {data?.platforms.edges.map((e) => (
            <option key={e.node.code} value={e.node.code}>
              {e.node.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
