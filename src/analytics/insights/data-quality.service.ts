import { Between, type DataSource } from 'typeorm';
import { type AppConfig, QUALITY_SCORES, type QualityScoreName, type Service } from '../../config/config';
import { dialectOf, SqlParams } from '../../db/dialect';
import { DataQualitySnapshot } from '../../entities/data-quality-snapshot.entity';
import { pageSize } from '../pagination';
import type { DateRange } from '../periods';
import { addDays } from '../../domain/calendar';
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

/** The stored row of a report. */
function snapshotOf(report: DataQualityReport): Omit<DataQualitySnapshot, 'id'> {
  const score = (name: QualityScoreName) => report.scores.find((s) => s.name === name)!.score;
  return {
    service: report.service,
    computedAt: report.computedAt,
    rangeFrom: report.range.from,
    rangeTo: report.range.to,
    overall: report.overall,
    completeness: score('completeness'),
    accuracy: score('accuracy'),
    consistency: score('consistency'),
    timeliness: score('timeliness'),
    validity: score('validity'),
    failedChecks: JSON.stringify(report.failedChecks),
  };
}

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
    await this.ds.getRepository(DataQualitySnapshot).insert(snapshotOf(report));
    return report;
  }

  /**
   * The day's point of the history, after a load: the scores over the default range (the 365 days
   * up to `now`), replacing the service's earlier snapshots of the same UTC day, so the chart has
   * one point per service and day, the latest.
   */
  async recordDay(service: Service, now = new Date()): Promise<DataQualityReport> {
    const report = await this.compute(service, null, now);
    const day = now.toISOString().slice(0, 10);
    const start = new Date(`${day}T00:00:00.000Z`);
    const end = new Date(start.getTime() + 86_400_000);
    const d = dialectOf(this.ds);
    // As each driver stores TypeORM Date columns (SQLite: UTC text without zone).
    const stamp = (t: Date) => (d === 'postgres' ? t.toISOString() : t.toISOString().replace('T', ' ').replace('Z', ''));
    await this.ds.transaction(async (manager) => {
      const p = new SqlParams(d);
      await manager.query(
        `DELETE FROM data_quality_snapshots WHERE service = ${p.add(service)} AND computed_at >= ${p.add(stamp(start))} AND computed_at < ${p.add(stamp(end))}`,
        p.values,
      );
      await manager.getRepository(DataQualitySnapshot).insert(snapshotOf(report));
    });
    return report;
  }

  /**
   * The `first` stored snapshots of a service (at most MAX_QUALITY_HISTORY), newest first, as the
   * API shows them; with a range, those computed on its UTC days (both ends inclusive).
   */
  async snapshots(service: Service, first: number, range?: DateRange | null): Promise<QualitySnapshotRecord[]> {
    pageSize(first, MAX_QUALITY_HISTORY);
    const rows = await this.history(service, first, range);
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

  /** Stored snapshots of a service, newest first (computed within the range's days, when given). */
  async history(service: Service, first: number, range?: DateRange | null): Promise<DataQualitySnapshot[]> {
    const computedAt = range
      ? Between(new Date(`${range.from}T00:00:00.000Z`), new Date(Date.parse(`${range.to}T00:00:00.000Z`) + 86_399_999))
      : undefined;
    return this.ds.getRepository(DataQualitySnapshot).find({
      where: { service, ...(computedAt ? { computedAt } : {}) },
      order: { computedAt: 'DESC', id: 'DESC' },
      take: first,
    });
  }
}
