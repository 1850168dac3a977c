import { formatNano } from '../../domain/money';

/** Restated metrics stored in nano-units of the account currency; every other metric is a count. */
const MONEY_METRICS = new Set(['spend']);

/** A stored integer value as the exact decimal the API returns: money in currency units, counts as they are. */
export function metricValueText(metric: string, value: bigint): string {
  return MONEY_METRICS.has(metric) ? formatNano(value) : value.toString();
}
