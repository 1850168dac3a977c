import { useMemo, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ApiError } from '../components/ApiError';
import { DataTable } from '../components/DataTable';
import { formatCount } from '../decimal';
import { graphql } from '../gql';
import { QualityBadge } from '../components/QualityBadge';
import { QualityDetails } from './QualityDetails';
import { QuarantineList } from './QuarantineList';
import { ServiceZones, ServiceSessions } from './ServiceHealthDetails';

const PipelineQuery = graphql(`
  query DashboardPipeline {
    pipelineHealth {
      service status reasons quarantinedFiles consecutiveFailures staleAfterHours dataQuality
      lastSuccess { id finishedAt }
      lastFailure { id finishedAt errorCode }
      activeRun { id status progress step }
      zones { zone files newestAt newestFile ageHours }
      sessions { account state expiresAt savedAt }
    }
    quarantinedFiles(first: 50) {
      totalCount
      pageInfo { hasNextPage }
      edges { node { id originalName landingFile service stream sizeBytes finishedAt reason { code message line column field expected found } } }
    }
    ingestionRuns(first: 25) {
      totalCount
      edges { node { id service kind status progress step trigger triggeredBy queuedAt finishedAt durationMs errorCode errorMessage counts { filesLoaded filesQuarantined rowsLoaded } } }
    }
  }
`);

const RunPipeline = graphql(`
  mutation DashboardRunPipeline($service: Service!) { runPipeline(service: $service) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }
`);
const TriggerExtraction = graphql(`
  mutation DashboardTriggerExtraction($service: Service!) { triggerExtraction(service: $service) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }
`);
const RetryRun = graphql(`
  mutation DashboardRetryRun($id: ID!) { retryRun(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }
`);
const CancelRun = graphql(`
  mutation DashboardCancelRun($id: ID!) { cancelRun(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }
`);
const RunUpdated = graphql(`
  subscription DashboardRunUpdated($id: ID!) { ingestionRunUpdated(id: $id) { id service kind status progress step errorCode errorMessage counts { filesLoaded rowsLoaded } } }
`);

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'SKIPPED']);

/** Live progress of one run over graphql-ws; refreshes the page's data when it ends. */
function LiveRun({ id, onDone }: { id: string; onDone: () => void }) {
  const [{ data, error }] = useSubscription({ query: RunUpdated, variables: { id } }, (_prev, next) => {
    if (FINAL.has(next.ingestionRunUpdated.status)) setTimeout(onDone, 0);
    return next;
  });
  const run = data?.ingestionRunUpdated;
  if (error)
    return (
      <div className="error" role="alert">
        {error.message}
      </div>
    );
  return (
    <div className="live-run" data-run-id={id} data-status={run?.status ?? 'QUEUED'}>
      <strong>
        {run?.service ?? ''} {run?.kind ?? ''}
      </strong>{' '}
      <span className={`status s-${run?.status ?? 'QUEUED'}`}>{run?.status ?? 'waiting for updates…'}</span>
      <progress max={100} value={run?.progress ?? 0} /> {run?.progress ?? 0}% {run?.step ?? ''}
      {run?.errorMessage ? (
        <span className="error">
          {' '}
          {run.errorCode}: {run.errorMessage}
        </span>
      ) : null}
      {run && FINAL.has(run.status) ? (
        <span>
          {' '}
          · {formatCount(run.counts.filesLoaded)} files, {formatCount(run.counts.rowsLoaded)} rows loaded
        </span>
      ) : null}
    </div>
  );
}

