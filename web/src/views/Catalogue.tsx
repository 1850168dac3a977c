import { useState } from 'react';
import { useQuery } from 'urql';
import { DataTable } from '../components/DataTable';
import { formatCount, formatMoney } from '../decimal';
import { graphql } from '../gql';
import { useResolvedRange } from '../resolved-range';
import type { ViewState } from '../url-state';

const ArtistsPage = graphql(`
  query DashboardCatalogueArtists($after: String) {
    artists(first: 50, after: $after) {
      totalCount
      edges { cursor node { id name isPlaceholder tracks { id title isrc } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const ArtistTracks = graphql(`
  query DashboardArtistTracks($id: ID!) {
    artist(id: $id) { id name tracks { id title isrc } }
  }
`);

const LinesPage = graphql(`
  query DashboardStatementLines($track: ID!, $range: DateRange!, $after: String) {
    transactions(filter: { trackIds: [$track] }, range: $range, first: 50, after: $after) {
      totalCount
      edges { cursor node { id saleMonth reportingDate store country quantity gross net currency } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** One page of artists (Relay cursor); "More" asks for the next page after the last cursor. */
function ArtistPage({
  after,
  selected,
  onSelect,
  onMore,
}: {
  after: string | null;
  selected: string | null;
  onSelect: (id: string) => void;
  onMore: (cursor: string) => void;
}) {
  const [{ data, error }] = useQuery({ query: ArtistsPage, variables: { after } });
  if (error)
    return (
      <div className="error" role="alert">
        {error.message}
      </div>
    );
  if (!data) return <li className="loading">Loading…</li>;
  return (
    <>
      {data.artists.edges.map(({ node }) => (
        <li key={node.id}>
          <button
            type="button"
            className={node.id === selected ? 'item active' : 'item'}
            data-artist={node.name}
            onClick={() => onSelect(node.id)}
          >
            {node.name} <span className="muted">{node.tracks.length} tracks</span>
          </button>
        </li>
      ))}
      {data.artists.pageInfo.hasNextPage && data.artists.pageInfo.endCursor ? (
        <li>
          <button type="button" className="link" onClick={() => onMore(data.artists.pageInfo.endCursor!)}>
            More artists…
          </button>
        </li>
      ) : null}
    </>
  );
}

/** Artists → their tracks → the track's statement lines in the chosen range, each list paged by Relay cursors. */
export function Catalogue({ state, update }: { state: ViewState; update: (p: Partial<ViewState>) => void }) {
  const [pages, setPages] = useState<Array<string | null>>([null]);
  const [{ data: first }] = useQuery({ query: ArtistsPage, variables: { after: null } });
  // Cursor stack for the statement lines: back goes to the previous page's cursor.
  const [lineCursors, setLineCursors] = useState<Array<string | null>>([null]);
  const after = lineCursors[lineCursors.length - 1];
  const [{ data: lines, error: linesError }] = useQuery({
    query: LinesPage,
    variables: { track: state.track ?? '', range: state.range, after },
    pause: !state.track,
  });
  const [{ data: artistData }] = useQuery({ query: ArtistTracks, variables: { id: state.artist ?? '' }, pause: !state.artist });
  const tracks = artistData?.artist?.tracks ?? [];
  const resolved = useResolvedRange(state.range);
  return (
    <div className="catalogue">
      <section className="card">
        <h2>Artists {first ? <span className="muted">({first.artists.totalCount ?? first.artists.edges.length})</span> : null}</h2>
        <ul className="list">
          {pages.map((p) => (
            <ArtistPage
              key={p ?? 'first'}
              after={p}
              selected={state.artist}
              onSelect={(id) => {
                setLineCursors([null]);
                update({ artist: id, track: null });
              }}
              onMore={(cursor) => setPages((ps) => [...ps, cursor])}
            />
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>Tracks {artistData?.artist ? <span className="muted">of {artistData.artist.name}</span> : null}</h2>
        {!state.artist ? <p className="note">Choose an artist.</p> : null}
        <ul className="list">
          {tracks.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className={t.id === state.track ? 'item active' : 'item'}
                data-track={t.isrc ?? t.title}
                onClick={() => {
                  setLineCursors([null]);
                  update({ track: t.id });
                }}
              >
                {t.title} <span className="muted">{t.isrc ?? 'no ISRC'}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="card lines">
        <h2>Statement lines {resolved ? `${resolved.from} → ${resolved.to}` : '…'}</h2>
        {linesError ? (
          <div className="error" role="alert">
            {linesError.graphQLErrors[0]?.message ?? linesError.message}
          </div>
        ) : null}
        {!state.track ? <p className="note">Choose a track.</p> : null}
        {lines ? (
          <>
            <DataTable
              title={`${lines.transactions.totalCount ?? ''} lines (page ${lineCursors.length})`}
              name="statement-lines"
              columns={[
                { key: 'saleMonth', label: 'Sale month' },
                { key: 'reportingDate', label: 'Reported' },
                { key: 'store', label: 'Store' },
                { key: 'country', label: 'Country' },
                { key: 'quantity', label: 'Units', numeric: true },
                { key: 'gross', label: 'Gross', numeric: true },
                { key: 'net', label: 'Net', numeric: true },
                { key: 'currency', label: 'Currency' },
              ]}
              rows={lines.transactions.edges.map(({ node }) => ({ ...node, country: node.country ?? null }))}
              format={(k, v) =>
                v === null ? '' : k === 'gross' || k === 'net' ? formatMoney(String(v), 4, '') : typeof v === 'number' ? formatCount(v) : v
              }
            />
            <div className="buttons">
              <button type="button" disabled={lineCursors.length === 1} onClick={() => setLineCursors((c) => c.slice(0, -1))}>
                Previous page
              </button>
              <button
                type="button"
                disabled={!lines.transactions.pageInfo.hasNextPage}
                onClick={() => setLineCursors((c) => [...c, lines.transactions.pageInfo.endCursor ?? null])}
              >
                Next page
              </button>
            </div>
          </>
        ) : null}
      </section>
    </div>
  );
}
