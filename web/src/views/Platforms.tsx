import { useMemo } from 'react';
import { ApiError } from '../components/ApiError';
import { useQuery } from 'urql';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { formatCount, formatMoney, formatNano, toNano } from '../decimal';
import { graphql } from '../gql';
import type { ViewState } from '../url-state';

const PlatformsQuery = graphql(`
  query DashboardPlatforms($range: DateRange!) {
    resolved: resolvedDateRange(range: $range) { from to previous { from to } }
    platformComparison(range: $range) {
      platform { code name }
      streams units net revenuePerStream streamShare revenueShare streamsGrowthPct revenueGrowthPct
    }
  }
`);

/** A 0…1 share as a percentage with 1 decimal, exactly. */
const share = (s: string) => `${formatNano(toNano(s) * 100n, 1)}%`;
const pct = (s: string | null) => (s === null ? '—' : `${s.startsWith('-') ? '' : '+'}${s}%`);

/** Platforms side by side: streams (stream facts) and net revenue (statements), shares and growth. The platform filter does not apply here. */
export function Platforms({ state }: { state: ViewState }) {
  const [{ data, error }] = useQuery({ query: PlatformsQuery, variables: { range: state.range } });
  const rows = useMemo(
    () =>
      (data?.platformComparison ?? []).map((p) => ({
        platform: p.platform.name,
        code: p.platform.code,
        streams: p.streams,
        streamShare: p.streamShare,
        streamsGrowthPct: p.streamsGrowthPct ?? null,
        units: p.units,
        net: p.net,
        revenueShare: p.revenueShare,
        revenueGrowthPct: p.revenueGrowthPct ?? null,
        revenuePerStream: p.revenuePerStream ?? null,
      })),
    [data],
  );
  const option = useMemo(
    () => ({
      color: ['#3b6fd8', '#e0793a'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 120, right: 30, top: 36, bottom: 30 },
      xAxis: { type: 'value', name: 'share %', max: 100 },
      yAxis: { type: 'category', data: rows.map((r) => r.platform), inverse: true },
      series: [
        { name: 'Share of streams', type: 'bar', data: rows.map((r) => Number(r.streamShare) * 100) },
        { name: 'Share of net revenue', type: 'bar', data: rows.map((r) => Number(r.revenueShare) * 100) },
      ],
    }),
    [rows],
  );
  if (error) return <ApiError error={error} />;
  if (!data) return <div className="loading">Loading…</div>;
  const format = (key: string, v: string | number | null): string => {
    if (v === null) return '—';
    if (key === 'net') return formatMoney(String(v));
    if (key === 'revenuePerStream') return formatMoney(String(v), 5);
    if (key === 'streamShare' || key === 'revenueShare') return share(String(v));
    if (key.endsWith('GrowthPct')) return pct(String(v));
    return typeof v === 'number' ? formatCount(v) : v;
  };
  return (
    <div className="platforms">
      <p className="note">
        Streams come from daily stream facts, revenue and units from statements by sale month; they are shown side by side, never added.
        Growth compares{' '}
        <span data-range="current">
          {data.resolved.from} → {data.resolved.to}
        </span>{' '}
        with the previous{' '}
        <span data-range="previous">
          {data.resolved.previous.from} → {data.resolved.previous.to}
        </span>
        . The artist and platform filters do not apply to this view.
      </p>
      <ChartCard
        title="Share of streams and of net revenue"
        name="platform-shares"
        option={option}
        columns={[
          { key: 'platform', label: 'Platform' },
          { key: 'streamShare', label: 'Share of streams', numeric: true },
          { key: 'revenueShare', label: 'Share of net revenue', numeric: true },
        ]}
        rows={rows}
        format={format}
      />
      <section className="card spaced">
        <DataTable
          title="Platforms compared"
          name="platforms"
          columns={[
            { key: 'platform', label: 'Platform' },
            { key: 'streams', label: 'Streams', numeric: true },
            { key: 'streamShare', label: 'Stream share', numeric: true },
            { key: 'streamsGrowthPct', label: 'Streams growth', numeric: true },
            { key: 'units', label: 'Statement units', numeric: true },
            { key: 'net', label: 'Net (USD)', numeric: true },
            { key: 'revenueShare', label: 'Revenue share', numeric: true },
            { key: 'revenueGrowthPct', label: 'Revenue growth', numeric: true },
            { key: 'revenuePerStream', label: 'Net per unit (USD)', numeric: true },
          ]}
          rows={rows}
          format={format}
        />
      </section>
    </div>
  );
}
