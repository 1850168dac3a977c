import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { formatCount } from '../decimal';
import { graphql } from '../gql';
import type { DashboardPipelineQuery, Service } from '../gql/graphql';

const Release = graphql(`
  mutation DashboardReleaseQuarantinedFile($file: String!, $service: Service) {
    releaseQuarantinedFile(file: $file, service: $service) {
      message
      rowsLoaded
      file { id status resolution resolvedBy }
    }
  }
`);
const Dismiss = graphql(`
  mutation DashboardDismissQuarantinedFile($file: String!, $note: String) {
    dismissQuarantinedFile(file: $file, note: $note) { id status resolution resolvedBy }
  }
`);

const SERVICES: Service[] = ['DISTROKID', 'LINKTREE', 'META_ADS', 'SPOTIFY', 'TIKTOK', 'TOOLOST'];

type Files = DashboardPipelineQuery['quarantinedFiles'];
type Reason = NonNullable<Files['edges'][number]['node']['reason']>;

/** "line 3, column 2, field Amount: expected a number, found "x"": where in the file and what was there. */
function whereOf(r: Reason | null | undefined): string {
  if (!r) return '';
  const at = [r.line != null ? `line ${r.line}` : '', r.column != null ? `column ${r.column}` : '', r.field ? `field ${r.field}` : '']
    .filter(Boolean)
    .join(', ');
  const what = [r.expected ? `expected ${r.expected}` : '', r.found != null ? `found "${r.found}"` : ''].filter(Boolean).join(', ');
  return [at, what].filter(Boolean).join(': ');
}

interface Pending {
  action: 'release' | 'dismiss';
  file: string;
  name: string;
}

/** ADMIN: the quarantined files with their reasons; Release or Dismiss one after a confirmation, then the list reloads. */
export function QuarantineList({ files, onChanged }: { files: Files; onChanged: () => void }) {
  const [release, releaseFile] = useMutation(Release);
  const [dismiss, dismissFile] = useMutation(Dismiss);
  const [pending, setPending] = useState<Pending | null>(null);
  const [service, setService] = useState<Service | ''>('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const outcomeEl = useRef<HTMLParagraphElement>(null);
  // The row (and its button) is gone after an action: the keyboard user lands on what happened instead of the page top.
  useEffect(() => outcomeEl.current?.focus(), [outcome]);

  const rows = files.edges.map(({ node: f }) => ({
    file: f.originalName,
    service: f.service,
    stream: f.stream,
    code: f.reason?.code ?? '',
    reason: f.reason?.message ?? '',
    where: whereOf(f.reason),
    quarantined: f.finishedAt ?? '',
    size: f.sizeBytes,
    landingFile: f.landingFile,
  }));

  const open = (action: Pending['action'], file: string, name: string) => {
    setService('');
    setNote('');
    setPending({ action, file, name });
  };
  const confirm = async () => {
    if (!pending) return;
    const res =
      pending.action === 'release'
        ? await releaseFile({ file: pending.file, service: service || null })
        : await dismissFile({ file: pending.file, note: note.trim() || null });
    setPending(null);
    if (res.error) {
      setOutcome({ ok: false, text: res.error.graphQLErrors[0]?.message ?? res.error.message });
      return;
    }
    const released = res.data && 'releaseQuarantinedFile' in res.data ? res.data.releaseQuarantinedFile : null;
    setOutcome({
      ok: true,
      text: released
        ? `Released ${pending.name}: ${released.message} (status ${released.file.status}, ${formatCount(released.rowsLoaded)} rows loaded)`
        : `Dismissed ${pending.name}: it stays unloaded and is no longer counted.`,
    });
    onChanged();
  };

  return (
    <section className="card quarantine" aria-label="Quarantined files">
      {outcome ? (
        <p ref={outcomeEl} tabIndex={-1} className={outcome.ok ? 'outcome' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      ) : null}
      <DataTable
        title={`Quarantined files (${files.totalCount ?? rows.length})`}
        name="quarantine"
        empty="No quarantined files"
        columns={[
          { key: 'file', label: 'File' },
          { key: 'service', label: 'Service' },
          { key: 'stream', label: 'Stream' },
          { key: 'code', label: 'Reason code' },
          { key: 'reason', label: 'Reason' },
          { key: 'where', label: 'Where' },
          { key: 'quarantined', label: 'Quarantined (UTC)' },
          { key: 'size', label: 'Bytes', numeric: true },
          { key: 'landingFile', label: 'Landing file' },
        ]}
        rows={rows}
        format={(k, v) => (k === 'size' && typeof v === 'number' ? formatCount(v) : String(v ?? ''))}
        actions={{
          label: 'Actions',
          render: (r) => (
            <span className="buttons inline">
              <button
                type="button"
                data-action="releaseQuarantinedFile"
                aria-label={`Release ${r.file}`}
                onClick={() => open('release', String(r.landingFile), String(r.file))}
              >
                Release
              </button>
              <button
                type="button"
                data-action="dismissQuarantinedFile"
                aria-label={`Dismiss ${r.file}`}
                onClick={() => open('dismiss', String(r.landingFile), String(r.file))}
              >
                Dismiss
              </button>
            </span>
          ),
        }}
      />
      {files.pageInfo.hasNextPage ? <p className="note">Showing the oldest {rows.length}; act on these to see the rest.</p> : null}
      {pending ? (
        <ConfirmDialog
          title={pending.action === 'release' ? `Release ${pending.name}?` : `Dismiss ${pending.name}?`}
          confirmLabel={pending.action === 'release' ? 'Release file' : 'Dismiss file'}
          busy={release.fetching || dismiss.fetching}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        >
          {pending.action === 'release' ? (
            <>
              <p>It is run through its cleaner again: it loads, is skipped as already loaded, or comes back here with its new reason.</p>
              <label className="field">
                Load as
                <select name="release-service" value={service} onChange={(e) => setService(e.target.value as Service | '')}>
                  <option value="">the source it was recognised as</option>
                  {SERVICES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            </>
          ) : (
            <>
              <p>It stays unloaded and is no longer counted by the pipeline health. This is recorded with your name.</p>
              <label className="field">
                Why (optional)
                <textarea name="dismiss-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
            </>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
