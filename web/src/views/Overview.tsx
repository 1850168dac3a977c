import { useMemo } from 'react';
import { ApiError } from '../components/ApiError';
import { useQuery } from 'urql';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { changePct, formatCount, formatMoney, formatNano, toNano } from '../decimal';
import { graphql } from '../gql';
import { apiPreviousRange } from '../range';
import type { ViewState } from '../url-state';
import type { AnomalyDimension } from '../gql/graphql';
import { anomaliesShown, anomalyMarkers, anomalyRows } from './overview-anomalies';
import { pivot, totalsBy } from './overview-data';
import { Outlook } from './Outlook';
import { QualityStrip } from './QualityStrip';

const OverviewQuery = graphql(`
  query DashboardOverview($range: DateRange!, $previous: DateRange!, $grain: Grain!, $revenueFilter: RevenueFilter, $streamFilter: StreamFilter, $artist: ID, $anomalyGroupBy: [AnomalyDimension!]!) {
    resolved: resolvedDateRange(range: $range) { from to previous { from to } }
    current: revenueSummary(range: $range, filter: $revenueFilter) { gross net quantity payoutPerStream }
    previous: revenueSummary(range: $previous, filter: $revenueFilter) { gross net quantity payoutPerStream }
    streams: streamSeries(range: $range, grain: $grain, groupBy: [SOURCE], filter: $streamFilter, first: 10000) {
      points { period source streams }
      totals { streams }
    }
    previousStreams: streamSeries(range: $previous, grain: YEAR, filter: $streamFilter) { totals { streams } }
    revenueByMonth: revenueSeries(range: $range, grain: MONTH, groupBy: [PLATFORM], filter: $revenueFilter, first: 10000) {
      points { period platform { code name } net gross quantity }
    }
    audience: audienceSeries(range: $range, grain: $grain, artist: $artist) { points { period artist { name } streams } }
    byTrack: revenueSeries(range: $range, grain: YEAR, groupBy: [TRACK], filter: $revenueFilter, first: 10000) {
      points { track { id title isrc } net quantity }
    }
    anomalies(range: $range, metric: STREAMS, groupBy: $anomalyGroupBy, first: 1000) {
      period source kind direction value expected reason platform { code name } artist { id name }
    }
    byCountry: revenueSeries(range: $range, grain: YEAR, groupBy: [COUNTRY], filter: $revenueFilter, first: 10000) {
      points { country net quantity }
    }
  }
`);

const money = (key: string, v: string | number | null) =>
  v === null ? '' : ['net', 'gross'].includes(key) ? formatMoney(String(v)) : typeof v === 'number' ? formatCount(v) : v;
const PALETTE = [
  '#3b6fd8',
  '#e0793a',
  '#2fa67a',
  '#b54fc6',
  '#d4b02f',
  '#5a5f6e',
  '#c84b5a',
  '#36a2c4',
  '#8b6d3f',
  '#7b8bd9',
  '#1b9e9e',
  '#e377c2',
  '#9c9c2e',
  '#a05a2c',
  '#4c4cb0',
  '#6fbf73',
];

