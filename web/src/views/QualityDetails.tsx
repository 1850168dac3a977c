import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { ApiError } from '../components/ApiError';
import { ChartCard } from '../components/ChartCard';
import { DataTable } from '../components/DataTable';
import { formatScore } from '../components/QualityBadge';
import { graphql } from '../gql';
import type { Service } from '../gql/graphql';

const ServiceQualityQuery = graphql(`
  query DashboardServiceQuality($service: Service!) {
    dataQuality(service: $service) {
      service from to computedAt overall
      scores { name score weight rule }
      failedChecks { check count detail }
    }
    dataQualityHistory(service: $service, first: 30) {
      computedAt from to overall completeness accuracy consistency timeliness validity
    }
  }
`);

const SCORE_KEYS = ['overall', 'completeness', 'accuracy', 'consistency', 'timeliness', 'validity'];
const asScore = (k: string, v: string | number | null) =>
  v === null ? '' : typeof v === 'number' && (SCORE_KEYS.includes(k) || k === 'score') ? formatScore(v) : String(v);

function Details({ service }: { service: Service }) {
  const [{ data, error }] = useQuery({ query: ServiceQualityQuery, variables: { service } });
  const history = useMemo(() => {
    // Newest first from the API; the chart reads left to right in time.
    const snaps = [...(data?.dataQualityHistory ?? [])].reverse();
    return {
      rows: snaps.map((s) => ({
        computedAt: s.computedAt,
        overall: s.overall,
        completeness: s.completeness,
        accuracy: s.accuracy,
        consistency: s.consistency,
        timeliness: s.timeliness,
        validity: s.validity,
      })),
      option: {
        tooltip: { trigger: 'axis' },
        grid: { left: 50, right: 12, top: 16, bottom: 30 },
        xAxis: { type: 'category', data: snaps.map((s) => s.computedAt.slice(0, 10)) },
        yAxis: { type: 'value', min: 0, max: 100, name: '%' },
        series: [{ name: 'Overall', type: 'line', data: snaps.map((s) => Math.round(s.overall * 1000) / 10) }],
      },
    };
  }, [data]);
  if (error) return <ApiError error={error} />;
  if (!data) return <p className="loading-inline">Loading…</p>;
  const q = data.dataQuality;
  return (
    <div className="quality-details" data-quality-details={service}>
      <p className="note">
        Days judged {q.from} → {q.to} (UTC); computed {q.computedAt}. Overall {formatScore(q.overall)} is the weighted mean of the five
        scores.
      </p>
      <DataTable
        title={`${service} data-quality scores`}
        name={`quality-scores-${service.toLowerCase()}`}
        columns={[
          { key: 'name', label: 'Score' },
          { key: 'score', label: 'Value', numeric: true },
          { key: 'weight', label: 'Weight', numeric: true },
          { key: 'rule', label: 'Rule' },
        ]}
        rows={q.scores.map((s) => ({ name: s.name, score: s.score, weight: s.weight, rule: s.rule }))}
        format={(k, v) => (k === 'weight' && typeof v === 'number' ? v.toFixed(2) : asScore(k, v))}
      />
      <DataTable
        title={`${service} failed checks`}
        name={`quality-checks-${service.toLowerCase()}`}
        empty="No failed checks"
        columns={[
          { key: 'check', label: 'Check' },
          { key: 'count', label: 'Count', numeric: true },
          { key: 'detail', label: 'Detail' },
        ]}
        rows={q.failedChecks.map((c) => ({ check: c.check, count: c.count, detail: c.detail }))}
      />
      <ChartCard
        title={`${service} data-quality history`}
        name={`quality-history-${service.toLowerCase()}`}
        option={history.option}
        columns={[
          { key: 'computedAt', label: 'Computed (UTC)' },
          ...SCORE_KEYS.map((k) => ({ key: k, label: k[0].toUpperCase() + k.slice(1), numeric: true })),
        ]}
        rows={history.rows}
        format={asScore}
        empty="No snapshots stored yet"
      />
    </div>
  );
}

/** The five scores, the failed checks and the stored history of a service, fetched when the disclosure opens. */
export function QualityDetails({ service }: { service: Service }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="quality-disclosure" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{service} data-quality scores and failed checks</summary>
      {open ? <Details service={service} /> : null}
    </details>
  );
}
