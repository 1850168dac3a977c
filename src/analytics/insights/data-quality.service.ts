import type { DataSource } from 'typeorm';
import { type AppConfig, QUALITY_SCORES, type QualityScoreName, type Service } from '../../config/config';
import { DataQualitySnapshot } from '../../entities/data-quality-snapshot.entity';
import { pageSize } from '../pagination';
import type { DateRange } from '../periods';
import { addDays } from './calendar';
import { accuracy, type CheckResult, completeness, consistency, type FailedCheck, timeliness, validity } from './quality-checks';

export interface QualityScore {
  name: QualityScoreName;
  score: number;
  weight: number;
  rule: string;
}

export interface DataQualityReport {
  service: Service;
  range: DateRange;
  computedAt: Date;
  overall: number;
  scores: QualityScore[];
  failedChecks: FailedCheck[];
}

/** Without a range: the 365 days up to today (UTC). */
export function defaultQualityRange(now: Date): DateRange {
  const to = now.toISOString().slice(0, 10);
  return { from: addDays(to, -364), to };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Most stored snapshots one history question returns. */
export const MAX_QUALITY_HISTORY = 1_000;

/** A stored snapshot as the API shows it. */
export interface QualitySnapshotRecord {
  computedAt: Date;
  from: string;
  to: string;
  overall: number;
  completeness: number;
  accuracy: number;
  consistency: number;
  timeliness: number;
  validity: number;
}

/** Five scores in [0, 1] per service and their weighted overall score. */
export class DataQualityService {
  constructor(
    private readonly ds: DataSource,
    private readonly health: AppConfig['health'],
  ) {}

  async compute(service: Service, range: DateRange | null | undefined, now = new Date()): Promise<DataQualityReport> {
    const r = range ?? defaultQualityRange(now);
    const results: Record<QualityScoreName, CheckResult> = {
      completeness: await completeness(this.ds, service, r),
      accuracy: await accuracy(this.ds, service, r),
      consistency: await consistency(this.ds, service, r),
      timeliness: await timeliness(this.ds, service, this.health.staleAfterHours[service], now),
      validity: await validity(this.ds, service),
    };
    const scores = QUALITY_SCORES.map((name) => ({
      name,
      score: round(results[name].score),
      weight: this.health.qualityWeights[name],
      rule: results[name].rule,
    }));
    return {
      service,
      range: r,
      computedAt: now,
      overall: round(scores.reduce((sum, s) => sum + s.score * s.weight, 0)),
      scores,
      failedChecks: QUALITY_SCORES.flatMap((name) => results[name].failed),
    };
  }

  /** Computes and stores a snapshot for the history chart. */
  async record(service: Service, range: DateRange | null | undefined, now = new Date()): Promise<DataQualityReport> {
    const report = await this.compute(service, range, now);
    const score = (name: QualityScoreName) => report.scores.find((s) => s.name === name)!.score;
    await this.ds.getRepository(DataQualitySnapshot).insert({
      service,
      computedAt: now,
      rangeFrom: report.range.from,
      rangeTo: report.range.to,
      overall: report.overall,
      completeness: score('completeness'),
      accuracy: score('accuracy'),
      consistency: score('consistency'),
      timeliness: score('timeliness'),
      validity: score('validity'),
      failedChecks: JSON.stringify(report.failedChecks),
    });
    return report;
  }

  /** The `first` stored snapshots of a service (at most MAX_QUALITY_HISTORY), newest first, as the API shows them. */
  async snapshots(service: Service, first: number): Promise<QualitySnapshotRecord[]> {
    pageSize(first, MAX_QUALITY_HISTORY);
    const rows = await this.history(service, first);
    return rows.map((r) => ({
      computedAt: r.computedAt,
      from: r.rangeFrom,
      to: r.rangeTo,
      overall: r.overall,
      completeness: r.completeness,
      accuracy: r.accuracy,
      consistency: r.consistency,
      timeliness: r.timeliness,
      validity: r.validity,
    }));
  }

  /** Stored snapshots of a service, newest first. */
  async history(service: Service, first: number): Promise<DataQualitySnapshot[]> {
    return this.ds.getRepository(DataQualitySnapshot).find({ where: { service }, order: { computedAt: 'DESC', id: 'DESC' }, take: first });
  }
}
