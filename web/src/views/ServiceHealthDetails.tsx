import type { DashboardPipelineQuery } from '../gql/graphql';

type Health = DashboardPipelineQuery['pipelineHealth'][number];

/** Freshness of each lake zone of a service: file count, newest file and its age against the stale limit. */
export function ServiceZones({ service, zones, staleAfterHours }: { service: string; zones: Health['zones']; staleAfterHours: number }) {
  return (
    <table className="zones" data-zones={service}>
      <caption>Zone freshness (stale after {staleAfterHours} h)</caption>
      <thead>
        <tr>
          <th scope="col">Zone</th>
          <th scope="col" className="num">
            Files
          </th>
          <th scope="col">Newest (UTC)</th>
          <th scope="col" className="num">
            Age (h)
          </th>
        </tr>
      </thead>
      <tbody>
        {zones.map((z) => (
          <tr key={z.zone} data-zone={z.zone}>
            <th scope="row">{z.zone}</th>
            <td className="num">{z.files}</td>
            <td title={z.newestFile ?? undefined}>
              {z.newestAt ? <time dateTime={z.newestAt}>{z.newestAt.slice(0, 16).replace('T', ' ')}</time> : '—'}
            </td>
            <td className={z.zone === 'landing' && z.ageHours !== null && z.ageHours > staleAfterHours ? 'num stale' : 'num'}>
              {z.ageHours ?? '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The portal sessions of a service, when each expires, and the command that renews one that is not valid. */
export function ServiceSessions({ service, sessions }: { service: string; sessions: Health['sessions'] }) {
  if (sessions.length === 0) return <p className="note">No portal session (this service needs none, or no account is configured).</p>;
  const code = service.toLowerCase();
  return (
    <ul className="sessions" aria-label={`${service} sessions`}>
      {sessions.map((s) => (
        <li key={s.account} data-session={s.account} data-state={s.state}>
          <span className={`status sess-${s.state}`}>{s.state}</span> {s.account}
          {s.expiresAt ? ` · expires ${s.expiresAt}` : ' · no expiry known'}
          {s.state !== 'VALID' ? (
            <>
              {' '}
              · renew with <code>{`npm run login -- ${code} ${s.account}`}</code>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
