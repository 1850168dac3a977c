import { useMemo } from 'react';
import { useQuery } from 'urql';
import { ApiError } from '../components/ApiError';
import { ChartCard } from '../components/ChartCard';
import { formatCount, formatMoney, formatNano, toNano } from '../decimal';
import { graphql } from '../gql';
import type { DashboardOutlookQuery } from '../gql/graphql';

const OutlookQuery = graphql(`
  query DashboardOutlook {
    revenue: forecast(metric: NET_REVENUE, grain: MONTH, horizon: 6, level: 80) {
      metric grain horizon levelPercent seriesFound
      series { source platform { name } lastActualPeriod method { name } points { period value lower upper } }
    }
    streams: forecast(metric: STREAMS, grain: WEEK, horizon: 12, level: 80) {
      metric grain horizon levelPercent seriesFound
      series { source platform { name } lastActualPeriod method { name } points { period value lower upper } }
    }
  }
`);

type Forecast = DashboardOutlookQuery['revenue'];

/** Drawing only: a Decimal string as a number for the canvas; tables and tooltips show the exact strings. */
const draw = (d: string) => Number(formatNano(toNano(d), 2, false));

/**
 * One line per series with its interval as a shaded band: an invisible "lower" line and, stacked on it,
 * the band's height (upper − lower, exact) filled; stackStrategy 'all' keeps a negative lower bound right.
 */
function forecastView(f: Forecast, money: boolean) {
  const periods = [...new Set(f.series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const label = (s: Forecast['series'][number]) => `${s.source}${s.platform ? ` · ${s.platform.name}` : ''}`;
  const show = (d: string) => (money ? formatMoney(d) : formatNano(toNano(d), 1));
  const rows = f.series.flatMap((s) =>
    s.points.map((p) => ({ series: label(s), method: s.method.name, period: p.period, value: p.value, lower: p.lower, upper: p.upper })),
  );
  const series = f.series.flatMap((s) => {
    const at = new Map(s.points.map((p) => [p.period, p]));
    const stack = `band-${label(s)}`;
    const name = label(s);
    return [
      { name, type: 'line', data: periods.map((per) => (at.has(per) ? draw(at.get(per)!.value) : null)) },
      {
        name: `${name} lower`,
        type: 'line',
        stack,
        stackStrategy: 'all',
        showSymbol: false,
        lineStyle: { opacity: 0 },
        data: periods.map((per) => (at.has(per) ? draw(at.get(per)!.lower) : null)),
      },
      {
        name: `${name} ${f.levelPercent}% interval`,
        type: 'line',
        stack,
        stackStrategy: 'all',
        showSymbol: false,
        lineStyle: { opacity: 0 },
        areaStyle: { opacity: 0.25 },
        data: periods.map((per) => {
          const p = at.get(per);
          return p ? draw(formatNano(toNano(p.upper) - toNano(p.lower), 9, false)) : null;
        }),
      },
    ];
  });
  const option = {
    tooltip: {
      trigger: 'axis',
      // The exact strings the API answered, never the drawn numbers.
      formatter: (params: Array<{ axisValue: string }>) => {
        const period = params[0]?.axisValue ?? '';
        const lines = rows
          .filter((r) => r.period === period)
          .map((r) => `${r.series}: ${show(r.value)} (${show(r.lower)} – ${show(r.upper)})`);
        return [period, ...lines].join('<br/>');
      },
    },
    legend: { top: 0, type: 'scroll', data: f.series.map(label) },
    grid: { left: 80, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', name: money ? 'USD net' : 'streams' },
    series,
  };
  const methods = [...new Set(f.series.map((s) => `${label(s)}: ${s.method.name}`))].join('; ');
  const from = [...new Set(f.series.map((s) => s.lastActualPeriod))].sort().join(', ');
  return { option, rows, methods, from };
}

const columns = [
  { key: 'series', label: 'Series' },
  { key: 'method', label: 'Method' },
  { key: 'period', label: 'Period' },
  { key: 'value', label: 'Forecast', numeric: true },
  { key: 'lower', label: 'Lower', numeric: true },
  { key: 'upper', label: 'Upper', numeric: true },
];

/** The Overview's "Outlook": NET_REVENUE by month and streams by week ahead, with their intervals and methods. */
export function Outlook() {
  const [{ data, error }] = useQuery({ query: OutlookQuery });
  const views = useMemo(
    () => (data ? { revenue: forecastView(data.revenue, true), streams: forecastView(data.streams, false) } : null),
    [data],
  );
  if (error) return <ApiError error={error} />;
  if (!data || !views) return <p className="loading-inline">Loading the outlook…</p>;
  const moneyCell = (k: string, v: string | number | null) =>
    v === null ? '' : ['value', 'lower', 'upper'].includes(k) ? formatMoney(String(v)) : String(v);
  const countCell = (k: string, v: string | number | null) =>
    v === null ? '' : ['value', 'lower', 'upper'].includes(k) ? formatNano(toNano(String(v)), 1) : String(v);
  return (
    <div className="grid2">
      <ChartCard
        title={`Outlook: net revenue, next ${data.revenue.horizon} months`}
        name="forecast-revenue"
        note={`${data.revenue.levelPercent}% interval shaded; after ${views.revenue.from || '—'}. Method: ${views.revenue.methods || '—'}.`}
        option={views.revenue.option}
        columns={columns}
        rows={views.revenue.rows}
        format={moneyCell}
        empty="Not enough history to forecast"
      />
      <ChartCard
        title={`Outlook: streams, next ${data.streams.horizon} weeks`}
        name="forecast-streams"
        note={`${data.streams.levelPercent}% interval shaded; after ${views.streams.from || '—'}; ${formatCount(data.streams.seriesFound)} series. Method: ${views.streams.methods || '—'}.`}
        option={views.streams.option}
        columns={columns}
        rows={views.streams.rows}
        format={countCell}
        empty="Not enough history to forecast"
      />
    </div>
  );
}