/** ADMIN only: per-service health with reasons, zones and sessions, the quarantine, the run ledger, and the run controls. */
export function Pipeline() {
  const [{ data, error }, refetch] = useQuery({ query: PipelineQuery, requestPolicy: 'network-only' });
  const [, runPipeline] = useMutation(RunPipeline);
  const [, triggerExtraction] = useMutation(TriggerExtraction);
  const [, retryRun] = useMutation(RetryRun);
  const [, cancelRun] = useMutation(CancelRun);
  const [live, setLive] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => refetch({ requestPolicy: 'network-only' });

  const act = async (
    p: Promise<{
      data?: Record<string, { id: string } | undefined>;
      error?: { message: string; graphQLErrors: Array<{ message: string }> };
    }>,
  ) => {
    const res = await p;
    if (res.error) {
      setProblem(res.error.graphQLErrors[0]?.message ?? res.error.message);
      return;
    }
    const run = Object.values(res.data ?? {})[0];
    if (run) setLive((l) => (l.includes(run.id) ? l : [run.id, ...l]));
    refresh();
  };

  const runs = useMemo(
    () =>
      (data?.ingestionRuns.edges ?? []).map(({ node: r }) => ({
        id: r.id,
        service: r.service,
        kind: r.kind,
        status: r.status,
        progress: r.progress,
        trigger: `${r.trigger} (${r.triggeredBy})`,
        queued: r.queuedAt,
        finished: r.finishedAt ?? '',
        files: r.counts.filesLoaded,
        quarantined: r.counts.filesQuarantined,
        rows: r.counts.rowsLoaded,
        error: r.errorCode ? `${r.errorCode}: ${r.errorMessage ?? ''}` : '',
      })),
    [data],
  );
  if (error) return <ApiError error={error} />;
  if (!data) return <div className="loading">Loading…</div>;
  return (
    <div className="pipeline">
      {problem ? (
        <div className="error" role="alert">
          {problem}
        </div>
      ) : null}
      {live.map((id) => (
        <LiveRun key={id} id={id} onDone={refresh} />
      ))}
      <div className="health-grid">
        {data.pipelineHealth.map((h) => (
          <section key={h.service} className={`card health h-${h.status}`} data-service={h.service}>
            <header className="card-head">
              <h2>{h.service}</h2>
              <span className={`status h-${h.status}`}>{h.status}</span>
            </header>
            <p className="quality-line">
              <QualityBadge service={h.service} score={h.dataQuality} />
            </p>
            <QualityDetails service={h.service} />
            <ul className="reasons">{h.reasons.length ? h.reasons.map((r) => <li key={r}>{r}</li>) : <li>no problems reported</li>}</ul>
            <p className="note">
              {h.quarantinedFiles} quarantined file(s) · {h.consecutiveFailures} consecutive failure(s) · last success{' '}
              {h.lastSuccess?.finishedAt ?? 'never'}
              {h.lastFailure ? ` · last failure ${h.lastFailure.finishedAt ?? ''} (${h.lastFailure.errorCode ?? 'no code'})` : ''}
            </p>
            <ServiceZones service={h.service} zones={h.zones} staleAfterHours={h.staleAfterHours} />
            <ServiceSessions service={h.service} sessions={h.sessions} />
            {h.activeRun ? (
              <p className="note">
                active: {h.activeRun.status} {h.activeRun.progress}%
              </p>
            ) : null}
            <div className="buttons">
              <button type="button" data-action="runPipeline" onClick={() => act(runPipeline({ service: h.service }))}>
                Run pipeline
              </button>
              <button type="button" data-action="triggerExtraction" onClick={() => act(triggerExtraction({ service: h.service }))}>
                Extract now
              </button>
            </div>
          </section>
        ))}
      </div>
      <QuarantineList files={data.quarantinedFiles} onChanged={refresh} />
      <section className="card spaced">
        <DataTable
          title={`Run ledger (latest ${runs.length} of ${data.ingestionRuns.totalCount ?? runs.length})`}
          name="runs"
          empty="No runs yet"
          columns={[
            { key: 'queued', label: 'Queued (UTC)' },
            { key: 'service', label: 'Service' },
            { key: 'kind', label: 'Kind' },
            { key: 'status', label: 'Status' },
            { key: 'progress', label: '%', numeric: true },
            { key: 'trigger', label: 'Trigger' },
            { key: 'files', label: 'Files', numeric: true },
            { key: 'quarantined', label: 'Quarantined', numeric: true },
            { key: 'rows', label: 'Rows', numeric: true },
            { key: 'error', label: 'Error' },
          ]}
          rows={runs}
        />
        <div className="ledger-actions">
          {runs
            .filter((r) => ['FAILED', 'CANCELLED'].includes(r.status) || ['QUEUED', 'RUNNING'].includes(r.status))
            .slice(0, 10)
            .map((r) =>
              ['FAILED', 'CANCELLED'].includes(r.status) ? (
                <button key={r.id} type="button" data-action="retryRun" onClick={() => act(retryRun({ id: r.id }))}>
                  Retry {r.service} run {r.id}
                </button>
              ) : (
                <button key={r.id} type="button" data-action="cancelRun" onClick={() => act(cancelRun({ id: r.id }))}>
                  Cancel {r.service} run {r.id}
                </button>
              ),
            )}
        </div>
      </section>
    </div>
  );
}
