import type { DataSource } from 'typeorm';
import type { AppConfig, Service } from '../../config/config';
import type { Logger } from '../../config/logger';
import type { AnomalyRecord } from '../../analytics/insights/anomalies.service';
import type { LoadRestatement } from '../../analytics/insights/load-events';
import type { Redactor } from '../../config/redactor';
import { Notification } from '../../entities/notification.entity';
import type { SessionStatus } from '../../ingest/extract/session-store';
import type { RunLedger } from '../ingestion/run-ledger';

const SERVICE_NAMES: Record<Service, string> = {
  toolost: 'TooLost',
  distrokid: 'DistroKid',
  spotify: 'Spotify for Artists',
  tiktok: 'TikTok Studio',
  meta_ads: 'Meta Ads',
  linktree: 'Linktree',
};

const serviceName = (source: string): string => SERVICE_NAMES[source as Service] ?? source;

/** A change as text with its sign and, when the old value is not zero, its percentage. */
function changeText(oldTotal: string, newTotal: string): string {
  const before = Number(oldTotal);
  const change = Number(newTotal) - before;
  const percent = before === 0 ? '' : `, ${change > 0 ? '+' : ''}${((change / Math.abs(before)) * 100).toFixed(1)} %`;
  return `${change > 0 ? '+' : ''}${Math.round(change * 1e9) / 1e9}${percent}`;
}

/**
 * Tells people when something needs them: a service whose runs failed twice in a row, a session
 * about to expire, a new anomaly or a large restatement found after a load. Posts JSON with a
 * Slack-compatible `text` to NOTIFY_WEBHOOK_URL and logs it; each event is sent once (a unique key
 * in `notifications`, also across processes).
 */
export class Notifier {
  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly logger: Logger,
    private readonly ledger: RunLedger,
    private readonly redactor: Redactor,
  ) {}

  /** Called after a run failed for good: notifies when the previous finished run had failed too. */
  async runFailed(service: Service): Promise<void> {
    const [last, previous] = await this.ledger.lastFinished(service, 2);
    if (last?.status !== 'failed' || previous?.status !== 'failed') return;
    const text =
      `${SERVICE_NAMES[service]}: ingestion failed twice in a row ` +
      `(run #${previous.id}: ${previous.errorCode}; run #${last.id}: ${last.errorCode} — ${last.errorMessage ?? ''})`;
    await this.send(`run_failed_twice:${service}:${last.id}`, 'run_failed_twice', service, text, {
      runIds: [previous.id, last.id],
      errorCode: last.errorCode,
    });
  }

  async sessionExpiring(status: SessionStatus): Promise<void> {
    if (status.state !== 'expiring' && status.state !== 'expired') return;
    const when = status.expiresAt ? status.expiresAt.toISOString() : 'unknown';
    const text =
      status.state === 'expired'
        ? `${SERVICE_NAMES[status.service]}: the session of ${status.account} has expired (${when}); log in again with \`npm run login -- ${status.service}\``
        : `${SERVICE_NAMES[status.service]}: the session of ${status.account} expires at ${when}; log in again with \`npm run login -- ${status.service}\` before then`;
    await this.send(`session_${status.state}:${status.service}:${status.account}:${when}`, 'session_expiring', status.service, text, {
      account: status.account,
      state: status.state,
      expiresAt: status.expiresAt?.toISOString() ?? null,
    });
  }

  /** A departure a load revealed (SPIKE, DROP, ZERO), once per service, metric, period and kind. */
  async anomaly(a: AnomalyRecord): Promise<void> {
    const expected = a.expected === null ? '' : `, expected about ${a.expected}`;
    const text = `${serviceName(a.source)}: ${a.kind} in ${a.metric} on ${a.period}: ${a.value}${expected}. ${a.reason}`;
    await this.send(`anomaly:${a.source}:${a.metric}:${a.period}:${a.kind}`, 'anomaly', a.source as Service, text, {
      metric: a.metric,
      period: a.period,
      anomaly: a.kind,
      value: a.value,
      expected: a.expected,
      robustZ: a.robustZ,
    });
  }

  /** A day a loaded capture restated beyond the thresholds, once per service, metric, day and capture file. */
  async restatement(r: LoadRestatement): Promise<void> {
    const text =
      `${serviceName(r.source)}: ${r.metric} of ${r.date} restated ${r.oldTotal} → ${r.newTotal} (${changeText(r.oldTotal, r.newTotal)}) ` +
      `by the capture of ${r.newCapturedAt} (${r.newSourceFile}); it was captured ${r.oldCapturedAt}` +
      (r.rows > 1 ? ` (${r.rows} rows of the day changed)` : '');
    await this.send(
      `restatement:${r.source}:${r.table}:${r.metric}:${r.date}:${r.newSourceFileId}`,
      'restatement',
      r.source as Service,
      text,
      {
        metric: r.metric,
        date: r.date,
        oldValue: r.oldTotal,
        newValue: r.newTotal,
        capturedAt: r.newCapturedAt,
      },
    );
  }

  private async send(
    key: string,
    kind: Notification['kind'],
    service: Service,
    rawText: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    const text = this.redactor.redact(rawText);
    const repo = this.ds.getRepository(Notification);
    // Claim the event first: whoever inserts the key sends it.
    try {
      await repo.insert({ dedupeKey: key.slice(0, 200), kind, service, text, outcome: 'sending' });
    } catch {
      return;
    }
    let outcome = 'unconfigured';
    if (this.config.notifyWebhookUrl) {
      try {
        const res = await fetch(this.config.notifyWebhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text, kind, service, ...details }),
          signal: AbortSignal.timeout(5000),
        });
        outcome = res.ok ? 'delivered' : `failed: HTTP ${res.status}`;
      } catch (err) {
        outcome = `failed: ${this.redactor.redact(err instanceof Error ? err.message : String(err))}`.slice(0, 200);
      }
    }
    await repo.update({ dedupeKey: key.slice(0, 200) }, { outcome });
    this.logger.warn('notification', { kind, service, text, outcome });
  }
}