function Kpi({ label, value, change, testId }: { label: string; value: string; change: string | null; testId: string }) {
  const cls = change === null ? 'flat' : change.startsWith('-') ? 'down' : 'up';
  return (
    <div className="kpi" data-kpi={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      <div className={`kpi-change ${cls}`}>{change === null ? 'no previous data' : `${change} vs previous period`}</div>
    </div>
  );
}

export function Overview({ state }: { state: ViewState }) {
  const variables = useMemo(() => {
    const artistIds = state.artist ? [state.artist] : undefined;
    const platforms = state.platform ? [state.platform] : undefined;
    return {
      range: state.range,
      // The API's own previous period for the range (the year before for a year to date, …).
      previous: apiPreviousRange(state.preset, state.custom),
      grain: state.grain,
      revenueFilter: { artistIds, platforms },
      streamFilter: { artistIds, platforms },
      artist: state.artist,
      // Anomalies are judged per series: split by what the view filters on, so the filtered series' own are found.
      anomalyGroupBy: [...(state.artist ? ['ARTIST'] : []), ...(state.platform ? ['PLATFORM'] : [])] as AnomalyDimension[],
    };
  }, [state.range, state.preset, state.custom, state.grain, state.artist, state.platform]);
  const [{ data, fetching, error }] = useQuery({ query: OverviewQuery, variables });

  const views = useMemo(() => {
    if (!data) return null;
    const revenue = pivot(
      data.revenueByMonth.points,
      (p) => p.period,
      (p) => p.platform?.name ?? 'Other',
      (p) => Number(p.net),
    );
    const streams = pivot(
      data.streams.points,
      (p) => p.period,
      (p) => p.source ?? 'unknown',
      (p) => p.streams,
    );
    const audience = pivot(
      data.audience.points,
      (p) => p.period,
      (p) => p.artist?.name ?? 'unknown',
      (p) => p.streams ?? 0,
    );
    const periods = [...new Set([...streams.periods, ...audience.periods])].sort();
    const anomalies = anomaliesShown(data.anomalies, state.artist ?? null, state.platform ?? null);
    const markers = anomalyMarkers(anomalies, state.grain, periods, streams.names, streams.value);
    return {
      revenueOption: {
        color: PALETTE,
        tooltip: { trigger: 'axis' },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 70, right: 20, top: 56, bottom: 30 },
        xAxis: { type: 'category', data: revenue.periods },
        yAxis: { type: 'value', name: 'USD net' },
        series: revenue.names.map((n) => ({ name: n, type: 'bar', stack: 'net', data: revenue.periods.map((p) => revenue.value(n, p)) })),
      },
      revenueRows: data.revenueByMonth.points.map((p) => ({
        period: p.period,
        platform: p.platform?.name ?? 'Other',
        net: p.net,
        gross: p.gross,
        units: p.quantity,
      })),
      streamsOption: {
        color: PALETTE,
        tooltip: { trigger: 'axis' },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 70, right: 20, top: 56, bottom: 30 },
        xAxis: { type: 'category', data: periods },
        yAxis: { type: 'value', name: 'streams' },
        series: [
          ...streams.names.map((n) => ({
            name: n,
            type: 'line',
            stack: 'streams',
            areaStyle: {},
            showSymbol: false,
            data: periods.map((p) => streams.value(n, p)),
          })),
          // Spotify for Artists audience: its own unstacked, dashed line per artist, never added to the above.
          ...audience.names.map((n) => ({
            name: `Spotify for Artists · ${n}`,
            type: 'line',
            showSymbol: false,
            lineStyle: { type: 'dashed' },
            data: periods.map((p) => audience.value(n, p)),
          })),
          markers,
        ],
      },
      markedAnomalies: markers.data.length,
      anomalyRows: anomalyRows(anomalies),
      streamRows: [
        ...data.streams.points.map((p) => ({ period: p.period, series: `streams · ${p.source ?? 'unknown'}`, streams: p.streams })),
        ...data.audience.points.map((p) => ({
          period: p.period,
          series: `Spotify for Artists audience · ${p.artist?.name ?? 'unknown'}`,
          streams: p.streams,
        })),
      ],
      tracks: totalsBy(
        data.byTrack.points,
        (p) => (p.track ? `${p.track.title}\u0000${p.track.isrc ?? ''}` : null),
        (p) => p.net,
        (p) => p.quantity,
      )
        .slice(0, 10)
        .map(([k, v], i) => ({
          rank: i + 1,
          track: k.split('\u0000')[0],
          isrc: k.split('\u0000')[1],
          net: formatNano(v.net, 9, false),
          units: v.units,
        })),
      countries: totalsBy(
        data.byCountry.points,
        (p) => p.country,
        (p) => p.net,
        (p) => p.quantity,
      )
        .slice(0, 10)
        .map(([k, v], i) => ({ rank: i + 1, country: k, net: formatNano(v.net, 9, false), units: v.units })),
    };
  }, [data, state.artist, state.platform, state.grain]);

  if (error) return <ApiError error={error} />;
  if (!data || !views) return <div className="loading">{fetching ? 'Loading…' : 'No data'}</div>;

  const cur = data.current;
  const prev = data.previous;
  const ppsChange =
    cur.payoutPerStream && prev.payoutPerStream ? changePct(toNano(cur.payoutPerStream), toNano(prev.payoutPerStream)) : null;
  return (
    <div className="overview">
      <div className="kpis">
        <Kpi testId="net" label="Net revenue" value={formatMoney(cur.net)} change={changePct(toNano(cur.net), toNano(prev.net))} />
        <Kpi
          testId="gross"
          label="Gross revenue"
          value={formatMoney(cur.gross)}
          change={changePct(toNano(cur.gross), toNano(prev.gross))}
        />
        <Kpi
          testId="streams"
          label="Streams"
          value={formatCount(data.streams.totals.streams)}
          change={changePct(BigInt(data.streams.totals.streams), BigInt(data.previousStreams.totals.streams))}
        />
        <Kpi
          testId="pps"
          label="Payout per stream"
          value={cur.payoutPerStream ? formatMoney(cur.payoutPerStream, 5) : '—'}
          change={ppsChange}
        />
      </div>
      <p className="note">
        Revenue by sale month from statements (USD); streams from daily stream facts only — statement units are never added to them. Change
        compares{' '}
        <span data-range="current">
          {data.resolved.from} → {data.resolved.to}
        </span>{' '}
        with the previous{' '}
        <span data-range="previous">
          {data.resolved.previous.from} → {data.resolved.previous.to}
        </span>
        .
      </p>
      <div className="grid2">
        <ChartCard
          title="Net revenue by month and platform"
          name="revenue-by-month"
          option={views.revenueOption}
          columns={[
            { key: 'period', label: 'Month' },
            { key: 'platform', label: 'Platform' },
            { key: 'net', label: 'Net (USD)', numeric: true },
            { key: 'gross', label: 'Gross (USD)', numeric: true },
            { key: 'units', label: 'Units', numeric: true },
          ]}
          rows={views.revenueRows}
          format={money}
        />
        <ChartCard
          title="Streams by source"
          name="streams-by-source"
          note="Spotify for Artists audience is drawn as separate dashed lines, never added to distributor streams. Anomalies are marked by kind (listed below)."
          option={views.streamsOption}
          description={`${views.markedAnomalies} anomalies marked (listed in the Anomalies table)`}
          columns={[
            { key: 'period', label: 'Period' },
            { key: 'series', label: 'Series' },
            { key: 'streams', label: 'Streams', numeric: true },
          ]}
          rows={views.streamRows}
          format={money}
        />
      </div>
      <section className="card spaced" aria-labelledby="anomalies-title">
        <h2 id="anomalies-title">Anomalies in streams</h2>
        <p className="note">
          Days departing from the same weekday&apos;s median of the previous 8 weeks, and days a later capture restated; marked on the
          streams chart by kind (▲ SPIKE, ▼ DROP, ◆ ZERO, ■ RESTATED). Value and expected are daily streams of the source.
        </p>
        <DataTable
          title="Anomalies"
          name="anomalies"
          empty="No anomalies in this range"
          columns={[
            { key: 'period', label: 'Day' },
            { key: 'source', label: 'Source' },
            { key: 'series', label: 'Series' },
            { key: 'kind', label: 'Kind' },
            { key: 'value', label: 'Value', numeric: true },
            { key: 'expected', label: 'Expected', numeric: true },
            { key: 'reason', label: 'Reason' },
          ]}
          rows={views.anomalyRows}
        />
      </section>
      <QualityStrip />
      <Outlook />
      <div className="grid2">
        <section className="card">
          <DataTable
            title="Top tracks by net revenue"
            name="top-tracks"
            columns={[
              { key: 'rank', label: '#', numeric: true },
              { key: 'track', label: 'Track' },
              { key: 'isrc', label: 'ISRC' },
              { key: 'net', label: 'Net (USD)', numeric: true },
              { key: 'units', label: 'Units', numeric: true },
            ]}
            rows={views.tracks}
            format={(k, v) => (k === 'rank' ? String(v) : money(k, v))}
          />
        </section>
        <section className="card">
          <DataTable
            title="Top countries by net revenue"
            name="top-countries"
            columns={[
              { key: 'rank', label: '#', numeric: true },
              { key: 'country', label: 'Country' },
              { key: 'net', label: 'Net (USD)', numeric: true },
              { key: 'units', label: 'Units', numeric: true },
            ]}
            rows={views.countries}
            format={(k, v) => (k === 'rank' ? String(v) : money(k, v))}
          />
        </section>
      </div>
    </div>
  );
}
