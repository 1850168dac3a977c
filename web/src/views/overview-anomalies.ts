import type { AnomalyKind, DashboardOverviewQuery, Grain } from '../gql/graphql';
import { periodOfDay } from '../periods';

type Anomaly = DashboardOverviewQuery['anomalies'][number];

/** How each kind is drawn: the shape and the label carry the kind, the colour only repeats it. */
const MARK: Record<AnomalyKind, { symbol: string; rotate: number; color: string }> = {
  SPIKE: { symbol: 'triangle', rotate: 0, color: '#c0392b' },
  DROP: { symbol: 'triangle', rotate: 180, color: '#8a6500' },
  ZERO: { symbol: 'diamond', rotate: 0, color: '#5a1f8a' },
  RESTATED: { symbol: 'rect', rotate: 0, color: '#1d2230' },
};

/** Only the anomalies of the series the chart shows: split by the filtered dimension, then kept when they match it. */
export function anomaliesShown(items: Anomaly[], artist: string | null, platform: string | null): Anomaly[] {
  return items.filter((a) => (!artist || a.artist?.id === artist) && (!platform || a.platform?.code === platform));
}

/**
 * A scatter series marking each anomaly at the top of its source's band of the stacked streams chart
 * (the y of the drawn stack, not the anomaly's value: the table gives the values).
 */
export function anomalyMarkers(
  items: Anomaly[],
  grain: Grain,
  periods: string[],
  stackOrder: string[],
  value: (name: string, period: string) => number,
) {
  const drawn = new Set(periods);
  const top = (source: string, period: string) =>
    stackOrder.slice(0, stackOrder.indexOf(source) + 1).reduce((s, n) => s + value(n, period), 0);
  const data = items
    .map((a) => ({ a, period: periodOfDay(a.period, grain) }))
    .filter(({ a, period }) => drawn.has(period) && stackOrder.includes(a.source))
    .map(({ a, period }) => ({
      value: [period, top(a.source, period)],
      name: `${a.kind} ${a.source} ${a.period}`,
      symbol: MARK[a.kind].symbol,
      symbolRotate: MARK[a.kind].rotate,
      itemStyle: { color: MARK[a.kind].color },
      label: { show: true, position: 'top', formatter: a.kind, fontSize: 10 },
    }));
  return { name: 'Anomalies', type: 'scatter', symbolSize: 11, z: 5, itemStyle: { color: MARK.SPIKE.color }, data };
}

export function anomalyRows(items: Anomaly[]) {
  return items.map((a) => ({
    period: a.period,
    source: a.source,
    series: [a.platform?.name, a.artist?.name].filter(Boolean).join(' · ') || 'all',
    kind: a.kind,
    value: a.value,
    expected: a.expected ?? null,
    reason: a.reason,
  }));
}
