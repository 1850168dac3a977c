import type { DataSource } from 'typeorm';
import { anomaliesOfLoads, isLargeRestatement, restatementsOfLoads } from '../../analytics/insights/load-events';
import { DataQualityService } from '../../analytics/insights/data-quality.service';
import { type AppConfig, SERVICES } from '../../config/config';
import type { Logger } from '../../config/logger';
import { Redactor } from '../../config/redactor';
import type { AfterLoads, CommittedLoad } from '../../ingest/ingest-service';
import { RunLedger } from '../ingestion/run-ledger';
import { Notifier } from '../notifications/notifier';

export interface PostLoadOptions {
  /** The jobs runtime's notifier; one is made otherwise (the ingest CLI, the demo). */
  notifier?: Notifier;
  /** The clock of the data-quality snapshots (tests step it across days). */
  now?: () => Date;
}

/**
 * What runs after loads commit, in every process that loads (the worker, `npm run ingest`, the
 * demo): the day's data-quality snapshot of each service loaded, then one notification per large
 * restatement and per new anomaly on the days the loads wrote. Each step is on its own: a failing
 * one is logged and the others still run; nothing here can undo a load.
 */
export class PostLoadHooks {
  private readonly notifier: Notifier;
  private readonly now: () => Date;

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly logger: Logger,
    options: PostLoadOptions = {},
  ) {
    const redactor = Redactor.fromConfig(config);
    this.notifier = options.notifier ?? new Notifier(ds, config, logger, new RunLedger(ds, redactor), redactor);
    this.now = options.now ?? (() => new Date());
  }

  /** For IngestService's `afterLoads`. */
  readonly afterLoads: AfterLoads = async (loads) => {
    const ids = loads.map((l) => l.sourceFileId);
    await this.step('data-quality snapshots', () => this.snapshots(loads));
    await this.step('restatement notifications', () => this.restatements(ids));
    await this.step('anomaly notifications', () => this.anomalies(ids));
  };

  private async step(name: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.logger.error(`after-load ${name} failed (the loads are committed)`, { error: err });
    }
  }

  private async snapshots(loads: readonly CommittedLoad[]): Promise<void> {
    const quality = new DataQualityService(this.ds, this.config.health);
    const services = SERVICES.filter((s) => loads.some((l) => l.service === s));
    for (const service of services) await quality.recordDay(service, this.now());
  }

  private async restatements(ids: readonly number[]): Promise<void> {
    const thresholds = { minPercent: this.config.notify.restatementMinPercent, minChange: this.config.notify.restatementMinChange };
    for (const r of await restatementsOfLoads(this.ds, ids)) if (isLargeRestatement(r, thresholds)) await this.notifier.restatement(r);
  }

  private async anomalies(ids: readonly number[]): Promise<void> {
    for (const a of await anomaliesOfLoads(this.ds, this.config.limits, ids, this.config.notify.anomalyMaxAgeDays))
      await this.notifier.anomaly(a);
  }
}
