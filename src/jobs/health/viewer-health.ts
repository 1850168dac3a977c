import type { ServiceHealth } from './pipeline-health';

/**
 * A viewer's copy of a health reason: the last failure's message (hosts, accounts, paths) is an
 * admin's to read; what the viewer can act on (log in again) is kept.
 */
function withoutRunError(reason: string, service: string, errorMessage: string | null): string {
  if (!errorMessage || !reason.includes(errorMessage)) return reason;
  const hint = /npm run login/.test(errorMessage) ? `run npm run login -- ${service}` : 'details for admins';
  return reason.replace(errorMessage, hint);
}

/** The health reasons a caller may read: all of them for an admin, without the last failure's message for anyone else. */
export function reasonsFor(health: ServiceHealth, isAdmin: boolean): string[] {
  return isAdmin ? health.reasons : health.reasons.map((r) => withoutRunError(r, health.service, health.lastFailure?.errorMessage ?? null));
}
