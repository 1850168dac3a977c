import { useQuery } from 'urql';
import { ApiError } from '../components/ApiError';
import { QualityBadge } from '../components/QualityBadge';
import { graphql } from '../gql';
import { QualityDetails } from './QualityDetails';

const QualityQuery = graphql(`
  query DashboardQuality {
    pipelineHealth { service dataQuality }
  }
`);

/** The Overview's "Data quality" strip: each service's overall score over the last 365 days, details on demand. */
export function QualityStrip() {
  const [{ data, error }] = useQuery({ query: QualityQuery });
  return (
    <section className="card quality-strip" aria-labelledby="quality-strip-title" data-quality-strip="">
      <header className="card-head">
        <h2 id="quality-strip-title">Data quality</h2>
      </header>
      <p className="note">Overall score per source over the last 365 days (UTC): good ≥ 90 %, fair ≥ 75 %, poor below.</p>
      {error ? (
        <ApiError error={error} />
      ) : !data ? (
        <p className="loading-inline">Loading…</p>
      ) : (
        <ul className="quality-list">
          {data.pipelineHealth.map((h) => (
            <li key={h.service}>
              <QualityBadge service={h.service} score={h.dataQuality} />
              <QualityDetails service={h.service} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
