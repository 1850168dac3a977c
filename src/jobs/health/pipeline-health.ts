import type { DataSource } from 'typeorm';
import { type AppConfig, SERVICES, type Service } from '../../config/config';
import type { IngestionRun } from '../../entities/ingestion-run.entity';
import { SourceFile } from '../../entities/source-file.entity';
import { sessionAccountFor, type SessionStatus, type SessionStore } from '../../ingest/extract/session-store';
import type { Lake } from '../../ingest/lake/lake';
import { ArtistIdentityService } from '../../ingest/identity/identity-service';
import { lakeStatus } from '../../ingest/lake/lake-status';
import type { RunLedger } from '../ingestion/run-ledger';

export const HEALTH_STATUSES = ['HEALTHY', 'WARNING', 'FAILING', 'UNKNOWN'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export interface ZoneFreshness {
  zone: 'landing' | 'raw' | 'staging' | 'quarantine';
  files: number;
  newestFile: string | null;
  newestAt: Date | null;
  ageHours: number | null;
}

export interface ServiceHealth {
  service: Service;
  status: HealthStatus;
  reasons: string[];
  zones: ZoneFreshness[];
  lastSuccess: IngestionRun | null;
  lastFailure: IngestionRun | null;
  activeRun: IngestionRun | null;
  consecutiveFailures: number;
  sessions: SessionStatus[];
  quarantinedFiles: number;
  /** Platform ids of this service whose files loaded under a placeholder artist (nobody linked them yet). */
  unlinkedArtistIds: string[];
  staleAfterHours: number;
}

const HOUR = 3600_000;
const hours = (ms: number) => Math.round((ms / HOUR) * 10) / 10;
const days = (ms: number) => Math.round((ms / (24 * HOUR)) * 10) / 10;

/** The accounts whose sessions a service needs: configured ones, plus any saved session. */
export function sessionAccounts(config: AppConfig, sessions: SessionStore, service: Service): string[] {
  const e = config.extractors;
  // Named as the extractors file them: the login for one-login portals, each handle for TikTok.
  const configured: Record<Exclude<Service, 'meta_ads'>, string[]> = {
    toolost: e.toolost.login ? [sessionAccountFor(e.toolost.login)] : [],
    distrokid: e.distrokid.login ? [sessionAccountFor(e.distrokid.login)] : [],
    spotify: e.spotify.login ? [sessionAccountFor(e.spotify.login)] : [],
    tiktok: e.tiktok.accounts.map((h) => h.replace(/^@/, '')),
    linktree: e.linktree.login ? [sessionAccountFor(e.linktree.login)] : [],
  };
  if (service === 'meta_ads') return [];
  return [...new Set([...configured[service], ...sessions.accounts(service)])].sort();
}

/** Which external id kind a service's files name artists by, and how the reason calls it. */
const ID_KINDS: Partial<Record<Service, { kind: string; label: string }>> = {
  spotify: { kind: 'spotify', label: 'Spotify artist id' },
  tiktok: { kind: 'tiktok', label: 'TikTok handle' },
  meta_ads: { kind: 'meta_page', label: 'Meta page id' },
};

function unlinkedIds(
  service: Service,
  placeholders: Array<{ kind: string; externalId: string }>,
): { ids: string[]; reason: string } | null {
  const k = ID_KINDS[service];
  const ids = k ? placeholders.filter((p) => p.kind === k.kind).map((p) => p.externalId) : [];
  if (!k || ids.length === 0) return null;
  const n = ids.length;
  return {
    ids,
    reason: `${n} ${k.label}${n > 1 ? 's are' : ' is'} not linked to an artist (${ids.slice(0, 5).join(', ')}${n > 5 ? ', …' : ''}): link ${n > 1 ? 'them' : 'it'} with npm run artists -- link ${k.kind} <id> <name>`,
  };
}

/**
 * Per service: freshness of each lake zone, last success and failure, sessions, quarantine, and
 * a status with the reasons that produced it, so an admin reads what to do, not just a colour.
 */
export async function pipelineHealth(
  deps: { ds: DataSource; config: AppConfig; lake: Lake; ledger: RunLedger; sessions: SessionStore },
  now = new Date(),
): Promise<ServiceHealth[]> {
  const { ds, config, ledger, sessions } = deps;
  const lake = lakeStatus(deps.lake);
  const quarantinedRows = await ds
    .getRepository(SourceFile)
    .createQueryBuilder('f')
    .select('f.service', 'service')
    .addSelect('COUNT(*)', 'n')
    .where("f.status = 'quarantined'")
    .groupBy('f.service')
    .getRawMany<{ service: string; n: string | number }>();
  const quarantined = new Map(quarantinedRows.map((r) => [r.service, Number(r.n)]));
  const placeholders = await new ArtistIdentityService(ds).links({ placeholdersOnly: true });

  const out: ServiceHealth[] = [];
  for (const service of SERVICES) {
    const staleAfterHours = config.health.staleAfterHours[service];
    const lakeZones = lake.find((s) => s.service === service)?.zones ?? [];
    const zones: ZoneFreshness[] = (['landing', 'raw', 'staging', 'quarantine'] as const).map((zone) => {
      const z = lakeZones.find((x) => x.zone === zone);
      const newestAt = z?.newest?.modifiedAt ?? null;
      return {
        zone,
        files: z?.files ?? 0,
        newestFile: z?.newest?.file ?? null,
        newestAt,
        ageHours: newestAt ? hours(now.getTime() - newestAt.getTime()) : null,
      };
    });
    const [lastSuccess, lastFailure, activeRun, recent] = await Promise.all([
      ledger.lastWithStatus(service, 'succeeded'),
      ledger.lastWithStatus(service, 'failed'),
      ledger.activeRun(service),
      ledger.lastFinished(service, 10),
    ]);
    let consecutiveFailures = 0;
    for (const r of recent) {
      if (r.status !== 'failed') break;
      consecutiveFailures++;
    }
    const sessionStatuses = sessionAccounts(config, sessions, service).map((a) => sessions.status(service, a, now));

    const failing: string[] = [];
    const warnings: string[] = [];
    const landing = zones[0];
    const raw = zones[1];
    if (!landing.newestAt && !lastSuccess) warnings.push('nothing extracted or uploaded yet');
    if (landing.newestAt && landing.ageHours !== null && landing.ageHours > staleAfterHours) {
      warnings.push(`newest landing file is ${landing.ageHours} h old (stale after ${staleAfterHours} h)`);
    }
    if (landing.newestAt && raw.newestAt && landing.newestAt.getTime() - raw.newestAt.getTime() > 24 * HOUR) {
      warnings.push(`raw is ${days(landing.newestAt.getTime() - raw.newestAt.getTime())} days behind landing`);
    }
    if (landing.newestAt && !raw.newestAt) warnings.push('landing has files but nothing reached raw');
    if (consecutiveFailures >= 2) failing.push(`${consecutiveFailures} runs failed in a row (last: ${recent[0].errorCode})`);
    else if (consecutiveFailures === 1) warnings.push(`last run failed (${recent[0].errorCode}: ${recent[0].errorMessage ?? ''})`);
    for (const s of sessionStatuses) {
      if (s.state === 'expired')
        failing.push(`session of ${s.account} expired at ${s.expiresAt?.toISOString()}: run npm run login -- ${service}`);
      else if (s.state === 'expiring') warnings.push(`session of ${s.account} expires at ${s.expiresAt?.toISOString()}`);
    }
    const q = quarantined.get(service) ?? 0;
    if (q > 0) warnings.push(`${q} files quarantined`);
    const unlinked = unlinkedIds(service, placeholders);
    if (unlinked) warnings.push(unlinked.reason);

    const status: HealthStatus = failing.length
      ? 'FAILING'
      : !landing.newestAt && !lastSuccess
        ? 'UNKNOWN'
        : warnings.length
          ? 'WARNING'
          : 'HEALTHY';
    out.push({
      service,
      status,
      reasons: [...failing, ...warnings],
      zones,
      lastSuccess,
      lastFailure,
      activeRun,
      consecutiveFailures,
      sessions: sessionStatuses,
      quarantinedFiles: q,
      unlinkedArtistIds: unlinked?.ids ?? [],
      staleAfterHours,
    });
  }
  return out;
}
