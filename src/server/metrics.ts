import type { DataSource } from 'typeorm';
import { IngestionRun } from '../entities/ingestion-run.entity';
import type { JobsRuntime } from '../jobs/jobs-runtime';

/** Run duration buckets in seconds: from quick pipeline re-runs to hour-long extractions. */
const BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * Prometheus text exposition, computed from the run ledger at scrape time so every process
 * (API and separate workers alike) is counted, whichever one a scrape reaches.
 */
export async function renderMetrics(ds: DataSource, jobs: JobsRuntime | null): Promise<string> {
  const repo = ds.getRepository(IngestionRun);
  const lines: string[] = [];

  const byStatus = await repo
    .createQueryBuilder('r')
    .select('r.service', 'service')
    .addSelect('r.status', 'status')
    .addSelect('COUNT(*)', 'n')
    .addSelect('SUM(r.rows_loaded)', 'rows')
    .groupBy('r.service')
    .addGroupBy('r.status')
    .getRawMany<{ service: string; status: string; n: string | number; rows: string | number | null }>();
  lines.push('# HELP ingestion_runs_total Ingestion runs in the ledger, by service and status.', '# TYPE ingestion_runs_total counter');
  for (const r of byStatus) lines.push(`ingestion_runs_total{service="${label(r.service)}",status="${label(r.status)}"} ${Number(r.n)}`);

  const rows = new Map<string, number>();
  for (const r of byStatus) rows.set(r.service, (rows.get(r.service) ?? 0) + Number(r.rows ?? 0));
  lines.push(
    '# HELP ingestion_rows_loaded_total Rows loaded into the warehouse by ingestion runs.',
    '# TYPE ingestion_rows_loaded_total counter',
  );
  for (const [service, n] of rows) lines.push(`ingestion_rows_loaded_total{service="${label(service)}"} ${n}`);

  const histogram = repo
    .createQueryBuilder('r')
    .select('r.service', 'service')
    .addSelect('COUNT(*)', 'count')
    .addSelect('SUM(r.duration_ms)', 'sum')
    .where("r.status IN ('succeeded', 'failed') AND r.duration_ms IS NOT NULL")
    .groupBy('r.service');
  BUCKETS.forEach((b, i) => histogram.addSelect(`SUM(CASE WHEN r.duration_ms <= ${b * 1000} THEN 1 ELSE 0 END)`, `le${i}`));
  const durations = await histogram.getRawMany<Record<string, string | number>>();
  lines.push('# HELP ingestion_run_duration_seconds Duration of finished runs.', '# TYPE ingestion_run_duration_seconds histogram');
  for (const d of durations) {
    const service = label(String(d.service));
    BUCKETS.forEach((b, i) => lines.push(`ingestion_run_duration_seconds_bucket{service="${service}",le="${b}"} ${Number(d[`le${i}`])}`));
    lines.push(`ingestion_run_duration_seconds_bucket{service="${service}",le="+Inf"} ${Number(d.count)}`);
    lines.push(`ingestion_run_duration_seconds_sum{service="${service}"} ${Number(d.sum) / 1000}`);
    lines.push(`ingestion_run_duration_seconds_count{service="${service}"} ${Number(d.count)}`);
  }

  const lastSuccess = await repo
    .createQueryBuilder('r')
    .select('r.service', 'service')
    .addSelect('MAX(r.finished_at)', 'at')
    .where("r.status = 'succeeded'")
    .groupBy('r.service')
    .getRawMany<{ service: string; at: string | Date }>();
  lines.push(
    '# HELP ingestion_last_success_timestamp_seconds When the last successful run of a service finished.',
    '# TYPE ingestion_last_success_timestamp_seconds gauge',
  );
  for (const r of lastSuccess) {
    const at = r.at instanceof Date ? r.at : new Date(/Z|[+-]\d\d:?\d\d$/.test(r.at) ? r.at : `${r.at.replace(' ', 'T')}Z`);
    lines.push(`ingestion_last_success_timestamp_seconds{service="${label(r.service)}"} ${Math.floor(at.getTime() / 1000)}`);
  }

  if (jobs) {
    lines.push('# HELP ingestion_queue_size Jobs due and not yet running.', '# TYPE ingestion_queue_size gauge');
    lines.push(`ingestion_queue_size ${await jobs.queue.queueSize()}`);
  }
  return `${lines.join('\n')}\n`;
}
